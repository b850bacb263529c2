// Broken or unwilling servers: the state, the failing phase and the server's words.
#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

TEST(Failure, Greeting554IsCriticalAndStillQuits) {
  ServerScript script;
  script.greet(reply("554 5.3.2 demo.smtp-ping.test closed for maintenance"));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.out, "554 5.3.2 demo.smtp-ping.test closed for maintenance")) << run.describe();
  EXPECT_TRUE(contains(run.out, "banner")) << run.describe();
  EXPECT_TRUE(server.first_connection().quit);
}

TEST(Failure, ConnectionRefusedIsCritical) {
  const auto run = run_check({"-H", "127.0.0.1", "-p", std::to_string(unused_port()), "-t", "5"}, Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.out, "connect")) << run.describe();
}

ServerScript silent_for_10_seconds() {
  ServerScript script;
  script.greet(default_reply_after(Millis(10'000)));
  return script;
}

TEST(Timeout, SlowBannerIsCriticalWithinTheDeadline) {
  ScriptedSmtpServer server(silent_for_10_seconds());
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-t", "2"}, Millis(6'000));

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_LT(run.wall, Millis(2'300)) << run.describe();
  EXPECT_TRUE(contains(run.out, "banner")) << run.describe();
}

TEST(Timeout, TimeoutStateUnknown) {
  ScriptedSmtpServer server(silent_for_10_seconds());
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-t", "1", "--timeout-state", "unknown"},
                             Millis(6'000));

  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_LT(run.wall, Millis(1'300)) << run.describe();
}

TEST(Timeout, TimeoutStateWarning) {
  ScriptedSmtpServer server(silent_for_10_seconds());
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-t", "1", "--timeout-state", "warning"},
                             Millis(6'000));

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
}

TEST(Timeout, StalledRcptNamesRcpt) {
  ServerScript script;
  script.on("RCPT", fault(Fault::stall()));
  ScriptedSmtpServer server(script);
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-F", "me", "-t", "1", "-f", "a@b",
                                                                                    "--rcpt", "c@d"},
                             Millis(6'000));

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_LT(run.wall, Millis(1'300)) << run.describe();
  EXPECT_TRUE(contains(run.out, "rcpt")) << run.describe();
}

ServerScript rcpt_answered(const std::string& answer) {
  ServerScript script;
  script.on("RCPT", reply(answer));
  return script;
}

TEST(Failure, RecipientRejectedIsCriticalQuotingTheReply) {
  const std::string answer = "550 5.1.1 <unknown@example.org>: Recipient address rejected";
  ScriptedSmtpServer server(rcpt_answered(answer));
  const auto run = check(server, {"-f", "a@example.org", "--rcpt", "unknown@example.org"});

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "rcpt")) << run.describe();
  EXPECT_TRUE(contains(run.out, answer)) << run.describe();
  EXPECT_TRUE(server.first_connection().quit);
}

TEST(Failure, RecipientTemporarilyRejectedIsWarning) {
  ScriptedSmtpServer server(rcpt_answered("450 4.2.0 <unknown@example.org>: Recipient address rejected: Greylisted"));
  const auto run = check(server, {"-f", "a@example.org", "--rcpt", "unknown@example.org"});

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.out, "Greylisted")) << run.describe();
}

TEST(Failure, MailRejectedIsCritical) {
  ServerScript script;
  script.on("MAIL", reply("530 5.7.0 Must issue a STARTTLS command first"));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-f", "a@example.org"});

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "mail")) << run.describe();
  EXPECT_TRUE(contains(run.out, "530 5.7.0 Must issue a STARTTLS command first")) << run.describe();
}

TEST(BrokenServer, CloseAfterGreetingIsCriticalInEhlo) {
  ServerScript script;
  script.greet(Step{}.then(Fault::close()));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "ehlo")) << run.describe();
}

TEST(BrokenServer, CloseInsteadOfGreetingIsCriticalInBanner) {
  ServerScript script;
  script.greet(fault(Fault::close()));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "banner")) << run.describe();
}

TEST(BrokenServer, ResetInTheMiddleOfTheEhloReply) {
  ServerScript script;
  script.on("EHLO", fault(Fault::reset("250-demo.smtp-ping.test\r\n250-PIPEL")));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "ehlo")) << run.describe();
}

TEST(BrokenServer, GarbageGreetingIsCriticalInBanner) {
  ServerScript script;
  script.greet(fault(Fault::garbage("HTTP/1.1 400 Bad Request\r\n\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {}, Millis(8'000));

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "banner")) << run.describe();
}

TEST(BrokenServer, GarbageEhloReplyIsCriticalInEhlo) {
  ServerScript script;
  script.on("EHLO", fault(Fault::garbage()));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {}, Millis(8'000));

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "ehlo")) << run.describe();
}

TEST(BrokenServer, HugeEhloReplyEndsTheCheck) {
  ServerScript script;
  script.on("EHLO", fault(Fault::huge(4 << 20)));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {}, Millis(8'000));

  EXPECT_FALSE(run.killed) << run.describe();
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "ehlo")) << run.describe();
}

TEST(BrokenServer, NulBytesInTheGreetingNeverReachTheOutput) {
  ServerScript script;
  script.greet(fault(Fault::raw(std::string("220 nul\0here\x1b[31m ESMTP\r\n", 25))));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-v"}, Millis(8'000));

  EXPECT_FALSE(contains(run.out, std::string(1, '\0'))) << run.describe();
  EXPECT_FALSE(contains(run.out, "\x1b")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test
