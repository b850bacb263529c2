// smtp.mx.discovery and smtp.mx.targets.discovery inside the real zabbix_agentd, resolving
// through the DNS fixture (tests/dns: NSD + validating Unbound, a signed test hierarchy, a
// resolver that never answers). The module validates DNSSEC itself (libunbound) from the
// fixture's trust anchor, passed with --trust-anchor from the AllowedFileDirectory.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
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

// An agent whose module may read files only in `allowed`, which holds the fixture's anchor.
class DiscoveryAgent {
 public:
  explicit DiscoveryAgent(int timeout_seconds) {
    fs::create_directories(allowed_);
    fs::create_directories(outside_);
    fs::copy_file(dns()["TRUST_ANCHOR"], allowed_ / "test-root.ds");
    fs::copy_file(dns()["TRUST_ANCHOR"], outside_ / "test-root.ds");
    std::ofstream(directory_.path() / "smtp_ping_module.conf") << "AllowedFileDirectory=" << allowed_.string() << "\n";
    AgentSettings settings;
    settings.timeout_seconds = timeout_seconds;
    settings.environment = {"SMTP_PING_MODULE_CONFIG=" + (directory_.path() / "smtp_ping_module.conf").string()};
    agent_.emplace(settings);
  }
  ~DiscoveryAgent() { EXPECT_TRUE(agent_->alive()) << agent_->log(); }

  // KEY[domain,"--dns-server=SERVER --trust-anchor=test-root.ds EXTRA"].
  AgentAnswer query(const std::string& key, const std::string& domain, const std::string& server,
                    const std::string& extra = "") const {
    return agent_->query(key + "[" + domain + ",\"--dns-server=" + server + " --trust-anchor=test-root.ds" +
                         (extra.empty() ? "" : " " + extra) + "\"]");
  }
  const fs::path& outside() const { return outside_; }

 private:
  TempDir directory_;
  fs::path allowed_ = directory_.path() / "allowed";
  fs::path outside_ = directory_.path() / "outside";
  std::optional<RunningAgent> agent_;
};

class MxDiscoveryAgent : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (dns().ok()) agent_ = new DiscoveryAgent(3);
  }
  static void TearDownTestSuite() {
    delete agent_;
    agent_ = nullptr;
  }
  void SetUp() override {
    if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  }
  static nlohmann::json rows(const std::string& key, const std::string& domain, const std::string& extra = "") {
    const AgentAnswer answer = agent_->query(key, domain, dns()["RESOLVER"], extra);
    EXPECT_TRUE(answer.supported) << answer.value;
    if (!answer.supported) return nlohmann::json::array();
    return nlohmann::json::parse(answer.value);
  }
  static DiscoveryAgent* agent_;
};
DiscoveryAgent* MxDiscoveryAgent::agent_ = nullptr;

constexpr char kExchanges[] = "smtp.mx.discovery";
constexpr char kTargets[] = "smtp.mx.targets.discovery";

TEST_F(MxDiscoveryAgent, TwoExchangesKeepTheOldMacros) {
  const auto exchanges = rows(kExchanges, dns()["DOMAIN_TWO_MX"]);
  ASSERT_EQ(exchanges.size(), 2u) << exchanges;
  EXPECT_EQ(exchanges[0]["{#MX.HOST}"], "mx1.smtp-ping.test");
  EXPECT_EQ(exchanges[0]["{#MX.PREFERENCE}"], "10");
  EXPECT_EQ(exchanges[0]["{#MX.ADDRESSES}"], "127.0.0.11,127.0.0.12");
  EXPECT_EQ(exchanges[0]["{#MX.DNSSEC}"], "secure");
  EXPECT_EQ(exchanges[0]["{#MX.DNS.PROBLEMS}"], "");
  EXPECT_EQ(exchanges[1]["{#MX.HOST}"], "mx2.smtp-ping.test");
  EXPECT_EQ(exchanges[1]["{#MX.PREFERENCE}"], "20");
  EXPECT_EQ(exchanges[1]["{#MX.ADDRESSES}"], "127.0.0.13,::1");
}

TEST_F(MxDiscoveryAgent, TwoExchangesGiveFourTargets) {
  const auto targets = rows(kTargets, dns()["DOMAIN_TWO_MX"]);
  ASSERT_EQ(targets.size(), 4u) << targets;
  const char* const expected[][4] = {{"mx1.smtp-ping.test", "10", "127.0.0.11", "ipv4"},
                                     {"mx1.smtp-ping.test", "10", "127.0.0.12", "ipv4"},
                                     {"mx2.smtp-ping.test", "20", "127.0.0.13", "ipv4"},
                                     {"mx2.smtp-ping.test", "20", "::1", "ipv6"}};
  for (std::size_t row = 0; row < 4; ++row) {
    EXPECT_EQ(targets[row]["{#MX.HOST}"], expected[row][0]) << targets[row];
    EXPECT_EQ(targets[row]["{#MX.PREFERENCE}"], expected[row][1]) << targets[row];
    EXPECT_EQ(targets[row]["{#MX.ADDRESS}"], expected[row][2]) << targets[row];
    EXPECT_EQ(targets[row]["{#MX.FAMILY}"], expected[row][3]) << targets[row];
    EXPECT_EQ(targets[row]["{#MX.DNSSEC}"], "secure") << targets[row];
    EXPECT_EQ(targets[row]["{#MX.DNS.PROBLEMS}"], "") << targets[row];
  }
  const auto ipv6_only = rows(kTargets, dns()["DOMAIN_TWO_MX"], "-6");
  ASSERT_EQ(ipv6_only.size(), 1u) << ipv6_only;
  EXPECT_EQ(ipv6_only[0]["{#MX.ADDRESS}"], "::1");
}

TEST_F(MxDiscoveryAgent, AaaaServfailKeepsTheIpv4AddressAndNamesTheLookup) {
  const auto targets = rows(kTargets, dns()["DOMAIN_AAAA_SERVFAIL"]);
  ASSERT_EQ(targets.size(), 1u) << targets;
  EXPECT_EQ(targets[0]["{#MX.HOST}"], "mx-aaaa-servfail.smtp-ping.test");
  EXPECT_EQ(targets[0]["{#MX.ADDRESS}"], dns()["ADDR_AAAA_SERVFAIL"]);
  EXPECT_EQ(targets[0]["{#MX.FAMILY}"], "ipv4");
  EXPECT_EQ(targets[0]["{#MX.DNSSEC}"], "secure");
  const std::string problems = targets[0]["{#MX.DNS.PROBLEMS}"];
  EXPECT_EQ(problems.rfind("AAAA mx-aaaa-servfail.smtp-ping.test: SERVFAIL (bogus", 0), 0u) << problems;
  const auto exchanges = rows(kExchanges, dns()["DOMAIN_AAAA_SERVFAIL"]);
  ASSERT_EQ(exchanges.size(), 1u) << exchanges;
  EXPECT_EQ(exchanges[0]["{#MX.ADDRESSES}"], dns()["ADDR_AAAA_SERVFAIL"]);
  EXPECT_EQ(exchanges[0]["{#MX.DNS.PROBLEMS}"], problems);
  EXPECT_EQ(exchanges[0]["{#MX.DNSSEC}"], "bogus");
}

TEST_F(MxDiscoveryAgent, LameExchangeDoesNotFailTheDomain) {
  const auto exchanges = rows(kExchanges, dns()["DOMAIN_LAME_MX"]);
  ASSERT_EQ(exchanges.size(), 2u) << exchanges;
  EXPECT_EQ(exchanges[0]["{#MX.DNS.PROBLEMS}"], "");
  EXPECT_EQ(exchanges[1]["{#MX.ADDRESSES}"], "");
  const std::string problems = exchanges[1]["{#MX.DNS.PROBLEMS}"];
  EXPECT_NE(problems.find("A mx.lame.smtp-ping.test: SERVFAIL"), std::string::npos) << problems;
  EXPECT_NE(problems.find("AAAA mx.lame.smtp-ping.test: SERVFAIL"), std::string::npos) << problems;
  EXPECT_EQ(rows(kTargets, dns()["DOMAIN_LAME_MX"]).size(), 2u) << "mx1's two addresses";
}

TEST_F(MxDiscoveryAgent, NullMxIsEmpty) {
  EXPECT_EQ(rows(kExchanges, dns()["DOMAIN_NULL_MX"]), nlohmann::json::array());
  EXPECT_EQ(rows(kTargets, dns()["DOMAIN_NULL_MX"]), nlohmann::json::array());
}

TEST_F(MxDiscoveryAgent, NoMxIsTheImplicitExchange) {
  const auto targets = rows(kTargets, dns()["DOMAIN_NO_MX"]);
  ASSERT_EQ(targets.size(), 1u) << targets;
  EXPECT_EQ(targets[0]["{#MX.HOST}"], dns()["DOMAIN_NO_MX"]);
  EXPECT_EQ(targets[0]["{#MX.PREFERENCE}"], "0");
  EXPECT_EQ(targets[0]["{#MX.ADDRESS}"], dns()["ADDR_NO_MX"]);
  EXPECT_EQ(targets[0]["{#MX.DNSSEC}"], "secure");
}

TEST_F(MxDiscoveryAgent, UnsignedZoneIsInsecure) {
  const auto targets = rows(kTargets, dns()["DOMAIN_UNSIGNED"]);
  ASSERT_FALSE(targets.empty());
  for (const auto& target : targets) EXPECT_EQ(target["{#MX.DNSSEC}"], "insecure") << target;
}

TEST_F(MxDiscoveryAgent, NxdomainIsNotSupported) {
  const AgentAnswer answer = agent_->query(kTargets, dns()["NXDOMAIN"], dns()["RESOLVER"]);
  EXPECT_FALSE(answer.supported);
  EXPECT_EQ(answer.value.rfind("MX lookup failed: MX " + dns()["NXDOMAIN"] + ": NXDOMAIN", 0), 0u) << answer.value;
}

TEST_F(MxDiscoveryAgent, BogusMxIsNotSupportedNamingTheValidation) {
  for (const char* key : {kExchanges, kTargets}) {
    const AgentAnswer answer = agent_->query(key, dns()["DOMAIN_BOGUS"], dns()["RESOLVER"]);
    EXPECT_FALSE(answer.supported);
    EXPECT_EQ(answer.value.rfind("MX lookup failed: MX " + dns()["DOMAIN_BOGUS"] + ": SERVFAIL (bogus", 0), 0u)
        << answer.value;
  }
}

TEST_F(MxDiscoveryAgent, RefusingResolverIsNotSupported) {
  const AgentAnswer answer = agent_->query(kTargets, dns()["DOMAIN_TWO_MX"], dns()["REFUSED"]);
  EXPECT_FALSE(answer.supported);
  EXPECT_EQ(answer.value.rfind("MX lookup failed: MX " + dns()["DOMAIN_TWO_MX"], 0), 0u) << answer.value;
}

TEST_F(MxDiscoveryAgent, TrustAnchorOutsideTheAllowedDirectoryIsRefused) {
  const std::string outside = (agent_->outside() / "test-root.ds").string();
  const AgentAnswer answer = agent_->query(kTargets, dns()["DOMAIN_TWO_MX"], dns()["RESOLVER"], "--trust-anchor=" + outside);
  EXPECT_FALSE(answer.supported);
  EXPECT_EQ(answer.value.rfind("Invalid options: --trust-anchor: ", 0), 0u) << answer.value;
  EXPECT_NE(answer.value.find("is outside"), std::string::npos) << answer.value;
}

// Acceptance 4 of issue 16: with the agent's Timeout=1, a resolver that never answers gives
// "not supported" naming the query before the agent's second is over (the module's deadline
// is Timeout - 0.1 s; the agent does not interrupt a module). A deadline, not a speed.
TEST(MxDiscoveryAgentDeadline, SilentResolverWithTimeoutOneAnswersWithinTheSecond) {
  if (!dns().ok()) GTEST_SKIP() << "DNS fixture: " << dns().problem();
  DiscoveryAgent agent(1);
  for (const char* key : {kExchanges, kTargets}) {
    const auto start = steady_clock::now();
    const AgentAnswer answer = agent.query(key, dns()["DOMAIN_TWO_MX"], dns()["SILENT"]);
    const std::chrono::duration<double> wall = steady_clock::now() - start;
    RecordProperty(std::string(key) + "_wall_seconds", std::to_string(wall.count()));
    std::cout << key << " against the silent resolver, Timeout=1: " << wall.count() << " s\n";
    EXPECT_FALSE(answer.supported);
    EXPECT_EQ(answer.value.rfind("MX lookup failed: MX " + dns()["DOMAIN_TWO_MX"] + ": ", 0), 0u) << answer.value;
    EXPECT_NE(answer.value.find("timed out"), std::string::npos) << answer.value;
    EXPECT_LT(wall.count(), 1.0) << answer.value;
  }
  // And a working resolver still answers within that second.
  const auto start = steady_clock::now();
  const AgentAnswer answer = agent.query(kTargets, dns()["DOMAIN_TWO_MX"], dns()["RESOLVER"]);
  const std::chrono::duration<double> wall = steady_clock::now() - start;
  std::cout << "targets of two-mx, Timeout=1: " << wall.count() << " s\n";
  EXPECT_TRUE(answer.supported) << answer.value;
  EXPECT_LT(wall.count(), 1.0);
}

}  // namespace
}  // namespace smtp_ping::zabbix_test
