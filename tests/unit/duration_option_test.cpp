// --stale-after's value (lib/options/duration_option).
#include "options/duration_option.hpp"

#include <gtest/gtest.h>

namespace smtp_ping {
namespace {

using std::chrono::seconds;

TEST(DurationOption, NumbersWithUnits) {
  EXPECT_EQ(parse_duration("3600"), seconds(3600));
  EXPECT_EQ(parse_duration("90s"), seconds(90));
  EXPECT_EQ(parse_duration("30m"), seconds(1800));
  EXPECT_EQ(parse_duration("1h"), seconds(3600));
  EXPECT_EQ(parse_duration("2d"), seconds(172800));
  EXPECT_EQ(parse_duration("0"), seconds(0));
}

TEST(DurationOption, Refused) {
  for (const char* text : {"", "h", "1.5h", "-1h", "+1h", "1 h", "1w", "1hh", "99999999999999d", "3661d"})
    EXPECT_FALSE(parse_duration(text)) << text;
}

}  // namespace
}  // namespace smtp_ping
