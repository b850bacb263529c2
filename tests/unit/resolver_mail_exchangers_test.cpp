// How an MX answer is read (lib/resolver/mail_exchangers.hpp): RFC 5321 implicit MX, RFC 7505 null MX.
#include "resolver/mail_exchangers.hpp"

#include <gtest/gtest.h>

namespace smtp_ping::resolver {
namespace {

Answer mx_answer(int code, std::vector<Record> records) {
  Answer answer;
  answer.query = Query{"example.org.", RecordType::mx};
  answer.outcome = Outcome::answered;
  answer.rcode = code;
  answer.records = std::move(records);
  answer.dnssec = DnssecStatus::secure;
  return answer;
}

TEST(ResolverMx, ExchangesInPreferenceThenNameOrderWithoutDuplicates) {
  const auto result = interpret_mx(mx_answer(rcode::noerror, {MxRecord{20, "mx2.example.org"}, MxRecord{10, "b.example.org"},
                                                              MxRecord{10, "A.example.org"}, MxRecord{20, "MX2.example.org"}}));
  EXPECT_EQ(result.kind, MxKind::exchanges);
  ASSERT_EQ(result.exchanges.size(), 3u);
  EXPECT_EQ(result.exchanges[0].exchange, "A.example.org");
  EXPECT_EQ(result.exchanges[1].exchange, "b.example.org");
  EXPECT_EQ(result.exchanges[2].exchange, "mx2.example.org");
  EXPECT_FALSE(result.null_mx_among_others);
  EXPECT_EQ(result.answer.dnssec, DnssecStatus::secure);
}

TEST(ResolverMx, NoDataIsTheImplicitMx) {
  const auto result = interpret_mx(mx_answer(rcode::noerror, {}));
  EXPECT_EQ(result.kind, MxKind::implicit);
  ASSERT_EQ(result.exchanges.size(), 1u);
  EXPECT_EQ(result.exchanges[0].exchange, "example.org");
  EXPECT_EQ(result.exchanges[0].preference, 0);
}

TEST(ResolverMx, NullMx) {
  const auto result = interpret_mx(mx_answer(rcode::noerror, {MxRecord{0, ""}}));
  EXPECT_EQ(result.kind, MxKind::null_mx);
  EXPECT_TRUE(result.exchanges.empty());
  EXPECT_STREQ(mx_kind_name(result.kind), "null MX");
}

TEST(ResolverMx, NullMxAmongOthersIsDroppedAndNoted) {
  const auto result = interpret_mx(mx_answer(rcode::noerror, {MxRecord{0, ""}, MxRecord{10, "mx.example.org"}}));
  EXPECT_EQ(result.kind, MxKind::exchanges);
  ASSERT_EQ(result.exchanges.size(), 1u);
  EXPECT_TRUE(result.null_mx_among_others);
}

TEST(ResolverMx, NxdomainIsNoDomain) {
  EXPECT_EQ(interpret_mx(mx_answer(rcode::nxdomain, {})).kind, MxKind::no_domain);
}

TEST(ResolverMx, ServfailTimeoutAndBogusFail) {
  EXPECT_EQ(interpret_mx(mx_answer(rcode::servfail, {})).kind, MxKind::failed);
  Answer timed_out = mx_answer(rcode::servfail, {});
  timed_out.outcome = Outcome::timed_out;
  timed_out.error = "no answer";
  const auto result = interpret_mx(timed_out);
  EXPECT_EQ(result.kind, MxKind::failed);
  EXPECT_EQ(result.answer.error, "no answer");
}

TEST(ResolverMx, AddressesOfBothFamiliesKeepWhatAnswered) {
  ExchangeAddresses exchange{MxRecord{10, "mx.example.org"}, mx_answer(rcode::noerror, {}), mx_answer(rcode::servfail, {})};
  exchange.a->query.type = RecordType::a;
  exchange.a->records = {AddressRecord{"192.0.2.1"}, AddressRecord{"192.0.2.2"}, AddressRecord{"192.0.2.1"}};
  EXPECT_EQ(exchange.addresses(), (std::vector<std::string>{"192.0.2.1", "192.0.2.2"}));
}

TEST(ResolverMx, AddressesInNumericOrderIpv4First) {
  ExchangeAddresses exchange{MxRecord{10, "mx.example.org"}, mx_answer(rcode::noerror, {}), mx_answer(rcode::noerror, {})};
  exchange.a->records = {AddressRecord{"127.0.0.10"}, AddressRecord{"127.0.0.9"}};
  exchange.aaaa->records = {AddressRecord{"2001:db8::10"}, AddressRecord{"::1"}};
  EXPECT_EQ(exchange.addresses(), (std::vector<std::string>{"127.0.0.9", "127.0.0.10", "::1", "2001:db8::10"}));
}

}  // namespace
}  // namespace smtp_ping::resolver
