// The mailbox server on the wire, with a raw client: the reply shapes (compared
// with Dovecot 2.3.19, Debian 12's, as read from its source and binaries), the
// session semantics the mail-flow check depends on, and POP3 dot-stuffing.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <sstream>

#include "common/unique_fd.hpp"
#include "mailbox_test_support.hpp"
#include "scripted_smtp_server.hpp"

namespace smtp_ping::test {
namespace {

// Blocking line client with a receive timeout (3 s); TLS after start_tls().
class LineClient {
 public:
  explicit LineClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const timeval timeout{3, 0};
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    connected_ = ::connect(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  bool connected() const { return connected_; }
  void send(const std::string& line) { write_bytes(line + "\r\n"); }
  void send_raw(const std::string& bytes) { write_bytes(bytes); }

  // The next line without CRLF; empty optional at EOF or timeout.
  std::optional<std::string> line() {
    for (;;) {
      const auto newline = buffer_.find("\r\n");
      if (newline != std::string::npos) {
        auto line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 2);
        return line;
      }
      if (!fill()) return std::nullopt;
    }
  }
  std::string bytes(std::size_t count) {
    while (buffer_.size() < count && fill()) {
    }
    auto bytes = buffer_.substr(0, count);
    buffer_.erase(0, bytes.size());
    return bytes;
  }
  // Lines up to and including the first starting with `prefix` (e.g. the tag).
  std::vector<std::string> until(const std::string& prefix) {
    std::vector<std::string> lines;
    while (auto next = line()) {
      lines.push_back(*next);
      if (next->rfind(prefix, 0) == 0) break;
    }
    return lines;
  }
  // Lines up to and including `last` itself (POP3's ".").
  std::vector<std::string> until_line(const std::string& last) {
    std::vector<std::string> lines;
    while (auto next = line()) {
      lines.push_back(*next);
      if (*next == last) break;
    }
    return lines;
  }
  std::vector<std::string> command(const std::string& tag, const std::string& text) {
    send(tag + " " + text);
    return until(tag + " ");
  }

  bool start_tls() {
    context_.reset(SSL_CTX_new(TLS_client_method()));
    ssl_.reset(SSL_new(context_.get()));
    SSL_set_fd(ssl_.get(), fd_.get());
    return SSL_connect(ssl_.get()) == 1;
  }

 private:
  bool fill() {
    char chunk[4096];
    const long n = ssl_ ? SSL_read(ssl_.get(), chunk, sizeof chunk) : ::recv(fd_.get(), chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  void write_bytes(const std::string& bytes) {
    if (ssl_)
      SSL_write(ssl_.get(), bytes.data(), static_cast<int>(bytes.size()));
    else
      ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
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
  std::unique_ptr<SSL_CTX, CtxFree> context_;
  std::unique_ptr<SSL, SslFree> ssl_;  // after the context: freed first
};

using Lines = std::vector<std::string>;

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream stream(text);
  std::vector<std::string> words;
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

// `part` appear in `whole` in the same order.
bool ordered_subset(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  auto at = whole.begin();
  for (const auto& word : part) {
    at = std::find(at, whole.end(), word);
    if (at == whole.end()) return false;
  }
  return true;
}

// Debian 12's Dovecot 2.3.19.1 with its default configuration and TLS enabled:
// the pre-login capability of imap-login (src/login-common, imap-login/client.c),
// and the post-login list compiled into /usr/lib/dovecot/imap (its `strings`),
// to which Dovecot adds LITERAL+ and, with special_use folders, SPECIAL-USE.
const std::string dovecot_greeting_capability =
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN";
const std::string dovecot_capability =
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS "
    "THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED "
    "I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE "
    "SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ SPECIAL-USE";

std::string between_brackets(const std::string& line) {
  const auto open = line.find("[CAPABILITY ");
  const auto close = line.find(']', open);
  return open == std::string::npos ? std::string{} : line.substr(open + 12, close - open - 12);
}

LineClient logged_in_imap(MailboxServer& server) {
  LineClient client(server.port(MailProtocol::imap));
  client.line();
  client.command("L", "LOGIN probe@smtp-ping.test mailbox-secret");
  return client;
}

TEST(MailboxImap, CapabilitiesAreASubsetOfDovecotsInItsOrder) {
  TestTls tls;
  MailboxServer server(tls.script());
  LineClient client(server.port(MailProtocol::imap));
  const auto greeting = client.line().value_or("");
  EXPECT_EQ(greeting.rfind("* OK [CAPABILITY IMAP4rev1 ", 0), 0u) << greeting;
  EXPECT_EQ(greeting.substr(greeting.size() - 7), " ready.");
  const auto before = between_brackets(greeting);
  EXPECT_EQ(before, "IMAP4rev1 SASL-IR LITERAL+ STARTTLS AUTH=PLAIN");
  EXPECT_TRUE(ordered_subset(words_of(before), words_of(dovecot_greeting_capability)));
  EXPECT_EQ(client.command("C", "CAPABILITY"), (Lines{"* CAPABILITY " + before, "C OK Capability completed."}));

  const auto login = client.command("L", "LOGIN probe@smtp-ping.test mailbox-secret");
  ASSERT_EQ(login.size(), 1u);
  EXPECT_EQ(login[0].rfind("L OK [CAPABILITY ", 0), 0u);
  EXPECT_EQ(login[0].substr(login[0].size() - 11), "] Logged in");
  const auto after = words_of(between_brackets(login[0]));
  const auto dovecot = words_of(dovecot_capability);
  for (const auto& word : after) EXPECT_NE(std::find(dovecot.begin(), dovecot.end(), word), dovecot.end()) << word;
  EXPECT_NE(std::find(after.begin(), after.end(), "UIDPLUS"), after.end());
}

TEST(MailboxImap, SelectAndSearchRepliesHaveDovecotsShape) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("a"), {"\\Seen"}, {}});
  server.mailbox().add("INBOX", {probe_message("b"), {}, {}});
  auto client = logged_in_imap(server);
  EXPECT_EQ(
      client.command("S", "SELECT INBOX"),
      (Lines{"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
             "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.", "* 2 EXISTS",
             "* 0 RECENT", "* OK [UNSEEN 2] First unseen.", "* OK [UIDVALIDITY 1700000000] UIDs valid",
             "* OK [UIDNEXT 3] Predicted next UID", "S OK [READ-WRITE] Select completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("F", "UID SEARCH ALL"),
            (Lines{"* SEARCH 1 2", "F OK Search completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("G", "SEARCH UNSEEN"), (Lines{"* SEARCH 2", "G OK Search completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("H", "UID SEARCH HEADER Subject zzz"),
            (Lines{"* SEARCH", "H OK Search completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("E", "EXAMINE Junk").back(), "E OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).");
  EXPECT_EQ(client.command("N", "SELECT Nope"), (Lines{"* OK [CLOSED] Previous mailbox closed.",
                                                       "N NO Mailbox doesn't exist: Nope (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("Q", "SEARCH ALL"), (Lines{"Q BAD No mailbox selected."}));
  EXPECT_EQ(client.command("T", "STATUS INBOX (MESSAGES UIDNEXT UNSEEN)"),
            (Lines{"* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UNSEEN 1)", "T OK Status completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("B", "FROB"), (Lines{"B BAD Error in IMAP command FROB: Unknown command."}));
  EXPECT_EQ(client.command("O", "LOGOUT"), (Lines{"* BYE Logging out", "O OK Logout completed."}));
}

TEST(MailboxImap, FetchItemsInDovecotsOrderAndTheSeenFlag) {
  MailboxServer server;
  const auto date = SystemClock::time_point(std::chrono::seconds(1700000000));
  server.mailbox().add("INBOX", {probe_message("peek"), {}, date});
  const auto content = server.mailbox().message("INBOX", 1)->content;
  auto client = logged_in_imap(server);
  client.command("S", "SELECT INBOX");
  client.send("F UID FETCH 1 (BODY.PEEK[HEADER.FIELDS (X-Smtp-Ping-Token)] RFC822.SIZE INTERNALDATE FLAGS)");
  const auto fields = std::string("X-Smtp-Ping-Token: peek\r\n\r\n");
  EXPECT_EQ(client.line(),
            "* 1 FETCH (UID 1 RFC822.SIZE " + std::to_string(content.size()) +
                " INTERNALDATE \"14-Nov-2023 22:13:20 +0000\" FLAGS () BODY[HEADER.FIELDS (X-SMTP-PING-TOKEN)] {" +
                std::to_string(fields.size()) + "}");
  EXPECT_EQ(client.bytes(fields.size()), fields);
  EXPECT_EQ(client.until("F "), (Lines{")", "F OK Fetch completed (0.001 + 0.000 secs)."}));
  EXPECT_TRUE(server.mailbox().message("INBOX", 1)->flags.empty());  // PEEK

  client.send("G FETCH 1 BODY[]");
  EXPECT_EQ(client.line(), "* 1 FETCH (FLAGS (\\Seen) BODY[] {" + std::to_string(content.size()) + "}");
  EXPECT_EQ(client.bytes(content.size()), content);
  EXPECT_EQ(client.until("G "), (Lines{")", "G OK Fetch completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(server.mailbox().message("INBOX", 1)->flags, std::set<std::string>{"\\Seen"});

  EXPECT_EQ(client.command("H", "UID FETCH 9 BODY[]"), (Lines{"H OK Fetch completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("I", "UID FETCH 1 ENVELOPE").back(),
            "I BAD Error in IMAP command UID FETCH: fetch attribute not served by the test server: ENVELOPE");
}

TEST(MailboxImap, NewMailIsAnnouncedAtTheEndOfACommandLikeDovecot) {
  MailboxServer server;
  auto client = logged_in_imap(server);
  client.command("S", "SELECT INBOX");
  server.mailbox().add("INBOX", {probe_message("new"), {}, {}});
  // The search runs on the session's view; the new message is announced after it ...
  EXPECT_EQ(client.command("A", "UID SEARCH HEADER X-Smtp-Ping-Token new"),
            (Lines{"* SEARCH", "* 1 EXISTS", "A OK Search completed (0.001 + 0.000 secs)."}));
  // ... and found by the next one.
  EXPECT_EQ(client.command("B", "UID SEARCH HEADER X-Smtp-Ping-Token new"),
            (Lines{"* SEARCH 1", "B OK Search completed (0.001 + 0.000 secs)."}));
  server.mailbox().add("INBOX", {probe_message("newer"), {}, {}});
  EXPECT_EQ(client.command("N", "NOOP"), (Lines{"* 2 EXISTS", "N OK NOOP completed."}));
}

TEST(MailboxImap, StoreAndExpungeAnnouncements) {
  MailboxServer server;
  for (const char* token : {"a", "b", "c"}) server.mailbox().add("INBOX", {probe_message(token), {}, {}});
  auto client = logged_in_imap(server);
  client.command("S", "SELECT INBOX");
  EXPECT_EQ(client.command("A", "STORE 1:2 +FLAGS.SILENT (\\Deleted)"),
            (Lines{"A OK Store completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("B", "UID STORE 3 +FLAGS (\\Flagged)"),
            (Lines{"* 3 FETCH (UID 3 FLAGS (\\Flagged))", "B OK Store completed (0.001 + 0.000 secs)."}));
  // Sequence numbers shift as each EXPUNGE is announced.
  EXPECT_EQ(client.command("C", "EXPUNGE"),
            (Lines{"* 1 EXPUNGE", "* 1 EXPUNGE", "C OK Expunge completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(server.mailbox().uids("INBOX"), std::vector<std::uint32_t>{3});

  // Another session's expunge: not announced during FETCH (RFC 3501 §7.4.1), at NOOP.
  server.mailbox().change_flags("INBOX", 3, Mailbox::FlagChange::add, {"\\Deleted"});
  server.mailbox().expunge("INBOX");
  EXPECT_EQ(client.command("D", "FETCH 1 FLAGS"), (Lines{"D OK Fetch completed (0.001 + 0.000 secs)."}));
  EXPECT_EQ(client.command("E", "NOOP"), (Lines{"* 1 EXPUNGE", "E OK NOOP completed."}));
}

TEST(MailboxImap, LiteralsFromTheClient) {
  MailboxServer server;
  LineClient client(server.port(MailProtocol::imap));
  client.line();
  client.send("L LOGIN {20}");
  EXPECT_EQ(client.line(), "+ OK");                                     // synchronizing literal
  client.send_raw("probe@smtp-ping.test {14+}\r\nmailbox-secret\r\n");  // LITERAL+
  const auto reply = client.until("L ");
  EXPECT_EQ(reply.back().rfind("L OK ", 0), 0u);
  EXPECT_TRUE(server.connections()[0].authenticated);
}

TEST(MailboxImap, AuthenticateWithContinuationsAndFailures) {
  MailboxScript script;
  script.sasl_mechanisms = {"PLAIN", "LOGIN"};
  MailboxServer server(script);
  LineClient client(server.port(MailProtocol::imap));
  client.line();
  EXPECT_EQ(client.command("A", "AUTHENTICATE PLAIN AHByb2JlQHNtdHAtcGluZy50ZXN0AHdyb25n"),
            (Lines{"A NO [AUTHENTICATIONFAILED] Authentication failed."}));
  client.send("B AUTHENTICATE LOGIN");
  EXPECT_EQ(client.line(), "+ VXNlcm5hbWU6");
  client.send("*");
  EXPECT_EQ(client.line(), "B BAD Authentication aborted by client.");
  EXPECT_EQ(client.command("C", "AUTHENTICATE CRAM-MD5"), (Lines{"C NO Unsupported authentication mechanism."}));
  client.send("D AUTHENTICATE PLAIN");
  EXPECT_EQ(client.line(), "+ ");
  client.send("AHByb2JlQHNtdHAtcGluZy50ZXN0AG1haWxib3gtc2VjcmV0");
  EXPECT_EQ(client.line().value_or("").rfind("D OK [CAPABILITY ", 0), 0u);
}

TEST(MailboxImap, ScriptedRepliesAndDelays) {
  MailboxScript script;
  script.reply("GREETING", "* OK [ALERT] maintenance tonight").reply("NOOP", "* 99 EXISTS\n$TAG OK odd but fine");
  MailboxServer server(script);
  LineClient client(server.port(MailProtocol::imap));
  EXPECT_EQ(client.line(), "* OK [ALERT] maintenance tonight");
  EXPECT_EQ(client.command("X7", "NOOP"), (Lines{"* 99 EXISTS", "X7 OK odd but fine"}));
}

// Debian's Dovecot 2.3.19.1 answers CAPA with src/pop3/pop3-capability.h's list, then
// STLS (TLS on, not active), USER (plaintext allowed) and SASL with the mechanisms
// (src/pop3-login/client-authenticate.c cmd_capa).
TEST(MailboxPop3, CapaHasDovecotsShape) {
  TestTls tls;
  MailboxServer server(tls.script());
  LineClient client(server.port(MailProtocol::pop3));
  EXPECT_EQ(client.line(), "+OK mailbox.smtp-ping.test ready.");  // no APOP timestamp: curl would use APOP
  client.send("CAPA");
  EXPECT_EQ(client.until_line("."), (Lines{"+OK", "CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE",
                                           "STLS", "USER", "SASL PLAIN", "."}));
  client.send("STLS");
  EXPECT_EQ(client.line(), "+OK Begin TLS negotiation now.");
  ASSERT_TRUE(client.start_tls());
  client.send("CAPA");
  EXPECT_EQ(client.until_line(".").size(), 10u);  // no STLS any more
  client.send("USER probe@smtp-ping.test");
  EXPECT_EQ(client.line(), "+OK");
  client.send("PASS wrong");
  EXPECT_EQ(client.line(), "-ERR [AUTH] Authentication failed.");
}

LineClient logged_in_pop3(MailboxServer& server) {
  LineClient client(server.port(MailProtocol::pop3));
  client.line();
  client.send("USER probe@smtp-ping.test");
  client.line();
  client.send("PASS mailbox-secret");
  EXPECT_EQ(client.line(), "+OK Logged in.");
  return client;
}

TEST(MailboxPop3, RetrIsDotStuffedOnTheWire) {
  MailboxServer server;
  server.mailbox().add("INBOX", {compose_message({{"Subject", "dots"}}, ".\n..\n.x\nA001 OK\n"), {}, {}});
  auto client = logged_in_pop3(server);
  client.send("RETR 1");
  EXPECT_EQ(client.until_line("."), (Lines{"+OK 37 octets", "Subject: dots", "", "..", "...", "..x", "A001 OK", "."}));
  client.send("TOP 1 1");
  EXPECT_EQ(client.until_line("."), (Lines{"+OK", "Subject: dots", "", "..", "."}));
  client.send("RETR 2");
  EXPECT_EQ(client.line(), "-ERR There's no message 2.");
}

TEST(MailboxPop3, MaildropIsFixedAtLoginAndDeleTakesEffectAtQuit) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("one"), {}, {}});
  {
    auto client = logged_in_pop3(server);
    server.mailbox().add("INBOX", {probe_message("later"), {}, {}});
    client.send("STAT");
    EXPECT_EQ(client.line(), "+OK 1 " + std::to_string(server.mailbox().message("INBOX", 1)->content.size()));
    client.send("DELE 1");
    EXPECT_EQ(client.line(), "+OK Marked to be deleted.");
    client.send("DELE 1");
    EXPECT_EQ(client.line(), "-ERR Message is deleted.");
    client.send("RSET");
    EXPECT_EQ(client.line(), "+OK");
    client.send("DELE 1");
    client.line();
    // Dropped without QUIT: nothing is deleted.
  }
  ASSERT_TRUE(server.wait_for_finished(1, Millis(3000)));
  EXPECT_EQ(server.mailbox().uids("INBOX").size(), 2u);
  auto client = logged_in_pop3(server);
  client.send("UIDL");
  EXPECT_EQ(client.until_line("."), (Lines{"+OK", "1 000000016553F100", "2 000000026553F100", "."}));
  client.send("DELE 2");
  client.line();
  client.send("QUIT");
  EXPECT_EQ(client.line(), "+OK Logging out, messages deleted.");
  ASSERT_TRUE(server.wait_for_finished(2, Millis(3000)));
  EXPECT_EQ(server.mailbox().uids("INBOX"), std::vector<std::uint32_t>{1});
}

// The scripted SMTP server hands what it accepts to the mailbox: mail flow
// between our own two servers, dot-stuffing undone on the way.
TEST(MailboxDelivery, SmtpServerDeliversIntoTheMailbox) {
  MailboxServer mailbox_server;
  ServerScript smtp;
  smtp.on_message = [&](const std::string& message) {
    mailbox_server.mailbox().deliver_after("INBOX", {message, {}, {}}, Millis(0));
  };
  ScriptedSmtpServer smtp_server(smtp);
  LineClient client(smtp_server.port());
  client.line();
  for (const char* command : {"EHLO me", "MAIL FROM:<probe@smtp-ping.test>", "RCPT TO:<probe@smtp-ping.test>"}) {
    client.send(command);
    client.until("250 ");
  }
  client.send("DATA");
  client.line();
  client.send("Subject: via smtp\r\n\r\n..leading dot\r\n.");
  EXPECT_EQ(client.line().value_or("").substr(0, 3), "250");
  const auto messages = mailbox_server.mailbox().messages("INBOX");  // delivered before the 250
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].content, "Subject: via smtp\r\n\r\n.leading dot\r\n");
}

TEST(MailboxServerLifecycle, StopsWithIdleAndStalledClients) {
  const auto started = std::chrono::steady_clock::now();
  {
    MailboxScript script;
    script.delay("NOOP", Millis(60'000));
    MailboxServer server(script);
    LineClient idle(server.port(MailProtocol::pop3));
    auto stalled = logged_in_imap(server);
    stalled.send("N NOOP");
    EXPECT_TRUE(idle.connected());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));  // no hang, not a speed claim
}

TEST(MailboxServerLifecycle, LoopbackOnly) {
  EXPECT_THROW(MailboxServer(MailboxScript{}, MailboxListen{"0.0.0.0"}), std::invalid_argument);
  EXPECT_THROW(MailboxServer(MailboxScript{}, MailboxListen{"192.0.2.1"}), std::invalid_argument);
  MailboxServer v6(MailboxScript{}, MailboxListen{"::1"});
  EXPECT_EQ(v6.url("imap").rfind("imap://[::1]:", 0), 0u);
  EXPECT_THROW(v6.url("imaps"), std::invalid_argument);  // no TLS, no imaps listener
}

}  // namespace
}  // namespace smtp_ping::test
