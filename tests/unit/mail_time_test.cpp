#include <gtest/gtest.h>

#include "mail/mail_time.hpp"

namespace smtp_ping {
namespace {

constexpr std::int64_t k2026_12_01_15_43_43 = 1796139823;

TEST(MailTime, UnixSeconds) {
  EXPECT_EQ(unix_seconds(1970, 1, 1, 0, 0, 0), 0);
  EXPECT_EQ(unix_seconds(2000, 2, 29, 0, 0, 0), 951782400);
  EXPECT_EQ(unix_seconds(2026, 12, 1, 15, 43, 43), k2026_12_01_15_43_43);
  EXPECT_FALSE(unix_seconds(2026, 2, 29, 0, 0, 0));
  EXPECT_FALSE(unix_seconds(2026, 13, 1, 0, 0, 0));
  EXPECT_FALSE(unix_seconds(2026, 1, 1, 24, 0, 0));
}

TEST(MailTime, Rfc5322Dates) {
  EXPECT_EQ(parse_rfc5322_date("Tue, 01 Dec 2026 15:43:43 +0000"), k2026_12_01_15_43_43);
  EXPECT_EQ(parse_rfc5322_date("1 Dec 2026 15:43:43 +0000"), k2026_12_01_15_43_43);
  EXPECT_EQ(parse_rfc5322_date("Tue, 1 Dec 2026 16:43:43 +0100 (CET)"), k2026_12_01_15_43_43);
  EXPECT_EQ(parse_rfc5322_date("  Tue,  1 Dec 2026 10:43:43 -0500"), k2026_12_01_15_43_43);
  EXPECT_EQ(parse_rfc5322_date("Tue, 1 dec 2026 10:43:43 EST"), k2026_12_01_15_43_43);
  EXPECT_EQ(parse_rfc5322_date("Tue, 1 Dec 26 15:43:43 GMT"), k2026_12_01_15_43_43);  // obsolete 2-digit year
  EXPECT_EQ(parse_rfc5322_date("Tue, 1 Dec 2026 15:43 +0000"), k2026_12_01_15_43_43 - 43);
  EXPECT_EQ(parse_rfc5322_date("Tue, 1 Dec 2026 15:43:60 +0000"), k2026_12_01_15_43_43 + 16);  // leap second
  EXPECT_FALSE(parse_rfc5322_date(""));
  EXPECT_FALSE(parse_rfc5322_date("Tue, 32 Dec 2026 15:43:43 +0000"));
  EXPECT_FALSE(parse_rfc5322_date("Tue, 1 Foo 2026 15:43:43 +0000"));
  EXPECT_FALSE(parse_rfc5322_date("Tue, 1 Dec 2026 15:43:43 +0099"));
  EXPECT_FALSE(parse_rfc5322_date("Tue, 1 Dec 2026 15:43:43"));
}

TEST(MailTime, FormatsRoundTrip) {
  const SystemTime time = std::chrono::system_clock::from_time_t(k2026_12_01_15_43_43) + std::chrono::milliseconds(7);
  EXPECT_EQ(format_rfc5322_date(time), "Tue, 01 Dec 2026 15:43:43 +0000");
  EXPECT_EQ(parse_rfc5322_date(format_rfc5322_date(time)), k2026_12_01_15_43_43);
  EXPECT_EQ(format_sent_stamp(time), "2026-12-01T15:43:43.007Z");
  EXPECT_EQ(parse_sent_stamp("2026-12-01T15:43:43.007Z"), k2026_12_01_15_43_43 * 1000 + 7);
  EXPECT_FALSE(parse_sent_stamp("2026-12-01T15:43:43Z"));
  EXPECT_FALSE(parse_sent_stamp("2026-13-01T15:43:43.007Z"));
}

TEST(MailTime, ImapInternalDate) {
  EXPECT_EQ(parse_imap_date("\"01-Dec-2026 15:43:43 +0000\""), k2026_12_01_15_43_43);
  EXPECT_EQ(parse_imap_date(" 1-Dec-2026 16:43:43 +0100"), k2026_12_01_15_43_43);
  EXPECT_FALSE(parse_imap_date("01-Dec-26 15:43:43 +0000"));
  EXPECT_FALSE(parse_imap_date("01-Dec-2026 15:43:43"));
}

}  // namespace
}  // namespace smtp_ping
