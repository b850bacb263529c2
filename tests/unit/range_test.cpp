#include "common/range.hpp"

#include <gtest/gtest.h>

#include <clocale>
#include <limits>
#include <string>

namespace smtp_ping {
namespace {

Range parsed(const char* text) {
  std::string error;
  const auto range = parse_range(text, &error);
  EXPECT_TRUE(range) << text << ": " << error;
  return range.value_or(Range{});
}

TEST(Range, PlainNumberAlertsBelowZeroOrAboveIt) {
  const Range range = parsed("10");
  EXPECT_FALSE(range.alerts(0));
  EXPECT_FALSE(range.alerts(5));
  EXPECT_FALSE(range.alerts(10));
  EXPECT_TRUE(range.alerts(10.001));
  EXPECT_TRUE(range.alerts(-0.5));
}

TEST(Range, OpenEndAlertsBelowStart) {
  const Range range = parsed("10:");
  EXPECT_TRUE(range.alerts(9.99));
  EXPECT_FALSE(range.alerts(10));
  EXPECT_FALSE(range.alerts(1e12));
}

TEST(Range, TildeStartAlertsAboveEnd) {
  const Range range = parsed("~:10");
  EXPECT_FALSE(range.alerts(-1e12));
  EXPECT_FALSE(range.alerts(10));
  EXPECT_TRUE(range.alerts(10.5));
}

TEST(Range, BoundedRangeAlertsOutside) {
  const Range range = parsed("10:20");
  EXPECT_TRUE(range.alerts(9.9));
  EXPECT_FALSE(range.alerts(10));
  EXPECT_FALSE(range.alerts(15));
  EXPECT_FALSE(range.alerts(20));
  EXPECT_TRUE(range.alerts(20.1));
}

TEST(Range, AtSignAlertsInsideIncludingEndpoints) {
  const Range range = parsed("@10:20");
  EXPECT_TRUE(range.inside);
  EXPECT_FALSE(range.alerts(9.9));
  EXPECT_TRUE(range.alerts(10));
  EXPECT_TRUE(range.alerts(15));
  EXPECT_TRUE(range.alerts(20));
  EXPECT_FALSE(range.alerts(20.1));
}

TEST(Range, AcceptsFractionsAndNegatives) {
  const Range range = parsed("-1.5:0.25");
  EXPECT_DOUBLE_EQ(range.start, -1.5);
  EXPECT_DOUBLE_EQ(range.end, 0.25);
  EXPECT_TRUE(range.alerts(-2));
  EXPECT_FALSE(range.alerts(0));
}

TEST(Range, EmptyStartMeansZero) {
  const Range range = parsed(":5");
  EXPECT_DOUBLE_EQ(range.start, 0);
  EXPECT_TRUE(range.alerts(-1));
}

TEST(Range, KeepsItsText) { EXPECT_EQ(parsed("@1:2").text, "@1:2"); }

TEST(Range, RejectsMalformedText) {
  for (const char* bad : {"", "@", "abc", "10s", "1:2:3", "1,5", " 10", "10 ", "20:10", "nan", "inf",
                          "1:nan", "~", "10:~", "@@1", "--1", "++1", "0x10", ":", "1e999"}) {
    std::string error;
    EXPECT_FALSE(parse_range(bad, &error)) << "'" << bad << "'";
    EXPECT_FALSE(error.empty()) << "'" << bad << "'";
  }
}

TEST(Range, ErrorIsOptional) { EXPECT_FALSE(parse_range("junk")); }

TEST(Range, IgnoresTheProcessLocale) {
  // A locale with ',' as decimal point must not change parsing (if installed).
  const std::string saved = std::setlocale(LC_NUMERIC, nullptr);
  std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  const auto range = parse_range("0.5");
  std::setlocale(LC_NUMERIC, saved.c_str());
  ASSERT_TRUE(range);
  EXPECT_DOUBLE_EQ(range->end, 0.5);
}

TEST(Range, PerfdataTextIsAPlainNumberForZeroToN) {
  EXPECT_EQ(parsed("10").perfdata_text(), "10");
  EXPECT_EQ(parsed("0:0.5").perfdata_text(), "0.5");
  EXPECT_EQ(parsed("0.01").perfdata_text(), "0.01");
}

TEST(Range, PerfdataTextIsTheRangeOtherwise) {
  EXPECT_EQ(parsed("10:").perfdata_text(), "10:");
  EXPECT_EQ(parsed("~:10").perfdata_text(), "~:10");
  EXPECT_EQ(parsed("5:10").perfdata_text(), "5:10");
  EXPECT_EQ(parsed("@0:10").perfdata_text(), "@0:10");
}

}  // namespace
}  // namespace smtp_ping
