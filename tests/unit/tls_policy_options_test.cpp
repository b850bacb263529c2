// The TLS policies' options (lib/options/tls_policy_command_line): --dane, --mta-sts, --tls-rpt
// and their --require-* forms, domain options only.
#include "option_test_support.hpp"

namespace smtp_ping::option_test {
namespace {

TEST(TlsPolicyOptions, NoneByDefault) {
  EXPECT_FALSE(parse({"--domain", "example.org"}).domain->tls_policies.any());
}

TEST(TlsPolicyOptions, EachAndRequireImpliesTheCheck) {
  const auto dane = parse({"--domain", "example.org", "--dane"}).domain->tls_policies;
  EXPECT_TRUE(dane.dane);
  EXPECT_FALSE(dane.require_dane);
  EXPECT_FALSE(dane.mta_sts);
  const auto required =
      parse({"--domain", "example.org", "--require-dane", "--require-mta-sts", "--require-tls-rpt"}).domain->tls_policies;
  EXPECT_TRUE(required.dane && required.require_dane);
  EXPECT_TRUE(required.mta_sts && required.require_mta_sts);
  EXPECT_TRUE(required.tls_rpt && required.require_tls_rpt);
}

TEST(TlsPolicyOptions, NeedDomain) {
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--dane"}), "--dane needs --domain");
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--require-mta-sts"}), "--require-mta-sts needs --domain");
  EXPECT_EQ(usage_error({"-H", "mx.example.org", "--tls-rpt"}), "--tls-rpt needs --domain");
}

// --mta-sts fetches over HTTPS and --dane uses STARTTLS: --cafile needs no -S with them.
TEST(TlsPolicyOptions, TrustOptionsWithoutStarttls) {
  EXPECT_EQ(parse({"--domain", "example.org", "--mta-sts", "--capath", "/etc/ssl/certs"}).probe.tls.ca_path,
            std::string("/etc/ssl/certs"));
  EXPECT_EQ(usage_error({"--domain", "example.org", "--tls-rpt", "--capath", "/etc/ssl/certs"}),
            "TLS options need -S/--starttls or -s/--ssl");
}

}  // namespace
}  // namespace smtp_ping::option_test
