// Hostile option values (issue 13): what a command line, an --extra-opts file
// or a Zabbix key can carry must never reach the wire as something else, crash
// the process, or hang it. Each refusal is UNKNOWN before any connection.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

// An option error: exit 3, a first line naming the problem, no connection made.
void expect_refused_before_connecting(const CheckRun& run, const ScriptedSmtpServer& server, const std::string& says) {
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_EQ(run.signal, 0) << run.describe();
  EXPECT_FALSE(run.killed) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), says)) << "expected '" << says << "'\n" << run.describe();
  EXPECT_EQ(server.accepted(), 0) << "the check connected although its options were refused\n" << run.describe();
}

// --- hole 1: command injection through values that go on the wire ---

TEST(HostileOptions, CrLfInTheEhloNameCannotInjectCommands) {
  ServerScript script;
  script.on("QUIT", reply("250 2.1.0 Sender ok"));  // what a fast server's MAIL reply would look like
  ScriptedSmtpServer server(script);
  const auto run = run_check({"-H", "127.0.0.1", "-p", std::to_string(server.port()), "-t", "2", "-F",
                              "probe\r\nMAIL FROM:<x@y>"},
                             kHardLimit);
  expect_refused_before_connecting(run, server, "-F/--fqdn");
}

TEST(HostileOptions, EhloNameMustBeADomainOrAnAddressLiteral) {
  ScriptedSmtpServer server;
  for (const char* name : {"probe example", "probe;rm", "-probe.example", "a..b", "[300.1.1.1]"}) {
    SCOPED_TRACE(name);
    const auto run = run_check({"-H", "127.0.0.1", "-p", std::to_string(server.port()), "-t", "2", "-F", name},
                               kHardLimit);
    expect_refused_before_connecting(run, server, "-F/--fqdn");
  }
}

TEST(HostileOptions, EveryWireValueRefusesLineBreaks) {
  ScriptedSmtpServer server;
  const std::vector<std::vector<std::string>> cases{
      {"-C", "NOOP\r\nRSET"},
      {"-f", "a@example.org\r\nRCPT TO:<b@example.org>"},
      {"-f", "a@example.org", "--rcpt", "b@example.org\nDATA"},
      {"-A", "PLAIN", "-U", "user\r\nRSET", "-P", "secret", "--allow-plaintext-auth"},
      {"-A", "XOAUTH2", "-U", "user\x01" "auth=Bearer forged", "-P", "token", "--allow-plaintext-auth"},
      {"-A", "PLAIN", "-U", "user", "-P", "pass\x01word\r\n", "--allow-plaintext-auth"},
      {"-S", "--sni", "mail.example.org\r\nEHLO x"},
      {"-S", "--verify-name", "mail.example.org\tevil"},
  };
  for (const auto& extra : cases) {
    SCOPED_TRACE(extra[1]);
    std::vector<std::string> args{"-H", "127.0.0.1", "-p", std::to_string(server.port()), "-t", "2", "-F", "me"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = run_check(args, kHardLimit);
    expect_refused_before_connecting(run, server, "invalid value");
  }
}

// --- hole 3: regular expressions ---

std::string nested_groups(std::size_t depth) { return std::string(depth, '(') + "a" + std::string(depth, ')'); }

TEST(HostileOptions, DeeplyNestedRegexIsUnknownBeforeConnecting) {
  for (const std::size_t depth : {10'000u, 16'000u}) {
    ScriptedSmtpServer server;
    const auto run = hostile_check(server, {"-C", "NOOP", "-R", nested_groups(depth)});
    expect_refused_before_connecting(run, server, "-R/--response");
  }
}

TEST(HostileOptions, HugeRegexIsUnknownBeforeConnecting) {
  ScriptedSmtpServer server;
  const auto run = hostile_check(server, {"-C", "NOOP", "-R", std::string(100 * 1024, 'a')});
  expect_refused_before_connecting(run, server, "-R/--response");
}

TEST(HostileOptions, ExplodingRepetitionIsUnknownBeforeConnecting) {
  ScriptedSmtpServer server;
  const auto run = hostile_check(server, {"-C", "NOOP", "-R", "((((a{1,255}){1,255}){1,255}){1,255})"});
  expect_refused_before_connecting(run, server, "-R/--response");
}

TEST(HostileOptions, MalformedRegexIsUnknownBeforeConnecting) {
  ScriptedSmtpServer server;
  const auto run = hostile_check(server, {"-C", "NOOP", "-R", "["});
  expect_refused_before_connecting(run, server, "-R/--response");
}

// --- hole 4: files named by the user ---

constexpr Millis kFileBound{1'000};
constexpr long kFileRssBoundKb = 20 * 1024;

// Peak RSS (the sanitizers' runtime alone is larger than the bound).
void expect_small(const CheckRun& run) {
#if defined(__SANITIZE_ADDRESS__)
  (void)run;
#else
  EXPECT_LE(run.max_rss_kb, kFileRssBoundKb) << run.describe();
#endif
}

std::vector<std::string> auth_with_password_file(const std::string& path) {
  return {"-A", "PLAIN", "-U", "probe", "--password-file", path, "--allow-plaintext-auth"};
}

void expect_file_refused(const std::string& path, const std::string& option_args_name) {
  ScriptedSmtpServer server;
  std::vector<std::string> args = arguments_for(server, {});
  for (auto& extra : auth_with_password_file(path)) args.push_back(extra);
  const auto run = run_check(args, Millis(3'000));
  expect_refused_before_connecting(run, server, option_args_name);
  EXPECT_LE(run.wall, kFileBound) << run.describe();
  expect_small(run);
}

TEST(HostileOptions, PasswordFileDevZeroIsUnknownAtOnce) { expect_file_refused("/dev/zero", "--password-file"); }

TEST(HostileOptions, PasswordFileFifoIsUnknownAtOnce) {
  TempDir dir;
  const std::string fifo = dir.file("secret.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  expect_file_refused(fifo, "--password-file");
}

TEST(HostileOptions, PasswordFileDirectoryIsUnknownAtOnce) {
  TempDir dir;
  expect_file_refused(dir.path().string(), "--password-file");
}

TEST(HostileOptions, OverlongPasswordFileIsUnknownAtOnce) {
  TempDir dir;
  const std::string path = dir.file("huge");
  std::ofstream(path) << "x";
  std::filesystem::resize_file(path, 50 * 1024 * 1024);  // 50 MB, no line end
  expect_file_refused(path, "--password-file");
}

TEST(HostileOptions, CaFileThatIsAFifoIsUnknownAtOnce) {
  TempDir dir;
  const std::string fifo = dir.file("ca.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ScriptedSmtpServer server;
  const auto run = run_check(arguments_for(server, {"-S", "--cafile", fifo}), Millis(3'000));
  expect_refused_before_connecting(run, server, "--cafile");
  EXPECT_LE(run.wall, kFileBound) << run.describe();
}

TEST(HostileOptions, ClientKeyDevZeroIsUnknownAtOnce) {
  TempDir dir;
  const auto files = make_self_signed_certificate(dir.path().string(), "client");
  ScriptedSmtpServer server;
  const auto run = run_check(arguments_for(server, {"-S", "--client-cert", files.cert_file, "--client-key", "/dev/zero"}),
                             Millis(3'000));
  expect_refused_before_connecting(run, server, "--client-key");
  EXPECT_LE(run.wall, kFileBound) << run.describe();
  expect_small(run);
}

TEST(HostileOptions, ExtraOptsFifoIsUnknownAtOnce) {
  TempDir dir;
  const std::string fifo = dir.file("plugins.ini");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ScriptedSmtpServer server;
  const auto run = run_check(arguments_for(server, {"--extra-opts=check_smtp_ping@" + fifo}), Millis(3'000));
  expect_refused_before_connecting(run, server, "--extra-opts");
  EXPECT_LE(run.wall, kFileBound) << run.describe();
}

// --- hole 9: the output of an option error is no perfdata ---

TEST(HostileOptions, OptionErrorOutputHasNoPipe) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--no-such-option"}, {"-H", "127.0.0.1", "-p", "seventy"}, {"-H", "127.0.0.1", "-w", "a|b"}, {}}) {
    const auto run = run_check(args, kHardLimit);
    EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
    EXPECT_EQ(count_of(run.output(), '|'), 0u) << run.describe();
  }
}

// --- hole 10: address literals ---

TEST(HostileOptions, BracketedIpv6LiteralIsAccepted) {
  std::unique_ptr<ScriptedSmtpServer> server;
  try {
    server = std::make_unique<ScriptedSmtpServer>(ServerScript{}, ListenAddress::tcp("::1"));
  } catch (const std::exception& error) {
    GTEST_SKIP() << "no ::1 here: " << error.what();
  }
  const auto run = run_check({"-H", "[::1]", "-p", std::to_string(server->port()), "-F", "me", "-t", "2"}, kHardLimit);
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "[::1]:" + std::to_string(server->port()))) << run.describe();
}

TEST(HostileOptions, HostWithAPortIsUnknownAndPointsToDashP) {
  ScriptedSmtpServer server;
  for (const std::string& host :
       std::vector<std::string>{"127.0.0.1:" + std::to_string(server.port()), "[::1]:25", "mail.example.org:587"}) {
    const auto run = run_check({"-H", host, "-t", "2"}, kHardLimit);
    expect_refused_before_connecting(run, server, "-p");
  }
}

}  // namespace
}  // namespace smtp_ping::test::hostile
