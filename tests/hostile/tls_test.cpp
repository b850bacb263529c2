// Hostile servers around TLS: STARTTLS accepted but no real handshake, and
// implicit TLS that never answers.
#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

ServerScript starttls_script(const TlsServerFiles& files, TlsFault what) {
  ServerScript script;
  script.tls = files.settings(false, what);
  return script;
}

// Expected: the server reads the ClientHello and answers garbage, so the
// handshake fails (phase tls). KNOWN GAP of the test server: TlsFault::garbage
// writes its junk right after "220 Ready", before the ClientHello, so the check
// usually sees it as data behind the STARTTLS reply (phase starttls, also
// CRITICAL) and this test fails until the fault waits for the ClientHello.
TEST(HostileTls, StarttlsAcceptedThenGarbageInsteadOfServerHello) {
  TlsServerFiles files;
  ScriptedSmtpServer server(starttls_script(files, TlsFault::garbage));
  const auto run = hostile_check(server, {"-S", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "tls");
  EXPECT_FALSE(contains(run.first_line(), "timeout")) << run.describe();
}

TEST(HostileTls, StarttlsAcceptedThenSilenceTimesOutInTls) {
  TlsServerFiles files;
  ScriptedSmtpServer server(starttls_script(files, TlsFault::silence));
  const auto run = hostile_check(server, {"-S", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "tls");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

TEST(HostileTls, HandshakeStallingHalfwayTimesOutInTls) {
  TlsServerFiles files;
  ScriptedSmtpServer server(starttls_script(files, TlsFault::stall_handshake));
  const auto run = hostile_check(server, {"-S", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "tls");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

TEST(HostileTls, StarttlsAnsweredWithDataBehindTheReplyIsRefused) {
  // RFC 3207 command injection in reverse: bytes after "220" that would be
  // read as part of the TLS session.
  TlsServerFiles files;
  ServerScript script = starttls_script(files, TlsFault::silence);
  script.on("STARTTLS", fault(Fault::raw("220 2.0.0 Ready\r\n250 injected\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-S", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "starttls");
}

TEST(HostileTls, StarttlsAnsweredWithGarbageIsProtocolError) {
  TlsServerFiles files;
  ServerScript script = starttls_script(files, TlsFault::none);
  script.on("STARTTLS", fault(Fault::garbage()));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-S", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "starttls");
}

TEST(HostileTls, ImplicitTlsNeverAnsweringTimesOutInTls) {
  TlsServerFiles files;
  ServerScript script;
  script.tls = files.settings(true, TlsFault::silence);
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-s", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "tls");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

TEST(HostileTls, ImplicitTlsAnsweredWithPlainSmtpFailsInTls) {
  // A plain server on the SMTPS port: its greeting is no ServerHello.
  ServerScript script;
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-s", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "tls");
}

TEST(HostileTls, ImplicitTlsHandshakeStallingHalfwayTimesOutInTls) {
  TlsServerFiles files;
  ServerScript script;
  script.tls = files.settings(true, TlsFault::stall_handshake);
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-s", "--no-verify"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "tls");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test::hostile
