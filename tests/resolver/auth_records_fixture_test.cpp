// SPF and DMARC (lib/policy/auth_records, evaluation/judge_auth_records) against the records the
// DNS fixture serves (tests/dns/README.md, "SPF (RFC 7208) and DMARC (RFC 7489)"), through the
// libunbound client: the findings and the 10-lookup count match what is published.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "dns_fixture_env.hpp"
#include "evaluation/judge_auth_records.hpp"
#include "output/describe.hpp"
#include "policy/auth_records.hpp"
#include "resolver/unbound/public_suffix.hpp"
#include "resolver/unbound/unbound_resolver.hpp"

namespace smtp_ping::policy {
namespace {

using test::DnsFixtureEnv;
using namespace std::chrono_literals;

const DnsFixtureEnv& env() { return DnsFixtureEnv::get(); }

class AuthRecordsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env().ok()) << env().problem();
    resolver::ResolverOptions options;
    options.forwarder = resolver::parse_forwarder(env()["RESOLVER"]).forwarder;
    options.trust_anchor_files = {env()["TRUST_ANCHOR"]};
    options.nodefault_zones = env().list("NODEFAULT_ZONES");
    auto created = resolver::UnboundResolver::create(options);
    ASSERT_TRUE(created.resolver) << created.error;
    resolver_ = std::move(created.resolver);
  }

  AuthRecords look_up(const std::string& key) {
    return look_up_auth_records(*resolver_, env()["DOMAIN_" + key], Deadline::after(10s));
  }

  static std::vector<std::string> texts(const ResultNode& node) {
    std::vector<std::string> out;
    for (const auto& finding : node.findings) out.push_back(finding_text(finding));
    return out;
  }

  std::unique_ptr<resolver::UnboundResolver> resolver_;
};

TEST_F(AuthRecordsFixture, ValidSpfAndDmarcReject) {
  const AuthRecords records = look_up("SPF");  // two-mx: v=spf1 mx -all, p=reject
  EXPECT_EQ(records.spf.lookups, 1);
  EXPECT_TRUE(records.spf.complete);
  ASSERT_EQ(records.spf.nodes.size(), 1u);
  EXPECT_EQ(records.spf.nodes[0].records, (std::vector<std::string>{"v=spf1 mx -all"}));
  EXPECT_EQ(records.spf.nodes[0].answer->dnssec, resolver::DnssecStatus::secure);
  ASSERT_TRUE(records.dmarc.record);
  EXPECT_EQ(records.dmarc.record->policy, DmarcPolicy::reject);
  EXPECT_EQ(records.dmarc.record->rua, (std::vector<std::string>{"mailto:dmarc-reports@smtp-ping.test"}));
  EXPECT_EQ(records.dmarc.answer->dnssec, resolver::DnssecStatus::secure);
  const ResultNode node = judge_auth_records(records, DmarcPolicy::reject);
  EXPECT_EQ(node.state, State::ok) << texts(node.children[0]).size() << texts(node.children[1]).size();
}

TEST_F(AuthRecordsFixture, BrokenSpf) {
  const ResultNode node = judge_auth_records(look_up("SPF_BROKEN"), std::nullopt);
  EXPECT_EQ(node.children[0].state, State::warning);
  ASSERT_EQ(texts(node.children[0]).size(), 1u);
  EXPECT_EQ(texts(node.children[0])[0], "SPF record at " + env()["DOMAIN_SPF_BROKEN"] +
                                            " invalid: 'ip4:127.0.0.256': not an IPv4 address");
}

TEST_F(AuthRecordsFixture, TwoSpfRecords) {
  const AuthRecords records = look_up("SPF_TWO");
  EXPECT_EQ(records.spf.nodes[0].problem, SpfNodeProblem::several_records);
  const ResultNode node = judge_auth_records(records, std::nullopt);
  EXPECT_EQ(texts(node.children[0]),
            (std::vector<std::string>{"2 SPF records at " + env()["DOMAIN_SPF_TWO"] + " (exactly one allowed)"}));
}

TEST_F(AuthRecordsFixture, ExactlyTenLookups) {
  const AuthRecords records = look_up("SPF_TEN");
  EXPECT_EQ(records.spf.lookups, 10);
  EXPECT_TRUE(records.spf.complete);
  EXPECT_EQ(records.spf.nodes.size(), 4u);  // the domain, t1, t2, t3
  EXPECT_EQ(records.spf.void_lookups, 0);
  EXPECT_EQ(judge_auth_records(records, std::nullopt).children[0].state, State::ok);
}

TEST_F(AuthRecordsFixture, ElevenLookupsAreOverTheLimit) {
  const AuthRecords records = look_up("SPF_TOO_MANY");
  EXPECT_EQ(records.spf.lookups, 11);
  const ResultNode node = judge_auth_records(records, std::nullopt);
  EXPECT_EQ(node.children[0].state, State::warning);
  EXPECT_EQ(texts(node.children[0]),
            (std::vector<std::string>{"SPF needs 11 DNS lookups, over the limit of 10 (RFC 7208 4.6.4: permerror)"}));
}

TEST_F(AuthRecordsFixture, VoidLookups) {
  const AuthRecords records = look_up("SPF_VOID");
  EXPECT_EQ(records.spf.lookups, 3);
  EXPECT_EQ(records.spf.void_lookups, 3);
  EXPECT_EQ(texts(judge_auth_records(records, std::nullopt).children[0]),
            (std::vector<std::string>{"SPF has 3 void lookups, over the limit of 2 (RFC 7208 4.6.4)"}));
}

// include:loop-a -> include:loop-b -> include:loop-a: followed once, named, and the count stays
// bounded (a receiver would follow it to the 10-lookup limit: permerror).
TEST_F(AuthRecordsFixture, IncludeLoopIsNamedNotFollowed) {
  const AuthRecords records = look_up("SPF_LOOP");
  ASSERT_EQ(records.spf.nodes.size(), 4u);  // the domain, loop-a, loop-b, loop-a again (not asked)
  EXPECT_EQ(records.spf.nodes[3].domain, "loop-a._spf.smtp-ping.test");
  EXPECT_EQ(records.spf.nodes[3].problem, SpfNodeProblem::loop);
  EXPECT_EQ(records.spf.lookups, 3);
  const ResultNode node = judge_auth_records(records, std::nullopt);
  EXPECT_EQ(node.children[0].state, State::warning);
  const auto found = texts(node.children[0]);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("loop-a._spf.smtp-ping.test"), std::string::npos) << found[0];
  EXPECT_NE(found[0].find("loop"), std::string::npos) << found[0];
}

// The organizational domain by the public suffix list (libpsl): one label below the public
// suffix, the test zone's included (".test" is not listed: the default rule "*" applies).
TEST(PublicSuffixList, OrganizationalDomains) {
  EXPECT_EQ(resolver::registrable_domain("mail.example.co.uk"), "example.co.uk");
  EXPECT_EQ(resolver::registrable_domain("a.b.example.org"), "example.org");
  EXPECT_EQ(resolver::registrable_domain("example.org"), "example.org");
  EXPECT_EQ(resolver::registrable_domain("dmarc-missing.smtp-ping.test"), "smtp-ping.test");
  EXPECT_EQ(resolver::registrable_domain("co.uk"), "");  // a public suffix has none
}

// No record at the domain nor at its organizational domain: both named (the fixture has no
// _dmarc at its apex, the organizational domain of every test domain).
TEST_F(AuthRecordsFixture, DmarcFallsBackToTheOrganizationalDomain) {
  const AuthRecords records = look_up("DMARC_MISSING");
  EXPECT_EQ(records.dmarc.organizational_domain, env()["ZONE"]);
  EXPECT_TRUE(records.dmarc.organizational_looked_up);
  EXPECT_FALSE(records.dmarc.inherited);
  const AuthRecords apex_child = look_up("DMARC_REJECT");  // has its own: no fallback
  EXPECT_FALSE(apex_child.dmarc.organizational_looked_up);
}

TEST_F(AuthRecordsFixture, DmarcPolicies) {
  EXPECT_EQ(look_up("DMARC_QUARANTINE").dmarc.record->policy, DmarcPolicy::quarantine);
  EXPECT_EQ(look_up("DMARC_NONE").dmarc.record->policy, DmarcPolicy::none);
  const ResultNode none = judge_auth_records(look_up("DMARC_NONE"), DmarcPolicy::quarantine);
  EXPECT_EQ(none.children[1].state, State::critical);
  EXPECT_EQ(texts(none.children[1]), (std::vector<std::string>{"DMARC p=none is below --require-dmarc=quarantine"}));
  EXPECT_EQ(judge_auth_records(look_up("DMARC_QUARANTINE"), DmarcPolicy::quarantine).children[1].state, State::ok);
  EXPECT_EQ(judge_auth_records(look_up("DMARC_QUARANTINE"), DmarcPolicy::reject).children[1].state, State::critical);
}

TEST_F(AuthRecordsFixture, DmarcMissingTwoAndMalformed) {
  const std::string missing_name = "_dmarc." + env()["DOMAIN_DMARC_MISSING"];
  EXPECT_EQ(texts(judge_auth_records(look_up("DMARC_MISSING"), std::nullopt).children[1]),
            (std::vector<std::string>{"no DMARC record at " + missing_name + " nor at _dmarc." + env()["ZONE"] +
                                      " (its organizational domain)"}));
  const ResultNode two = judge_auth_records(look_up("DMARC_TWO"), std::nullopt);
  EXPECT_EQ(two.children[1].state, State::warning);
  EXPECT_EQ(texts(two.children[1]), (std::vector<std::string>{"2 DMARC records at _dmarc." + env()["DOMAIN_DMARC_TWO"] +
                                                              " (exactly one allowed)"}));
  const ResultNode malformed = judge_auth_records(look_up("DMARC_MALFORMED"), std::nullopt);
  EXPECT_EQ(malformed.children[1].state, State::warning);
  EXPECT_EQ(texts(malformed.children[1]).size(), 2u);
}

}  // namespace
}  // namespace smtp_ping::policy
