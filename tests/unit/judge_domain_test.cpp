// The domain check's judgement (lib/evaluation/judge_domain): every exchange x address, the
// redundant rule (CRITICAL when no target takes mail, WARNING when some cannot, else the worst
// of those that can), --all-must-pass, DNS problems, FCrDNS, perfdata.
#include "evaluation/judge_domain.hpp"

#include <gtest/gtest.h>

#include "output/describe.hpp"
#include "output/domain_output.hpp"

namespace smtp_ping {
namespace {

using namespace std::chrono_literals;
using resolver::Answer;
using resolver::MxKind;
using resolver::MxRecord;
using resolver::Query;
using resolver::RecordType;

Answer answered(const std::string& name, RecordType type, std::vector<resolver::Record> records) {
  Answer answer;
  answer.query = Query{name, type};
  answer.outcome = resolver::Outcome::answered;
  answer.rcode = resolver::rcode::noerror;
  answer.records = std::move(records);
  answer.dnssec = resolver::DnssecStatus::secure;
  return answer;
}

Report answering(const std::string& exchange, const std::string& address, Clock::duration total = 20ms) {
  Report report;
  report.target = Target{exchange, 25, false, address, "127.0.0.1:40000", TlsMode::none};
  report.planned_phases = {Phase::connect, Phase::banner, Phase::quit};
  report.phases = {{Phase::connect, 0ms, 1ms}, {Phase::banner, 1ms, 1ms}, {Phase::quit, 2ms, 1ms}};
  report.greeting = Reply{220, {exchange + " ESMTP"}};
  report.total = total;
  return report;
}

Report refused(const std::string& exchange, const std::string& address) {
  Report report = answering(exchange, address);
  report.phases = {{Phase::connect, 0ms, 1ms}};
  report.greeting.reset();
  report.failure = Failure{Phase::connect, FailureKind::connect, "connection refused", std::nullopt, {}, {}};
  return report;
}

// A domain of exchanges, each with its addresses and how each answered.
struct Exchange {
  std::string name;
  std::vector<std::pair<std::string, bool>> addresses;  // address, answers
};

DomainResult domain_of(const std::vector<Exchange>& exchanges) {
  DomainResult result;
  result.domain = "example.test";
  resolver::MailDomain dns;
  dns.mx.kind = MxKind::exchanges;
  std::vector<resolver::Record> mx_records;
  for (const auto& exchange : exchanges) {
    dns.mx.exchanges.push_back(MxRecord{10, exchange.name});
    mx_records.push_back(MxRecord{10, exchange.name});
    resolver::ExchangeAddresses entry{MxRecord{10, exchange.name}, std::nullopt, std::nullopt};
    std::vector<resolver::Record> a;
    for (const auto& [address, answers] : exchange.addresses) {
      a.push_back(resolver::AddressRecord{address});
      result.targets.push_back(DomainTarget{MxRecord{10, exchange.name}, address,
                                            answers ? answering(exchange.name, address) : refused(exchange.name, address),
                                            {}, {}});
    }
    entry.a = answered(exchange.name, RecordType::a, a);
    dns.exchanges.push_back(entry);
  }
  dns.mx.answer = answered("example.test", RecordType::mx, mx_records);
  result.dns = dns;
  return result;
}

const PerfDatum* perf(const ResultNode& node, const std::string& label) {
  for (const auto& datum : node.perfdata)
    if (datum.label == label) return &datum;
  return nullptr;
}

TEST(JudgeDomain, EveryTargetAnsweringIsOkWithCountsAndEachTargetsTotal) {
  const DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}, {"192.0.2.2", true}}},
                                         {"mx2.example.test", {{"192.0.2.3", true}, {"192.0.2.4", true}}}});
  const ResultNode tree = judge_domain(result, {});
  EXPECT_EQ(tree.state, State::ok);
  ASSERT_EQ(tree.children.size(), 2u);
  EXPECT_EQ(tree.children[0].name, "mx1.example.test");
  ASSERT_EQ(tree.children[0].children.size(), 2u);
  EXPECT_EQ(tree.children[0].children[1].name, "192.0.2.2");
  ASSERT_NE(perf(tree, "targets"), nullptr);
  EXPECT_EQ(perf(tree, "targets")->value, 4);
  EXPECT_EQ(perf(tree, "targets_ok")->value, 4);
  ASSERT_NE(perf(tree, "mx2.example.test 192.0.2.4 total"), nullptr);
  EXPECT_DOUBLE_EQ(perf(tree, "mx2.example.test 192.0.2.4 total")->value, 0.02);
}

TEST(JudgeDomain, OneDeadAddressIsWarningNamingExchangeAddressAndReason) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}, {"192.0.2.2", false}}},
                                   {"mx2.example.test", {{"192.0.2.3", true}}}});
  result.tree = judge_domain(result, {});
  EXPECT_EQ(result.tree.state, State::warning);
  EXPECT_EQ(perf(result.tree, "targets_ok")->value, 2);
  const std::string text = render_domain(result, OutputOptions{});
  EXPECT_NE(text.find("SMTP WARNING - example.test: 2 of 3 targets take mail"), std::string::npos) << text;
  EXPECT_NE(text.find("mx1.example.test 192.0.2.2: mx1.example.test:25: connect failed: connection refused"),
            std::string::npos)
      << text;
}

TEST(JudgeDomain, AWholeExchangeDownIsStillWarningWhileAnotherTakesMail) {
  const DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", false}, {"192.0.2.2", false}}},
                                         {"mx2.example.test", {{"192.0.2.3", true}}}});
  EXPECT_EQ(judge_domain(result, {}).state, State::warning);
}

TEST(JudgeDomain, NoTargetTakingMailIsCritical) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", false}}}, {"mx2.example.test", {{"192.0.2.3", false}}}});
  result.tree = judge_domain(result, {});
  EXPECT_EQ(result.tree.state, State::critical);
  EXPECT_NE(render_domain(result, OutputOptions{}).find("no target takes mail"), std::string::npos);
}

TEST(JudgeDomain, OneAddressOfEachExchangeAnsweringIsWarningNotCritical) {
  const DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}, {"192.0.2.2", false}}},
                                         {"mx2.example.test", {{"192.0.2.3", false}, {"192.0.2.4", true}}}});
  EXPECT_EQ(judge_domain(result, {}).state, State::warning);
}

TEST(JudgeDomain, AnsweringTargetsGiveTheirWorstStateThresholdsIncluded) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}}}, {"mx2.example.test", {{"192.0.2.3", true}}}});
  result.targets[1].report->total = 3s;
  DomainPolicy policy;
  policy.probe.thresholds.total.critical = parse_range("2");
  EXPECT_EQ(judge_domain(result, policy).state, State::critical);
}

TEST(JudgeDomain, AllMustPassIsTheStrictWorst) {
  const DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}}}, {"mx2.example.test", {{"192.0.2.3", false}}}});
  DomainPolicy policy;
  policy.all_must_pass = true;
  EXPECT_EQ(judge_domain(result, policy).state, State::critical);
  EXPECT_EQ(judge_domain(result, {}).state, State::warning);
}

TEST(JudgeDomain, NullMxIsCriticalNamingRfc7505) {
  DomainResult result = domain_of({});
  result.dns->mx.kind = MxKind::null_mx;
  result.tree = judge_domain(result, {});
  EXPECT_EQ(result.tree.state, State::critical);
  const std::string text = render_domain(result, OutputOptions{});
  EXPECT_NE(text.find("accepts no mail: null MX (RFC 7505)"), std::string::npos) << text;
}

TEST(JudgeDomain, AFailedMxLookupIsCriticalNamingTheDnsStep) {
  DomainResult result = domain_of({});
  result.dns->mx.kind = MxKind::failed;
  result.dns->mx.answer.outcome = resolver::Outcome::timed_out;
  result.dns->mx.answer.error = "no answer from 192.0.2.53:53 within 0.4 s";
  result.tree = judge_domain(result, {});
  EXPECT_EQ(result.tree.state, State::critical);
  const std::string text = render_domain(result, OutputOptions{});
  EXPECT_NE(text.find("dns failed: MX lookup failed: MX example.test"), std::string::npos) << text;
}

TEST(JudgeDomain, NoDnsClientIsUnknown) {
  DomainResult result;
  result.domain = "example.test";
  result.dns_setup_error = "cannot set up the DNS client: DNS support is not available";
  EXPECT_EQ(judge_domain(result, {}).state, State::unknown);
}

TEST(JudgeDomain, AFailedAddressFamilyIsWarningWhileTheOtherGivesAddresses) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}}}});
  Answer servfail;
  servfail.query = Query{"mx1.example.test", RecordType::aaaa};
  servfail.outcome = resolver::Outcome::answered;
  servfail.rcode = resolver::rcode::servfail;
  result.dns->exchanges[0].aaaa = servfail;
  const ResultNode tree = judge_domain(result, {});
  EXPECT_EQ(tree.state, State::warning);
  EXPECT_EQ(perf(tree, "targets_ok")->value, 1);
}

TEST(JudgeDomain, AnExchangeWithoutAddressesCannotTakeMail) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}}}, {"dead.example.test", {}}});
  Answer nxdomain = answered("dead.example.test", RecordType::a, {});
  nxdomain.rcode = resolver::rcode::nxdomain;
  result.dns->exchanges[1].a = nxdomain;
  EXPECT_EQ(judge_domain(result, {}).state, State::warning);
}

TEST(JudgeDomain, FcrdnsMismatchIsReportedAndWarningOnlyWhenRequired) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}}}});
  resolver::Fcrdns fcrdns;
  fcrdns.address = "192.0.2.1";
  fcrdns.verdict = resolver::FcrdnsVerdict::confirmed;
  fcrdns.names.push_back(resolver::FcrdnsName{"other.example.test", Answer{}, true});
  fcrdns.announced = "mx1.example.test";
  fcrdns.matches_announced = false;
  result.targets[0].fcrdns = fcrdns;
  const ResultNode reported = judge_domain(result, {});
  EXPECT_EQ(reported.state, State::ok);
  ASSERT_EQ(reported.children[0].children[0].findings.size(), 1u);
  EXPECT_EQ(finding_text(reported.children[0].children[0].findings[0]),
            "FCrDNS 192.0.2.1: PTR other.example.test, forward-confirmed, but the server announces mx1.example.test");
  DomainPolicy policy;
  policy.fcrdns_required = true;
  EXPECT_EQ(judge_domain(result, policy).state, State::warning);
}

TEST(JudgeDomain, ATargetNotProbedBeforeTheDeadlineCannotTakeMail) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}, {"192.0.2.2", true}}}});
  result.targets[1].report.reset();
  const ResultNode tree = judge_domain(result, {});
  EXPECT_EQ(tree.state, State::warning);
  EXPECT_TRUE(perf(tree, "mx1.example.test 192.0.2.2 total")->undetermined);
}

TEST(JudgeDomain, ASignalMakesItUnknownNamingThePhase) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", false}}}});
  result.interruption = SignalStop{"interrupted by SIGTERM", Phase::banner};
  result.tree = judge_domain(result, {});
  EXPECT_EQ(result.tree.state, State::unknown);
  const std::string text = render_domain(result, OutputOptions{});
  EXPECT_EQ(text.rfind("SMTP UNKNOWN - example.test: interrupted by SIGTERM during banner", 0), 0u) << text;
}

TEST(JudgeDomain, TargetsOverTheLimitAreCountedInTheSummary) {
  DomainResult result = domain_of({{"mx1.example.test", {{"192.0.2.1", true}}}});
  result.addresses_found = 70;
  result.tree = judge_domain(result, {});
  const std::string text = render_domain(result, OutputOptions{});
  EXPECT_NE(text.find("(the first 1 of 70 exchange addresses)"), std::string::npos) << text;
}

TEST(Aggregation, RedundantChildrenServeWhileOneDoes) {
  ResultNode parent;
  parent.aggregation = Aggregation::redundant();
  ResultNode serving, warning, failed;
  warning.findings.push_back(Finding{State::warning, NoProbeRan{}});
  failed.findings.push_back(Finding{State::critical, FailedStep{Failure{Phase::connect, FailureKind::connect, "refused",
                                                                        std::nullopt, {}, {}}}});
  parent.children = {serving, warning};
  EXPECT_EQ(settle(parent), State::warning) << "the worst of those that serve";
  parent.children = {serving, failed};
  EXPECT_EQ(settle(parent), State::warning) << "one cannot serve";
  parent.children = {failed, failed};
  EXPECT_EQ(settle(parent), State::critical) << "none serves";
  EXPECT_FALSE(serves(parent));
  parent.children = {};
  EXPECT_EQ(settle(parent), State::ok) << "nothing to weigh: findings decide";
}

}  // namespace
}  // namespace smtp_ping
