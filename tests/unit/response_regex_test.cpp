// Issue 13: -R patterns within limits that keep regcomp/regexec bounded.
#include "smtp/response_regex.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smtp_ping {
namespace {

std::string refusal(const std::string& pattern) {
  try {
    ResponseRegex regex(pattern);
  } catch (const RegexError& error) {
    return error.what();
  }
  return {};
}

TEST(ResponseRegex, MatchesLikeCheckSmtp) {
  const ResponseRegex regex("^252");
  EXPECT_TRUE(regex.matches("252 2.0.0 Cannot VRFY user"));
  EXPECT_FALSE(regex.matches("550 5.1.1 unknown"));
  EXPECT_TRUE(ResponseRegex("^250 last").matches("250-first\n250 last")) << "REG_NEWLINE: ^ after each line";
  EXPECT_TRUE(ResponseRegex("[[:digit:]]{3} OK").matches("250 OK"));
}

TEST(ResponseRegex, SeesPastANulInTheReply) {
  EXPECT_TRUE(ResponseRegex("after").matches(std::string("250 before\0after", 16)));
}

TEST(ResponseRegex, MatchesInTheFirst4KiBOnly) {
  std::string text(ResponseRegex::kMatchedBytes, 'x');
  EXPECT_FALSE(ResponseRegex("needle").matches(text + "needle"));
  EXPECT_TRUE(ResponseRegex("needle").matches(text.substr(6) + "needle"));
}

TEST(ResponseRegex, RefusesWhatWouldCrashOrHang) {
  EXPECT_NE(refusal(std::string(10'000, '(') + "a" + std::string(10'000, ')')), "");
  EXPECT_NE(refusal(std::string(33, '(') + "a" + std::string(33, ')')).find("nested deeper than 32"), std::string::npos);
  EXPECT_EQ(refusal(std::string(32, '(') + "a" + std::string(32, ')')), "");
  EXPECT_NE(refusal(std::string(100 * 1024, 'a')).find("longer than 1024 bytes"), std::string::npos);
  EXPECT_NE(refusal("(a{1,255}){1,255}").find("unroll"), std::string::npos);
  EXPECT_NE(refusal("a{,300}").find("unroll"), std::string::npos);
  EXPECT_NE(refusal("x{1,9}{1,9}{1,9}").find("unroll"), std::string::npos);
  EXPECT_NE(refusal("(a)\\1").find("back-references"), std::string::npos);
}

TEST(ResponseRegex, MalformedPatternsSayWhy) {
  EXPECT_NE(refusal("["), "");
  EXPECT_NE(refusal("a{2"), "");
  EXPECT_NE(refusal(std::string("a\0b", 3)), "");
}

TEST(ResponseRegex, OrdinaryPatternsPass) {
  for (const char* pattern : {"^2", "^25[02] ", "OK|Accepted", "(250|251)-.*SIZE [0-9]+", "[]a]", "[^]a]x",
                              "[[:alpha:]_]+", "a{2,3}", "\\.", "a)"})
    EXPECT_EQ(refusal(pattern), "") << pattern;
}

}  // namespace
}  // namespace smtp_ping
