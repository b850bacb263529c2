// A working server: the check passes and the dialog is what a client should send.
#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

TEST(Dialog, PlainServerIsOkWithPhasePerfdata) {
  ScriptedSmtpServer server;
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(run.first_line().rfind("SMTP OK - ", 0), 0u) << run.describe();
  const auto perfdata = perfdata_of(run);
  for (const char* label : {"connect", "banner", "ehlo", "quit", "total"})
    EXPECT_TRUE(has_seconds_perfdata(perfdata, label)) << label << " missing in: " << perfdata;
  const auto record = server.first_connection();
  EXPECT_TRUE(record.quit);
  EXPECT_FALSE(record.pregreet);
  EXPECT_TRUE(record.received("EHLO me"));
}

TEST(Dialog, MultiLineGreetingIsWaitedForCompletely) {
  ServerScript script;
  script.greet(reply("220-demo.smtp-ping.test ESMTP\n220-no UCE\n220 ready").lines_apart(Millis(150)));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto record = server.first_connection();
  EXPECT_FALSE(record.pregreet) << "the client spoke before the last greeting line";
  EXPECT_TRUE(record.quit);
}

TEST(Dialog, TrickledGreetingIsOk) {
  ServerScript script;
  script.greet(reply("220 slow.example ESMTP").trickled(Millis(5)));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_FALSE(server.first_connection().pregreet);
}

TEST(Dialog, EhloRejectedFallsBackToHelo) {
  ServerScript script;
  script.on("EHLO", reply("502 5.5.2 Error: command not recognized"));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto record = server.first_connection();
  EXPECT_TRUE(record.received("EHLO me"));
  EXPECT_TRUE(record.received("HELO me"));
}

TEST(Dialog, LmtpSendsLhlo) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"-L"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto record = server.first_connection();
  EXPECT_TRUE(record.received("LHLO me"));
  EXPECT_FALSE(record.received_prefix("EHLO"));
}

TEST(Dialog, MailAndRcptAreSent) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"-f", "a@example.org", "--rcpt", "b@example.org"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto record = server.first_connection();
  EXPECT_TRUE(record.received("MAIL FROM:<a@example.org>"));
  EXPECT_TRUE(record.received("RCPT TO:<b@example.org>"));
  EXPECT_TRUE(record.quit);
}

// The check_smtp command line of a typical Nagios service definition.
ServerScript vrfy_answered(const std::string& answer) {
  ServerScript script;
  script.on("VRFY", reply(answer));
  return script;
}

std::vector<std::string> check_smtp_command_line(const ScriptedSmtpServer& server, const std::string& expect) {
  return {"-H", "127.0.0.1", "-p", std::to_string(server.port()), "-e", expect, "-C", "VRFY x", "-R", "^252",
          "-f", "a@b", "-F", "me", "-w", "1", "-c", "2", "-t", "5"};
}

TEST(CheckSmtpCompatibility, CommandWithMatchingResponseIsOk) {
  ScriptedSmtpServer server(vrfy_answered("252 2.0.0 x"));
  const auto run = run_check(check_smtp_command_line(server, "220"), Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto record = server.first_connection();
  EXPECT_TRUE(record.received("EHLO me") || record.received("HELO me"));
  EXPECT_TRUE(record.received("MAIL FROM:<a@b>"));
  EXPECT_TRUE(record.received("VRFY x"));
}

TEST(CheckSmtpCompatibility, ResponseMismatchIsWarning) {
  ScriptedSmtpServer server(vrfy_answered("550 5.1.1 no such user"));
  const auto run = run_check(check_smtp_command_line(server, "220"), Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
}

TEST(CheckSmtpCompatibility, ExpectMismatchIsWarning) {
  ScriptedSmtpServer server(vrfy_answered("252 2.0.0 x"));
  const auto run = run_check(check_smtp_command_line(server, "nomatch"), Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
}

TEST(Quit, FailingQuitIsNotOk) {
  ServerScript script;
  script.on("QUIT", reply("500 5.5.1 go away"));
  ScriptedSmtpServer server(script);
  const auto run = check(server);

  EXPECT_NE(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.output(), "quit")) << run.describe();
}

TEST(Quit, FailingQuitIsIgnoredWithQ) {
  ServerScript script;
  script.on("QUIT", reply("500 5.5.1 go away"));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-q"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
}

TEST(Verbose, TranscriptWithOnlyThePerfdataBar) {
  ServerScript script;
  script.greet(reply("220 pipe|in|banner.example ESMTP"));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-v"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "EHLO me")) << run.describe();
  EXPECT_TRUE(contains(run.out, "banner.example ESMTP")) << run.describe();
  EXPECT_EQ(count_of(run.out, '|'), 1u) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test
