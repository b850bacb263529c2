// The scripted server itself, driven by a minimal raw client.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <string>

#include "common/unique_fd.hpp"
#include "sasl.hpp"
#include "scripted_smtp_server.hpp"
#include "temp_dir.hpp"
#include "test_certificate.hpp"

namespace smtp_ping::test {
namespace {

// Blocking client with a receive timeout; TLS after start_tls().
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const timeval timeout{3, 0};
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    connected_ = ::connect(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() {
    ssl_.reset();
    context_.reset();
  }

  bool connected() const { return connected_; }
  void send(const std::string& line) { write_bytes(line + "\r\n"); }

  // The lines of one reply joined by '\n'; empty at EOF or timeout.
  std::string reply() {
    std::string lines;
    while (auto line = read_line()) {
      lines += (lines.empty() ? "" : "\n") + *line;
      if (line->size() < 4 || (*line)[3] != '-') return lines;
    }
    return lines;
  }
  std::string command(const std::string& line) {
    send(line);
    return reply();
  }
  int last_errno() const { return last_errno_; }

  bool start_tls() {
    context_.reset(SSL_CTX_new(TLS_client_method()));
    ssl_.reset(SSL_new(context_.get()));
    SSL_set_fd(ssl_.get(), fd_.get());
    char server_name[] = "demo.smtp-ping.test";
    // SSL_set_tlsext_host_name() is a macro with a C cast.
    SSL_ctrl(ssl_.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, server_name);
    return SSL_connect(ssl_.get()) == 1;
  }

 private:
  std::optional<std::string> read_line() {
    for (;;) {
      const auto newline = buffer_.find("\r\n");
      if (newline != std::string::npos) {
        auto line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 2);
        return line;
      }
      char chunk[4096];
      const long n = ssl_ ? SSL_read(ssl_.get(), chunk, sizeof chunk) : ::recv(fd_.get(), chunk, sizeof chunk, 0);
      if (n <= 0) {
        last_errno_ = errno;
        return std::nullopt;
      }
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  void write_bytes(const std::string& bytes) {
    if (ssl_) SSL_write(ssl_.get(), bytes.data(), static_cast<int>(bytes.size()));
    else ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }

  struct CtxFree {
    void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
  };
  struct SslFree {
    void operator()(SSL* s) const { SSL_free(s); }
  };
  UniqueFd fd_;
  bool connected_ = false;
  std::string buffer_;
  int last_errno_ = 0;
  std::unique_ptr<SSL_CTX, CtxFree> context_;
  std::unique_ptr<SSL, SslFree> ssl_;
};

TEST(ScriptedServer, DefaultDialogIsRecorded) {
  ScriptedSmtpServer server;
  RawClient client(server.port());
  EXPECT_EQ(client.reply(), "220 demo.smtp-ping.test ESMTP smtp-ping test server");
  const auto ehlo = client.command("EHLO me");
  EXPECT_NE(ehlo.find("250-PIPELINING"), std::string::npos);
  EXPECT_EQ(ehlo.find("STARTTLS"), std::string::npos);
  EXPECT_EQ(client.command("MAIL FROM:<a@b>"), "250 2.1.0 Ok");
  EXPECT_EQ(client.command("RCPT TO:<c@d>"), "250 2.1.5 Ok");
  EXPECT_EQ(client.command("DATA").substr(0, 3), "354");
  client.send("Subject: hi\r\n\r\nbody\r\n.");
  EXPECT_EQ(client.reply().substr(0, 3), "250");
  EXPECT_EQ(client.command("FOO"), "502 5.5.2 Error: command not recognized");
  EXPECT_EQ(client.command("QUIT"), "221 2.0.0 Bye");
  EXPECT_EQ(client.reply(), "");  // closed

  const auto record = server.first_connection();
  EXPECT_TRUE(record.finished);
  EXPECT_TRUE(record.quit);
  EXPECT_FALSE(record.pregreet);
  EXPECT_EQ(record.peer_address, "127.0.0.1");
  EXPECT_TRUE(record.received("EHLO me"));
  EXPECT_EQ(record.data, "Subject: hi\n\nbody\n");
}

TEST(ScriptedServer, TalkingBeforeTheGreetingIsPregreet) {
  ServerScript script;
  script.greet(default_reply_after(Millis(200)));
  ScriptedSmtpServer server(script);
  RawClient client(server.port());
  client.send("EHLO early");
  EXPECT_EQ(client.reply().substr(0, 3), "220");
  EXPECT_EQ(client.reply().substr(0, 3), "250");
  EXPECT_TRUE(server.connections().front().pregreet);
}

TEST(ScriptedServer, ScriptedRepliesDelaysAndFaults) {
  ServerScript script;
  script.on("RCPT", reply("550 5.1.1 unknown").after(Millis(20)))
      .on("VRFY", reply("252-a\n252 b").lines_apart(Millis(10)))
      .on("NOOP", fault(Fault::reset("250-part")));
  ScriptedSmtpServer server(script);
  RawClient client(server.port());
  client.reply();
  EXPECT_EQ(client.command("RCPT TO:<x@y>"), "550 5.1.1 unknown");
  EXPECT_EQ(client.command("VRFY x"), "252-a\n252 b");
  EXPECT_EQ(client.command("NOOP"), "");
  EXPECT_EQ(client.last_errno(), ECONNRESET);
}

TEST(ScriptedServer, ConnectionFaultsByIndex) {
  ServerScript script;
  script.connection(2, ConnectionFault::close);
  ScriptedSmtpServer server(script);
  RawClient first(server.port());
  EXPECT_EQ(first.reply().substr(0, 3), "220");
  RawClient second(server.port());
  EXPECT_EQ(second.reply(), "");
  RawClient third(server.port());
  EXPECT_EQ(third.reply().substr(0, 3), "220");
}

TEST(ScriptedServer, StallEndsWhenTheServerStops) {
  const auto started = std::chrono::steady_clock::now();
  {
    ServerScript script;
    script.greet(fault(Fault::stall()));
    ScriptedSmtpServer server(script);
    RawClient client(server.port());
    ASSERT_TRUE(client.connected());
    server.wait_for_finished(1, Millis(100));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(ScriptedServer, UnixSocket) {
  TempDir dir;
  ScriptedSmtpServer server(ServerScript{}, ListenAddress::unix_socket(dir.file("s.sock")));
  EXPECT_EQ(server.address(), dir.file("s.sock"));
}

ServerScript with_account() {
  ServerScript script;
  script.auth = AuthSettings{"user@example.org", "s3cret"};
  return script;
}

TEST(ScriptedServer, AuthPlainAndLogin) {
  ScriptedSmtpServer server(with_account());
  RawClient client(server.port());
  client.reply();
  EXPECT_NE(client.command("EHLO me").find("250-AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER"), std::string::npos);
  EXPECT_EQ(client.command("AUTH PLAIN " + base64_encode(std::string("\0user@example.org\0wrong", 23))).substr(0, 9),
            "535 5.7.8");
  EXPECT_EQ(client.command("AUTH PLAIN " + base64_encode(std::string("\0user@example.org\0s3cret", 24))).substr(0, 3),
            "235");
  EXPECT_EQ(client.command("AUTH LOGIN"), "334 VXNlcm5hbWU6");
  EXPECT_EQ(client.command(base64_encode("user@example.org")), "334 UGFzc3dvcmQ6");
  EXPECT_EQ(client.command(base64_encode("s3cret")).substr(0, 3), "235");
}

TEST(ScriptedServer, AuthCramMd5AndBearer) {
  ScriptedSmtpServer server(with_account());
  RawClient client(server.port());
  client.reply();
  const auto challenge = base64_decode(client.command("AUTH CRAM-MD5").substr(4));
  ASSERT_TRUE(challenge.has_value());
  const auto answer = "user@example.org " + hmac_md5_hex("s3cret", *challenge);
  EXPECT_EQ(client.command(base64_encode(answer)).substr(0, 3), "235");

  const std::string xoauth2 = "user=user@example.org\x01" "auth=Bearer s3cret\x01\x01";
  EXPECT_EQ(client.command("AUTH XOAUTH2 " + base64_encode(xoauth2)).substr(0, 3), "235");
  const std::string bad_bearer = "n,a=user@example.org,\x01" "auth=Bearer nope\x01\x01";
  EXPECT_EQ(client.command("AUTH OAUTHBEARER " + base64_encode(bad_bearer)).substr(0, 3), "334");
  EXPECT_EQ(client.command("").substr(0, 9), "535 5.7.8");
}

TEST(ScriptedServer, StartTls) {
  TempDir dir;
  const auto cert = make_self_signed_certificate(dir.path().string(), "server");
  ServerScript script;
  script.tls = TlsSettings{cert.cert_file, cert.key_file};
  ScriptedSmtpServer server(script);
  RawClient client(server.port());
  client.reply();
  EXPECT_NE(client.command("EHLO me").find("250-STARTTLS"), std::string::npos);
  EXPECT_EQ(client.command("STARTTLS").substr(0, 3), "220");
  ASSERT_TRUE(client.start_tls());
  EXPECT_EQ(client.command("EHLO me").find("STARTTLS"), std::string::npos);
  EXPECT_EQ(client.command("QUIT").substr(0, 3), "221");
  const auto record = server.first_connection();
  EXPECT_TRUE(record.tls);
  EXPECT_EQ(record.sni, "demo.smtp-ping.test");
}

TEST(ScriptedServer, ImplicitTls) {
  TempDir dir;
  const auto cert = make_self_signed_certificate(dir.path().string(), "server");
  ServerScript script;
  script.tls = TlsSettings{cert.cert_file, cert.key_file, true};
  ScriptedSmtpServer server(script);
  RawClient client(server.port());
  ASSERT_TRUE(client.start_tls());
  EXPECT_EQ(client.reply().substr(0, 3), "220");
  EXPECT_EQ(client.command("QUIT").substr(0, 3), "221");
}

TEST(ScriptedServer, TlsHandshakeStall) {
  TempDir dir;
  const auto cert = make_self_signed_certificate(dir.path().string(), "server");
  ServerScript script;
  script.tls = TlsSettings{cert.cert_file, cert.key_file, false, TlsFault::stall_handshake};
  script.idle_timeout = Millis(500);
  ScriptedSmtpServer server(script);
  RawClient client(server.port());
  client.reply();
  EXPECT_EQ(client.command("STARTTLS").substr(0, 3), "220");
  EXPECT_FALSE(client.start_tls());
}

}  // namespace
}  // namespace smtp_ping::test
