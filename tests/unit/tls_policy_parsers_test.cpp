// The TLS policies' parsers (lib/policy): the _mta-sts record (RFC 8461 §3.1), the MTA-STS
// policy file (§3.2) and its mx patterns (§4.1), the TLS-RPT record (RFC 8460 §3), the DANE
// applicability of a TLSA answer (RFC 7672 §2.2, §3.1).
#include <gtest/gtest.h>

#include "policy/dane_applicability.hpp"
#include "policy/mta_sts_policy.hpp"
#include "policy/mta_sts_record.hpp"
#include "policy/tls_rpt_record.hpp"

namespace smtp_ping::policy {
namespace {

TEST(MtaStsRecord, ValidWithIdAndExtension) {
  EXPECT_TRUE(is_mta_sts_record("v=STSv1; id=20240601T000000;"));
  const auto record = parse_mta_sts_record("v=STSv1; id=20240601T000000; ext-1=x");
  EXPECT_TRUE(record.valid);
  EXPECT_EQ(record.id, "20240601T000000");
  EXPECT_EQ(record.extensions, std::vector<std::string>{"ext-1"});
}

TEST(MtaStsRecord, OtherRecordsAreNotMtaSts) {
  EXPECT_FALSE(is_mta_sts_record("v=spf1 -all"));
  EXPECT_FALSE(is_mta_sts_record("id=1; v=STSv1"));
  EXPECT_FALSE(is_mta_sts_record(""));
}

TEST(MtaStsRecord, IdMustBeLettersAndDigits) {
  const auto record = parse_mta_sts_record("v=STSv1; id=2024-06-01!;");
  EXPECT_FALSE(record.valid);
  ASSERT_EQ(record.problems.size(), 1u);
  EXPECT_NE(record.problems[0].find("not 1-32 letters and digits"), std::string::npos);
  EXPECT_FALSE(parse_mta_sts_record("v=STSv1;").valid);
  EXPECT_FALSE(parse_mta_sts_record("v=STSv1; id=" + std::string(33, 'a')).valid);
  EXPECT_FALSE(parse_mta_sts_record("v=STSv1; id=1; id=2").valid);
}

TEST(MtaStsPolicy, MatchingPolicyWithCrlf) {
  const auto policy = parse_mta_sts_policy(
      "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.org\r\nmx: *.example.net\r\nmax_age: 86400\r\n");
  EXPECT_TRUE(policy.valid);
  EXPECT_EQ(policy.mode, MtaStsMode::enforce);
  EXPECT_EQ(policy.mx, (std::vector<std::string>{"mx1.example.org", "*.example.net"}));
  EXPECT_EQ(policy.max_age, 86400u);
}

TEST(MtaStsPolicy, UnknownKeysAndIpLiteralsReportedNotFatal) {
  const auto policy = parse_mta_sts_policy(
      "version: STSv1\nmode: testing\nmx: mx1.example.org\nmx: 127.0.0.11\nmx: [127.0.0.12]\n"
      "smtp-ping-comment: hi\nmax_age: 604800\n");
  EXPECT_TRUE(policy.valid);
  EXPECT_EQ(policy.unknown_keys, std::vector<std::string>{"smtp-ping-comment"});
  EXPECT_EQ(policy.ip_literals, (std::vector<std::string>{"127.0.0.11", "[127.0.0.12]"}));
  EXPECT_EQ(policy.mx, std::vector<std::string>{"mx1.example.org"});
}

TEST(MtaStsPolicy, StrictProblems) {
  EXPECT_FALSE(parse_mta_sts_policy("mode: enforce\nmx: a.example\nmax_age: 1\n").valid);         // no version
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n").valid);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n").valid);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmax_age: 1\n").valid);          // no mx
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\n").valid);       // no max_age
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n").valid);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.*.example\nmax_age: 1\n").valid);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nmode: none\n").valid);
  EXPECT_FALSE(parse_mta_sts_policy("version: STSv1\nthis is not a key value line\n").valid);
  EXPECT_TRUE(parse_mta_sts_policy("version: STSv1\nmode: none\nmax_age: 31557600\n").valid);
}

TEST(MtaStsPolicy, OversizeIsAProblem) {
  std::string text = "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n";
  text.resize(kMaxMtaStsPolicyBytes + 1, '\n');
  EXPECT_FALSE(parse_mta_sts_policy(text).valid);
}

TEST(MxPattern, WildcardOnlyTheLeftmostLabel) {
  EXPECT_TRUE(mx_pattern_matches("mx1.example.org", "MX1.example.org."));
  EXPECT_TRUE(mx_pattern_matches("*.example.org", "mx1.example.org"));
  EXPECT_FALSE(mx_pattern_matches("*.example.org", "example.org"));
  EXPECT_FALSE(mx_pattern_matches("*.example.org", "a.mx1.example.org"));
  EXPECT_FALSE(mx_pattern_matches("mx1.example.org", "mx2.example.org"));
  EXPECT_FALSE(mx_pattern_matches("", "mx2.example.org"));
}

TEST(TlsRptRecord, ValidAndMalformed) {
  const auto valid = parse_tls_rpt_record("v=TLSRPTv1; rua=mailto:tlsrpt@example.org,https://r.example.org/x");
  EXPECT_TRUE(valid.valid);
  EXPECT_EQ(valid.rua, (std::vector<std::string>{"mailto:tlsrpt@example.org", "https://r.example.org/x"}));
  const auto malformed = parse_tls_rpt_record("v=TLSRPTv1; rua=tlsrpt.smtp-ping.test");
  EXPECT_FALSE(malformed.valid);
  ASSERT_FALSE(malformed.problems.empty());
  EXPECT_NE(malformed.problems[0].find("not a mailto: or https: URI"), std::string::npos);
  EXPECT_FALSE(parse_tls_rpt_record("v=TLSRPTv1;").valid);
  EXPECT_FALSE(is_tls_rpt_record("v=STSv1; id=1"));
}

resolver::Answer tlsa_answer(resolver::DnssecStatus status, std::vector<resolver::Record> records) {
  resolver::Answer answer;
  answer.query = {"_25._tcp.mx.example.org", resolver::RecordType::tlsa};
  answer.outcome = resolver::Outcome::answered;
  answer.rcode = resolver::rcode::noerror;
  answer.dnssec = status;
  answer.records = std::move(records);
  return answer;
}

TEST(DaneApplicability, SecureUsableInsecureBogusUnusable) {
  const resolver::TlsaRecord ee{3, 1, 1, std::string(32, 'a')};
  const resolver::TlsaRecord pkix{1, 1, 1, std::string(32, 'b')};
  auto secure = decide_dane(tlsa_answer(resolver::DnssecStatus::secure, {ee, pkix}), true);
  EXPECT_EQ(secure.applies, DaneApplies::yes);
  ASSERT_EQ(secure.usable.size(), 1u);  // PKIX-EE does not count for SMTP
  EXPECT_EQ(secure.usable[0].usage, 3);
  EXPECT_EQ(decide_dane(tlsa_answer(resolver::DnssecStatus::secure, {ee}), false).applies, DaneApplies::insecure);
  EXPECT_EQ(decide_dane(tlsa_answer(resolver::DnssecStatus::insecure, {ee}), true).applies, DaneApplies::insecure);
  EXPECT_EQ(decide_dane(tlsa_answer(resolver::DnssecStatus::secure, {pkix}), true).applies, DaneApplies::unusable);
  EXPECT_EQ(decide_dane(tlsa_answer(resolver::DnssecStatus::secure, {}), true).applies, DaneApplies::no_tlsa);
  auto bogus = tlsa_answer(resolver::DnssecStatus::bogus, {});
  bogus.rcode = resolver::rcode::servfail;
  EXPECT_EQ(decide_dane(bogus, true).applies, DaneApplies::bogus);
  auto failed = tlsa_answer(resolver::DnssecStatus::indeterminate, {});
  failed.rcode = resolver::rcode::servfail;
  EXPECT_EQ(decide_dane(failed, true).applies, DaneApplies::failed);
  EXPECT_EQ(decide_dane(std::nullopt, true).applies, DaneApplies::failed);
  EXPECT_EQ(tlsa_name(2525, "mx.example.org"), "_2525._tcp.mx.example.org");
}

}  // namespace
}  // namespace smtp_ping::policy
