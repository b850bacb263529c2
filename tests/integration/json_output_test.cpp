// --output json follows the schema of docs/design.md.
#include <nlohmann/json.hpp>

#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

nlohmann::json parsed(const CheckRun& run) {
  auto json = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << run.describe();
  return json;
}

TEST(JsonOutput, OkReport) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"--output", "json"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto json = parsed(run);
  ASSERT_TRUE(json.is_object()) << run.describe();
  EXPECT_EQ(json.value("state", ""), "OK");
  EXPECT_EQ(json.value("status", -1), 0);
  ASSERT_TRUE(json.contains("timings")) << run.describe();
  EXPECT_TRUE(json["timings"]["banner"].is_number()) << run.describe();
  ASSERT_TRUE(json.contains("error")) << run.describe();
  EXPECT_TRUE(json["error"].is_null()) << run.describe();
}

TEST(JsonOutput, RejectedRecipient) {
  ServerScript script;
  script.on("RCPT", reply("550 5.1.1 <unknown@example.org>: Recipient address rejected"));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"--output", "json", "-f", "a@example.org", "--rcpt", "unknown@example.org"});

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  const auto json = parsed(run);
  ASSERT_TRUE(json.is_object() && json.contains("error") && json["error"].is_object()) << run.describe();
  EXPECT_EQ(json["error"].value("phase", ""), "rcpt") << run.describe();
  ASSERT_TRUE(json["error"].contains("reply") && json["error"]["reply"].is_object()) << run.describe();
  EXPECT_EQ(json["error"]["reply"].value("code", 0), 550) << run.describe();
  EXPECT_EQ(json.value("state", ""), "CRITICAL");
  EXPECT_EQ(json.value("status", -1), 2);
}

}  // namespace
}  // namespace smtp_ping::test
