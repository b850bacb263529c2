// The TLS policies' judgement (lib/evaluation/judge_tls_policies) and words (lib/output):
// DANE matched / mismatch / bogus / no DANE / --require-dane / rollover readiness; MTA-STS
// matching, enforce and testing mismatches, redirect, oversize, broken record, none; TLS-RPT;
// policy nodes counted beside the redundant exchanges, not as alternatives.
#include "evaluation/judge_tls_policies.hpp"

#include <gtest/gtest.h>

#include "evaluation/judge_domain.hpp"
#include "output/domain_json.hpp"
#include "output/domain_output.hpp"

namespace smtp_ping {
namespace {

using namespace std::chrono_literals;
using policy::DaneApplies;
using resolver::Answer;
using resolver::MxRecord;
using resolver::RecordType;

const std::string kExchange = "mx.example.test";
const DaneRecord kEe{3, 1, 1, std::string(32, '\x11')};
const DaneRecord kNextEe{3, 1, 1, std::string(32, '\x22')};
const DaneRecord kTa{2, 1, 1, std::string(32, '\x33')};

Answer answered(const std::string& name, RecordType type, std::vector<resolver::Record> records) {
  Answer answer;
  answer.query = resolver::Query{name, type};
  answer.outcome = resolver::Outcome::answered;
  answer.rcode = resolver::rcode::noerror;
  answer.records = std::move(records);
  answer.dnssec = resolver::DnssecStatus::secure;
  return answer;
}

Report answering(std::optional<TlsFacts> tls = std::nullopt) {
  Report report;
  report.target = Target{kExchange, 25, false, "192.0.2.1", "192.0.2.1:25", TlsMode::starttls};
  report.planned_phases = {Phase::connect, Phase::banner, Phase::quit};
  report.phases = {{Phase::connect, 0ms, 1ms}, {Phase::banner, 1ms, 1ms}, {Phase::quit, 2ms, 1ms}};
  report.greeting = Reply{220, {kExchange + " ESMTP"}};
  report.total = 3ms;
  report.tls = std::move(tls);
  return report;
}

DomainResult domain(Report report) {
  DomainResult result;
  result.domain = "example.test";
  resolver::MailDomain dns;
  dns.mx.kind = resolver::MxKind::exchanges;
  dns.mx.exchanges.push_back(MxRecord{10, kExchange});
  dns.mx.answer = answered("example.test", RecordType::mx, {MxRecord{10, kExchange}});
  resolver::ExchangeAddresses entry{MxRecord{10, kExchange}, std::nullopt, std::nullopt};
  entry.a = answered(kExchange, RecordType::a, {resolver::AddressRecord{"192.0.2.1"}});
  dns.exchanges.push_back(entry);
  result.dns = dns;
  result.targets.push_back(DomainTarget{MxRecord{10, kExchange}, "192.0.2.1", std::move(report), {}, {}});
  return result;
}

TlsFacts dane_tls(bool authenticated, std::vector<int> depths, std::optional<std::size_t> matched) {
  TlsFacts tls;
  tls.verified = authenticated;
  DaneOutcome outcome;
  outcome.authenticated = authenticated;
  outcome.matched = matched;
  outcome.matched_depth = matched ? 0 : -1;
  outcome.record_depths = std::move(depths);
  outcome.chain = {{0, "CN=mx.example.test", "abcd", "ef01"}};
  tls.dane = outcome;
  return tls;
}

DaneLookup dane_lookup(DaneApplies applies, std::vector<DaneRecord> records) {
  DaneLookup lookup;
  lookup.exchange = kExchange;
  lookup.applies = applies;
  lookup.records = std::move(records);
  std::vector<resolver::Record> tlsa;
  for (const auto& record : lookup.records)
    tlsa.push_back(resolver::TlsaRecord{record.usage, record.selector, record.matching_type, record.data});
  lookup.tlsa = answered("_25._tcp." + kExchange, RecordType::tlsa, tlsa);
  return lookup;
}

// Judged as run_domain_check does: the domain tree, then the policy nodes beside the exchanges.
DomainResult judged(DomainResult result) {
  result.tree = judge_domain(result, {});
  for (auto& node : judge_tls_policies(result)) result.tree.children.push_back(std::move(node));
  settle(result.tree);
  return result;
}

std::string text_of(const DomainResult& result) { return render_domain(result, OutputOptions{}); }

TEST(JudgeDane, MatchedRecordIsOkAndNamedNotRolloverReady) {
  DomainResult result = domain(answering(dane_tls(true, {0}, 0)));
  result.tls_policies.options.dane = true;
  result.tls_policies.dane = {dane_lookup(DaneApplies::yes, {kEe})};
  result = judged(result);
  EXPECT_EQ(result.tree.state, State::ok);
  const std::string text = text_of(result);
  EXPECT_NE(text.find("DANE mx.example.test: 3 1 1 1111111111111111111111111111111111111111111111111111111111111111 matched"),
            std::string::npos) << text;
  EXPECT_NE(text.find("not ready for a key change"), std::string::npos) << text;
  EXPECT_NE(text.find("not rollover-ready"), std::string::npos) << text;
}

TEST(JudgeDane, SecondKeyPublishedIsRolloverReady) {
  DomainResult result = domain(answering(dane_tls(true, {0, -1}, 0)));
  result.tls_policies.options.dane = true;
  result.tls_policies.dane = {dane_lookup(DaneApplies::yes, {kEe, kNextEe})};
  result = judged(result);
  EXPECT_EQ(result.tree.state, State::ok);
  EXPECT_NE(text_of(result).find(", rollover-ready"), std::string::npos);
  const std::string json = domain_to_json(result, {}).dump();
  EXPECT_NE(json.find("\"rollover_ready\":true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"kind\":\"dane_matched\""), std::string::npos) << json;
}

TEST(JudgeDane, MismatchIsCriticalNamingRecordsAndPresented) {
  Report report = answering(dane_tls(false, {-1}, std::nullopt));
  report.failure = Failure{Phase::tls, FailureKind::tls_verify, "DANE verification failed: no matching DANE TLSA records",
                           std::nullopt, {}, {}};
  DomainResult result = domain(std::move(report));
  result.tls_policies.options.dane = true;
  result.tls_policies.dane = {dane_lookup(DaneApplies::yes, {kTa})};
  result = judged(result);
  EXPECT_EQ(result.tree.state, State::critical);
  const std::string text = text_of(result);
  EXPECT_NE(text.find("DANE mx.example.test 192.0.2.1: no TLSA record matches; records 2 1 1 3333"), std::string::npos)
      << text;
  EXPECT_NE(text.find("presented depth 0 CN=mx.example.test (SPKI SHA-256 abcd)"), std::string::npos) << text;
}

TEST(JudgeDane, BogusIsCriticalEvenWhileTheTargetServes) {
  DomainResult result = domain(answering());
  result.tls_policies.options.dane = true;
  DaneLookup lookup = dane_lookup(DaneApplies::bogus, {});
  lookup.tlsa->dnssec = resolver::DnssecStatus::bogus;
  lookup.tlsa->why_bogus = "signature crypto failed";
  result.tls_policies.dane = {lookup};
  result = judged(result);
  EXPECT_EQ(result.tree.state, State::critical);
  EXPECT_NE(text_of(result).find("the TLSA answer is DNSSEC-bogus (signature crypto failed)"), std::string::npos);
}

TEST(JudgeDane, InsecureIsNoDaneOkUnlessRequired) {
  DomainResult result = domain(answering());
  result.tls_policies.options.dane = true;
  result.tls_policies.dane = {dane_lookup(DaneApplies::insecure, {})};
  DomainResult plain = judged(result);
  EXPECT_EQ(plain.tree.state, State::ok);
  EXPECT_NE(text_of(plain).find("no DANE for mx.example.test"), std::string::npos) << text_of(plain);
  result.tls_policies.options.require_dane = true;
  EXPECT_EQ(judged(result).tree.state, State::critical);
}

MtaStsLookup sts_lookup(std::string policy, long status = 200, std::string content_type = "text/plain") {
  MtaStsLookup lookup;
  lookup.txt = answered("_mta-sts.example.test", RecordType::txt, {resolver::TxtRecord{{"v=STSv1; id=1;"}}});
  lookup.url = "https://mta-sts.example.test/.well-known/mta-sts.txt";
  mailbox::HttpsResponse response;
  response.transferred = true;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(policy);
  lookup.fetched = response;
  return lookup;
}

DomainResult with_sts(MtaStsLookup lookup, std::optional<TlsFacts> tls = std::nullopt) {
  if (!tls) {
    tls = TlsFacts{};
    tls->verified = true;
  }
  DomainResult result = domain(answering(tls));
  result.tls_policies.options.mta_sts = true;
  result.tls_policies.mta_sts = std::move(lookup);
  return judged(result);
}

TEST(JudgeMtaSts, MatchingPolicyIsOk) {
  const DomainResult result =
      with_sts(sts_lookup("version: STSv1\r\nmode: enforce\r\nmx: *.example.test\r\nmax_age: 86400\r\n"));
  EXPECT_EQ(result.tree.state, State::ok) << text_of(result);
  EXPECT_NE(text_of(result).find("MTA-STS enforce: 1 MX matches"), std::string::npos) << text_of(result);
}

TEST(JudgeMtaSts, EnforceMismatchIsCriticalNamingMxAndPatterns) {
  const DomainResult result = with_sts(
      sts_lookup("version: STSv1\nmode: enforce\nmx: mail.example.net\nmx: *.other.example.test\nmax_age: 86400\n"));
  EXPECT_EQ(result.tree.state, State::critical);
  EXPECT_NE(text_of(result).find("MTA-STS (enforce): MX mx.example.test matches no policy pattern "
                                 "(mail.example.net, *.other.example.test)"),
            std::string::npos)
      << text_of(result);
}

TEST(JudgeMtaSts, TestingMismatchIsWarning) {
  const DomainResult result =
      with_sts(sts_lookup("version: STSv1\nmode: testing\nmx: mail.example.net\nmax_age: 604800\n"));
  EXPECT_EQ(result.tree.state, State::warning);
}

TEST(JudgeMtaSts, CertificateNotValidForTheMxIsCriticalInEnforce) {
  Report report = answering();
  report.failure = Failure{Phase::tls, FailureKind::tls_verify, "certificate name mismatch", std::nullopt, {}, {}};
  DomainResult result = domain(std::move(report));
  result.tls_policies.options.mta_sts = true;
  result.tls_policies.mta_sts = sts_lookup("version: STSv1\nmode: enforce\nmx: *.example.test\nmax_age: 86400\n");
  result = judged(result);
  EXPECT_EQ(result.tree.state, State::critical);
  EXPECT_NE(text_of(result).find("presents no certificate valid for its name: 192.0.2.1: certificate name mismatch"),
            std::string::npos)
      << text_of(result);
}

TEST(JudgeMtaSts, RedirectAndOversizeAreFailuresWithTheReason) {
  MtaStsLookup redirect = sts_lookup("", 301, "text/html");
  redirect.fetched->location = "https://mta-sts.two-mx.example.test/.well-known/mta-sts.txt";
  DomainResult result = with_sts(redirect);
  EXPECT_EQ(result.tree.state, State::warning);
  EXPECT_NE(text_of(result).find("answered with a redirect (301 https://mta-sts.two-mx.example.test/"), std::string::npos)
      << text_of(result);
  MtaStsLookup oversize = sts_lookup("");
  oversize.fetched->transferred = false;
  oversize.fetched->too_large = true;
  result = with_sts(oversize);
  EXPECT_EQ(result.tree.state, State::warning);
  EXPECT_NE(text_of(result).find("is larger than 65536 bytes"), std::string::npos) << text_of(result);
  result.tls_policies.options.require_mta_sts = true;
  EXPECT_EQ(judged(result).tree.state, State::critical);
}

TEST(JudgeMtaSts, WrongContentTypeAndNoRecord) {
  EXPECT_EQ(with_sts(sts_lookup("version: STSv1\nmode: enforce\nmx: *.example.test\nmax_age: 1\n", 200,
                                "application/json"))
                .tree.state,
            State::warning);
  MtaStsLookup none;
  none.txt = answered("_mta-sts.example.test", RecordType::txt, {resolver::TxtRecord{{"v=spf1 -all"}}});
  const DomainResult result = with_sts(none);
  EXPECT_EQ(result.tree.state, State::ok);
  EXPECT_NE(text_of(result).find("no MTA-STS policy"), std::string::npos);
}

TEST(JudgeTlsRpt, MalformedIsWarningMissingOkUnlessRequired) {
  DomainResult result = domain(answering());
  result.tls_policies.options.tls_rpt = true;
  result.tls_policies.tls_rpt = TlsRptLookup{
      answered("_smtp._tls.example.test", RecordType::txt, {resolver::TxtRecord{{"v=TLSRPTv1; rua=tlsrpt.example.test"}}})};
  DomainResult malformed = judged(result);
  EXPECT_EQ(malformed.tree.state, State::warning);
  EXPECT_NE(text_of(malformed).find("TLS-RPT record malformed: rua 'tlsrpt.example.test' is not a mailto: or https: URI"),
            std::string::npos)
      << text_of(malformed);
  result.tls_policies.tls_rpt = TlsRptLookup{answered("_smtp._tls.example.test", RecordType::txt, {})};
  EXPECT_EQ(judged(result).tree.state, State::ok);
  result.tls_policies.options.require_tls_rpt = true;
  EXPECT_EQ(judged(result).tree.state, State::critical);
}

TEST(PolicyNodes, AreNotAlternativesOfARedundantDomain) {
  ResultNode domain;
  domain.aggregation = Aggregation::redundant();
  ResultNode exchange;
  exchange.name = "mx";
  ResultNode policy;
  policy.name = "dane";
  policy.policy = true;
  domain.children = {exchange, policy};
  EXPECT_EQ(settle(domain), State::ok);
  domain.children[1].findings.push_back(Finding{State::critical, TlsPolicyFinding{DaneFinding{}}});
  EXPECT_EQ(settle(domain), State::critical);
  domain.children[1].findings.clear();
  domain.children[0].findings.push_back(
      Finding{State::critical, FailedStep{Failure{Phase::connect, FailureKind::connect, "refused", std::nullopt, {}, {}}}});
  EXPECT_EQ(settle(domain), State::critical);  // the only exchange is down: the policy does not serve for it
}

}  // namespace
}  // namespace smtp_ping
