// --banner-only: the greeting, then QUIT, nothing else (the work of net.tcp.service[smtp]).
#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

TEST(BannerOnly, ReadsTheGreetingAndQuits) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"--banner-only"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "banner")) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "quit")) << run.describe();
  EXPECT_FALSE(contains(perfdata_of(run), "'ehlo'")) << run.describe();
  const auto record = server.first_connection();
  EXPECT_EQ(record.lines, std::vector<std::string>{"QUIT"});
  EXPECT_FALSE(record.pregreet);
}

TEST(BannerOnly, A554GreetingIsStillCritical) {
  ServerScript script;
  script.greet(reply("554 5.7.1 go away"));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"--banner-only"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "banner failed: greeting refused: 554 5.7.1 go away")) << run.describe();
}

TEST(BannerOnly, RefusesOptionsThatNeedTheDialog) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"--banner-only", "-f", "a@example.org"});
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "--banner-only")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test
