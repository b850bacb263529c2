// The domain check's options (lib/options/domain_command_line): --domain instead of -H.
#include "option_test_support.hpp"

namespace smtp_ping::option_test {
namespace {

TEST(DomainOptions, DomainWithDefaults) {
  const CheckConfig config = parse({"--domain", "Example.ORG."});
  ASSERT_TRUE(config.domain);
  EXPECT_EQ(config.domain->domain, "Example.ORG");
  EXPECT_EQ(config.domain->parallel, 8);
  EXPECT_FALSE(config.domain->all_must_pass);
  EXPECT_FALSE(config.domain->fcrdns_required);
  EXPECT_FALSE(config.domain->dns.forwarder);
  EXPECT_TRUE(config.domain->dns.root_trust_anchor);
}

TEST(DomainOptions, EveryDomainOption) {
  const CheckConfig config = parse({"--domain=example.org", "--parallel", "3", "--all-must-pass", "--fcrdns",
                                    "--dns-server", "[2001:db8::53]:5353", "--trust-anchor", "/a.key",
                                    "--trust-anchor", "/b.key", "-4", "-S"});
  ASSERT_TRUE(config.domain);
  EXPECT_EQ(config.domain->parallel, 3);
  EXPECT_TRUE(config.domain->all_must_pass);
  EXPECT_TRUE(config.domain->fcrdns_required);
  ASSERT_TRUE(config.domain->dns.forwarder);
  EXPECT_EQ(config.domain->dns.forwarder->host_port(), "[2001:db8::53]:5353");
  EXPECT_EQ(config.domain->dns.trust_anchor_files, (Strings{"/a.key", "/b.key"}));
  EXPECT_EQ(config.probe.family, AddressFamily::ipv4);
  EXPECT_EQ(config.probe.tls.mode, TlsMode::starttls);
}

TEST(DomainOptions, NoDnssec) {
  EXPECT_FALSE(parse({"--domain", "example.org", "--no-dnssec"}).domain->dns.root_trust_anchor);
  EXPECT_NE(usage_error({"--domain", "example.org", "--no-dnssec", "--trust-anchor", "/a"}).find("exclude each other"),
            std::string::npos);
}

TEST(DomainOptions, RefusedCombinations) {
  EXPECT_EQ(usage_error({"--domain", "example.org", "-H", "mx.example.org"}),
            "--domain and -H/--hostname exclude each other");
  EXPECT_EQ(usage_error({"--domain", "example.org", "-n", "3"}), "--domain and -n/--count exclude each other");
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--parallel", "2"}), "--parallel needs --domain");
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--fcrdns"}), "--fcrdns needs --domain");
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--all-must-pass"}), "--all-must-pass needs --domain");
  // A DANE or MTA-STS check without certificate verification would pass unjudged.
  EXPECT_EQ(usage_error({"--domain", "example.org", "--dane", "--no-verify"}),
            "--dane judges the certificates the exchanges present, and --no-verify turns that off: drop one");
  EXPECT_EQ(usage_error({"--domain", "example.org", "--require-mta-sts", "--no-verify"}),
            "--mta-sts judges the certificates the exchanges present, and --no-verify turns that off: drop one");
  EXPECT_FALSE(parse({"--domain", "example.org", "--tls-rpt", "--no-verify"}).probe.tls.verify);
}

TEST(DomainOptions, InvalidValues) {
  EXPECT_EQ(usage_error({"--domain", "."}), "--domain is empty");
  EXPECT_NE(usage_error({"--domain", "192.0.2.1"}).find("invalid value '192.0.2.1' for --domain"), std::string::npos);
  for (const char* parallel : {"0", "65", "x", "", "-1"})
    EXPECT_NE(usage_error({"--domain", "example.org", "--parallel", parallel}).find("for --parallel: expected 1 to 64"),
              std::string::npos)
        << parallel;
  EXPECT_NE(usage_error({"--domain", "example.org", "--dns-server", "resolver.example"}).find("--dns-server"),
            std::string::npos);
}

}  // namespace
}  // namespace smtp_ping::option_test
