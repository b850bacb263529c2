// --relay-test against the scripted server: one that relays, one that refuses, one that
// relays only the percent hack, one that ends the session; never DATA, never AUTH.
#include <nlohmann/json.hpp>

#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

const Step kRefused = reply("554 5.7.1 <relay-test@example.net>: Relay access denied");

CheckRun relay_check(const ScriptedSmtpServer& server, std::initializer_list<std::string> extra = {}) {
  return run_check(target_of(server) + std::initializer_list<std::string>{"-F", "me", "-t", "5", "--relay-test"} + extra,
                   Millis(10'000));
}

std::size_t count_received(const ConnectionRecord& record, const std::string& prefix) {
  std::size_t count = 0;
  for (const auto& line : record.lines) count += line.rfind(prefix, 0) == 0 ? 1 : 0;
  return count;
}

void expect_no_data_no_auth(const ConnectionRecord& record) {
  EXPECT_FALSE(record.received_prefix("DATA"));
  EXPECT_FALSE(record.received_prefix("AUTH"));
  EXPECT_TRUE(record.quit);
}

TEST(RelayTest, RefusingServerIsOk) {
  ScriptedSmtpServer server(ServerScript().on("RCPT", kRefused));
  const auto run = relay_check(server, {"-v"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.output(), "relay 0.")) << run.describe();
  EXPECT_TRUE(contains(run.output(), "10 relay forms refused (to relay-test@example.net, local domain demo.smtp-ping.test)"))
      << run.describe();
  // -v: every attempt and its reply in the transcript
  EXPECT_TRUE(contains(run.output(), "RCPT TO:<relay-test%example.net@demo.smtp-ping.test>")) << run.describe();
  EXPECT_TRUE(contains(run.output(), "RCPT TO:<\"relay-test@example.net\"@[127.0.0.1]>")) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "relay")) << run.describe();
  const auto record = server.first_connection();
  EXPECT_EQ(count_received(record, "MAIL FROM:"), 10u);
  EXPECT_EQ(count_received(record, "RCPT TO:"), 10u);
  EXPECT_EQ(count_received(record, "RSET"), 10u);
  EXPECT_TRUE(record.received("RCPT TO:<@demo.smtp-ping.test:relay-test@example.net>"));
  EXPECT_TRUE(record.received("MAIL FROM:<>"));
  expect_no_data_no_auth(record);
}

TEST(RelayTest, OpenRelayIsCriticalNamingTheForm) {
  ScriptedSmtpServer server;  // the default script accepts every recipient
  const auto run = relay_check(server);
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(),
                       "open relay: outside sender accepted (MAIL FROM:<relay-test@example.net> "
                       "RCPT TO:<relay-test@example.net>: 250 2.1.5 Ok)"))
      << run.describe();
  expect_no_data_no_auth(server.first_connection());
}

TEST(RelayTest, OnlyThePercentHackPasses) {
  ServerScript script;
  script.on("RCPT", kRefused).on_line_starting("RCPT TO:<relay-test%example.net@", reply("250 2.1.5 Ok"));
  ScriptedSmtpServer server(script);
  const auto run = relay_check(server, {"--output", "json"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  const auto report = nlohmann::json::parse(run.output());
  EXPECT_EQ(report["state"], "CRITICAL");
  const std::string summary = report["summary"];
  EXPECT_TRUE(contains(summary, "open relay: percent hack accepted")) << summary;
  const nlohmann::json* relay = nullptr;
  for (const auto& probe : report["checks"])
    for (const auto& phase : probe["checks"])
      if (phase["name"] == "relay") relay = &phase;
  ASSERT_NE(relay, nullptr) << run.output();
  const auto& facts = (*relay)["facts"]["relay_test"];
  EXPECT_EQ(facts["accepted_form"], "percent hack");
  EXPECT_EQ(facts["tried"], 10);
  EXPECT_EQ(facts["attempts"].size(), 10u);
  EXPECT_EQ(facts["attempts"][3]["rcpt_reply"]["code"], 250);
  EXPECT_EQ(facts["attempts"][0]["rcpt_reply"]["code"], 554);
  EXPECT_EQ(facts["attempts"][0]["rset_reply"]["code"], 250);
  EXPECT_EQ((*relay)["findings"][0]["kind"], "open_relay");
  EXPECT_EQ((*relay)["findings"][0]["form"], "percent hack");
  expect_no_data_no_auth(server.first_connection());
}

TEST(RelayTest, RefusedSenderSkipsTheRecipient) {
  ServerScript script;
  script.on("RCPT", kRefused).on_line_starting("MAIL FROM:<relay-test@example.net>", reply("550 5.7.1 Sender rejected"));
  ScriptedSmtpServer server(script);
  const auto run = relay_check(server);
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(count_received(server.first_connection(), "RCPT TO:"), 9u);
}

TEST(RelayTest, A421EndsItWithThePhaseNamed) {
  ServerScript script;
  script.on("RCPT", kRefused).on_line_starting("RCPT TO:<example.net!", reply("421 4.7.0 Too many errors").then(Fault::close()));
  ScriptedSmtpServer server(script);
  const auto run = relay_check(server);
  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "relay failed: the server closed the session during the relay test: 421"))
      << run.describe();
  const auto record = server.first_connection();
  EXPECT_EQ(count_received(record, "RCPT TO:"), 5u);
  EXPECT_FALSE(record.received_prefix("DATA"));
}

TEST(RelayTest, DroppedConnectionEndsIt) {
  ServerScript script;
  script.on("RCPT", kRefused).on_line_starting("RCPT TO:<@", fault(Fault::close()));
  ScriptedSmtpServer server(script);
  const auto run = relay_check(server);
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "relay failed:")) << run.describe();
}

TEST(RelayTest, RunsWithoutAuthEvenWithCredentials) {
  ServerScript script;
  script.on("RCPT", kRefused);
  script.auth = AuthSettings{"user", "secret"};
  ScriptedSmtpServer server(script);
  const auto run = relay_check(server, {"-U", "user", "-P", "secret", "--allow-plaintext-auth", "-v"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.output(), "--relay-test runs without AUTH")) << run.describe();
  EXPECT_TRUE(contains(run.output(), "without AUTH (-U not used)")) << run.describe();
  expect_no_data_no_auth(server.first_connection());
}

TEST(RelayTest, RelayDomainIsTheOutsideAddress) {
  ScriptedSmtpServer server(ServerScript().on("RCPT", kRefused));
  const auto run = relay_check(server, {"--relay-domain", "outside.invalid"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(server.first_connection().received("RCPT TO:<relay-test@outside.invalid>"));
}

}  // namespace
}  // namespace smtp_ping::test
