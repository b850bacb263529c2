// The strict DMARC parser (lib/policy/dmarc_record, RFC 7489 §6.3, §6.4).
#include <gtest/gtest.h>

#include "policy/dmarc_record.hpp"

namespace smtp_ping::policy {
namespace {

DmarcProblem first_problem(const std::string& record) {
  const DmarcRecord parsed = parse_dmarc_record(record);
  EXPECT_FALSE(parsed.valid()) << record;
  return parsed.problems.empty() ? DmarcProblem::bad_tag : parsed.problems.front().problem;
}

TEST(DmarcRecord, RecognisesTheVersion) {
  EXPECT_TRUE(is_dmarc_record("v=DMARC1; p=none"));
  EXPECT_TRUE(is_dmarc_record("v = DMARC1 ;p=none"));
  EXPECT_TRUE(is_dmarc_record("v=DMARC1"));
  EXPECT_FALSE(is_dmarc_record("v=dmarc1; p=none"));  // the version is case-sensitive
  EXPECT_FALSE(is_dmarc_record("p=none; v=DMARC1"));
  EXPECT_FALSE(is_dmarc_record("v=DMARC10; p=none"));
  EXPECT_FALSE(is_dmarc_record("v=spf1 -all"));
}

TEST(DmarcRecord, ReadsEveryTag) {
  const DmarcRecord record = parse_dmarc_record(
      "v=DMARC1; p=Reject; sp=quarantine; pct=50; rua=mailto:a@example.org,mailto:b@example.net!10m; "
      "ruf=mailto:f@example.org; adkim=s; aspf=r; fo=0:d; rf=afrf; ri=3600; x-new=1;");
  ASSERT_TRUE(record.valid()) << dmarc_problem_name(record.problems.front().problem);
  EXPECT_EQ(record.policy, DmarcPolicy::reject);
  EXPECT_EQ(record.subdomain_policy, DmarcPolicy::quarantine);
  EXPECT_EQ(record.percent, 50);
  EXPECT_EQ(record.rua, (std::vector<std::string>{"mailto:a@example.org", "mailto:b@example.net!10m"}));
  EXPECT_EQ(record.adkim, 's');
  EXPECT_EQ(record.unknown_tags, (std::vector<std::string>{"x-new"}));
}

TEST(DmarcRecord, TheFixturesRecords) {
  EXPECT_EQ(parse_dmarc_record("v=DMARC1; p=reject; rua=mailto:dmarc-reports@smtp-ping.test").policy, DmarcPolicy::reject);
  EXPECT_EQ(parse_dmarc_record("v=DMARC1; p=quarantine; pct=100").policy, DmarcPolicy::quarantine);
  EXPECT_EQ(parse_dmarc_record("v=DMARC1; p=none").policy, DmarcPolicy::none);
  const DmarcRecord malformed = parse_dmarc_record("v=DMARC1; p=maybe; rua=dmarc-reports");
  ASSERT_EQ(malformed.problems.size(), 2u);
  EXPECT_EQ(malformed.problems[0].problem, DmarcProblem::bad_policy);
  EXPECT_EQ(malformed.problems[0].value, "maybe");
  EXPECT_EQ(malformed.problems[1].problem, DmarcProblem::bad_report_uri);
}

TEST(DmarcRecord, RefusesBadValues) {
  EXPECT_EQ(first_problem("v=DMARC1"), DmarcProblem::no_policy);
  EXPECT_EQ(first_problem("v=DMARC1; sp=reject"), DmarcProblem::no_policy);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; sp=all"), DmarcProblem::bad_subdomain_policy);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; pct=101"), DmarcProblem::bad_percent);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; pct=-1"), DmarcProblem::bad_percent);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; adkim=x"), DmarcProblem::bad_alignment);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; rua=mailto:a@example.org!x"), DmarcProblem::bad_report_uri);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; rua="), DmarcProblem::bad_report_uri);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; ri=1h"), DmarcProblem::bad_interval);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; fo=2"), DmarcProblem::bad_failure_options);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; garbage"), DmarcProblem::bad_tag);
  EXPECT_EQ(first_problem("v=DMARC1; p=none; p=reject"), DmarcProblem::duplicate_tag);
}

}  // namespace
}  // namespace smtp_ping::policy
