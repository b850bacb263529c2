#include <gtest/gtest.h>

#include "mail/authentication_results.hpp"

namespace smtp_ping {
namespace {

TEST(AuthenticationResults, Rfc8601Examples) {
  const auto parsed = parse_authentication_results(
      "mx.example.net 1; spf=pass smtp.mailfrom=example.org (sender ok);\r\n"
      " dkim=fail (bad signature) reason=\"body hash did not verify\" header.d=example.org header.b=abc/d+e;\r\n"
      " dkim=pass header.d=example.org; dmarc=PASS (p=none dis=none) header.from=example.org");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->authserv_id, "mx.example.net");
  ASSERT_EQ(parsed->results.size(), 4u);
  EXPECT_EQ(parsed->results[0].method, "spf");
  EXPECT_EQ(parsed->results[0].result, "pass");
  ASSERT_EQ(parsed->results[0].properties.size(), 1u);
  EXPECT_EQ(parsed->results[0].properties[0], (std::pair<std::string, std::string>{"smtp.mailfrom", "example.org"}));
  EXPECT_EQ(parsed->results[1].result, "fail");
  EXPECT_EQ(parsed->results[1].reason, "body hash did not verify");
  EXPECT_EQ(parsed->results[1].properties.at(1).second, "abc/d+e");
  EXPECT_EQ(parsed->results[3].result, "pass");
  EXPECT_EQ(method_result(*parsed, "dkim"), "pass");
  EXPECT_FALSE(method_result(*parsed, "arc"));
}

TEST(AuthenticationResults, NoneAndBroken) {
  auto parsed = parse_authentication_results("example.com; none");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->results.empty());
  parsed = parse_authentication_results("example.com; spf=; dkim/1=neutral (x) ; =pass");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->results.size(), 1u);
  EXPECT_EQ(parsed->results[0].method, "dkim");
  EXPECT_EQ(parsed->results[0].result, "neutral");
  EXPECT_FALSE(parse_authentication_results(""));
  EXPECT_FALSE(parse_authentication_results("(only a comment)"));
  EXPECT_FALSE(parse_authentication_results("\"\"; spf=pass"));
  parsed = parse_authentication_results("x; \"\"=pass; spf=\"\"");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->results.empty());
}

TEST(AuthenticationResults, SummaryFromTheTopmostField) {
  const auto message = parse_mail_message(
      "Authentication-Results: final.example.net; spf=softfail smtp.mailfrom=x; dkim=none; dmarc=fail\r\n"
      "Authentication-Results: forged.example; spf=pass; dkim=pass; dmarc=pass\r\n\r\n");
  const auto summary = summarize_authentication(message);
  ASSERT_TRUE(summary.source);
  EXPECT_EQ(summary.source->authserv_id, "final.example.net");
  EXPECT_EQ(summary.spf, "softfail");
  EXPECT_EQ(summary.dkim, "none");
  EXPECT_EQ(summary.dmarc, "fail");
  EXPECT_FALSE(summarize_authentication(parse_mail_message("A: b\r\n\r\n")).source);
}

}  // namespace
}  // namespace smtp_ping
