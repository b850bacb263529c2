// Hostile servers before and during the greeting (phase banner).
#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

TEST(HostileGreeting, SilenceAfterConnectTimesOutInBanner) {
  ServerScript script;
  script.connection(1, ConnectionFault::stall);
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

TEST(HostileGreeting, SilenceAfterConnectHonoursTimeoutState) {
  ServerScript script;
  script.connection(1, ConnectionFault::stall);
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"--timeout-state", "unknown"});

  expect_hostile_failure(run, exit_unknown, "UNKNOWN", "banner");
}

TEST(HostileGreeting, GreetingTrickledOneBytePerSecondTimesOutInBanner) {
  ServerScript script;
  script.greet(reply("220 trickle.example ESMTP").trickled(Millis(1'000)));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

std::vector<std::string> continuation_lines(std::size_t count) {
  std::vector<std::string> lines;
  lines.reserve(count + 1);
  for (std::size_t i = 0; i < count; ++i) lines.push_back("220-endless continuation line " + std::to_string(i));
  lines.emplace_back("220 never reached");
  return lines;
}

TEST(HostileGreeting, EndlessSlowContinuationLinesTimeOutInBanner) {
  ServerScript script;
  Step endless;
  endless.lines = continuation_lines(5'000);  // 10 ms apart: 50 s, far past the deadline
  script.greet(endless.lines_apart(Millis(10)));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

TEST(HostileGreeting, FloodOfContinuationLinesHitsTheLineLimit) {
  ServerScript script;
  Step flood;
  flood.lines = continuation_lines(100'000);  // one write of about 3 MB
  script.greet(flood);
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "more than 1000 lines")) << run.describe();
}

TEST(HostileGreeting, MegabyteLineWithoutCrlfHitsTheLineLimit) {
  ServerScript script;
  script.greet(fault(Fault::raw("220 " + std::string(1 << 20, 'x'))));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "longer than 16384 bytes")) << run.describe();
}

TEST(HostileGreeting, BinaryGarbageInsteadOfGreetingIsProtocolError) {
  ServerScript script;
  script.greet(fault(Fault::raw(bytes("\x00\x01\x02\xff\xfe\x1b[2J\x9b" "31m NOT SMTP \x7f\r\n"))));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-v"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "invalid reply")) << run.describe();
}

TEST(HostileGreeting, NonNumericGreetingIsProtocolError) {
  ServerScript script;
  script.greet(reply("Welcome to my totally real mail server"));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "three-digit code")) << run.describe();
}

TEST(HostileGreeting, HttpAnswerInsteadOfGreetingIsProtocolError) {
  ServerScript script;
  script.greet(fault(Fault::garbage("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
}

TEST(HostileGreeting, MultiLineGreetingWithMismatchedCodesIsProtocolError) {
  ServerScript script;
  script.greet(reply("220-mismatch.example ESMTP\n554 but now I refuse"));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "changed its code")) << run.describe();
}

TEST(HostileGreeting, EofBeforeTheGreetingIsCriticalInBanner) {
  ServerScript script;
  script.connection(1, ConnectionFault::close);
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
}

TEST(HostileGreeting, ResetBeforeTheGreetingIsCriticalInConnectOrBanner) {
  ServerScript script;
  script.connection(1, ConnectionFault::reset);
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  // On loopback the RST often arrives before the non-blocking connect() is
  // confirmed (SO_ERROR is then ECONNRESET), so the phase is connect or banner.
  expect_within_deadline(run);
  expect_state(run, exit_critical, "CRITICAL");
  expect_safe_plugin_output(run);
  EXPECT_TRUE(contains(run.first_line(), ": connect failed: ") || contains(run.first_line(), ": banner failed: "))
      << run.describe();
}

TEST(HostileGreeting, EofInTheMiddleOfTheGreetingIsCriticalInBanner) {
  ServerScript script;
  script.greet(fault(Fault::close("220-half.example ESMTP\r\n220 half a li")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
}

TEST(HostileGreeting, EofRightAfterTheGreetingIsCriticalInEhlo) {
  ServerScript script;
  script.greet(Step{}.then(Fault::close()));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
}

// Part of the greeting arrived, so the connection was established: the phase
// is banner. (Seen failing under load: the core reported "connect failed:
// Connection reset by peer" when SO_ERROR already held the later RST, see
// lib/net/socket_connect.cpp wait_until_connected().)
TEST(HostileGreeting, ResetInTheMiddleOfTheGreetingIsCriticalInBanner) {
  ServerScript script;
  script.greet(fault(Fault::reset("220-reset.example ESMTP\r\n220-and then")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
}

TEST(HostileGreeting, GreetingLineOf64KiBHitsTheLineLimit) {
  ServerScript script;
  script.greet(reply("220 " + std::string(64 * 1024, 'g')));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "longer than 16384 bytes")) << run.describe();
}

TEST(HostileGreeting, GreetingTwiceIsOutOfStepBeforeEhlo) {
  ServerScript script;
  script.greet(fault(Fault::raw("220 first.example ESMTP\r\n220 second.example ESMTP\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
  EXPECT_TRUE(contains(run.first_line(), "nobody asked for")) << run.describe();
  // Nothing may be sent to a server that is out of step.
  EXPECT_FALSE(server.first_connection().received_prefix("EHLO")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test::hostile
