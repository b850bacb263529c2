// The built smtp_ping.so inside the real zabbix_agentd: exported symbols,
// one-shot `zabbix_agentd -t`, and a running agent queried over the network.

#include <fstream>
#include <future>
#include <thread>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "agent_harness.hpp"
#include "dnsmasq_server.hpp"
#include "mailbox_server.hpp"
#include "scripted_smtp_server.hpp"

namespace smtp_ping::zabbix_test {
namespace {

using namespace std::chrono_literals;
using test::ScriptedSmtpServer;
using test::ServerScript;

std::string item(const std::string& key, std::uint16_t port, const std::string& rest = "") {
  return key + "[127.0.0.1," + std::to_string(port) + rest + "]";
}

ServerScript stalled_greeting() {
  ServerScript script;
  script.greet(test::fault(test::Fault::stall()));
  return script;
}

TEST(ModuleExports, OnlyTheZabbixEntryPoints) {
  const CommandResult nm = run_command({NM_PROGRAM, "-D", "--defined-only", SMTP_PING_ZABBIX_MODULE}, 10s);
  ASSERT_EQ(nm.exit_code, 0) << nm.errors;
  std::istringstream lines(nm.output);
  std::string address, type, name;
  std::vector<std::string> functions;
  while (lines >> address >> type >> name) {
    if (type == "u") continue;  // GNU unique objects of inline templates: harmless (P15)
    EXPECT_EQ(name.rfind("zbx_module_", 0), 0u) << "exported: " << name;
    functions.push_back(name);
  }
  std::sort(functions.begin(), functions.end());
  EXPECT_EQ(functions, (std::vector<std::string>{"zbx_module_api_version", "zbx_module_init",
                                                 "zbx_module_item_list", "zbx_module_item_timeout",
                                                 "zbx_module_uninit"}));
}

class OneShot : public testing::Test {
 protected:
  OneShot() : config_(write_agent_config(directory_.path(), free_agent_port(), AgentSettings{})) {}
  CommandResult test_item(const std::string& key) const { return agent_test_item(config_, key); }

  TempDir directory_;
  std::filesystem::path config_;
  ScriptedSmtpServer server_;
};

TEST_F(OneShot, EveryKeyAnswers) {
  const auto ping = test_item(item("smtp.ping", server_.port()));
  EXPECT_EQ(ping.exit_code, 0) << ping.errors;
  EXPECT_TRUE(std::regex_search(ping.output, std::regex(R"(smtp\.ping\[.*\]\s+\[d\|0\.0*[1-9])"))) << ping.output;
  EXPECT_NE(test_item(item("smtp.status", server_.port())).output.find("[u|0]"), std::string::npos);
  const auto check = test_item(item("smtp.check", server_.port()));
  EXPECT_NE(check.output.find("[t|{"), std::string::npos) << check.output;
  EXPECT_NE(check.output.find("\"state\":\"OK\""), std::string::npos) << check.output;
}

TEST_F(OneShot, BadKeysAreNotSupportedWithAReason) {
  const auto missing_host = test_item("smtp.check[]");
  EXPECT_EQ(missing_host.exit_code, 0);
  EXPECT_NE(missing_host.output.find("[m|ZBX_NOTSUPPORTED] [Invalid first parameter: host is required.]"),
            std::string::npos)
      << missing_host.output;
}

TEST_F(OneShot, MxDiscoveryThroughDnsmasq) {
  DnsmasqServer dns;
  const auto discovery = test_item("smtp.mx.discovery[example.test,--no-dnssec --dns-server " + dns.server() + "]");
  EXPECT_NE(discovery.output.find(R"([t|[{"{#MX.ADDRESSES}":"127.0.0.1","{#MX.DNS.PROBLEMS}":"","{#MX.DNSSEC}":"indeterminate","{#MX.HOST}":"mx1.example.test")"),
            std::string::npos)
      << discovery.output;
}

// `zabbix_agentd -t` under valgrind: no definite leak and no memory error on the
// success path, the failure path, and discovery (the release build; a sanitizer
// build runs under ASan instead).
TEST_F(OneShot, NoLeaksUnderValgrind) {
  if (std::string(VALGRIND_PROGRAM).empty() || !std::string(SMTP_PING_ASAN_RUNTIME).empty())
    GTEST_SKIP() << "valgrind missing or sanitizer build";
  DnsmasqServer dns;
  for (const std::string& key : {item("smtp.check", server_.port()), std::string("smtp.check[127.0.0.1,99999]"),
                                 item("smtp.status", server_.port(), ",,--nope"),
                                 "smtp.mx.discovery[example.test,--no-dnssec --dns-server " + dns.server() + "]"}) {
    const CommandResult run = run_command({VALGRIND_PROGRAM, "--leak-check=full", "--errors-for-leak-kinds=definite",
                                           "--error-exitcode=9", ZABBIX_AGENTD, "-c", config_.string(), "-t", key},
                                          120s);
    EXPECT_EQ(run.exit_code, 0) << key << "\n" << run.errors;
    EXPECT_NE(run.output.find(key.substr(0, key.find('['))), std::string::npos) << run.output;
  }
}

// One agent (StartAgents=3, Timeout=3) for the network tests.
class RunningAgentTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { agent_ = new RunningAgent(); }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }
  void TearDown() override {
    ASSERT_TRUE(agent_->alive()) << agent_->log();
    EXPECT_EQ(agent_->query("agent.ping").value, "1");
  }
  static RunningAgent* agent_;
  ScriptedSmtpServer server_;
};
RunningAgent* RunningAgentTest::agent_ = nullptr;

TEST_F(RunningAgentTest, CheckReturnsTheJsonReportWithPhases) {
  const AgentAnswer answer = agent_->query(item("smtp.check", server_.port()));
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto report = nlohmann::json::parse(answer.value);
  EXPECT_EQ(report["schema"], 2);
  EXPECT_EQ(report["state"], "OK");
  EXPECT_EQ(report["status"], 0);
  for (const char* phase : {"connect", "banner", "ehlo", "quit", "total"})
    EXPECT_TRUE(report["timings"].contains(phase)) << phase << " in " << report["timings"].dump();
  EXPECT_FALSE(report["phases"].empty());
}

// Issue 15: --send in the options of smtp.check; the JSON carries the data phase and the queue id.
TEST_F(RunningAgentTest, CheckWithSendCarriesTheMessageAndItsQueueId) {
  const AgentAnswer answer =
      agent_->query(item("smtp.check", server_.port(), ",,\"--send -f probe@example.org --rcpt user@example.org\""));
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto report = nlohmann::json::parse(answer.value);
  EXPECT_EQ(report["state"], "OK") << answer.value;
  EXPECT_TRUE(report["timings"].contains("data")) << answer.value;
  EXPECT_EQ(report["message"]["queue_id"], "5M7P1NG") << answer.value;
  EXPECT_TRUE(server_.first_connection().received("DATA"));
}

// Issue 17: --relay-test in smtp.check. The scripted server takes any recipient: an open relay,
// the form that passed named in relay_test (the template's smtp.check.open_relay), no DATA sent.
TEST_F(RunningAgentTest, RelayTestFindsTheOpenRelayAndNamesTheForm) {
  const AgentAnswer answer = agent_->query(item("smtp.check", server_.port(), ",,\"--relay-test\""));
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto report = nlohmann::json::parse(answer.value);
  EXPECT_EQ(report["state"], "CRITICAL") << answer.value;
  EXPECT_EQ(report["relay_test"]["open_relay"], true) << answer.value;
  EXPECT_TRUE(report["relay_test"]["accepted_form"].is_string()) << answer.value;
  EXPECT_FALSE(server_.first_connection().received("DATA"));
}

TEST_F(RunningAgentTest, PingAndStatusAnswer) {
  const AgentAnswer ping = agent_->query(item("smtp.ping", server_.port()));
  ASSERT_TRUE(ping.supported) << ping.value;
  EXPECT_TRUE(std::regex_match(ping.value, std::regex(R"(\d+\.\d{6})"))) << ping.value;  // 6 decimals on the wire
  EXPECT_GT(std::stod(ping.value), 0.0);
  EXPECT_EQ(agent_->query(item("smtp.status", server_.port())).value, "0");
}

TEST_F(RunningAgentTest, RefusedConnectionIsCriticalAndPingZero) {
  const std::uint16_t closed_port = free_loopback_port();
  EXPECT_EQ(agent_->query(item("smtp.status", closed_port)).value, "2");
  EXPECT_EQ(agent_->query(item("smtp.ping", closed_port)).value, "0.000000");
}

TEST_F(RunningAgentTest, StalledGreetingEndsWithinTheAgentTimeoutWhileOthersAreServed) {
  ScriptedSmtpServer stalled(stalled_greeting());
  const auto start = std::chrono::steady_clock::now();
  auto slow = std::async(std::launch::async, [&] { return agent_->query(item("smtp.check", stalled.port()), 10s); });
  std::this_thread::sleep_for(200ms);  // let a listener pick the slow one first
  const AgentAnswer quick = agent_->query(item("smtp.status", server_.port()));
  EXPECT_EQ(quick.value, "0");
  EXPECT_EQ(slow.wait_for(0s), std::future_status::timeout) << "the stalled check was still running";
  const AgentAnswer stalled_answer = slow.get();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s) << "longer than the agent Timeout";
  ASSERT_TRUE(stalled_answer.supported) << stalled_answer.value;
  const auto report = nlohmann::json::parse(stalled_answer.value);
  EXPECT_EQ(report["state"], "CRITICAL");
  EXPECT_EQ(report["error"]["phase"], "banner");
  EXPECT_EQ(report["error"]["kind"], "timeout");
}

TEST_F(RunningAgentTest, BadParametersAreNotSupportedAndTheAgentStaysUp) {
  const AgentAnswer no_host = agent_->query("smtp.check[]");
  EXPECT_FALSE(no_host.supported);
  EXPECT_EQ(no_host.value, "Invalid first parameter: host is required.");
  const AgentAnswer bad_port = agent_->query("smtp.check[127.0.0.1,99999]");
  EXPECT_FALSE(bad_port.supported);
  EXPECT_EQ(bad_port.value, "Invalid second parameter: port must be 1-65535, got '99999'.");
  const AgentAnswer unknown = agent_->query(item("smtp.status", server_.port(), ",,--nope"));
  EXPECT_FALSE(unknown.supported);
  EXPECT_NE(unknown.value.find("--nope"), std::string::npos) << unknown.value;
  const AgentAnswer no_domain = agent_->query("smtp.mx.discovery[]");
  EXPECT_FALSE(no_domain.supported);
  EXPECT_EQ(no_domain.value, "Invalid first parameter: domain is required.");
}

TEST_F(RunningAgentTest, MxDiscoveryIsAnLldArray) {
  DnsmasqServer dns;
  const AgentAnswer answer = agent_->query("smtp.mx.discovery[example.test,\"--no-dnssec --dns-server " + dns.server() + "\"]");
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto rows = nlohmann::json::parse(answer.value);
  ASSERT_TRUE(rows.is_array());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["{#MX.HOST}"], "mx1.example.test");
  EXPECT_EQ(rows[0]["{#MX.PREFERENCE}"], "10");
  EXPECT_EQ(rows[1]["{#MX.ADDRESSES}"], "127.0.0.2,::2");
  const AgentAnswer missing = agent_->query("smtp.mx.discovery[nothing.test,\"--no-dnssec --dns-server " + dns.server() + "\"]");
  EXPECT_FALSE(missing.supported);
  EXPECT_NE(missing.value.find("NXDOMAIN"), std::string::npos) << missing.value;
}

// dnsmasq passes no DNSSEC data: validation from the root cannot start, so discovery asks
// again without it instead of calling every answer bogus (as before it validated).
TEST_F(RunningAgentTest, MxDiscoveryBehindAResolverWithoutDnssecStillWorks) {
  DnsmasqServer dns;
  const AgentAnswer answer = agent_->query("smtp.mx.discovery[example.test,\"--dns-server " + dns.server() + "\"]");
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto rows = nlohmann::json::parse(answer.value);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1]["{#MX.ADDRESSES}"], "127.0.0.2,::2");
  EXPECT_EQ(rows[0]["{#MX.DNSSEC}"], "indeterminate");
}

TEST_F(RunningAgentTest, TemplateMatchesARealCheckResult) {
  const AgentAnswer answer = agent_->query(item("smtp.check", server_.port()));
  ASSERT_TRUE(answer.supported) << answer.value;
  // The domain items read smtp.domain: a domain whose exchanges answer nothing on this port.
  DnsmasqServer dns;
  const AgentAnswer domain = agent_->query("smtp.domain[example.test,\"--dns-server " + dns.server() +
                                           " --no-dnssec -p " + std::to_string(server_.port()) + "\"]");
  ASSERT_TRUE(domain.supported) << domain.value;
  TempDir directory;
  const auto sample = directory.path() / "smtp.check.json";
  std::ofstream(sample) << answer.value;
  const auto domain_sample = directory.path() / "smtp.domain.json";
  std::ofstream(domain_sample) << domain.value;
  const CommandResult check = run_command(
      {SYSTEM_PYTHON, TEMPLATE_CHECKER, TEMPLATE_YAML, sample.string(), domain_sample.string()}, 30s);
  EXPECT_EQ(check.exit_code, 0) << check.output << check.errors;
}

// Issue 15 in the agent: smtp.check with --mailbox. The module has libcurl linked in (the agent
// has no provider directory of ours beside it, and the module's package ships none), so the probe
// sent to the scripted SMTP server is found in the scripted mailbox, fetched, checked and removed.
TEST(RoundTripInTheAgent, MailboxFindsTheProbeAndTheReportCarriesTheRoundTrip) {
  test::MailboxServer mailbox;
  ServerScript delivering;
  delivering.on_message = [&mailbox](const std::string& message) {
    mailbox.mailbox().deliver_after("INBOX", {message, {}, {}}, test::Millis(300));
  };
  ScriptedSmtpServer smtp(delivering);
  AgentSettings settings;
  settings.timeout_seconds = 10;
  settings.environment = {"SMTP_PING_MAILBOX_PASSWORD=mailbox-secret"};
  RunningAgent agent(settings);
  std::string url = mailbox.url("imap", "INBOX");
  url.insert(url.find("://") + 3, "probe%40smtp-ping.test@");

  const AgentAnswer answer = agent.query(
      item("smtp.check", smtp.port(),
           ",,\"-t 8 -f probe@smtp-ping.test --rcpt probe@smtp-ping.test --mailbox " + url +
               " --mailbox-allow-plaintext\""),
      20s);
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto report = nlohmann::json::parse(answer.value);
  EXPECT_EQ(report["state"], "OK") << answer.value;
  for (const char* phase : {"data", "delivery", "fetch"})
    EXPECT_TRUE(report["timings"].contains(phase)) << phase << " in " << answer.value;
  EXPECT_EQ(report["round_trip"]["intact"], true) << answer.value;
  EXPECT_EQ(report["round_trip"]["in_junk"], false) << answer.value;
  EXPECT_GE(report["timings"]["delivery"].get<double>(), 0.3) << answer.value;
  EXPECT_TRUE(mailbox.mailbox().messages("INBOX").empty()) << "the probe was left behind";
  EXPECT_EQ(answer.value.find("mailbox-secret"), std::string::npos) << answer.value;
  EXPECT_TRUE(agent.alive()) << agent.log();
}

}  // namespace
}  // namespace smtp_ping::zabbix_test
