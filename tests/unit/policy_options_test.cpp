// The options of the mail-policy checks (lib/options/policy_command_line).
#include "option_test_support.hpp"

namespace smtp_ping::option_test {
namespace {

TEST(PolicyOptions, AuthRecordsWithDomain) {
  const CheckConfig config = parse({"--domain", "example.org", "--auth-records", "--require-dmarc=Reject"});
  ASSERT_TRUE(config.domain);
  EXPECT_TRUE(config.domain->auth_records);
  EXPECT_EQ(config.domain->dmarc_floor, policy::DmarcPolicy::reject);
  EXPECT_FALSE(parse({"--domain", "example.org"}).domain->auth_records);
}

TEST(PolicyOptions, AuthRecordsRefusals) {
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--auth-records"}), "--auth-records needs --domain");
  EXPECT_EQ(usage_error({"--domain", "example.org", "--require-dmarc", "reject"}), "--require-dmarc needs --auth-records");
  EXPECT_EQ(usage_error({"--domain", "example.org", "--auth-records", "--require-dmarc", "none"}),
            "invalid value 'none' for --require-dmarc: expected quarantine or reject");
}

TEST(PolicyOptions, RelayTest) {
  const CheckConfig plain = parse({"-H", "mx.example.org", "--relay-test"});
  ASSERT_TRUE(plain.probe.relay_test);
  EXPECT_EQ(plain.probe.relay_test->outside_domain, "example.net");
  EXPECT_EQ(plain.probe.relay_test->local_domain, "");
  const CheckConfig domain = parse({"--domain", "example.org", "--relay-test", "--relay-domain", "Example.COM."});
  EXPECT_EQ(domain.probe.relay_test->local_domain, "example.org");
  EXPECT_EQ(domain.probe.relay_test->outside_domain, "Example.COM");
}

TEST(PolicyOptions, RelayTestRunsWithoutAuth) {
  const CheckConfig config = parse({"-H", "mx.example.org", "-S", "--relay-test", "-U", "user", "-P", "secret"});
  ASSERT_TRUE(config.probe.relay_test);
  bool noted = false;
  for (const auto& note : config.notes) noted |= note.find("--relay-test runs without AUTH") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(PolicyOptions, RelayTestRefusals) {
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--relay-domain", "example.com"}), "--relay-domain needs --relay-test");
  EXPECT_NE(usage_error({"-H", "mx.example.org", "--relay-test", "--send", "-f", "a@example.org", "--rcpt", "b@example.org"})
                .find("exclude each other"),
            std::string::npos);
  EXPECT_NE(usage_error({"-H", "mx.example.org", "--relay-test", "-C", "NOOP"}).find("--relay-test and --command"),
            std::string::npos);
  EXPECT_NE(usage_error({"-H", "mx.example.org", "--relay-test", "--relay-domain", "not a name"}).find("--relay-domain"),
            std::string::npos);
  EXPECT_NE(usage_error({"--domain", "example.org", "--relay-test", "--relay-domain", "example.org"})
                .find("outside the domain"),
            std::string::npos);
}

}  // namespace
}  // namespace smtp_ping::option_test
