// SPF lookup counting and the DMARC lookup (lib/policy/auth_records) over a small fake of the
// resolver interface: a table of TXT/A/AAAA/MX answers, everything else NXDOMAIN.
#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "policy/auth_records.hpp"

namespace smtp_ping::policy {
namespace {

using resolver::Answer;
using resolver::Query;
using resolver::RecordType;

class TableResolver final : public resolver::Resolver {
 public:
  void txt(const std::string& name, std::vector<std::string> texts) {
    Answer& answer = entry(name, RecordType::txt);
    for (auto& text : texts) answer.records.push_back(resolver::TxtRecord{{std::move(text)}});
  }
  void address(const std::string& name) {
    entry(name, RecordType::a).records.push_back(resolver::AddressRecord{"192.0.2.1"});
    entry(name, RecordType::mx).records.push_back(resolver::MxRecord{10, name});
  }
  void servfail(const std::string& name, RecordType type) { entry(name, type).rcode = resolver::rcode::servfail; }

  std::vector<Answer> resolve(const std::vector<Query>& queries, const Deadline&) noexcept override {
    std::vector<Answer> answers;
    for (const auto& query : queries) {
      asked.push_back(query.name);
      const auto found = table_.find({query.name, query.type});
      Answer answer;
      if (found != table_.end()) {
        answer = found->second;
      } else {
        answer.outcome = resolver::Outcome::answered;
        answer.rcode = names_.count(query.name) ? resolver::rcode::noerror : resolver::rcode::nxdomain;
      }
      answer.query = query;
      answers.push_back(answer);
    }
    return answers;
  }

  std::vector<std::string> asked;

 private:
  Answer& entry(const std::string& name, RecordType type) {
    names_[name] = true;
    Answer& answer = table_[{name, type}];
    answer.outcome = resolver::Outcome::answered;
    answer.rcode = resolver::rcode::noerror;
    answer.dnssec = resolver::DnssecStatus::secure;
    return answer;
  }
  std::map<std::pair<std::string, RecordType>, Answer> table_;
  std::map<std::string, bool> names_;
};

const Deadline kLater = Deadline::after(std::chrono::seconds(30));

// The fixture's spf-ten / spf-too-many chain: t1 -> t2 -> t3.
void chain(TableResolver& dns) {
  dns.address("d.example");
  dns.txt("t1.example", {"v=spf1 a mx include:t2.example -all"});
  dns.txt("t2.example", {"v=spf1 a mx include:t3.example -all"});
  dns.txt("t3.example", {"v=spf1 a -all"});
  for (const char* name : {"t1.example", "t2.example", "t3.example"}) dns.address(name);
}

TEST(AuthRecords, CountsExactlyTen) {
  TableResolver dns;
  chain(dns);
  dns.txt("d.example", {"v=spf1 a mx include:t1.example -all", "some other text"});
  const AuthRecords records = look_up_auth_records(dns, "D.example.", kLater);
  EXPECT_EQ(records.domain, "d.example");
  EXPECT_EQ(records.spf.lookups, 10);
  EXPECT_TRUE(records.spf.complete);
  EXPECT_EQ(records.spf.void_lookups, 0);
  ASSERT_EQ(records.spf.nodes.size(), 4u);
  EXPECT_EQ(records.spf.nodes[3].domain, "t3.example");
  EXPECT_EQ(records.spf.nodes[3].depth, 3);
  EXPECT_EQ(records.spf.nodes[3].parent, "t2.example");
  EXPECT_EQ(records.spf.nodes[0].answer->dnssec, resolver::DnssecStatus::secure);
}

TEST(AuthRecords, CountsElevenOverTheLimit) {
  TableResolver dns;
  chain(dns);
  dns.txt("d.example", {"v=spf1 a mx a include:t1.example -all"});
  EXPECT_EQ(look_up_auth_records(dns, "d.example", kLater).spf.lookups, 11);
}

TEST(AuthRecords, RedirectCountsOnlyWithoutAll) {
  TableResolver dns;
  dns.address("d.example");
  dns.address("r.example");
  dns.txt("d.example", {"v=spf1 mx redirect=r.example"});
  dns.txt("r.example", {"v=spf1 a -all"});
  const AuthRecords with_redirect = look_up_auth_records(dns, "d.example", kLater);
  EXPECT_EQ(with_redirect.spf.lookups, 3);
  ASSERT_EQ(with_redirect.spf.nodes.size(), 2u);
  EXPECT_EQ(with_redirect.spf.nodes[1].via, SpfTermKind::redirect);

  TableResolver ignored;
  ignored.address("d.example");
  ignored.txt("d.example", {"v=spf1 mx redirect=r.example ~all"});
  const AuthRecords without = look_up_auth_records(ignored, "d.example", kLater);
  EXPECT_EQ(without.spf.lookups, 1);
  EXPECT_EQ(without.spf.nodes.size(), 1u);
}

TEST(AuthRecords, DetectsALoopWithoutAskingAgain) {
  TableResolver dns;
  dns.txt("d.example", {"v=spf1 include:x.example -all"});
  dns.txt("x.example", {"v=spf1 include:d.example -all"});
  const AuthRecords records = look_up_auth_records(dns, "d.example", kLater);
  ASSERT_EQ(records.spf.nodes.size(), 3u);
  EXPECT_EQ(records.spf.nodes[2].problem, SpfNodeProblem::loop);
  EXPECT_FALSE(records.spf.nodes[2].answer);
  EXPECT_EQ(records.spf.lookups, 2);
}

TEST(AuthRecords, BoundsTheWalk) {
  TableResolver dns;
  // A chain deeper than kMaxSpfDepth: n0 -> n1 -> ... each with one include.
  dns.txt("d.example", {"v=spf1 include:n1.example -all"});
  for (int i = 1; i <= 20; ++i)
    dns.txt("n" + std::to_string(i) + ".example", {"v=spf1 include:n" + std::to_string(i + 1) + ".example -all"});
  const AuthRecords records = look_up_auth_records(dns, "d.example", kLater);
  EXPECT_FALSE(records.spf.complete);
  EXPECT_EQ(records.spf.lookups, kMaxSpfDepth + 1);
  EXPECT_EQ(records.spf.nodes.back().problem, SpfNodeProblem::not_followed);
  EXPECT_LE(records.spf.queries, kMaxSpfQueries);
}

TEST(AuthRecords, ExpiredDeadlineFollowsNothing) {
  TableResolver dns;
  chain(dns);
  dns.txt("d.example", {"v=spf1 include:t1.example -all"});
  const AuthRecords records = look_up_auth_records(dns, "d.example", Deadline::after(std::chrono::seconds(0)));
  EXPECT_FALSE(records.spf.complete);
  EXPECT_EQ(records.spf.nodes[1].problem, SpfNodeProblem::not_followed);
}

TEST(AuthRecords, CountsVoidLookups) {
  TableResolver dns;
  dns.txt("d.example", {"v=spf1 a:void1.example a:void2.example mx:void3.example exists:%{i}.x.example ip4:127.0.0.0/8 -all"});
  const AuthRecords records = look_up_auth_records(dns, "d.example", kLater);
  EXPECT_EQ(records.spf.lookups, 4);
  EXPECT_EQ(records.spf.void_lookups, 3);
}

TEST(AuthRecords, IncludeProblemsAreTheTargets) {
  TableResolver dns;
  dns.txt("d.example", {"v=spf1 include:none.example include:two.example include:bad.example include:fail.example -all"});
  dns.txt("two.example", {"v=spf1 -all", "v=spf1 +all"});
  dns.txt("bad.example", {"v=spf1 foo"});
  dns.servfail("fail.example", RecordType::txt);
  const AuthRecords records = look_up_auth_records(dns, "d.example", kLater);
  ASSERT_EQ(records.spf.nodes.size(), 5u);
  EXPECT_EQ(records.spf.nodes[1].problem, SpfNodeProblem::no_record);
  EXPECT_EQ(records.spf.nodes[2].problem, SpfNodeProblem::several_records);
  EXPECT_EQ(records.spf.nodes[3].problem, SpfNodeProblem::syntax);
  EXPECT_EQ(records.spf.nodes[4].problem, SpfNodeProblem::lookup_failed);
}

TEST(AuthRecords, MacroTargetsAreCountedNotFollowed) {
  TableResolver dns;
  dns.txt("d.example", {"v=spf1 include:%{d}.x.example -all"});
  const AuthRecords records = look_up_auth_records(dns, "d.example", kLater);
  EXPECT_EQ(records.spf.lookups, 1);
  ASSERT_EQ(records.spf.nodes.size(), 2u);
  EXPECT_EQ(records.spf.nodes[1].problem, SpfNodeProblem::macro_target);
  EXPECT_TRUE(records.spf.complete);
}

TEST(AuthRecords, Dmarc) {
  TableResolver dns;
  dns.txt("_dmarc.d.example", {"v=DMARC1; p=quarantine; pct=50", "unrelated"});
  const AuthRecords records = look_up_auth_records(dns, "d.example", kLater);
  EXPECT_EQ(records.dmarc.name, "_dmarc.d.example");
  ASSERT_TRUE(records.dmarc.record);
  EXPECT_EQ(records.dmarc.record->policy, DmarcPolicy::quarantine);
  EXPECT_EQ(records.dmarc.record->percent, 50);
  EXPECT_EQ(records.spf.nodes[0].problem, SpfNodeProblem::no_record);

  TableResolver two;
  two.txt("_dmarc.d.example", {"v=DMARC1; p=reject", "v=DMARC1; p=none"});
  const AuthRecords several = look_up_auth_records(two, "d.example", kLater);
  EXPECT_EQ(several.dmarc.records.size(), 2u);
  EXPECT_FALSE(several.dmarc.record);
}

}  // namespace
}  // namespace smtp_ping::policy
