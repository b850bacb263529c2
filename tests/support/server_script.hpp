#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smtp_ping::test {

using Millis = std::chrono::milliseconds;

// Something a broken server does instead of (or after) a proper reply.
// `bytes` are written first, so a fault can strike in the middle of a reply.
struct Fault {
  enum class Kind {
    stall,    // never answer; keep the socket open until the server stops
    close,    // FIN
    reset,    // RST (SO_LINGER 0)
    garbage,  // junk that is no SMTP reply, then carry on reading
    raw,      // exactly `bytes` (bare LF, NUL, no CRLF...), then carry on reading
    huge,     // a multi-line 250 reply of about `size` bytes, then carry on reading
  };
  Kind kind = Kind::stall;
  std::string bytes;
  std::size_t size = 0;

  static Fault stall(std::string partial = {}) { return {Kind::stall, std::move(partial), 0}; }
  static Fault close(std::string partial = {}) { return {Kind::close, std::move(partial), 0}; }
  static Fault reset(std::string partial = {}) { return {Kind::reset, std::move(partial), 0}; }
  static Fault garbage(std::string junk = "\x01\x02\xff\xfe NOT SMTP \x7f\r\n") {
    return {Kind::garbage, std::move(junk), 0};
  }
  static Fault raw(std::string exact) { return {Kind::raw, std::move(exact), 0}; }
  static Fault huge(std::size_t bytes = 1 << 20) { return {Kind::huge, {}, bytes}; }
};

// What the server does at one point of the dialog: the greeting, or the
// answer to one command. A value built fluently:
//   reply("550 5.1.1 unknown").after(Millis(50))
//   reply("220-a\n220 b").lines_apart(Millis(20))
//   fault(Fault::stall())
struct Step {
  std::vector<std::string> lines;  // complete reply lines without CRLF; empty: the default reply
  Millis delay{0};                 // before the first byte
  Millis line_delay{0};            // between the lines of a multi-line reply
  Millis trickle{0};               // between single bytes
  std::optional<Fault> fault;
  bool fault_after_reply = false;  // send the reply first, then the fault

  Step after(Millis d) const { Step s = *this; s.delay = d; return s; }
  Step lines_apart(Millis d) const { Step s = *this; s.line_delay = d; return s; }
  Step trickled(Millis d) const { Step s = *this; s.trickle = d; return s; }
  Step then(Fault f) const { Step s = *this; s.fault = std::move(f); s.fault_after_reply = true; return s; }
};

// A reply given as text; several lines are separated by '\n'.
Step reply(std::string_view text);
// The default reply, only delayed.
Step default_reply_after(Millis delay);
Step fault(Fault f);

enum class TlsFault {
  none,
  garbage,          // junk where the ServerHello should be
  silence,          // read nothing, answer nothing
  stall_handshake,  // read the ClientHello, send half a TLS record, stall
};

struct TlsSettings {
  std::string cert_file;  // PEM
  std::string key_file;   // PEM
  bool implicit = false;  // handshake right after connect (SMTPS) instead of STARTTLS
  TlsFault fault = TlsFault::none;
};

struct AuthSettings {
  std::string user;
  std::string secret;  // password, or the bearer token for XOAUTH2/OAUTHBEARER
  std::vector<std::string> mechanisms{"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER"};
  // A careless server: its 535 quotes what the client sent, base64 and decoded.
  bool echo_credentials = false;
};

// What happens to a whole connection, chosen by its accept index (1-based).
enum class ConnectionFault {
  close,  // FIN right after accept, no greeting
  reset,  // RST right after accept
  stall,  // accept, then say nothing
};

// How the server behaves on every connection. A plain value: copy and tweak.
struct ServerScript {
  std::string hostname = "demo.smtp-ping.test";
  Step greeting;  // default: "220 <hostname> ESMTP smtp-ping test server"
  // Answers by upper-case verb ("EHLO", "RCPT", ...), "*" for any verb without
  // its own entry, "." for the end of DATA. A missing verb gets the default.
  std::map<std::string, Step> commands;
  // Answers to command lines that begin with a text (as sent, upper-case verb), tried before
  // `commands` in order: "RCPT TO:<relay-test%" answers only the percent hack.
  std::vector<std::pair<std::string, Step>> lines_starting;
  std::map<int, ConnectionFault> connection_faults;
  bool expect_proxy = false;  // a HAProxy PROXY v1 line comes before anything else
  std::optional<TlsSettings> tls;
  std::optional<AuthSettings> auth;
  Millis idle_timeout{10'000};  // a client silent this long is dropped
  Millis lifetime{120'000};     // the server stops by itself after this
  int max_connections = 0;      // stop accepting after this many; 0: no limit
  // Under load (check_smtp_ping --load): connections after the first
  // `throttle_after` get Postfix anvil's 421 greeting and are closed; the
  // greeting waits `delay_per_open_connection` for every other connection
  // open at the time (so percentiles move with concurrency); RCPT gets a
  // 451 on `random_451_percent` of the connections, picked by a fixed hash
  // of the connection's index (the same run gives the same picks).
  int throttle_after = 0;
  Millis delay_per_open_connection{0};
  int random_451_percent = 0;
  // Called (on the session's thread) with every message the final DATA reply
  // accepted (2xx), as delivered: dot-stuffing undone, CRLF line ends. Lets a
  // test deliver it into a MailboxServer's mailbox.
  std::function<void(const std::string& message)> on_message;

  ServerScript& on(const std::string& verb, Step step);
  ServerScript& on_line_starting(const std::string& prefix, Step step);
  ServerScript& greet(Step step);
  ServerScript& connection(int index, ConnectionFault what);
};

}  // namespace smtp_ping::test
