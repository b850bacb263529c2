#include "smtp/capabilities.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "smtp/reply.hpp"

namespace smtp_ping {
namespace {

Reply ehlo(std::vector<std::string> lines) {
  Reply reply;
  reply.code = 250;
  reply.lines = std::move(lines);
  return reply;
}

using Strings = std::vector<std::string>;

TEST(Capabilities, PostfixStyleReply) {
  const auto caps = parse_capabilities(ehlo({"mail.example.org", "PIPELINING", "SIZE 10240000", "VRFY", "ETRN",
                                             "STARTTLS", "AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES", "8BITMIME",
                                             "DSN", "SMTPUTF8", "CHUNKING"}));
  EXPECT_EQ(caps.server_name, "mail.example.org");
  EXPECT_TRUE(caps.esmtp);
  EXPECT_TRUE(caps.pipelining);
  EXPECT_TRUE(caps.starttls);
  EXPECT_TRUE(caps.enhanced_status_codes);
  EXPECT_TRUE(caps.eightbitmime);
  EXPECT_TRUE(caps.dsn);
  EXPECT_TRUE(caps.smtputf8);
  EXPECT_TRUE(caps.chunking);
  ASSERT_TRUE(caps.size);
  EXPECT_EQ(*caps.size, 10240000u);
  EXPECT_EQ(caps.auth_mechanisms, (Strings{"PLAIN", "LOGIN"}));
  EXPECT_EQ(caps.keywords, (Strings{"PIPELINING", "SIZE 10240000", "VRFY", "ETRN", "STARTTLS", "AUTH PLAIN LOGIN",
                                    "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING"}));
}

TEST(Capabilities, ServerNameIsTheFirstWordOfTheFirstLine) {
  const auto caps = parse_capabilities(ehlo({"mx.example.org Hello client [192.0.2.1]", "SIZE"}));
  EXPECT_EQ(caps.server_name, "mx.example.org");
  EXPECT_EQ(caps.keywords, (Strings{"SIZE"}));
}

TEST(Capabilities, OneLineReplyHasNoExtensions) {
  const auto caps = parse_capabilities(ehlo({"mail.example.org"}));
  EXPECT_EQ(caps.server_name, "mail.example.org");
  EXPECT_TRUE(caps.esmtp);
  EXPECT_TRUE(caps.keywords.empty());
  EXPECT_FALSE(caps.starttls);
  EXPECT_FALSE(caps.pipelining);
  EXPECT_FALSE(caps.eightbitmime);
  EXPECT_FALSE(caps.smtputf8);
  EXPECT_FALSE(caps.chunking);
  EXPECT_FALSE(caps.enhanced_status_codes);
  EXPECT_FALSE(caps.dsn);
  EXPECT_FALSE(caps.size);
  EXPECT_TRUE(caps.auth_mechanisms.empty());
}

TEST(Capabilities, EmptyReplyIsHarmless) {
  Reply reply;
  reply.code = 250;
  const auto caps = parse_capabilities(reply);
  EXPECT_TRUE(caps.server_name.empty());
  EXPECT_TRUE(caps.keywords.empty());
}

TEST(Capabilities, EmptyGreetingLineGivesEmptyServerName) {
  const auto caps = parse_capabilities(ehlo({"", "STARTTLS"}));
  EXPECT_TRUE(caps.server_name.empty());
  EXPECT_TRUE(caps.starttls);
}

TEST(Capabilities, KeywordsAreCaseInsensitiveButKeptAsSent) {
  const auto caps = parse_capabilities(
      ehlo({"mail", "starttls", "Pipelining", "8bitmime", "smtputf8", "chunking", "enhancedstatuscodes", "dsn",
            "size 1000", "auth plain cram-md5"}));
  EXPECT_TRUE(caps.starttls);
  EXPECT_TRUE(caps.pipelining);
  EXPECT_TRUE(caps.eightbitmime);
  EXPECT_TRUE(caps.smtputf8);
  EXPECT_TRUE(caps.chunking);
  EXPECT_TRUE(caps.enhanced_status_codes);
  EXPECT_TRUE(caps.dsn);
  ASSERT_TRUE(caps.size);
  EXPECT_EQ(*caps.size, 1000u);
  EXPECT_EQ(caps.auth_mechanisms, (Strings{"PLAIN", "CRAM-MD5"}));
  EXPECT_EQ(caps.keywords.front(), "starttls");
  EXPECT_EQ(caps.keywords.back(), "auth plain cram-md5");
}

TEST(Capabilities, UnknownKeywordsAreKept) {
  const auto caps = parse_capabilities(ehlo({"mail", "XCLIENT ADDR NAME", "X-EXPS GSSAPI", "STARTTLSX"}));
  EXPECT_EQ(caps.keywords, (Strings{"XCLIENT ADDR NAME", "X-EXPS GSSAPI", "STARTTLSX"}));
  EXPECT_FALSE(caps.starttls);  // STARTTLSX is another keyword
  EXPECT_TRUE(caps.auth_mechanisms.empty());
}

TEST(Capabilities, SurroundingWhitespaceIsIgnored) {
  const auto caps = parse_capabilities(ehlo({"mail", "  STARTTLS  ", "\tAUTH  PLAIN\tLOGIN "}));
  EXPECT_TRUE(caps.starttls);
  EXPECT_EQ(caps.auth_mechanisms, (Strings{"PLAIN", "LOGIN"}));
}

TEST(Capabilities, SizeWithoutValueMeansNoFixedLimit) {
  const auto caps = parse_capabilities(ehlo({"mail", "SIZE"}));
  ASSERT_TRUE(caps.size);
  EXPECT_EQ(*caps.size, 0u);
}

TEST(Capabilities, SizeZero) {
  const auto caps = parse_capabilities(ehlo({"mail", "SIZE 0"}));
  ASSERT_TRUE(caps.size);
  EXPECT_EQ(*caps.size, 0u);
}

TEST(Capabilities, MalformedSizeIsAnnouncedWithoutLimit) {
  for (const char* line : {"SIZE abc", "SIZE -5", "SIZE 12k", "SIZE 1.5", "SIZE 99999999999999999999"}) {
    const auto caps = parse_capabilities(ehlo({"mail", line}));
    ASSERT_TRUE(caps.size) << line;
    EXPECT_EQ(*caps.size, 0u) << line;
    EXPECT_EQ(caps.keywords, (Strings{line}));
  }
}

TEST(Capabilities, LargestSizeFitsIn64Bits) {
  const auto caps = parse_capabilities(ehlo({"mail", "SIZE 9999999999999999999"}));
  ASSERT_TRUE(caps.size);
  EXPECT_EQ(*caps.size, 9999999999999999999ull);
}

TEST(Capabilities, SizeOnlyTakesTheFirstParameter) {
  const auto caps = parse_capabilities(ehlo({"mail", "SIZE 52428800 extra"}));
  ASSERT_TRUE(caps.size);
  EXPECT_EQ(*caps.size, 52428800u);
}

TEST(Capabilities, OldAuthEqualsSyntax) {
  const auto caps = parse_capabilities(ehlo({"mail", "AUTH=LOGIN PLAIN"}));
  EXPECT_EQ(caps.auth_mechanisms, (Strings{"LOGIN", "PLAIN"}));
  EXPECT_EQ(caps.keywords, (Strings{"AUTH=LOGIN PLAIN"}));
}

TEST(Capabilities, AuthMechanismsFromBothSyntaxesAreMergedWithoutDuplicates) {
  const auto caps =
      parse_capabilities(ehlo({"mail", "AUTH PLAIN LOGIN CRAM-MD5", "AUTH=LOGIN PLAIN", "AUTH xoauth2 plain"}));
  EXPECT_EQ(caps.auth_mechanisms, (Strings{"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"}));
}

// Regression (fixed): "AUTH=" (old syntax, no mechanism) adds an empty mechanism name:
// apply_keyword() inserts keyword.substr(5) == "" into params unchecked
// (lib/smtp/capabilities.cpp, "params.insert(params.begin(), keyword.substr(5));").
TEST(Capabilities, AuthEqualsWithoutMechanismAddsNoEmptyName) {
  const auto caps = parse_capabilities(ehlo({"mail", "AUTH=", "AUTH= PLAIN"}));
  EXPECT_EQ(caps.auth_mechanisms, (Strings{"PLAIN"}));
}

TEST(Capabilities, AuthWithoutMechanisms) {
  const auto caps = parse_capabilities(ehlo({"mail", "AUTH"}));
  EXPECT_TRUE(caps.auth_mechanisms.empty());
  EXPECT_FALSE(caps.offers_auth("PLAIN"));
}

TEST(Capabilities, OffersAuthIsCaseInsensitive) {
  const auto caps = parse_capabilities(ehlo({"mail", "AUTH PLAIN Login"}));
  EXPECT_TRUE(caps.offers_auth("PLAIN"));
  EXPECT_TRUE(caps.offers_auth("plain"));
  EXPECT_TRUE(caps.offers_auth("login"));
  EXPECT_TRUE(caps.offers_auth("LOGIN"));
  EXPECT_FALSE(caps.offers_auth("CRAM-MD5"));
  EXPECT_FALSE(caps.offers_auth(""));
}

TEST(Capabilities, EmptyExtensionLinesAreKeptButMeanNothing) {
  const auto caps = parse_capabilities(ehlo({"mail", "", "   ", "DSN"}));
  EXPECT_EQ(caps.keywords, (Strings{"", "   ", "DSN"}));
  EXPECT_TRUE(caps.dsn);
}

TEST(Capabilities, KeywordMustBeTheFirstWord) {
  const auto caps = parse_capabilities(ehlo({"mail", "X-FOO STARTTLS", "X-BAR AUTH PLAIN"}));
  EXPECT_FALSE(caps.starttls);
  EXPECT_TRUE(caps.auth_mechanisms.empty());
}

TEST(Capabilities, FirstLineIsNeverAKeyword) {
  // The first line is the server's name and greeting, even if it looks like a keyword.
  const auto caps = parse_capabilities(ehlo({"STARTTLS"}));
  EXPECT_EQ(caps.server_name, "STARTTLS");
  EXPECT_FALSE(caps.starttls);
  EXPECT_TRUE(caps.keywords.empty());
}

TEST(Capabilities, ManyAuthMechanismsAreBounded) {
  std::string line = "AUTH";
  for (int i = 0; i < 500; ++i) line += " M" + std::to_string(i);
  const auto caps = parse_capabilities(ehlo({"mail", line}));
  EXPECT_FALSE(caps.auth_mechanisms.empty());
  EXPECT_LE(caps.auth_mechanisms.size(), 100u);
  EXPECT_EQ(caps.auth_mechanisms.front(), "M0");
}

}  // namespace
}  // namespace smtp_ping
