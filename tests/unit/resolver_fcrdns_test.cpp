// Judging forward-confirmed reverse DNS from answers (lib/resolver/fcrdns.hpp).
#include "resolver/fcrdns.hpp"

#include <gtest/gtest.h>

namespace smtp_ping::resolver {
namespace {

Answer answer(RecordType type, int code, std::vector<Record> records) {
  Answer result;
  result.query = Query{"x", type};
  result.outcome = Outcome::answered;
  result.rcode = code;
  result.records = std::move(records);
  result.dnssec = DnssecStatus::insecure;
  return result;
}

Answer ptr_of(std::vector<std::string> names) {
  std::vector<Record> records;
  for (auto& name : names) records.push_back(PtrRecord{std::move(name)});
  return answer(RecordType::ptr, rcode::noerror, std::move(records));
}

FcrdnsName forward(const std::string& name, std::vector<std::string> addresses) {
  std::vector<Record> records;
  for (auto& address : addresses) records.push_back(AddressRecord{std::move(address)});
  return FcrdnsName{name, answer(RecordType::a, rcode::noerror, std::move(records)), false};
}

TEST(ResolverFcrdns, ConfirmedAndMatchingTheAnnouncedName) {
  const auto result = judge_fcrdns("127.0.0.11", std::string("MX1.smtp-ping.test"), ptr_of({"mx1.smtp-ping.test"}),
                                   {forward("mx1.smtp-ping.test", {"127.0.0.12", "127.0.0.11"})});
  EXPECT_EQ(result.verdict, FcrdnsVerdict::confirmed);
  EXPECT_EQ(result.confirmed_name, "mx1.smtp-ping.test");
  EXPECT_EQ(result.matches_announced, true);
  EXPECT_TRUE(result.names.at(0).confirms);
}

TEST(ResolverFcrdns, ConfirmedButAnotherName) {
  const auto result = judge_fcrdns("127.0.0.15", std::string("mx-ptr-mismatch.smtp-ping.test"),
                                   ptr_of({"other-name.smtp-ping.test"}),
                                   {forward("other-name.smtp-ping.test", {"127.0.0.15"})});
  EXPECT_EQ(result.verdict, FcrdnsVerdict::confirmed);
  EXPECT_EQ(result.matches_announced, false);
}

TEST(ResolverFcrdns, NotConfirmed) {
  const auto result = judge_fcrdns("127.0.0.16", std::nullopt, ptr_of({"unconfirmed.smtp-ping.test"}),
                                   {forward("unconfirmed.smtp-ping.test", {"127.0.0.99"})});
  EXPECT_EQ(result.verdict, FcrdnsVerdict::not_confirmed);
  EXPECT_FALSE(result.confirmed_name);
  EXPECT_FALSE(result.matches_announced);  // no announced name: nothing to compare
}

TEST(ResolverFcrdns, AnnouncedNameThatIsNotConfirmedDoesNotMatch) {
  const auto result = judge_fcrdns("127.0.0.16", std::string("unconfirmed.smtp-ping.test"),
                                   ptr_of({"unconfirmed.smtp-ping.test"}),
                                   {forward("unconfirmed.smtp-ping.test", {"127.0.0.99"})});
  EXPECT_EQ(result.matches_announced, false);
}

TEST(ResolverFcrdns, ForwardLookupFailure) {
  FcrdnsName failed{"a.example.org", answer(RecordType::a, rcode::servfail, {}), false};
  const auto result = judge_fcrdns("192.0.2.1", std::nullopt, ptr_of({"a.example.org"}), {failed});
  EXPECT_EQ(result.verdict, FcrdnsVerdict::forward_failed);
}

TEST(ResolverFcrdns, Ipv6ComparedInCanonicalForm) {
  FcrdnsName name{"mx2.smtp-ping.test", answer(RecordType::aaaa, rcode::noerror, {AddressRecord{"::1"}}), false};
  const auto result = judge_fcrdns("0:0::0001", std::nullopt, ptr_of({"mx2.smtp-ping.test"}), {name});
  EXPECT_EQ(result.address, "::1");
  EXPECT_EQ(result.verdict, FcrdnsVerdict::confirmed);
}

TEST(ResolverFcrdns, NoPtr) {
  EXPECT_EQ(judge_fcrdns("127.0.0.17", std::nullopt, answer(RecordType::ptr, rcode::nxdomain, {}), {}).verdict,
            FcrdnsVerdict::no_ptr);
  EXPECT_EQ(judge_fcrdns("127.0.0.17", std::nullopt, ptr_of({}), {}).verdict, FcrdnsVerdict::no_ptr);
}

TEST(ResolverFcrdns, PtrFailure) {
  Answer timed_out = answer(RecordType::ptr, rcode::servfail, {});
  EXPECT_EQ(judge_fcrdns("127.0.0.1", std::nullopt, timed_out, {}).verdict, FcrdnsVerdict::ptr_failed);
  timed_out.outcome = Outcome::timed_out;
  EXPECT_EQ(judge_fcrdns("127.0.0.1", std::nullopt, timed_out, {}).verdict, FcrdnsVerdict::ptr_failed);
}

TEST(ResolverFcrdns, NotAnAddress) {
  EXPECT_EQ(judge_fcrdns("mx.example.org", std::nullopt, Answer{}, {}).verdict, FcrdnsVerdict::not_an_address);
}

TEST(ResolverFcrdns, AtMostEightPtrNamesAreConfirmed) {
  std::vector<std::string> many;
  for (int i = 0; i < 20; ++i) many.push_back("n" + std::to_string(i) + ".example.org");
  EXPECT_EQ(ptr_names_to_confirm(ptr_of(many)).size(), kMaxPtrNames);
}

}  // namespace
}  // namespace smtp_ping::resolver
