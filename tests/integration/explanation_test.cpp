// Every failing judged reply explained (issue 15, acceptance 3): the reason
// briefly in the plugin text, the whole explanation in -v and in JSON.
#include <nlohmann/json.hpp>

#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

const std::initializer_list<std::string> kEnvelope{"-f", "probe@example.org", "--rcpt", "user@example.org"};

CheckRun envelope_check(const ScriptedSmtpServer& server, std::initializer_list<std::string> extra = {}) {
  return run_check(target_of(server) + std::initializer_list<std::string>{"-F", "me", "-t", "5"} + kEnvelope + extra,
                   Millis(10'000));
}

const nlohmann::json* node_named(const nlohmann::json& nodes, const std::string& name) {
  for (const auto& node : nodes)
    if (node.value("name", "") == name) return &node;
  return nullptr;
}

TEST(Explanation, UnknownMailboxSaysSoInTextAndJson) {
  ServerScript script;
  script.on("RCPT", reply("550 5.1.1 <user@example.org>: Recipient address rejected: User unknown in local recipient table"));
  ScriptedSmtpServer server(script);

  const auto text = envelope_check(server, {"-v"});
  EXPECT_EQ(text.exit_code, exit_critical) << text.describe();
  EXPECT_TRUE(contains(text.first_line(), "(expected 2xx) - mailbox unknown")) << text.describe();
  EXPECT_TRUE(contains(text.out, "explanation: 550 5.1.1: ")) << text.describe();
  EXPECT_TRUE(contains(text.out, "mailbox unknown: the recipient does not exist")) << text.describe();

  const auto run = envelope_check(server, {"--output", "json"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  const auto& explanation = json["error"]["explanation"];
  ASSERT_TRUE(explanation.is_object()) << run.out;
  EXPECT_EQ(explanation.value("code", 0), 550);
  EXPECT_EQ(explanation.value("enhanced", ""), "5.1.1");
  EXPECT_EQ(explanation.value("reason", ""), "mailbox unknown");
  EXPECT_EQ(explanation.value("reason_key", ""), "mailbox_unknown");
  EXPECT_FALSE(explanation.value("meaning", "").empty());
  EXPECT_FALSE(explanation.value("hint", "").empty());
  const auto* rcpt = node_named(json["checks"][0]["checks"], "rcpt");
  ASSERT_NE(rcpt, nullptr) << run.out;
  EXPECT_EQ((*rcpt)["facts"]["explanation"].value("reason", ""), "mailbox unknown") << rcpt->dump();
}

TEST(Explanation, GreylistingIsWarningAndNamed) {
  ServerScript script;
  script.on("RCPT", reply("450 4.2.0 <user@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html"));
  ScriptedSmtpServer server(script);
  const auto run = envelope_check(server);

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), " - greylisted")) << run.describe();
}

TEST(Explanation, TlsRequiredIsNamed) {
  ServerScript script;
  script.on("MAIL", reply("530 5.7.0 Must issue a STARTTLS command first"));
  ScriptedSmtpServer server(script);
  const auto run = envelope_check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), " - TLS required")) << run.describe();
}

TEST(Explanation, RelayDeniedIsNamed) {
  ServerScript script;
  script.on("RCPT", reply("554 5.7.1 <user@example.org>: Relay access denied"));
  ScriptedSmtpServer server(script);
  const auto run = envelope_check(server);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), " - relay denied")) << run.describe();
}

TEST(Explanation, UnrecognisedReasonAddsNoWordsToTheSummaryButJsonExplainsTheCode) {
  ServerScript script;
  script.on("RCPT", reply("550 nope"));
  ScriptedSmtpServer server(script);
  const auto text = envelope_check(server);
  EXPECT_EQ(text.exit_code, exit_critical) << text.describe();
  EXPECT_TRUE(contains(text.first_line(), "(expected 2xx) |")) << text.describe();

  const auto run = envelope_check(server, {"--output", "json"});
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  EXPECT_EQ(json["error"]["explanation"].value("reason_key", ""), "unknown") << run.out;
  EXPECT_TRUE(json["error"]["explanation"]["enhanced"].is_null()) << run.out;
}

TEST(Explanation, PassingCheckCarriesNone) {
  ScriptedSmtpServer server;
  const auto run = envelope_check(server, {"--output", "json"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  EXPECT_TRUE(json["error"].is_null());
  EXPECT_FALSE(contains(run.out, "\"explanation\"")) << run.out;
}

}  // namespace
}  // namespace smtp_ping::test
