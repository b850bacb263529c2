// The libunbound DNS client against the real DNS fixture (tests/dns/README.md): MX sets,
// implicit and null MX, addresses, PTR/FCrDNS, TXT and TLSA, the DNSSEC status of each answer
// (secure, insecure, bogus with the reason), and the deadline with a resolver that never
// answers or refuses everything.
#include "resolver/unbound/unbound_resolver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <variant>

#include "common/interruption.hpp"

#include "dns_fixture_env.hpp"
#include "lossy_relay.hpp"
#include "resolver/fcrdns.hpp"
#include "resolver/mail_exchangers.hpp"

namespace smtp_ping::resolver {
namespace {

using test::DnsFixtureEnv;
using namespace std::chrono_literals;

const DnsFixtureEnv& env() { return DnsFixtureEnv::get(); }

ResolverOptions options_for(const std::string& server_key) {
  ResolverOptions options;
  options.forwarder = parse_forwarder(env()[server_key]).forwarder;
  options.trust_anchor_files = {env()["TRUST_ANCHOR"]};  // besides the real root's (dns-root-data)
  options.nodefault_zones = env().list("NODEFAULT_ZONES");
  return options;
}

std::unique_ptr<UnboundResolver> make_resolver(const ResolverOptions& options) {
  auto created = UnboundResolver::create(options);
  EXPECT_TRUE(created.resolver) << created.error;
  return std::move(created.resolver);
}

class UnboundResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env().ok()) << env().problem();
    resolver_ = make_resolver(options_for("RESOLVER"));
    ASSERT_TRUE(resolver_);
  }
  Answer ask(const std::string& name, RecordType type) {
    auto answers = resolver_->resolve({Query{name, type}}, Deadline::after(5s));
    EXPECT_EQ(answers.size(), 1u);
    return answers.at(0);
  }
  std::string zone_name(const std::string& label) { return label + "." + env()["ZONE"]; }

  std::unique_ptr<UnboundResolver> resolver_;
};

std::vector<std::string> exchange_names(const MailExchangers& mx) {
  std::vector<std::string> names;
  for (const MxRecord& record : mx.exchanges) names.push_back(record.exchange);
  return names;
}

std::vector<std::string> sorted(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  return items;
}

std::vector<std::string> txt_strings(const Answer& answer) {
  std::vector<std::string> texts;
  for (const Record& record : answer.records) texts.push_back(std::get<TxtRecord>(record).joined());
  std::sort(texts.begin(), texts.end());
  return texts;
}

// SHA-256 of a certificate's SubjectPublicKeyInfo (what a "3 1 1" record holds), from openssl(1).
std::string spki_sha256(const std::string& certificate) {
  const std::string command = "openssl x509 -in '" + certificate +
                              "' -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return {};
  char line[256] = {};
  if (!std::fgets(line, sizeof line, pipe.get())) return {};
  const std::string text(line);
  return text.substr(0, text.find(' '));
}

TEST_F(UnboundResolverTest, TwoExchangesWithFourAddressesAllSecure) {
  const auto domain = resolve_mail_domain(*resolver_, env()["DOMAIN_TWO_MX"], {}, Deadline::after(5s));
  ASSERT_EQ(domain.mx.kind, MxKind::exchanges) << domain.mx.answer.summary();
  EXPECT_EQ(domain.mx.answer.dnssec, DnssecStatus::secure);
  EXPECT_GT(domain.mx.answer.ttl, 0u);
  EXPECT_EQ(domain.mx.answer.canonical_name, "");  // not an alias
  EXPECT_EQ(exchange_names(domain.mx), (std::vector<std::string>{zone_name("mx1"), zone_name("mx2")}));
  EXPECT_EQ(domain.mx.exchanges[0].preference, 10);
  EXPECT_EQ(domain.mx.exchanges[1].preference, 20);
  ASSERT_EQ(domain.exchanges.size(), 2u);
  EXPECT_EQ(domain.exchanges[0].addresses(), env().list("ADDRS_MX1"));
  EXPECT_EQ(domain.exchanges[1].addresses(), env().list("ADDRS_MX2"));
  for (const ExchangeAddresses& exchange : domain.exchanges) {
    EXPECT_EQ(exchange.a->dnssec, DnssecStatus::secure) << exchange.a->summary();
    EXPECT_TRUE(exchange.a->no_data() || exchange.a->has_records()) << exchange.a->summary();
  }
  EXPECT_TRUE(domain.exchanges[0].aaaa->no_data()) << domain.exchanges[0].aaaa->summary();
  EXPECT_EQ(domain.exchanges[0].aaaa->dnssec, DnssecStatus::secure);  // NODATA proven by NSEC
}

TEST_F(UnboundResolverTest, OneDeadExchangeStillResolves) {
  const auto domain = resolve_mail_domain(*resolver_, env()["DOMAIN_ONE_DEAD"], {true, false}, Deadline::after(5s));
  ASSERT_EQ(domain.mx.kind, MxKind::exchanges);
  ASSERT_EQ(domain.exchanges.size(), 2u);
  EXPECT_EQ(domain.exchanges[1].exchange.exchange, zone_name("mx-dead"));
  EXPECT_EQ(domain.exchanges[1].addresses(), std::vector<std::string>{env()["ADDR_DEAD"]});
  EXPECT_FALSE(domain.exchanges[1].aaaa);  // IPv4 only was asked for
}

TEST_F(UnboundResolverTest, NullMxIsRecognised) {
  const auto domain = resolve_mail_domain(*resolver_, env()["DOMAIN_NULL_MX"], {}, Deadline::after(5s));
  EXPECT_EQ(domain.mx.kind, MxKind::null_mx) << domain.mx.answer.summary();
  EXPECT_EQ(domain.mx.answer.dnssec, DnssecStatus::secure);
  EXPECT_TRUE(domain.exchanges.empty());
}

TEST_F(UnboundResolverTest, NoMxIsTheImplicitMx) {
  const auto domain = resolve_mail_domain(*resolver_, env()["DOMAIN_NO_MX"], {}, Deadline::after(5s));
  ASSERT_EQ(domain.mx.kind, MxKind::implicit) << domain.mx.answer.summary();
  EXPECT_EQ(domain.mx.answer.dnssec, DnssecStatus::secure);  // a proven NODATA
  ASSERT_EQ(domain.exchanges.size(), 1u);
  EXPECT_EQ(domain.exchanges[0].exchange.exchange, env()["DOMAIN_NO_MX"]);
  EXPECT_EQ(domain.exchanges[0].addresses(), std::vector<std::string>{env()["ADDR_NO_MX"]});
}

TEST_F(UnboundResolverTest, NoSuchDomainIsASecureNxdomain) {
  const Answer answer = ask(env()["NXDOMAIN"], RecordType::mx);
  EXPECT_TRUE(answer.no_such_name()) << answer.summary();
  EXPECT_EQ(answer.dnssec, DnssecStatus::secure);
  EXPECT_EQ(interpret_mx(answer).kind, MxKind::no_domain);
}

TEST_F(UnboundResolverTest, BogusAaaaFailsAloneTheAStaysUsable) {
  const auto domain = resolve_mail_domain(*resolver_, env()["DOMAIN_AAAA_SERVFAIL"], {}, Deadline::after(5s));
  ASSERT_EQ(domain.exchanges.size(), 1u);
  const ExchangeAddresses& exchange = domain.exchanges[0];
  EXPECT_EQ(exchange.a->dnssec, DnssecStatus::secure);
  EXPECT_EQ(exchange.aaaa->rcode, rcode::servfail) << exchange.aaaa->summary();
  EXPECT_EQ(exchange.aaaa->dnssec, DnssecStatus::bogus);
  EXPECT_FALSE(exchange.aaaa->why_bogus.empty());
  EXPECT_TRUE(exchange.aaaa->records.empty());  // bogus data is not handed out
  EXPECT_EQ(exchange.addresses(), std::vector<std::string>{env()["ADDR_AAAA_SERVFAIL"]});
}

TEST_F(UnboundResolverTest, LameExchangeServfailsWithoutFailingTheOther) {
  const auto domain = resolve_mail_domain(*resolver_, env()["DOMAIN_LAME_MX"], {}, Deadline::after(5s));
  ASSERT_EQ(domain.exchanges.size(), 2u);
  EXPECT_EQ(domain.exchanges[0].addresses(), env().list("ADDRS_MX1"));
  const ExchangeAddresses& lame = domain.exchanges[1];
  EXPECT_EQ(lame.exchange.exchange, "mx." + env()["LAME_ZONE"]);
  for (const auto* answer : {&*lame.a, &*lame.aaaa}) {
    EXPECT_TRUE(answer->answered()) << answer->summary();
    EXPECT_EQ(answer->rcode, rcode::servfail) << answer->summary();
    EXPECT_EQ(answer->dnssec, DnssecStatus::indeterminate) << answer->summary();  // not a DNSSEC failure
  }
  EXPECT_TRUE(lame.addresses().empty());
}

TEST_F(UnboundResolverTest, BrokenSignatureIsBogusWithTheReason) {
  const Answer answer = ask(env()["DOMAIN_BOGUS"], RecordType::mx);
  EXPECT_EQ(answer.dnssec, DnssecStatus::bogus) << answer.summary();
  EXPECT_EQ(answer.rcode, rcode::servfail);
  EXPECT_NE(answer.why_bogus.find("signature"), std::string::npos) << answer.why_bogus;
  EXPECT_EQ(interpret_mx(answer).kind, MxKind::failed);
  std::printf("bogus: %s\n", answer.summary().c_str());
}

TEST_F(UnboundResolverTest, ExpiredSignatureIsBogusWithTheReason) {
  const Answer answer = ask(env()["DOMAIN_EXPIRED"], RecordType::mx);
  EXPECT_EQ(answer.dnssec, DnssecStatus::bogus) << answer.summary();
  EXPECT_NE(answer.why_bogus.find("expired"), std::string::npos) << answer.why_bogus;
  std::printf("expired: %s\n", answer.summary().c_str());
}

TEST_F(UnboundResolverTest, UnsignedZoneIsInsecure) {
  const Answer answer = ask(env()["DOMAIN_UNSIGNED"], RecordType::mx);
  ASSERT_TRUE(answer.has_records()) << answer.summary();
  EXPECT_EQ(answer.dnssec, DnssecStatus::insecure);
  EXPECT_EQ(std::get<MxRecord>(answer.records.at(0)).exchange, "mx." + env()["UNSIGNED_ZONE"]);
}

TEST_F(UnboundResolverTest, FcrdnsMatchMismatchUnconfirmedMissing) {
  const std::string mx1 = env().list("ADDRS_MX1").at(0);
  const std::string mx2_v6 = env().list("ADDRS_MX2").at(1);
  const auto results = check_fcrdns(*resolver_,
                                    {{mx1, zone_name("mx1")},
                                     {env()["ADDR_PTR_MISMATCH"], zone_name("mx-ptr-mismatch")},
                                     {env()["ADDR_PTR_UNCONFIRMED"], zone_name("mx-ptr-unconfirmed")},
                                     {env()["ADDR_PTR_MISSING"], zone_name("mx-ptr-missing")},
                                     {mx2_v6, zone_name("mx2")}},
                                    Deadline::after(5s));
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0].verdict, FcrdnsVerdict::confirmed) << results[0].ptr.summary();
  EXPECT_EQ(results[0].matches_announced, true);
  EXPECT_EQ(results[0].ptr.dnssec, DnssecStatus::insecure);  // the reverse zones are unsigned

  EXPECT_EQ(results[1].verdict, FcrdnsVerdict::confirmed);
  EXPECT_EQ(results[1].confirmed_name, zone_name("other-name"));
  EXPECT_EQ(results[1].matches_announced, false);

  EXPECT_EQ(results[2].verdict, FcrdnsVerdict::not_confirmed);
  ASSERT_EQ(results[2].names.size(), 1u);
  EXPECT_EQ(results[2].names[0].name, zone_name("unconfirmed"));
  EXPECT_EQ(results[2].matches_announced, false);

  EXPECT_EQ(results[3].verdict, FcrdnsVerdict::no_ptr) << results[3].ptr.summary();
  EXPECT_EQ(results[4].verdict, FcrdnsVerdict::confirmed) << results[4].ptr.summary();
  EXPECT_EQ(results[4].matches_announced, true);
}

TEST_F(UnboundResolverTest, TlsaRecordsOfTheDaneNames) {
  const std::string exchange = "mx-" + env()["DOMAIN_DANE_EE"];
  const Answer ee = ask("_25._tcp." + exchange, RecordType::tlsa);
  ASSERT_TRUE(ee.has_records()) << ee.summary();
  EXPECT_EQ(ee.dnssec, DnssecStatus::secure);
  ASSERT_EQ(ee.records.size(), 1u);
  const auto& tlsa = std::get<TlsaRecord>(ee.records[0]);
  EXPECT_EQ(tlsa.usage, 3);
  EXPECT_EQ(tlsa.selector, 1);
  EXPECT_EQ(tlsa.matching_type, 1);
  EXPECT_EQ(tlsa.data_hex(), spki_sha256(env()["MX_CERT"]));

  const Answer rollover = ask("_25._tcp.mx-" + env()["DOMAIN_DANE_ROLLOVER"], RecordType::tlsa);
  EXPECT_EQ(rollover.records.size(), 2u) << rollover.summary();
  EXPECT_EQ(rollover.dnssec, DnssecStatus::secure);

  const Answer bogus = ask("_25._tcp.mx-" + env()["DOMAIN_DANE_BOGUS"], RecordType::tlsa);
  EXPECT_EQ(bogus.dnssec, DnssecStatus::bogus) << bogus.summary();
  EXPECT_FALSE(bogus.why_bogus.empty());

  const Answer unsigned_tlsa = ask("_25._tcp.mx." + env()["UNSIGNED_ZONE"], RecordType::tlsa);
  ASSERT_TRUE(unsigned_tlsa.has_records()) << unsigned_tlsa.summary();
  EXPECT_EQ(unsigned_tlsa.dnssec, DnssecStatus::insecure);
}

TEST_F(UnboundResolverTest, TxtRecordsOfTheStsSpfDmarcTlsrptNames) {
  const std::string domain = env()["DOMAIN_TWO_MX"];
  const auto answers = resolver_->resolve({{"_mta-sts." + domain, RecordType::txt},
                                           {domain, RecordType::txt},
                                           {"_dmarc." + domain, RecordType::txt},
                                           {"_smtp._tls." + domain, RecordType::txt},
                                           {env()["DOMAIN_SPF_TWO"], RecordType::txt}},
                                          Deadline::after(5s));
  ASSERT_EQ(answers.size(), 5u);
  for (const Answer& answer : answers) EXPECT_EQ(answer.dnssec, DnssecStatus::secure) << answer.summary();
  EXPECT_EQ(txt_strings(answers[0]), std::vector<std::string>{"v=STSv1; id=20240601T000000;"});
  EXPECT_EQ(txt_strings(answers[1]), std::vector<std::string>{"v=spf1 mx -all"});
  EXPECT_EQ(txt_strings(answers[2]),
            std::vector<std::string>{"v=DMARC1; p=reject; rua=mailto:dmarc-reports@smtp-ping.test"});
  EXPECT_EQ(txt_strings(answers[3]), std::vector<std::string>{"v=TLSRPTv1; rua=mailto:tlsrpt@smtp-ping.test"});
  EXPECT_EQ(txt_strings(answers[4]), (std::vector<std::string>{"v=spf1 a -all", "v=spf1 mx -all"}));
}

TEST_F(UnboundResolverTest, OneFailingQueryDoesNotFailTheOthers) {
  const auto answers = resolver_->resolve({{zone_name("mx1"), RecordType::a},
                                           {zone_name("mx-aaaa-servfail"), RecordType::aaaa},
                                           {"mx." + env()["LAME_ZONE"], RecordType::a},
                                           {env()["DOMAIN_BOGUS"], RecordType::mx},
                                           {"", RecordType::a},
                                           {env()["DOMAIN_TWO_MX"], RecordType::mx}},
                                          Deadline::after(5s));
  ASSERT_EQ(answers.size(), 6u);
  EXPECT_EQ(sorted(answers[0].addresses()), sorted(env().list("ADDRS_MX1")));
  EXPECT_EQ(answers[1].dnssec, DnssecStatus::bogus);
  EXPECT_EQ(answers[2].rcode, rcode::servfail);
  EXPECT_EQ(answers[3].dnssec, DnssecStatus::bogus);
  EXPECT_EQ(answers[4].outcome, Outcome::failed);
  EXPECT_EQ(answers[4].error, "not a domain name");
  EXPECT_EQ(answers[5].records.size(), 2u) << answers[5].summary();
  for (const Answer& answer : answers) std::printf("%.3f s  %s\n", answer.seconds, answer.summary().c_str());
}

TEST_F(UnboundResolverTest, TcpOnly) {
  ResolverOptions options = options_for("RESOLVER");
  options.tcp = TcpUse::always;
  const auto resolver = make_resolver(options);
  ASSERT_TRUE(resolver);
  const auto answers = resolver->resolve({{env()["DOMAIN_TWO_MX"], RecordType::mx}}, Deadline::after(5s));
  EXPECT_EQ(answers.at(0).records.size(), 2u) << answers.at(0).summary();
  EXPECT_EQ(answers.at(0).dnssec, DnssecStatus::secure);
}

TEST_F(UnboundResolverTest, WithoutTrustAnchorsEveryStatusIsIndeterminate) {
  ResolverOptions options = options_for("RESOLVER");
  options.root_trust_anchor = false;
  options.trust_anchor_files.clear();
  const auto resolver = make_resolver(options);
  ASSERT_TRUE(resolver);
  const auto answers = resolver->resolve({{env()["DOMAIN_TWO_MX"], RecordType::mx}}, Deadline::after(5s));
  EXPECT_EQ(answers.at(0).records.size(), 2u) << answers.at(0).summary();
  EXPECT_EQ(answers.at(0).dnssec, DnssecStatus::indeterminate);
}

TEST_F(UnboundResolverTest, MissingTrustAnchorFileIsReportedAtCreation) {
  ResolverOptions options = options_for("RESOLVER");
  options.trust_anchor_files = {"/nonexistent/anchor.ds"};
  const auto created = UnboundResolver::create(options);
  EXPECT_FALSE(created.resolver);
  EXPECT_EQ(created.error, "cannot read the trust anchor file /nonexistent/anchor.ds");
}

// The whole batch, with the resolver's creation and destruction, ends by the deadline.
TEST(UnboundResolverDeadline, SilentResolverEndsWithinTheDeadlineNamingEachQuery) {
  ASSERT_TRUE(env().ok()) << env().problem();
  const auto started = Clock::now();
  const Deadline deadline = Deadline::after(1s);
  std::vector<Answer> answers;
  {
    const auto resolver = make_resolver(options_for("SILENT"));
    ASSERT_TRUE(resolver);
    answers = resolver->resolve({{env()["DOMAIN_TWO_MX"], RecordType::mx},
                                 {"mx1." + env()["ZONE"], RecordType::a},
                                 {"mx1." + env()["ZONE"], RecordType::aaaa}},
                                deadline);
  }
  const double elapsed = to_seconds(Clock::now() - started);
  EXPECT_LE(elapsed, 1.3);
  ASSERT_EQ(answers.size(), 3u);
  for (const Answer& answer : answers) {
    EXPECT_EQ(answer.outcome, Outcome::timed_out) << answer.summary();
    EXPECT_EQ(answer.error.rfind("no answer from " + env()["SILENT"] + " within ", 0), 0u) << answer.error;
    EXPECT_EQ(answer.summary().rfind(describe(answer.query) + ": no answer from ", 0), 0u) << answer.summary();
    EXPECT_EQ(answer.dnssec, DnssecStatus::indeterminate);
  }
  std::printf("silent resolver: %s; all over in %.3f s\n", answers[0].summary().c_str(), elapsed);
}

TEST(UnboundResolverDeadline, RefusingResolverFailsEachQueryOnItsOwn) {
  ASSERT_TRUE(env().ok()) << env().problem();
  const auto started = Clock::now();
  std::vector<Answer> answers;
  {
    const auto resolver = make_resolver(options_for("REFUSED"));
    ASSERT_TRUE(resolver);
    answers = resolver->resolve({{env()["DOMAIN_TWO_MX"], RecordType::mx}, {"mx1." + env()["ZONE"], RecordType::a}},
                                Deadline::after(2s));
  }
  const double elapsed = to_seconds(Clock::now() - started);
  EXPECT_LE(elapsed, 2.3);
  ASSERT_EQ(answers.size(), 2u);
  for (const Answer& answer : answers) {
    EXPECT_TRUE(answer.outcome == Outcome::timed_out || answer.rcode == rcode::servfail ||
                answer.rcode == rcode::refused)
        << answer.summary();
    EXPECT_TRUE(answer.records.empty());
    EXPECT_NE(answer.dnssec, DnssecStatus::secure);
    std::printf("refusing resolver: %.3f s %s\n", answer.seconds, answer.summary().c_str());
  }
}

// A lost packet is sent again within the deadline (libunbound's first retry is after 376 ms).
TEST(UnboundResolverDeadline, LostQueryIsRetriedWithinTheDeadline) {
  ASSERT_TRUE(env().ok()) << env().problem();
  test::LossyRelay relay(env()["RESOLVER_HOST"], static_cast<std::uint16_t>(std::stoi(env()["RESOLVER_PORT"])), 1);
  ASSERT_TRUE(relay.ok());
  ResolverOptions options = options_for("RESOLVER");
  options.forwarder = Forwarder{"127.0.0.1", relay.port()};
  const auto resolver = make_resolver(options);
  ASSERT_TRUE(resolver);
  const auto answers = resolver->resolve({{env()["DOMAIN_TWO_MX"], RecordType::mx}}, Deadline::after(2s));
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].records.size(), 2u) << answers[0].summary();
  EXPECT_EQ(answers[0].dnssec, DnssecStatus::secure);
  EXPECT_EQ(relay.dropped(), 1);
  EXPECT_GE(relay.relayed(), 1);
  std::printf("one packet lost: %.3f s %s\n", answers[0].seconds, answers[0].summary().c_str());
}

TEST(UnboundResolverDeadline, SignalEndsTheBatchAtOnce) {
  ASSERT_TRUE(env().ok()) << env().problem();
  Interruption interruption;
  const auto resolver = make_resolver(options_for("SILENT"));
  ASSERT_TRUE(resolver);
  const auto started = Clock::now();
  std::thread signaller([&interruption] {
    std::this_thread::sleep_for(200ms);
    interruption.raise(SIGTERM);
  });
  const auto answers = resolver->resolve({{env()["DOMAIN_TWO_MX"], RecordType::mx}},
                                         Deadline(Clock::now() + 5s, &interruption));
  signaller.join();
  EXPECT_LT(to_seconds(Clock::now() - started), 4.0);  // not the 5 s of the deadline
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].outcome, Outcome::interrupted) << answers[0].summary();
  EXPECT_EQ(answers[0].error, "interrupted by signal " + std::to_string(SIGTERM));
}

// An IPv6 forwarder is taken as such; nothing listens at [::1]:9 (discard), so the query
// fails or times out on its own, by the deadline.
TEST(UnboundResolverDeadline, Ipv6ForwarderWithNothingListening) {
  ResolverOptions options;
  options.forwarder = parse_forwarder("[::1]:9").forwarder;
  options.root_trust_anchor = false;
  const auto started = Clock::now();
  std::vector<Answer> answers;
  {
    const auto resolver = make_resolver(options);
    ASSERT_TRUE(resolver);
    answers = resolver->resolve({{"example.org", RecordType::a}}, Deadline::after(1s));
  }
  EXPECT_LE(to_seconds(Clock::now() - started), 1.3);
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_FALSE(answers[0].has_records());
  if (answers[0].outcome == Outcome::timed_out) {
    EXPECT_EQ(answers[0].error.rfind("no answer from [::1]:9 within ", 0), 0u);
  }
  std::printf("IPv6 forwarder, nothing listening: %s\n", answers[0].summary().c_str());
}

}  // namespace
}  // namespace smtp_ping::resolver
