// Drop-in fidelity (issue 12): the command lines check_smtp configurations
// send, run through a link named check_smtp, and what we judge on purpose
// beyond them (certificate names, trust store, deadline, perfdata labels).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "integration_support.hpp"
#include "test_certificate.hpp"

namespace smtp_ping::test {
namespace {

constexpr const char* kName = "demo.smtp-ping.test";
constexpr const char* kUser = "probe@smtp-ping.test";
constexpr const char* kSecret = "s3cret-Pa55word";

// The labels of the perfdata, in order: 'dns'=... 'total'=... -> {dns, total}.
std::vector<std::string> perf_labels(const CheckRun& run) {
  std::vector<std::string> labels;
  const std::string perfdata = perfdata_of(run);
  const std::regex item(R"('([^']+)'=)");
  for (std::sregex_iterator it(perfdata.begin(), perfdata.end(), item), end; it != end; ++it)
    labels.push_back((*it)[1].str());
  return labels;
}

std::string perf_item(const CheckRun& run, const std::string& label) {
  const std::string perfdata = perfdata_of(run);
  std::smatch found;
  if (!std::regex_search(perfdata, found, std::regex("'" + label + "'=([^ ]*)"))) return {};
  return found[1].str();
}

// A check_smtp configuration switched to us: the same argv, a link named check_smtp.
class DropIn : public ::testing::Test {
 protected:
  DropIn() {
    link_ = dir_.file("check_smtp");
    std::filesystem::create_symlink(check_binary_path(), link_);
  }

  CheckRun check_smtp(const std::vector<std::string>& args, const EnvOverrides& env = {}) {
    return run_program(link_, args, Millis(20'000), env);
  }
  std::string write(const std::string& name, const std::string& content) {
    std::ofstream(dir_.file(name)) << content;
    return dir_.file(name);
  }
  CertificateFiles certificate(const std::string& name, CertificateRequest request = {}) {
    return make_self_signed_certificate(dir_.path().string(), name, request);
  }
  static ServerScript tls_script(const CertificateFiles& files, bool implicit = false) {
    ServerScript script;
    script.tls = TlsSettings{files.cert_file, files.key_file, implicit, TlsFault::none};
    return script;
  }
  static CertificateRequest dns_only() {
    CertificateRequest request;
    request.dns_names = {kName};
    request.ip_addresses = {};
    return request;
  }

  TempDir dir_;
  std::string link_;
};

std::string port_of(const ScriptedSmtpServer& server) { return std::to_string(server.port()); }

// ---- what Debian's mail.cfg, Icinga 2's ITL and old Nagios set-ups send ----

TEST_F(DropIn, OptionAndValueInOneArgumentAsDebiansArg1) {
  ScriptedSmtpServer server;
  const auto run = check_smtp({"-H", "127.0.0.1", "-p " + port_of(server)});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
}

TEST_F(DropIn, EmptyAndExtraWordsAreIgnored) {
  ScriptedSmtpServer server;
  for (const std::string word : {"", "extra", "true"}) {
    const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), word, "-v"});
    EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
    EXPECT_TRUE(contains(run.first_line(), "127.0.0.1:" + port_of(server))) << run.describe();
    EXPECT_TRUE(contains(run.out, word.empty() ? "ignored an empty argument" : "ignored the argument '" + word + "'"))
        << run.describe();
  }
}

// Icinga 2 renders smtp_ignore_quit as "-q true", in the middle of the other options.
TEST_F(DropIn, IcingaQuitTrueKeepsTheOptionsAfterIt) {
  ScriptedSmtpServer server;
  const auto run = check_smtp({"-S", "-w", "5", "-q", "true", "-p", port_of(server), "-H", "127.0.0.1", "--no-verify"});
  // -S is honoured although it came before the word, -p and -H after it.
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "STARTTLS not offered")) << run.describe();
}

TEST_F(DropIn, ThresholdsTimeoutAndDaysWithBlanks) {
  ScriptedSmtpServer server;
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-w 5", "-c 8", "-t 15"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(std::regex_search(perfdata_of(run), std::regex(R"('total'=[0-9.]+s;5;8;0)"))) << run.describe();
}

TEST_F(DropIn, FromInAngleBracketsAndTheNullSender) {
  ScriptedSmtpServer server;
  EXPECT_EQ(check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-f", "<a@b.example>"}).exit_code, exit_ok);
  EXPECT_EQ(check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-f", "<>"}).exit_code, exit_ok);
  ASSERT_TRUE(server.wait_for_finished(2, Millis(5000)));
  const auto records = server.connections();
  EXPECT_TRUE(records.at(0).received("MAIL FROM:<a@b.example>"));
  EXPECT_TRUE(records.at(1).received("MAIL FROM:<>"));
}

TEST_F(DropIn, TimeoutZeroRunsWithTheSixtySecondCap) {
  ScriptedSmtpServer server;
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-t", "0", "-v"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "capped at 60 s")) << run.describe();
}

// check_smtp looks for -e in the greeting and in the reply to HELO/EHLO.
TEST_F(DropIn, ExpectMatchesTheGreetingOrTheEhloReply) {
  ScriptedSmtpServer server;
  EXPECT_EQ(check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-e", "ESMTP"}).exit_code, exit_ok);
  EXPECT_EQ(check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-e", "PIPELINING"}).exit_code, exit_ok);
  const auto missing = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-e", "TranscriptEntry"});
  EXPECT_EQ(missing.exit_code, exit_warning) << missing.describe();
  EXPECT_TRUE(contains(missing.first_line(), "neither the greeting nor the EHLO reply")) << missing.describe();
  EXPECT_TRUE(contains(missing.first_line(), "220 demo.smtp-ping.test ESMTP")) << missing.describe();
  const auto banner_only = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "--banner-only", "-e", "PIPELINING"});
  EXPECT_EQ(banner_only.exit_code, exit_warning) << banner_only.describe();
}

TEST_F(DropIn, ExtraOptsReadsTheSectionOfTheLinkName) {
  ScriptedSmtpServer server;
  const auto ini = write("plugins.ini", "[check_smtp_ping]\nport=1\n[other]\nodd line\n[check_smtp]\nport = " +
                                            port_of(server) + "\nexpect = ESMTP # smtp-ping\n");
  const auto run = check_smtp({"-H", "127.0.0.1", "--extra-opts=@" + ini});
  EXPECT_EQ(run.exit_code, exit_warning) << "'#' is part of the value: " << run.describe();
  const auto ini2 = write("plugins2.ini", "[check_smtp]\nport = " + port_of(server) + "\n");
  EXPECT_EQ(check_smtp({"-H", "127.0.0.1", "--extra-opts=@" + ini2}).exit_code, exit_ok);
  // Icinga 2: "--extra-opts" "section@file" as two arguments; the default file from MP_CONFIG_FILE.
  EXPECT_EQ(check_smtp({"--extra-opts", "check_smtp@" + ini2, "-H", "127.0.0.1"}).exit_code, exit_ok);
  EXPECT_EQ(check_smtp({"--extra-opts", "-H", "127.0.0.1"}, {{"MP_CONFIG_FILE", ini2}}).exit_code, exit_ok);
}

// ---- the deadline ----

TEST_F(DropIn, GreetingJustAfterTheTimeoutIsNeverOk) {
  ServerScript script;
  script.greet(default_reply_after(Millis(1001)));
  ScriptedSmtpServer server(script);
  for (int round = 0; round < 3; ++round) {
    const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-t", "1"});
    EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
    EXPECT_TRUE(contains(run.first_line(), "banner failed: timeout")) << run.describe();
  }
}

// ---- perfdata: one label set per command line ----

TEST_F(DropIn, SameLabelsWhetherTheServerAnswersOrNot) {
  CertificateRequest long_lived;
  long_lived.valid_days = 400;
  const auto files = certificate("labels", long_lived);
  ScriptedSmtpServer server(tls_script(files));
  const std::vector<std::string> options{"-H", "127.0.0.1", "-S", "--no-verify", "-D", "30,14", "-f", "a@b.example",
                                         "--rcpt", "c@d.example", "-C", "NOOP", "-w", "banner=1", "-t", "5"};
  const auto ok = check_smtp(options + std::initializer_list<std::string>{"-p", port_of(server)});
  const auto refused = check_smtp(options + std::initializer_list<std::string>{"-p", std::to_string(unused_port())});
  ASSERT_EQ(ok.exit_code, exit_ok) << ok.describe();
  ASSERT_EQ(refused.exit_code, exit_critical) << refused.describe();
  const std::vector<std::string> expected{"dns",  "connect", "banner", "ehlo",    "starttls", "tls",      "ehlo_tls",
                                          "mail", "rcpt",    "command", "quit",   "total",    "cert_days"};
  EXPECT_EQ(perf_labels(ok), expected) << ok.describe();
  EXPECT_EQ(perf_labels(refused), expected) << refused.describe();
  EXPECT_EQ(perf_item(refused, "banner"), "U;1;;0") << refused.describe();
  EXPECT_EQ(perf_item(refused, "cert_days"), "U;30:;14:") << refused.describe();
  EXPECT_TRUE(std::regex_match(perf_item(ok, "cert_days"), std::regex(R"(39[89](\.\d+)?;30:;14:)"))) << ok.describe();
}

// For Icinga 2's metric writers, which log a warning for every "U" item.
TEST_F(DropIn, UnreachedPhasesCanBeLeftOut) {
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", std::to_string(unused_port()), "--perfdata-unreached=omit"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_EQ(perf_labels(run), (std::vector<std::string>{"dns", "connect", "total"})) << run.describe();
}

TEST_F(DropIn, LoneWarningDaysHaveNoCriticalField) {
  const auto files = certificate("lone");
  ScriptedSmtpServer server(tls_script(files));
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--no-verify", "-D", "5"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(std::regex_match(perf_item(run, "cert_days"), std::regex(R"(2[89](\.\d+)?;5:)"))) << run.describe();
}

TEST_F(DropIn, SeriesLabelsWhenNothingAnswers) {
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", std::to_string(unused_port()), "-n", "2", "-i", "0"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_EQ(perf_labels(run), (std::vector<std::string>{"rta", "rtmin", "rtmax", "jitter", "pl", "dns", "connect",
                                                        "banner", "ehlo", "quit"}))
      << run.describe();
  EXPECT_EQ(perf_item(run, "rta"), "U;;;0") << run.describe();
}

// ---- certificates ----

// check_smtp 2.3 turns STARTTLS on for -D; configurations written for it give -D alone.
TEST_F(DropIn, CertificateDaysAloneDoStartTlsAndJudgeTheLifetime) {
  const auto files = certificate("days");
  ScriptedSmtpServer server(tls_script(files));
  const auto ok = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-D", "5,2", "--no-verify", "-v"});
  EXPECT_EQ(ok.exit_code, exit_ok) << ok.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(ok), "ehlo_tls")) << ok.describe();
  EXPECT_TRUE(contains(ok.out, "STARTTLS turned on")) << ok.describe();
  const auto short_lived = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-D", "60,45", "--no-verify"});
  EXPECT_EQ(short_lived.exit_code, exit_critical) << short_lived.describe();
  EXPECT_TRUE(contains(short_lived.first_line(), "certificate expires in")) << short_lived.describe();
}

TEST_F(DropIn, SeriesJudgesCertificateDays) {
  CertificateRequest old;
  old.valid_from_days = -40;
  old.valid_days = 30;
  const auto files = certificate("series-expired", old);
  ScriptedSmtpServer server(tls_script(files));
  for (const char* verify : {"--no-verify", "--verify-name=demo.smtp-ping.test"}) {
    const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file, verify,
                                 "-n", "2", "-i", "0", "-D", "30,14"});
    EXPECT_EQ(run.exit_code, exit_critical) << verify << "\n" << run.describe();
    EXPECT_TRUE(contains(run.first_line(), "certificate expired")) << run.describe();
    EXPECT_TRUE(std::regex_search(perfdata_of(run), std::regex(R"('cert_days'=-\d+(\.\d+)?;30:;14:)")))
        << run.describe();
  }
}

TEST_F(DropIn, IgnoreCertificateExpirationIgnoresItInVerificationToo) {
  CertificateRequest old;
  old.valid_from_days = -40;
  old.valid_days = 30;
  const auto files = certificate("ignored-expiry", old);
  ScriptedSmtpServer server(tls_script(files));
  const std::vector<std::string> args{"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file};
  const auto strict = check_smtp(args);
  EXPECT_EQ(strict.exit_code, exit_critical) << strict.describe();
  const auto ignored = check_smtp(args + std::initializer_list<std::string>{"--ignore-certificate-expiration", "-D", "30"});
  EXPECT_EQ(ignored.exit_code, exit_ok) << ignored.describe();
  EXPECT_TRUE(contains(ignored.out, ", verified")) << ignored.describe();
  EXPECT_TRUE(std::regex_search(perfdata_of(ignored), std::regex(R"('cert_days'=-\d+(\.\d+)?( |$))")))
      << "the lifetime is still reported, unjudged\n" << ignored.describe();
}

// -H is an address (as $HOSTADDRESS$ is) and the certificate names only the DNS name.
TEST_F(DropIn, AddressHostIsCheckedAgainstTheAnnouncedName) {
  const auto files = certificate("dns-only", dns_only());
  ScriptedSmtpServer server(tls_script(files));
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file, "-v"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "verified for demo.smtp-ping.test (greeting)")) << run.describe();

  const auto json = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file,
                                "--output", "json"});
  const auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["tls"]["verify_name"], kName) << json.out;
  EXPECT_EQ(doc["tls"]["verify_name_source"], "greeting") << json.out;
  EXPECT_EQ(doc["tls"]["name_mismatch"], false) << json.out;
}

TEST_F(DropIn, ImplicitTlsAddressHostIsCheckedAgainstTheAnnouncedName) {
  const auto files = certificate("dns-only-implicit", dns_only());
  ScriptedSmtpServer server(tls_script(files, true));
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-s", "--cafile", files.cert_file});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "verified for demo.smtp-ping.test (greeting)")) << run.describe();
}

TEST_F(DropIn, BannerOnlyWithImplicitTlsChecksTheGreetingName) {
  const auto files = certificate("dns-only-banner", dns_only());
  ScriptedSmtpServer server(tls_script(files, true));
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-s", "--banner-only", "--cafile",
                               files.cert_file});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "verified for demo.smtp-ping.test (greeting)")) << run.describe();
}

TEST_F(DropIn, AnotherAnnouncedNameIsAWarningNamingBoth) {
  const auto files = certificate("dns-only-other", dns_only());
  ServerScript script = tls_script(files);
  script.hostname = "other.smtp-ping.test";
  ScriptedSmtpServer server(script);
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file});
  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "DNS:demo.smtp-ping.test")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "other.smtp-ping.test (greeting)")) << run.describe();
  EXPECT_TRUE(server.first_connection().received("QUIT")) << "the dialog went on to its end";
}

TEST_F(DropIn, SeriesWarnsOfAnotherAnnouncedName) {
  const auto files = certificate("dns-only-series", dns_only());
  ServerScript script = tls_script(files);
  script.hostname = "other.smtp-ping.test";
  ScriptedSmtpServer server(script);
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file, "-n", "2",
                               "-i", "0"});
  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "certificate name mismatch")) << run.describe();
}

TEST_F(DropIn, CredentialsNeverGoToAServerTheCertificateDoesNotName) {
  const auto files = certificate("dns-only-auth", dns_only());
  ServerScript script = tls_script(files);
  script.hostname = "other.smtp-ping.test";
  script.auth = AuthSettings{kUser, kSecret};
  ScriptedSmtpServer server(script);
  const auto run = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file, "-A",
                               "PLAIN", "-U", kUser, "-P", kSecret});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "credentials are not sent")) << run.describe();
  EXPECT_FALSE(server.first_connection().received_prefix("AUTH")) << "credentials left the client";
}

TEST_F(DropIn, AddressInTheCertificateIsEnoughAndVerifyNameStaysStrict) {
  const auto files = certificate("with-ip");  // DNS names and IP:127.0.0.1
  ServerScript script = tls_script(files);
  script.hostname = "other.smtp-ping.test";
  ScriptedSmtpServer server(script);
  const auto by_address = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file});
  EXPECT_EQ(by_address.exit_code, exit_ok) << by_address.describe();
  EXPECT_TRUE(contains(by_address.out, "verified for 127.0.0.1 (-H)")) << by_address.describe();
  const auto strict = check_smtp({"-H", "127.0.0.1", "-p", port_of(server), "-S", "--cafile", files.cert_file,
                                  "--verify-name", "other.smtp-ping.test"});
  EXPECT_EQ(strict.exit_code, exit_critical) << strict.describe();
  EXPECT_TRUE(contains(strict.first_line(), "certificate name mismatch")) << strict.describe();
}

// ---- the trust store: OpenSSL's default verify paths ----

// <subject hash>.0 -> the certificate, as c_rehash makes it.
std::string hashed_directory(const std::string& dir, const std::string& cert_file) {
  std::filesystem::create_directories(dir);
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(cert_file.c_str(), "r"), &std::fclose);
  std::unique_ptr<X509, void (*)(X509*)> cert(file ? PEM_read_X509(file.get(), nullptr, nullptr, nullptr) : nullptr,
                                              &X509_free);
  if (!cert) return dir;
  char name[16];
  std::snprintf(name, sizeof name, "%08lx.0", X509_subject_name_hash(cert.get()));
  std::filesystem::create_symlink(cert_file, dir + "/" + name);
  return dir;
}

class TrustStore : public DropIn {
 protected:
  CheckRun verify_localhost(const ScriptedSmtpServer& server, const EnvOverrides& env) {
    return check_smtp({"-H", "localhost", "-4", "-p", port_of(server), "-S"}, env);
  }
};

TEST_F(TrustStore, SslCertFileIsTrusted) {
  const auto files = certificate("bundle-ca");
  ScriptedSmtpServer server(tls_script(files));
  const auto run = verify_localhost(server, {{"SSL_CERT_FILE", files.cert_file}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "verified for localhost (-H)")) << run.describe();
}

TEST_F(TrustStore, SslCertDirIsTrusted) {
  const auto files = certificate("dir-ca");
  ScriptedSmtpServer server(tls_script(files));
  const auto dir = hashed_directory(dir_.file("hashed"), files.cert_file);
  const auto run = verify_localhost(server, {{"SSL_CERT_DIR", dir}, {"SSL_CERT_FILE", dir_.file("none.pem")}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
}

// EL: no hashed directory, one bundle of many certificates (/etc/pki/tls/certs/ca-bundle.crt).
TEST_F(TrustStore, BundleWithoutHashedDirectoryIsTrusted) {
  const auto files = certificate("el-ca");
  ScriptedSmtpServer server(tls_script(files));
  std::string bundle;
  for (const char* system : {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"}) {
    std::ifstream in(system);
    bundle.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!bundle.empty()) break;
  }
  std::ifstream ours(files.cert_file);
  bundle.append(std::istreambuf_iterator<char>(ours), std::istreambuf_iterator<char>());
  const auto path = write("ca-bundle.crt", bundle);
  const auto run = verify_localhost(server, {{"SSL_CERT_DIR", dir_.file("no-such-dir")}, {"SSL_CERT_FILE", path}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
}

TEST_F(TrustStore, UnknownCaIsNotTrusted) {
  const auto files = certificate("unknown-ca");
  ScriptedSmtpServer server(tls_script(files));
  const auto run = verify_localhost(server, {{"SSL_CERT_DIR", dir_.file("empty")}, {"SSL_CERT_FILE", dir_.file("none")}});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "self-signed certificate")) << run.describe();
}

// The bundle goes through the bounded reader (docs/limits.md): a FIFO named by
// SSL_CERT_FILE is refused unopened; OpenSSL's own fopen() waited for a writer for ever.
TEST_F(TrustStore, BundleThatIsAFifoIsNotWaitedFor) {
  const auto files = certificate("fifo-ca");
  ScriptedSmtpServer server(tls_script(files));
  const std::string fifo = dir_.file("bundle.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto run = verify_localhost(server, {{"SSL_CERT_DIR", dir_.file("empty")}, {"SSL_CERT_FILE", fifo}});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "self-signed certificate")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test
