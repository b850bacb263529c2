// TLS and AUTH against the scripted server: certificate truth, TLS faults,
// every SASL mechanism, and secrets that never reach the output.
#include <cstdlib>
#include <fstream>

#include "integration_support.hpp"
#include "test_certificate.hpp"

namespace smtp_ping::test {
namespace {

constexpr const char* kName = "demo.smtp-ping.test";
constexpr const char* kUser = "probe@smtp-ping.test";
constexpr const char* kSecret = "s3cret-Pa55word";

class TlsTest : public ::testing::Test {
 protected:
  CertificateFiles certificate(const std::string& name, CertificateRequest request = {}) {
    return make_self_signed_certificate(dir_.path().string(), name, request);
  }
  ServerScript tls_script(const CertificateFiles& files, bool implicit = false, TlsFault fault = TlsFault::none) {
    ServerScript script;
    script.tls = TlsSettings{files.cert_file, files.key_file, implicit, fault};
    return script;
  }
  TempDir dir_;
};

std::vector<std::string> starttls_args(const ScriptedSmtpServer& server, const CertificateFiles& ca,
                                       std::initializer_list<std::string> extra = {}) {
  return target_of(server) +
         std::initializer_list<std::string>{"-F", "me", "-t", "5", "-S", "--cafile", ca.cert_file, "--verify-name",
                                            kName} +
         extra;
}

TEST_F(TlsTest, StartTlsWithTrustedCertificateIsOkAndReportsTheSession) {
  const auto files = certificate("good");
  ScriptedSmtpServer server(tls_script(files));
  const auto run = run_check(starttls_args(server, files), Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "tls")) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "ehlo_tls")) << run.describe();
  EXPECT_TRUE(contains(perfdata_of(run), "'cert_days'=")) << run.describe();
  EXPECT_TRUE(contains(run.out, "TLSv1.3")) << run.describe();
  EXPECT_TRUE(contains(run.out, "verified")) << run.describe();
  const auto record = server.first_connection();
  EXPECT_TRUE(record.tls);
  EXPECT_EQ(record.sni, "");  // -H is an IP address: no SNI unless asked
  EXPECT_TRUE(record.quit);
}

TEST_F(TlsTest, SniFollowsTheOption) {
  const auto files = certificate("sni");
  ScriptedSmtpServer server(tls_script(files));
  const auto run = run_check(starttls_args(server, files, {"--sni=" + std::string(kName)}), Millis(10'000));
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(server.first_connection().sni, kName);
}

TEST_F(TlsTest, ImplicitTlsIsOk) {
  const auto files = certificate("implicit");
  ScriptedSmtpServer server(tls_script(files, true));
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-s", "--cafile", files.cert_file,
                                                                                    "--verify-name", kName, "-t", "5"},
                             Millis(10'000));
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "tls")) << run.describe();
}

TEST_F(TlsTest, NameMismatchIsCriticalAndNothingIsSentOverTheSession) {
  const auto files = certificate("wrong-name");
  ServerScript script = tls_script(files);
  script.auth = AuthSettings{kUser, kSecret};
  ScriptedSmtpServer server(script);
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-S", "--cafile", files.cert_file,
                                                                                    "--verify-name", "mx.example.org",
                                                                                    "-A", "PLAIN", "-U", kUser, "-P",
                                                                                    kSecret, "-f", "a@example.org"},
                             Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "tls failed: certificate name mismatch")) << run.describe();
  const auto record = server.first_connection();
  EXPECT_FALSE(record.received_prefix("AUTH")) << "credentials left the client";
  EXPECT_FALSE(record.received_prefix("MAIL")) << "a mail command left the client";
  EXPECT_EQ(record.lines.back(), "STARTTLS") << "something was sent over the untrusted session";
}

TEST_F(TlsTest, UntrustedSelfSignedCertificateIsCritical) {
  const auto files = certificate("self-signed");
  ScriptedSmtpServer server(tls_script(files));
  const auto run = check(server, {"-S", "--verify-name", kName, "--capath", dir_.path().string() + "/none"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "self-signed certificate")) << run.describe();
}

TEST_F(TlsTest, ExpiredCertificateIsCriticalAndNoVerifyLeavesItToMinusD) {
  CertificateRequest old;
  old.valid_from_days = -40;
  old.valid_days = 30;
  const auto files = certificate("expired", old);
  ScriptedSmtpServer server(tls_script(files));

  const auto verified = run_check(starttls_args(server, files), Millis(10'000));
  EXPECT_EQ(verified.exit_code, exit_critical) << verified.describe();
  EXPECT_TRUE(contains(verified.first_line(), "certificate expired on")) << verified.describe();

  const auto unverified = check(server, {"-S", "--no-verify"});
  EXPECT_EQ(unverified.exit_code, exit_ok) << unverified.describe();
  EXPECT_TRUE(contains(unverified.out, "not verified (--no-verify)")) << unverified.describe();

  const auto judged = check(server, {"-S", "--no-verify", "-D", "30,7"});
  EXPECT_EQ(judged.exit_code, exit_critical) << judged.describe();
  EXPECT_TRUE(contains(judged.first_line(), "certificate expired")) << judged.describe();
}

TEST_F(TlsTest, CertificateDaysWarnAndCrit) {
  CertificateRequest request;
  request.valid_days = 10;
  const auto files = certificate("short", request);
  ScriptedSmtpServer server(tls_script(files));
  EXPECT_EQ(run_check(starttls_args(server, files, {"-D", "5,2"}), Millis(10'000)).exit_code, exit_ok);
  const auto warn = run_check(starttls_args(server, files, {"-D", "30,2"}), Millis(10'000));
  EXPECT_EQ(warn.exit_code, exit_warning) << warn.describe();
  EXPECT_TRUE(contains(warn.first_line(), "certificate expires in")) << warn.describe();
  // Ranges that alert below: a bare "30" would mean "above 30" to every range parser.
  EXPECT_TRUE(contains(perfdata_of(warn), ";30:;2:")) << warn.describe();
  EXPECT_EQ(run_check(starttls_args(server, files, {"-D", "30,20"}), Millis(10'000)).exit_code, exit_critical);
}

TEST_F(TlsTest, StartTlsNotOfferedIsCritical) {
  ScriptedSmtpServer server(ServerScript{});
  const auto run = check(server, {"-S"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "starttls failed: STARTTLS not offered")) << run.describe();
}

TEST_F(TlsTest, StartTlsRejectedQuotesTheServer) {
  const auto files = certificate("rejected");
  ServerScript script = tls_script(files);
  script.on("STARTTLS", reply("454 4.7.0 TLS not available due to local problem"));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-S"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "454 4.7.0 TLS not available")) << run.describe();
}

TEST_F(TlsTest, GarbageInsteadOfServerHelloIsCriticalNamingTls) {
  const auto files = certificate("garbage");
  ScriptedSmtpServer server(tls_script(files, false, TlsFault::garbage));
  const auto run = check(server, {"-S", "-t", "2"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  // Junk in the same packet as the 220 trips the STARTTLS-injection guard;
  // junk after it fails the handshake. Either way the phase is named.
  EXPECT_TRUE(contains(run.first_line(), "tls failed: TLS handshake failed") ||
              contains(run.first_line(), "starttls failed: server sent data after its STARTTLS reply"))
      << run.describe();
}

TEST_F(TlsTest, SilenceAfterStartTlsTimesOutNamingTls) {
  const auto files = certificate("silence");
  ScriptedSmtpServer server(tls_script(files, false, TlsFault::silence));
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-S", "-t", "2"}, Millis(6'000));
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_LT(run.wall, Millis(2'300)) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "tls failed: timeout")) << run.describe();
}

TEST_F(TlsTest, HandshakeStalledHalfwayTimesOutNamingTls) {
  const auto files = certificate("stall");
  ScriptedSmtpServer server(tls_script(files, true, TlsFault::stall_handshake));
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-s", "-t", "2", "--timeout-state",
                                                                                    "unknown"},
                             Millis(6'000));
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_LT(run.wall, Millis(2'300)) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "tls failed: timeout")) << run.describe();
}

// ---- AUTH -------------------------------------------------------------------

class AuthTest : public TlsTest {
 protected:
  ServerScript auth_script(std::vector<std::string> mechanisms = {"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2",
                                                                  "OAUTHBEARER"}) {
    files_ = certificate("auth");
    ServerScript script = tls_script(files_);
    script.auth = AuthSettings{kUser, kSecret, std::move(mechanisms)};
    return script;
  }
  CheckRun authenticate(const ScriptedSmtpServer& server, const std::string& mechanism, const std::string& secret,
                        std::initializer_list<std::string> extra = {}) {
    return run_check(starttls_args(server, files_, {"-A", mechanism, "-U", kUser, "-P", secret}) + extra,
                     Millis(10'000));
  }
  CertificateFiles files_;
};

class EveryMechanism : public AuthTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(EveryMechanism, RightSecretIsOkWrongSecretIsCriticalQuoting535) {
  ScriptedSmtpServer server(auth_script());
  const auto good = authenticate(server, GetParam(), kSecret);
  EXPECT_EQ(good.exit_code, exit_ok) << good.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(good), "auth")) << good.describe();
  EXPECT_TRUE(contains(good.out, std::string("(") + GetParam() + ")")) << good.describe();

  const auto bad = authenticate(server, GetParam(), "wrong-secret");
  EXPECT_EQ(bad.exit_code, exit_critical) << bad.describe();
  EXPECT_TRUE(contains(bad.first_line(), "auth failed")) << bad.describe();
  EXPECT_TRUE(contains(bad.first_line(), "535 5.7.8")) << bad.describe();
}

INSTANTIATE_TEST_SUITE_P(Sasl, EveryMechanism,
                         ::testing::Values("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER"));

TEST_F(AuthTest, AutoPicksTheStrongestPasswordMechanism) {
  ScriptedSmtpServer server(auth_script({"LOGIN", "PLAIN", "CRAM-MD5"}));
  const auto run = authenticate(server, "auto", kSecret);
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(server.first_connection().auth_mechanism, "CRAM-MD5");
}

TEST_F(AuthTest, MechanismNotOfferedListsWhatIs) {
  ScriptedSmtpServer server(auth_script({"PLAIN", "LOGIN"}));
  const auto run = authenticate(server, "CRAM-MD5", kSecret);
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "AUTH CRAM-MD5 not offered (server offers: PLAIN LOGIN)")) << run.describe();
}

TEST_F(AuthTest, CredentialsAgainstAServerWithoutAuthAreCritical) {
  files_ = certificate("no-auth");
  ScriptedSmtpServer server(tls_script(files_));
  const auto run = authenticate(server, "PLAIN", kSecret);
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "server offers no AUTH")) << run.describe();
}

TEST_F(AuthTest, NoCredentialsOverPlaintextUnlessAllowed) {
  ServerScript script;
  script.auth = AuthSettings{kUser, kSecret};
  ScriptedSmtpServer server(script);
  const auto refused = check(server, {"-A", "PLAIN", "-U", kUser, "-P", kSecret});
  EXPECT_EQ(refused.exit_code, exit_unknown) << refused.describe();
  EXPECT_TRUE(contains(refused.first_line(), "unencrypted")) << refused.describe();
  EXPECT_FALSE(server.first_connection().received_prefix("AUTH"));

  const auto allowed = check(server, {"-A", "PLAIN", "-U", kUser, "-P", kSecret, "--allow-plaintext-auth"});
  EXPECT_EQ(allowed.exit_code, exit_ok) << allowed.describe();
}

TEST_F(AuthTest, SecretFromFileAndEnvironmentNeverAppearsAnywhere) {
  ScriptedSmtpServer server(auth_script());
  const std::string file = dir_.path().string() + "/secret";
  std::ofstream(file) << kSecret << "\n";

  // Every spelling a leak could take: the secret, and base64 of PLAIN and LOGIN payloads.
  const std::vector<std::string> forbidden{kSecret, "czNjcmV0LVBhNTV3b3Jk", "AHByb2JlQHNtdHAtcGluZy50ZXN0AHMzY3JldC1QYTU1d29yZA=="};
  for (const char* mechanism : {"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER"}) {
    for (const char* output : {"plugin", "json"}) {
      const auto from_file = run_check(starttls_args(server, files_, {"-A", mechanism, "-U", kUser, "--password-file",
                                                                      file, "-vvv", "--output", output}),
                                       Millis(10'000));
      EXPECT_EQ(from_file.exit_code, exit_ok) << from_file.describe();
      const auto from_env = run_check(starttls_args(server, files_, {"-A", mechanism, "-U", kUser, "-vvv",
                                                                     "--output", output}),
                                      Millis(10'000), {{"SMTP_PING_PASSWORD", kSecret}});
      EXPECT_EQ(from_env.exit_code, exit_ok) << from_env.describe();
      for (const auto& run : {from_file, from_env})
        for (const auto& leak : forbidden) {
          EXPECT_FALSE(contains(run.out, leak)) << mechanism << " " << output << " stdout leaks " << leak;
          EXPECT_FALSE(contains(run.err, leak)) << mechanism << " " << output << " stderr leaks " << leak;
        }
    }
  }
}

}  // namespace
}  // namespace smtp_ping::test
