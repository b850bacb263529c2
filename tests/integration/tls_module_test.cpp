// check_smtp_ping keeps OpenSSL in smtp-ping-tls.so and loads it on the first
// TLS or SASL step: a plain check never maps it, and a missing or foreign module
// is reported in the TLS phase instead of failing every check at start-up.
#include <filesystem>
#include <fstream>

#include "integration_support.hpp"
#include "test_certificate.hpp"

namespace smtp_ping::test {
namespace {

namespace fs = std::filesystem;

// The plugin copied alone into `dir` (no module beside it; the installed path
// of a build tree, under CMAKE_INSTALL_PREFIX, is not there either).
std::string lone_copy_of_the_plugin(const TempDir& dir) {
  const std::string copy = dir.file("check_smtp_ping");
  fs::copy_file(check_binary_path(), copy);
  return copy;
}

// A lone copy still finds the package's module directory: on a machine where
// smtp-ping is installed (a maintainer building the next package), the module
// is there and "without the module" cannot be shown. Names why, or nothing.
std::string installed_copy_of(const std::string& module_file) {
  const fs::path installed = fs::path(SMTP_PING_PROVIDER_DIR) / module_file;
  if (!fs::exists(installed)) return {};
  return installed.string() + " is installed on this machine and answers for a lone copy of the plugin";
}

#define SKIP_WHEN_INSTALLED(module_file)                                              \
  if (const std::string why = installed_copy_of(module_file); !why.empty()) GTEST_SKIP() << why

TEST(TlsModule, PlainCheckMapsNeitherOpenSslNorTheModule) {
  ScriptedSmtpServer server;
  // ld.so names every object it loads, dlopen()ed ones too.
  const auto run = run_program(check_binary_path(), target_of(server) + std::initializer_list<std::string>{"-F", "me"},
                               Millis(10'000), {{"LD_DEBUG", "files"}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_FALSE(contains(run.err, "libssl")) << run.err;
  EXPECT_FALSE(contains(run.err, "libcrypto")) << run.err;
  EXPECT_FALSE(contains(run.err, "smtp-ping-tls")) << run.err;
}

// Issue 16: the DNS client (libunbound) is a provider too; -H resolves with getaddrinfo.
TEST(DnsModule, PlainCheckMapsNeitherLibunboundNorTheModule) {
  ScriptedSmtpServer server;
  const auto run = run_program(check_binary_path(), target_of(server) + std::initializer_list<std::string>{"-F", "me"},
                               Millis(10'000), {{"LD_DEBUG", "files"}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_FALSE(contains(run.err, "libunbound")) << run.err;
  EXPECT_FALSE(contains(run.err, "smtp-ping-dns")) << run.err;
}

TEST(DnsModule, WithoutTheModuleADomainCheckIsUnknownSayingWhy) {
  SKIP_WHEN_INSTALLED("smtp-ping-dns.so");
  TempDir dir;
  const std::string plugin = lone_copy_of_the_plugin(dir);
  const auto run = run_program(plugin, {"--domain", "example.invalid", "-t", "2"}, Millis(10'000));
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "DNS support is not available")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "smtp-ping-dns.so")) << run.describe();
}

// Issue 13: libidn2 is loaded for an internationalised name only.
TEST(TlsModule, PlainCheckDoesNotMapLibidn2) {
  ScriptedSmtpServer server;
  const auto run = run_program(check_binary_path(), target_of(server) + std::initializer_list<std::string>{"-F", "me"},
                               Millis(10'000), {{"LD_DEBUG", "files"}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_FALSE(contains(run.err, "libidn2")) << run.err;
}

TEST(TlsModule, AnInternationalNameLoadsLibidn2) {
  ScriptedSmtpServer server;
  const auto run = run_program(check_binary_path(),
                               target_of(server) + std::initializer_list<std::string>{"-F", "pr\xc3\xbc" "fer.example"},
                               Millis(10'000), {{"LD_DEBUG", "files"}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.err, "libidn2")) << run.err;
  EXPECT_TRUE(server.first_connection().received("EHLO xn--prfer-lva.example"));
}

TEST(TlsModule, StartTlsLoadsTheModuleBesideThePlugin) {
  TempDir dir;
  const auto files = make_self_signed_certificate(dir.path().string(), "beside", {});
  ServerScript script;
  script.tls = TlsSettings{files.cert_file, files.key_file, false, TlsFault::none};
  ScriptedSmtpServer server(script);
  const auto run = run_program(check_binary_path(),
                               target_of(server) + std::initializer_list<std::string>{"-F", "me", "-S", "--no-verify"},
                               Millis(10'000), {{"LD_DEBUG", "files"}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const std::string beside = (fs::path(check_binary_path()).parent_path() / "smtp-ping-tls.so").string();
  EXPECT_TRUE(contains(run.err, "file=" + beside)) << run.err;
}

TEST(TlsModule, WithoutTheModulePlainChecksWorkAndTlsIsUnknownSayingWhy) {
  SKIP_WHEN_INSTALLED("smtp-ping-tls.so");
  TempDir dir;
  const std::string plugin = lone_copy_of_the_plugin(dir);
  const auto files = make_self_signed_certificate(dir.path().string(), "missing", {});
  ServerScript script;
  script.tls = TlsSettings{files.cert_file, files.key_file, false, TlsFault::none};
  ScriptedSmtpServer server(script);

  const auto plain = run_program(plugin, target_of(server) + std::initializer_list<std::string>{"-F", "me"},
                                 Millis(10'000));
  EXPECT_EQ(plain.exit_code, exit_ok) << plain.describe();

  const auto tls = run_program(plugin, target_of(server) + std::initializer_list<std::string>{"-F", "me", "-S"},
                               Millis(10'000));
  EXPECT_EQ(tls.exit_code, exit_unknown) << tls.describe();
  EXPECT_TRUE(contains(tls.first_line(), "TLS support is not available")) << tls.describe();
  EXPECT_TRUE(contains(tls.out, "smtp-ping-tls.so")) << tls.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(tls), "starttls")) << tls.describe();
  EXPECT_TRUE(server.first_connection().quit) << "the dialog still ends with QUIT";
}

TEST(TlsModule, WithoutTheModulePlaintextAuthIsUnknownInTheAuthPhase) {
  SKIP_WHEN_INSTALLED("smtp-ping-tls.so");
  TempDir dir;
  const std::string plugin = lone_copy_of_the_plugin(dir);
  ServerScript script;
  script.auth = AuthSettings{"probe@smtp-ping.test", "s3cret-Pa55word"};
  ScriptedSmtpServer server(script);

  const auto run = run_program(plugin,
                               target_of(server) + std::initializer_list<std::string>{
                                                       "-F", "me", "-A", "PLAIN", "-U", "probe@smtp-ping.test", "-P",
                                                       "s3cret-Pa55word", "--allow-plaintext-auth"},
                               Millis(10'000));
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "auth failed: TLS support is not available")) << run.describe();
  EXPECT_FALSE(contains(run.output(), "s3cret-Pa55word")) << run.describe();
  EXPECT_TRUE(server.first_connection().quit) << "the dialog still ends with QUIT";
}

TEST(TlsModule, AFileThatIsNoModuleIsNamedAndNotUsed) {
  SKIP_WHEN_INSTALLED("smtp-ping-tls.so");
  TempDir dir;
  const std::string plugin = lone_copy_of_the_plugin(dir);
  std::ofstream(dir.file("smtp-ping-tls.so")) << "not a shared object\n";
  const auto files = make_self_signed_certificate(dir.path().string(), "foreign", {});
  ServerScript script;
  script.tls = TlsSettings{files.cert_file, files.key_file, true, TlsFault::none};
  ScriptedSmtpServer server(script);

  const auto run = run_program(plugin, target_of(server) + std::initializer_list<std::string>{"-F", "me", "-s"},
                               Millis(10'000));
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_TRUE(contains(run.out, "TLS support is not available")) << run.describe();
  EXPECT_TRUE(contains(run.out, dir.file("smtp-ping-tls.so"))) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test
