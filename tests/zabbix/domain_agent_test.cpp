// smtp.domain[domain,<options>] inside the real zabbix_agentd, resolving through the DNS
// fixture (tests/dns). Nothing listens on the exchanges here (the interop test has Postfix
// there): every target is refused, which is what the key must report, within the item's
// deadline, as the JSON tree.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "agent_harness.hpp"
#include "dns_fixture_env.hpp"

namespace smtp_ping::zabbix_test {
namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;
using test::DnsFixtureEnv;

const DnsFixtureEnv& dns() { return DnsFixtureEnv::get(); }

class DomainAgent {
 public:
  explicit DomainAgent(int timeout_seconds) {
    fs::create_directories(allowed_);
    fs::copy_file(dns()["TRUST_ANCHOR"], allowed_ / "test-root.ds");
    fs::copy_file(dns()["CA"], allowed_ / "ca.crt");
    std::ofstream(directory_.path() / "smtp_ping_module.conf") << "AllowedFileDirectory=" << allowed_.string() << "\n";
    AgentSettings settings;
    settings.timeout_seconds = timeout_seconds;
    settings.environment = {"SMTP_PING_MODULE_CONFIG=" + (directory_.path() / "smtp_ping_module.conf").string()};
    agent_.emplace(settings);
  }
  ~DomainAgent() { EXPECT_TRUE(agent_->alive()) << agent_->log(); }

  // smtp.domain[domain,"--dns-server=SERVER --trust-anchor=test-root.ds -p PORT EXTRA"]: a port nothing
  // listens on, so that a Postfix of another test on port 25 does not answer.
  AgentAnswer query(const std::string& domain, const std::string& server, const std::string& extra = "",
                    const std::string& port = "9") const {
    return agent_->query("smtp.domain[" + domain + ",\"--dns-server=" + server +
                         " --trust-anchor=test-root.ds -p " + port + " " + extra + "\"]");
  }

 private:
  TempDir directory_;
  fs::path allowed_ = directory_.path() / "allowed";
  std::optional<RunningAgent> agent_;
};

TEST(DomainAgent, EveryExchangeAndAddressInTheJsonTree) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  DomainAgent agent(3);
  const AgentAnswer answer = agent.query(dns()["DOMAIN_TWO_MX"], dns()["RESOLVER"], "-4");
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto tree = nlohmann::json::parse(answer.value);
  EXPECT_EQ(tree["kind"], "domain");
  EXPECT_EQ(tree["state"], "CRITICAL") << "nothing listens on port 9";
  EXPECT_EQ(tree["dns"]["mx"]["dnssec"], "secure");
  ASSERT_EQ(tree["exchanges"].size(), 2u);
  EXPECT_EQ(tree["exchanges"][0]["addresses"].size(), 2u);
  EXPECT_EQ(tree["exchanges"][1]["addresses"].size(), 1u);
  EXPECT_EQ(tree["exchanges"][0]["addresses"][0]["probe"]["error"]["phase"], "connect");
}

TEST(DomainAgent, NullMxIsCriticalNamingRfc7505) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  DomainAgent agent(3);
  const AgentAnswer answer = agent.query("null-mx." + dns()["ZONE"], dns()["RESOLVER"]);
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto tree = nlohmann::json::parse(answer.value);
  EXPECT_EQ(tree["state"], "CRITICAL");
  EXPECT_NE(tree["summary"].get<std::string>().find("RFC 7505"), std::string::npos) << answer.value;
}

TEST(DomainAgent, AuthRecordsCountTheSpfLookupsInTheJson) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  DomainAgent agent(3);
  const AgentAnswer answer =
      agent.query(dns()["DOMAIN_SPF_TOO_MANY"], dns()["RESOLVER"], "-4 --auth-records --require-dmarc=reject");
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto tree = nlohmann::json::parse(answer.value);
  const auto& records = tree["auth_records"];
  EXPECT_EQ(records["status"], 2) << answer.value;  // no DMARC record, below the floor
  EXPECT_EQ(records["spf"]["facts"]["lookups"], 11);
  EXPECT_EQ(records["spf"]["findings"][0]["problem"], "too_many_lookups");
  EXPECT_EQ(records["spf"]["facts"]["records"][0]["answer"]["dnssec"], "secure");
  EXPECT_EQ(records["dmarc"]["findings"][0]["problem"], "missing");
}

TEST(DomainAgent, TrustAnchorOutsideTheAllowedDirectoryIsRefused) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  DomainAgent agent(3);
  const AgentAnswer answer = agent.query(dns()["DOMAIN_TWO_MX"], dns()["RESOLVER"], "--trust-anchor=/etc/passwd");
  EXPECT_FALSE(answer.supported);
  EXPECT_NE(answer.value.find("--trust-anchor"), std::string::npos) << answer.value;
}

// With the agent's Timeout=1 and a resolver that never answers, the key still answers within
// the second, naming the DNS step. A deadline, not a speed.
TEST(DomainAgent, SilentResolverWithTimeoutOneAnswersWithinTheSecond) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  DomainAgent agent(1);
  const auto start = steady_clock::now();
  const AgentAnswer answer = agent.query(dns()["DOMAIN_TWO_MX"], dns()["SILENT"]);
  const std::chrono::duration<double> wall = steady_clock::now() - start;
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto tree = nlohmann::json::parse(answer.value);
  EXPECT_EQ(tree["state"], "CRITICAL");
  EXPECT_NE(tree["summary"].get<std::string>().find("MX lookup failed"), std::string::npos) << answer.value;
  EXPECT_LT(wall.count(), 1.0);
}

// The TLS policies' options work in the key as on the command line (issue 17): a bogus TLSA
// set is CRITICAL in the "dane" node; the TLS-RPT record is read with its report address.
TEST(DomainAgent, DaneAndTlsRptNodesInTheJsonTree) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  DomainAgent agent(3);
  // Port 2525: the fixture's TLSA sets are there (and at 25, 465, 587); the bogus set needs no server.
  AgentAnswer answer = agent.query("dane-bogus." + dns()["ZONE"], dns()["RESOLVER"], "-4 --dane", "2525");
  ASSERT_TRUE(answer.supported) << answer.value;
  auto tree = nlohmann::json::parse(answer.value);
  ASSERT_GE(tree["policies"].size(), 1u) << answer.value;
  EXPECT_EQ(tree["policies"][0]["name"], "dane");
  EXPECT_EQ(tree["policies"][0]["state"], "CRITICAL");
  EXPECT_EQ(tree["policies"][0]["children"][0]["findings"][0]["kind"], "dane_bogus") << answer.value;
  answer = agent.query(dns()["DOMAIN_TWO_MX"], dns()["RESOLVER"], "-4 --tls-rpt");
  ASSERT_TRUE(answer.supported) << answer.value;
  tree = nlohmann::json::parse(answer.value);
  ASSERT_EQ(tree["policies"].size(), 1u) << answer.value;
  EXPECT_EQ(tree["policies"][0]["name"], "tls-rpt");
  EXPECT_EQ(tree["policies"][0]["facts"]["rua"][0], "mailto:tlsrpt@" + dns()["ZONE"]) << answer.value;
}

// SMTP_PING_HTTPS_<NAME> of the HTTPS fixture's env file (tests/https/README.md); empty without it.
std::string https_fixture(const std::string& name) {
  const char* file = std::getenv("SMTP_PING_HTTPS_ENV_FILE");
  std::ifstream in(file ? file : "");
  const std::string prefix = "SMTP_PING_HTTPS_" + name + "=";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  return {};
}

// Issue 17 in the agent: --mta-sts fetches the policy over HTTPS with the libcurl linked into the
// module (the HTTPS fixture's nginx on the mta-sts host's address, port 443; its CA through
// --cafile from the allowed directory). Nothing listens on the exchanges: the policy is what counts.
TEST(DomainAgent, MtaStsPolicyIsFetchedOverHttpsInTheAgent) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  if (https_fixture("STANDARD_PORT") != "yes") GTEST_SKIP() << "the HTTPS fixture is not on port 443";
  DomainAgent agent(5);
  const AgentAnswer answer =
      agent.query(dns()["DOMAIN_TWO_MX"], dns()["RESOLVER"], "-4 --dane --mta-sts --cafile=ca.crt");
  ASSERT_TRUE(answer.supported) << answer.value;
  const auto tree = nlohmann::json::parse(answer.value);
  ASSERT_EQ(tree["policies"].size(), 3u) << answer.value;  // DANE, MTA-STS and, with it, TLS-RPT
  EXPECT_EQ(tree["policies"][0]["name"], "dane") << answer.value;
  const auto& sts = tree["policies"][1];
  EXPECT_EQ(sts["name"], "mta-sts") << answer.value;
  EXPECT_EQ(tree["policies"][2]["name"], "tls-rpt") << answer.value;
  EXPECT_EQ(sts["facts"]["http_status"], 200) << answer.value;
  EXPECT_EQ(sts["facts"]["policy"]["mode"], "enforce") << answer.value;
  EXPECT_FALSE(sts["facts"]["id"].get<std::string>().empty()) << answer.value;
  EXPECT_EQ(answer.value.find("not available"), std::string::npos) << answer.value;
  for (const auto& mx : sts["facts"]["mx"]) EXPECT_EQ(mx["status"], 0) << answer.value;  // both match

  // The template's per-MX prototypes (MX discovery) find this exchange's DANE and MTA-STS state.
  TempDir directory;
  const auto sample = directory.path() / "smtp.domain.json";
  std::ofstream(sample) << answer.value;
  const CommandResult check =
      run_command({SYSTEM_PYTHON, TEMPLATE_CHECKER, TEMPLATE_YAML, "", sample.string()}, std::chrono::seconds(30));
  EXPECT_EQ(check.exit_code, 0) << check.output << check.errors;
}

}  // namespace
}  // namespace smtp_ping::zabbix_test
