// Hostile replies after the greeting: EHLO, QUIT, and replies nobody asked for.
#include <nlohmann/json.hpp>

#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

TEST(HostileReply, NonNumericEhloReplyIsProtocolError) {
  ServerScript script;
  script.on("EHLO", reply("OK whatever you say"));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
  EXPECT_TRUE(contains(run.first_line(), "three-digit code")) << run.describe();
}

TEST(HostileReply, ReplyCodeOutside2xxTo5xxIsProtocolError) {
  ServerScript script;
  script.on("EHLO", reply("999 not a reply code"));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
}

TEST(HostileReply, BinaryGarbageAsEhloReplyIsProtocolError) {
  ServerScript script;
  script.on("EHLO", fault(Fault::garbage()));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-v"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
}

TEST(HostileReply, MultiLineEhloReplyWithMismatchedCodesIsProtocolError) {
  ServerScript script;
  script.on("EHLO", reply("250-mismatch.example\n250-PIPELINING\n251 SIZE 1000"));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
  EXPECT_TRUE(contains(run.first_line(), "changed its code from 250 to 251: '251 SIZE 1000'")) << run.describe();
}

// What the server said before the reply broke stays in the transcript (-v and JSON).
TEST(HostileReply, TheLinesOfABrokenReplyAreInTheTranscript) {
  ServerScript script;
  script.on("EHLO", reply("250-broken.example\n250-PIPELINING\n251 SIZE 1000"));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-v"});
  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
  EXPECT_TRUE(contains(run.out, " S: 250-broken.example\n")) << run.describe();
  EXPECT_TRUE(contains(run.out, " S: 250-PIPELINING\n")) << run.describe();
  EXPECT_TRUE(contains(run.out, " S: 251 SIZE 1000\n")) << run.describe();
  EXPECT_TRUE(contains(run.out, " (not a valid reply)\n")) << run.describe();

  const auto json = hostile_check(server, {"--output", "json"});
  const auto document = nlohmann::json::parse(json.out);
  const auto& ehlo = document.at("transcript").at(1);
  EXPECT_EQ(ehlo.at("phase"), "ehlo") << json.out;
  EXPECT_TRUE(ehlo.at("reply").is_null()) << json.out;
  EXPECT_EQ(ehlo.at("broken_reply"), nlohmann::json({"250-broken.example", "250-PIPELINING", "251 SIZE 1000"}))
      << json.out;
}

// A reply past the line limit keeps its first and last lines, not all of them.
TEST(HostileReply, ABrokenReplyOfThousandsOfLinesKeepsItsEndsInTheTranscript) {
  std::vector<std::string> keywords{"tenthousand.example"};
  for (int i = 1; i < 10'000; ++i) keywords.push_back("X-KEYWORD-" + std::to_string(i));
  ServerScript script;
  script.on("EHLO", reply(multi_line("250", keywords)));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"--output", "json"});
  const auto document = nlohmann::json::parse(run.out);
  const auto& broken = document.at("transcript").at(1).at("broken_reply");
  ASSERT_EQ(broken.size(), 11u) << run.out;
  EXPECT_EQ(broken.at(0), "250-tenthousand.example");
  EXPECT_EQ(broken.at(5), "(991 more lines)");
  EXPECT_EQ(broken.at(10), "250-X-KEYWORD-1000");
}

TEST(HostileReply, ResetInTheMiddleOfTheEhloReplyIsCriticalInEhlo) {
  ServerScript script;
  script.on("EHLO", fault(Fault::reset("250-reset.example\r\n250-PIPELINING\r\n250-SI")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
}

TEST(HostileReply, TenThousandLineEhloReplyHitsTheLineLimit) {
  std::vector<std::string> keywords{"tenthousand.example"};
  for (int i = 1; i < 10'000; ++i) keywords.push_back("X-KEYWORD-" + std::to_string(i));
  ServerScript script;
  script.on("EHLO", reply(multi_line("250", keywords)));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
  EXPECT_TRUE(contains(run.first_line(), "more than 1000 lines")) << run.describe();
}

TEST(HostileReply, EhloReplyOverTheByteLimitIsProtocolError) {
  // 400 lines of 1000 bytes: within the line count and the line length, past 256 KiB.
  std::vector<std::string> keywords{"bytes.example"};
  for (int i = 1; i < 400; ++i) keywords.push_back("X-" + std::string(1'000, 'k'));
  ServerScript script;
  script.on("EHLO", reply(multi_line("250", keywords)));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
  EXPECT_TRUE(contains(run.first_line(), "larger than 262144 bytes")) << run.describe();
}

TEST(HostileReply, EhloReplyLineOf64KiBHitsTheLineLimit) {
  ServerScript script;
  script.on("EHLO", reply("250-big.example\n250 X-" + std::string(64 * 1024, 'e')));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "ehlo");
  EXPECT_TRUE(contains(run.first_line(), "longer than 16384 bytes")) << run.describe();
}

TEST(HostileReply, ReplyTextOf64KiBInShortLinesIsAcceptedWithBoundedOutput) {
  // 64 KiB of text in 16 lines of 4 KiB: within every limit, so the check is OK,
  // but the output must stay bounded and on its lines.
  std::vector<std::string> keywords{"long.example"};
  for (int i = 1; i < 16; ++i) keywords.push_back("X-LONG-" + std::string(4 * 1024, 'l'));
  ServerScript script;
  script.on("EHLO", reply(multi_line("250", keywords)));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-vvv"});

  expect_within_deadline(run);
  expect_state(run, exit_ok, "OK");
  expect_safe_plugin_output(run);
  EXPECT_LT(run.out.size(), 64u * 1024u) << "the output repeats the 64 KiB reply\n" << run.describe();
}

TEST(HostileReply, BareLfLineEndingsAreAcceptedLeniently) {
  ServerScript script;
  script.greet(fault(Fault::raw("220 lf.example ESMTP\n")));
  script.on("EHLO", fault(Fault::raw("250-lf.example\n250-PIPELINING\n250 8BITMIME\n")));
  script.on("QUIT", fault(Fault::raw("221 2.0.0 Bye\n")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-v"});

  expect_within_deadline(run);
  expect_state(run, exit_ok, "OK");
  expect_safe_plugin_output(run);
  EXPECT_TRUE(contains(run.out, "250 8BITMIME")) << run.describe();
}

TEST(HostileReply, QuitNeverAnsweredTimesOutInQuit) {
  ServerScript script;
  script.on("QUIT", fault(Fault::stall()));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "quit");
  EXPECT_TRUE(contains(run.first_line(), "timeout")) << run.describe();
}

TEST(HostileReply, QuitNeverAnsweredIsOkWithIgnoreQuitFailure) {
  ServerScript script;
  script.on("QUIT", fault(Fault::stall()));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-q"});

  expect_within_deadline(run);
  expect_state(run, exit_ok, "OK");
  expect_safe_plugin_output(run);
  EXPECT_TRUE(contains(run.out, "quit ignored")) << run.describe();
}

TEST(HostileReply, TwoRepliesToEhloAreOutOfStepBeforeQuit) {
  ServerScript script;
  script.on("EHLO", fault(Fault::raw("250-twice.example\r\n250 PIPELINING\r\n250 and once more\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  // The surplus reply is noticed before the next command, QUIT, is sent.
  expect_hostile_failure(run, exit_critical, "CRITICAL", "quit");
  EXPECT_TRUE(contains(run.first_line(), "nobody asked for")) << run.describe();
}

TEST(HostileReply, TwoRepliesToEhloAreOutOfStepBeforeMail) {
  ServerScript script;
  script.on("EHLO", fault(Fault::raw("250-twice.example\r\n250 PIPELINING\r\n250 2.1.0 Ok\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-f", "probe@example.org"});

  // The surplus "250 Ok" must not be taken as the answer to MAIL FROM.
  expect_hostile_failure(run, exit_critical, "CRITICAL", "mail");
  EXPECT_TRUE(contains(run.first_line(), "nobody asked for")) << run.describe();
  EXPECT_FALSE(server.first_connection().received_prefix("MAIL")) << run.describe();
}

TEST(HostileReply, UnsolicitedReplyIsNotIgnoredByIgnoreQuitFailure) {
  // -q forgives a failing QUIT; a server out of step is a different failure.
  ServerScript script;
  script.on("EHLO", fault(Fault::raw("250-twice.example\r\n250 PIPELINING\r\n250 and once more\r\n")));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server, {"-q"});

  expect_within_deadline(run);
  expect_safe_plugin_output(run);
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test::hostile
