// Text from the network is shown whole (issue 13): a NUL inside a certificate
// name or a reply is a visible '?', never the end of the text, in the summary
// as well as in JSON; names are compared as A-labels.
#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

const std::string kNulName = bytes("mail.example.org\0.evil.example");

struct NulCertificate {
  TempDir directory;
  CertificateFiles files;
  explicit NulCertificate(std::vector<std::string> dns_names) {
    CertificateRequest request;
    request.common_name = "hostile";
    request.dns_names = std::move(dns_names);
    request.ip_addresses.clear();
    files = make_self_signed_certificate(directory.path().string(), "nul", request);
  }
  ServerScript script() const {
    ServerScript script;
    script.tls = TlsSettings{files.cert_file, files.key_file, false, TlsFault::none};
    return script;
  }
};

TEST(HostileNetworkText, NulInACertificateNameIsShownWholeInTheSummary) {
  NulCertificate certificate({kNulName});
  ScriptedSmtpServer server(certificate.script());
  const auto run = hostile_check(server, {"-S", "--cafile", certificate.files.cert_file, "--verify-name",
                                          "mail.example.org"});

  expect_hostile_failure(run, exit_critical, "CRITICAL", "tls");
  EXPECT_TRUE(contains(run.first_line(), "DNS:mail.example.org?.evil.example")) << run.describe();
}

TEST(HostileNetworkText, NulInACertificateNameIsShownWholeInJson) {
  NulCertificate certificate({kNulName});
  ScriptedSmtpServer server(certificate.script());
  const auto run = hostile_check(server, {"-S", "--cafile", certificate.files.cert_file, "--verify-name",
                                          "mail.example.org", "--output", "json"});

  expect_within_deadline(run);
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  const auto document = expect_safe_json_output(run);
  ASSERT_TRUE(document["tls"].is_object()) << run.describe();
  EXPECT_EQ(document["tls"]["subject_alt_names"], nlohmann::json::array({"DNS:mail.example.org?.evil.example"}))
      << run.describe();
  EXPECT_TRUE(contains(document["error"]["message"].get<std::string>(), "DNS:mail.example.org?.evil.example"))
      << run.describe();
  EXPECT_TRUE(contains(document["summary"].get<std::string>(), "DNS:mail.example.org?.evil.example")) << run.describe();
}

TEST(HostileNetworkText, NulInAnInvalidGreetingIsShownWhole) {
  ServerScript script;
  script.greet(fault(Fault::raw(bytes("22\0 evil greeting after a NUL\r\n"))));
  ScriptedSmtpServer server(script);
  const auto run = hostile_check(server);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "banner");
  EXPECT_TRUE(contains(run.first_line(), "22? evil greeting after a NUL")) << run.describe();

  ScriptedSmtpServer json_server(script);
  const auto json_run = hostile_check(json_server, {"--output", "json"});
  const auto document = expect_safe_json_output(json_run);
  EXPECT_TRUE(contains(document["error"]["message"].get<std::string>(), "22? evil greeting after a NUL"))
      << json_run.describe();
}

TEST(HostileNetworkText, IdnVerifyNameIsComparedAsALabels) {
  NulCertificate certificate({"xn--bcher-kva.example"});
  ScriptedSmtpServer server(certificate.script());
  const auto run = hostile_check(server, {"-S", "--cafile", certificate.files.cert_file, "--verify-name",
                                          "b\xc3\xbc" "cher.example"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "verified")) << run.describe();
}

TEST(HostileNetworkText, IdnSniIsSentAsALabels) {
  NulCertificate certificate({"xn--bcher-kva.example"});
  ScriptedSmtpServer server(certificate.script());
  const auto run = hostile_check(server, {"-S", "--no-verify", "--sni", "B\xc3\x9c" "CHER.example"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(server.first_connection().sni, "xn--bcher-kva.example");
}

}  // namespace
}  // namespace smtp_ping::test::hostile
