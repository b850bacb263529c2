// Judging SPF and DMARC (lib/evaluation/judge_auth_records) and how a policy node sits beside
// a domain's exchanges (ResultNode::policy under Aggregation::redundant).
#include <gtest/gtest.h>

#include "evaluation/judge_auth_records.hpp"
#include "output/describe.hpp"
#include "output/policy_words.hpp"

namespace smtp_ping {
namespace {

using policy::AuthRecords;
using policy::DmarcPolicy;
using policy::SpfNode;
using policy::SpfNodeProblem;

resolver::Answer txt_answer(const std::vector<std::string>& texts) {
  resolver::Answer answer;
  answer.outcome = resolver::Outcome::answered;
  answer.rcode = texts.empty() ? resolver::rcode::nxdomain : resolver::rcode::noerror;
  for (const auto& text : texts) answer.records.push_back(resolver::TxtRecord{{text}});
  return answer;
}

AuthRecords records(const std::string& spf, const std::vector<std::string>& dmarc, int lookups = 1) {
  AuthRecords out;
  out.domain = "d.example";
  SpfNode own;
  own.domain = "d.example";
  own.answer = txt_answer(spf.empty() ? std::vector<std::string>{} : std::vector<std::string>{spf});
  if (!spf.empty()) {
    own.records = {spf};
    own.record = policy::parse_spf_record(spf);
    if (!own.record->valid()) own.problem = SpfNodeProblem::syntax;
  } else {
    own.problem = SpfNodeProblem::no_record;
  }
  own.lookups = lookups;
  out.spf.nodes.push_back(own);
  out.spf.lookups = lookups;
  out.dmarc.name = "_dmarc.d.example";
  out.dmarc.answer = txt_answer(dmarc);
  out.dmarc.records = dmarc;
  if (dmarc.size() == 1) out.dmarc.record = policy::parse_dmarc_record(dmarc.front());
  return out;
}

std::vector<std::string> texts(const ResultNode& node) {
  std::vector<std::string> out;
  for (const auto& finding : node.findings) out.push_back(finding_text(finding));
  return out;
}

TEST(JudgeAuthRecords, ValidRecordsAreOk) {
  const ResultNode node = judge_auth_records(records("v=spf1 mx -all", {"v=DMARC1; p=reject"}), std::nullopt);
  EXPECT_EQ(node.name, "auth-records");
  EXPECT_TRUE(node.policy);
  EXPECT_EQ(node.state, State::ok);
  ASSERT_EQ(node.children.size(), 2u);
  EXPECT_EQ(node.children[0].name, "spf");
  EXPECT_TRUE(fact_of<SpfFacts>(node.children[0]));
  EXPECT_TRUE(fact_of<DmarcFacts>(node.children[1]));
}

TEST(JudgeAuthRecords, MissingAndBrokenAreWarnings) {
  const ResultNode missing = judge_auth_records(records("", {}), std::nullopt);
  EXPECT_EQ(missing.state, State::warning);
  EXPECT_EQ(texts(missing.children[0]), (std::vector<std::string>{"no SPF record at d.example"}));
  EXPECT_EQ(texts(missing.children[1]),
            (std::vector<std::string>{
                "no DMARC record at _dmarc.d.example (the organizational domain is unknown: no public suffix list)"}));

  const ResultNode broken =
      judge_auth_records(records("v=spf1 ip4:127.0.0.256 mx:: ~al", {"v=DMARC1; p=maybe"}), std::nullopt);
  EXPECT_EQ(broken.children[0].state, State::warning);
  EXPECT_EQ(texts(broken.children[0]),
            (std::vector<std::string>{"SPF record at d.example invalid: 'ip4:127.0.0.256': not an IPv4 address"}));
  EXPECT_EQ(texts(broken.children[1]), (std::vector<std::string>{
                                           "DMARC record at _dmarc.d.example invalid: 'p=maybe': p= is not none, "
                                           "quarantine or reject"}));

  const ResultNode two = judge_auth_records(records("v=spf1 -all", {"v=DMARC1; p=reject", "v=DMARC1; p=none"}), std::nullopt);
  EXPECT_EQ(texts(two.children[1]), (std::vector<std::string>{"2 DMARC records at _dmarc.d.example (exactly one allowed)"}));
}

TEST(JudgeAuthRecords, TooManyLookups) {
  const ResultNode node = judge_auth_records(records("v=spf1 a mx -all", {"v=DMARC1; p=none"}, 11), std::nullopt);
  EXPECT_EQ(node.children[0].state, State::warning);
  EXPECT_EQ(texts(node.children[0]),
            (std::vector<std::string>{"SPF needs 11 DNS lookups, over the limit of 10 (RFC 7208 4.6.4: permerror)"}));
  EXPECT_EQ(judge_auth_records(records("v=spf1 a mx -all", {"v=DMARC1; p=none"}, 10), std::nullopt).state, State::ok);
}

TEST(JudgeAuthRecords, DmarcFloor) {
  const auto judged = [](const std::string& dmarc, DmarcPolicy floor) {
    return judge_auth_records(records("v=spf1 -all", {dmarc}), floor).children[1];
  };
  EXPECT_EQ(judged("v=DMARC1; p=reject", DmarcPolicy::reject).state, State::ok);
  EXPECT_EQ(judged("v=DMARC1; p=reject", DmarcPolicy::quarantine).state, State::ok);
  EXPECT_EQ(judged("v=DMARC1; p=quarantine", DmarcPolicy::quarantine).state, State::ok);
  const ResultNode none = judged("v=DMARC1; p=none", DmarcPolicy::quarantine);
  EXPECT_EQ(none.state, State::critical);
  EXPECT_EQ(texts(none), (std::vector<std::string>{"DMARC p=none is below --require-dmarc=quarantine"}));
  const ResultNode partial = judged("v=DMARC1; p=reject; pct=50", DmarcPolicy::reject);
  EXPECT_EQ(partial.state, State::critical);
  EXPECT_EQ(texts(partial), (std::vector<std::string>{"DMARC p=reject pct=50 is below --require-dmarc=reject"}));
  const ResultNode missing = judge_auth_records(records("v=spf1 -all", {}), DmarcPolicy::reject).children[1];
  EXPECT_EQ(missing.state, State::critical);
}

TEST(JudgeAuthRecords, PolicyNodeIsNoAlternative) {
  ResultNode domain;
  domain.aggregation = Aggregation::redundant();
  ResultNode dead;
  dead.name = "mx.d.example";
  dead.findings.push_back(Finding{State::critical, FailedStep{Failure{Phase::connect, FailureKind::connect, "refused",
                                                                      std::nullopt, {}, {}}}});
  domain.children.push_back(dead);
  domain.children.push_back(judge_auth_records(records("v=spf1 -all", {"v=DMARC1; p=reject"}), std::nullopt));
  // The OK policy node does not make the dead exchange one of two alternatives.
  EXPECT_EQ(settle(domain), State::critical);
  EXPECT_FALSE(serves(domain));

  ResultNode healthy;
  healthy.aggregation = Aggregation::redundant();
  healthy.children.push_back(ResultNode{"mx.d.example", State::ok, {}, {}, {}, {}, Aggregation::worst_of(), false});
  healthy.children.push_back(judge_auth_records(records("", {}), std::nullopt));
  EXPECT_EQ(settle(healthy), State::warning);  // the policy's WARNING counts like a worst_of child
  EXPECT_TRUE(serves(healthy));
}

// RFC 7489 §6.6.3 and §6.3: a subdomain without its own record takes its organizational domain's,
// where sp= (else p=) applies; none there either is missing at both, named.
TEST(JudgeAuthRecords, DmarcInheritedFromTheOrganizationalDomain) {
  AuthRecords inherited = records("v=spf1 mx -all", {"v=DMARC1; p=reject; sp=none"});
  inherited.domain = "mail.d.example";
  inherited.dmarc.name = "_dmarc.d.example";
  inherited.dmarc.organizational_domain = "d.example";
  inherited.dmarc.organizational_looked_up = true;
  inherited.dmarc.inherited = true;
  EXPECT_EQ(inherited.dmarc.effective_policy(), DmarcPolicy::none);
  const ResultNode below = judge_auth_records(inherited, DmarcPolicy::quarantine);
  EXPECT_EQ(below.children[1].state, State::critical);
  EXPECT_EQ(texts(below.children[1]), (std::vector<std::string>{"DMARC sp=none is below --require-dmarc=quarantine"}));
  const auto* facts = fact_of<DmarcFacts>(below.children[1]);
  ASSERT_TRUE(facts);
  EXPECT_NE(dmarc_text(*facts).find("the organizational domain's record: sp=none applies to mail.d.example"),
            std::string::npos)
      << dmarc_text(*facts);

  AuthRecords parent_p = records("v=spf1 mx -all", {"v=DMARC1; p=quarantine"});
  parent_p.domain = "mail.d.example";
  parent_p.dmarc.inherited = true;
  EXPECT_EQ(judge_auth_records(parent_p, DmarcPolicy::quarantine).state, State::ok);  // no sp=: p= applies

  AuthRecords nowhere = records("v=spf1 mx -all", {});
  nowhere.domain = "mail.d.example";
  nowhere.dmarc.name = "_dmarc.mail.d.example";
  nowhere.dmarc.organizational_domain = "d.example";
  nowhere.dmarc.organizational_looked_up = true;
  EXPECT_EQ(texts(judge_auth_records(nowhere, std::nullopt).children[1]),
            (std::vector<std::string>{
                "no DMARC record at _dmarc.mail.d.example nor at _dmarc.d.example (its organizational domain)"}));

  AuthRecords apex = records("v=spf1 mx -all", {});
  apex.dmarc.organizational_domain = "d.example";  // the domain is its own organizational domain
  EXPECT_EQ(texts(judge_auth_records(apex, std::nullopt).children[1]),
            (std::vector<std::string>{"no DMARC record at _dmarc.d.example"}));
}

}  // namespace
}  // namespace smtp_ping
