// The RDATA reader of the DNS client (lib/resolver/rdata.hpp).
#include "resolver/rdata.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace smtp_ping::resolver {
namespace {

using namespace std::string_literals;

// "\x03mx1\x07example\x03org\x00" from "mx1.example.org".
std::string wire(const std::string& dotted) {
  std::string out;
  std::size_t start = 0;
  while (start < dotted.size()) {
    const auto dot = dotted.find('.', start);
    const auto end = dot == std::string::npos ? dotted.size() : dot;
    out += static_cast<char>(end - start);
    out += dotted.substr(start, end - start);
    start = end + 1;
  }
  return out + '\0';
}

TEST(ResolverRdata, Ipv4Address) {
  const auto parsed = parse_rdata(RecordType::a, "\x7f\x00\x00\x0b"s);
  ASSERT_TRUE(parsed.record) << parsed.error;
  EXPECT_EQ(std::get<AddressRecord>(*parsed.record).address, "127.0.0.11");
}

TEST(ResolverRdata, Ipv6Address) {
  const auto parsed = parse_rdata(RecordType::aaaa, std::string(15, '\0') + "\x01");
  ASSERT_TRUE(parsed.record) << parsed.error;
  EXPECT_EQ(std::get<AddressRecord>(*parsed.record).address, "::1");
}

TEST(ResolverRdata, AddressOfTheWrongLengthIsRefused) {
  EXPECT_FALSE(parse_rdata(RecordType::a, "\x7f\x00\x00"s).record);
  const auto parsed = parse_rdata(RecordType::aaaa, "\x7f\x00\x00\x01"s);
  EXPECT_FALSE(parsed.record);
  EXPECT_EQ(parsed.error, "an address record of 4 bytes, not 16");
}

TEST(ResolverRdata, Mx) {
  const auto parsed = parse_rdata(RecordType::mx, "\x00\x0a"s + wire("mx1.example.org"));
  ASSERT_TRUE(parsed.record) << parsed.error;
  const auto& mx = std::get<MxRecord>(*parsed.record);
  EXPECT_EQ(mx.preference, 10);
  EXPECT_EQ(mx.exchange, "mx1.example.org");
}

TEST(ResolverRdata, NullMxIsTheRoot) {
  const auto parsed = parse_rdata(RecordType::mx, "\x00\x00\x00"s);
  ASSERT_TRUE(parsed.record) << parsed.error;
  EXPECT_EQ(std::get<MxRecord>(*parsed.record).exchange, "");
}

TEST(ResolverRdata, MxWithTrailingBytesIsRefused) {
  const auto parsed = parse_rdata(RecordType::mx, "\x00\x0a"s + wire("mx1.example.org") + "x");
  EXPECT_FALSE(parsed.record);
  EXPECT_EQ(parsed.error, "bytes after the exchange name");
}

TEST(ResolverRdata, Ptr) {
  const auto parsed = parse_rdata(RecordType::ptr, wire("mx1.smtp-ping.test"));
  ASSERT_TRUE(parsed.record) << parsed.error;
  EXPECT_EQ(std::get<PtrRecord>(*parsed.record).name, "mx1.smtp-ping.test");
}

TEST(ResolverRdata, UnusualLabelBytesAreEscaped) {
  const auto parsed = parse_rdata(RecordType::ptr, "\x04" "a.b\\" "\x03" "org\x00"s);
  ASSERT_TRUE(parsed.record) << parsed.error;
  EXPECT_EQ(std::get<PtrRecord>(*parsed.record).name, "a\\.b\\\\.org");
  const auto control = parse_rdata(RecordType::ptr, "\x02" "a\x01" "\x00"s);
  ASSERT_TRUE(control.record) << control.error;
  EXPECT_EQ(std::get<PtrRecord>(*control.record).name, "a\\001");
}

TEST(ResolverRdata, CompressionPointerIsRefused) {
  const auto parsed = parse_rdata(RecordType::ptr, "\xc0\x0c"s);
  EXPECT_FALSE(parsed.record);
  EXPECT_EQ(parsed.error, "a compressed name where none may be");
}

TEST(ResolverRdata, NameRunningPastTheRecordIsRefused) {
  EXPECT_EQ(parse_rdata(RecordType::ptr, "\x05" "abc"s).error, "a label that runs past the record");
  EXPECT_EQ(parse_rdata(RecordType::ptr, "\x03" "abc"s).error, "a name that runs past the record");
  EXPECT_EQ(parse_rdata(RecordType::ptr, ""s).error, "a name that runs past the record");
}

TEST(ResolverRdata, NameOver255BytesIsRefused) {
  std::string name;
  for (int i = 0; i < 5; ++i) name += "\x3f" + std::string(63, 'a');  // 5 × 64 = 320 bytes
  const auto parsed = parse_rdata(RecordType::ptr, name + '\0');
  EXPECT_FALSE(parsed.record);
  EXPECT_EQ(parsed.error, "a name longer than 255 bytes");
}

TEST(ResolverRdata, LabelOver63BytesIsRefused) {
  const auto parsed = parse_rdata(RecordType::ptr, "\x40" + std::string(64, 'a') + '\0');
  EXPECT_EQ(parsed.error, "a label longer than 63 bytes");
}

TEST(ResolverRdata, TxtKeepsItsStrings) {
  const auto parsed = parse_rdata(RecordType::txt, "\x0ev=spf1 mx -all\x00\x03" "abc"s);
  ASSERT_TRUE(parsed.record) << parsed.error;
  const auto& txt = std::get<TxtRecord>(*parsed.record);
  ASSERT_EQ(txt.strings.size(), 3u);
  EXPECT_EQ(txt.strings[0], "v=spf1 mx -all");
  EXPECT_EQ(txt.strings[1], "");
  EXPECT_EQ(txt.joined(), "v=spf1 mx -allabc");
}

TEST(ResolverRdata, TxtStringLongerThanTheRecordIsRefused) {
  EXPECT_EQ(parse_rdata(RecordType::txt, "\x05" "abc"s).error, "a TXT character-string longer than the record");
  EXPECT_FALSE(parse_rdata(RecordType::txt, ""s).record);
}

TEST(ResolverRdata, Tlsa) {
  const auto parsed = parse_rdata(RecordType::tlsa, "\x03\x01\x01\xab\xcd\x00"s);
  ASSERT_TRUE(parsed.record) << parsed.error;
  const auto& tlsa = std::get<TlsaRecord>(*parsed.record);
  EXPECT_EQ(tlsa.usage, 3);
  EXPECT_EQ(tlsa.selector, 1);
  EXPECT_EQ(tlsa.matching_type, 1);
  EXPECT_EQ(tlsa.data_hex(), "abcd00");
}

TEST(ResolverRdata, TlsaWithoutDataIsRefused) {
  EXPECT_EQ(parse_rdata(RecordType::tlsa, "\x03\x01\x01"s).error, "a TLSA record without association data");
}

}  // namespace
}  // namespace smtp_ping::resolver
