// Interop: the real check_smtp_ping against a real Postfix (brought up by postfix-up, see
// README.md here) and against aiosmtpd. Everything listens on 127.0.0.1.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "check_runner.hpp"

extern char** environ;

namespace {

using namespace std::chrono_literals;
using smtp_ping::test::CheckRun;
using smtp_ping::test::run_check;

std::vector<std::string> operator+(std::vector<std::string> first, const std::vector<std::string>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

// Generous: sanitizer builds are slow. Tests assert behaviour, never speed.
constexpr auto kHardLimit = std::chrono::milliseconds(60'000);

// ---- the contract written by postfix-up ----

std::map<std::string, std::string> read_env_file(const std::string& path) {
  std::map<std::string, std::string> values;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return values;
}

class Postfix : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* override_path = std::getenv("SMTP_PING_INTEROP_ENV");
    env_path_ = override_path != nullptr ? override_path : SMTP_PING_INTEROP_ENV_FILE;
    env_ = read_env_file(env_path_);
    ASSERT_FALSE(env_.empty()) << "no " << env_path_ << ": run tests/interop/postfix-up (the CTest fixture "
                               << "interop_postfix_up does)";
  }

  std::string get(const std::string& key) const {
    const auto it = env_.find("SMTP_PING_INTEROP_" + key);
    return it == env_.end() ? std::string() : it->second;
  }

  std::string host() const { return get("HOST"); }
  std::string log_path() const { return get("LOG"); }

  // Current size of Postfix's log: lines after it belong to what a test does next.
  std::uintmax_t log_offset() const {
    struct stat st {};
    return ::stat(log_path().c_str(), &st) == 0 ? static_cast<std::uintmax_t>(st.st_size) : 0;
  }

  std::vector<std::string> log_lines_since(std::uintmax_t offset) const {
    std::ifstream in(log_path(), std::ios::binary);
    std::vector<std::string> lines;
    if (!in) return lines;
    in.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
  }

  // Waits (bounded) for Postfix's "disconnect from" line of a session from 127.0.0.1 that started
  // after `offset` and holds every one of `required` (e.g. " quit=1"): the one for `client_port`
  // when given. Without a port, any such line counts: the interop tests run serially, so new lines
  // are our own session's, and a concurrent run from another build tree must not fail us.
  std::optional<std::string> wait_for_disconnect(std::uintmax_t offset, std::optional<int> client_port,
                                                 const std::vector<std::string>& required) const {
    const std::regex pattern(R"(smtpd\[\d+\]: disconnect from [^ ]*\[127\.0\.0\.1\]:(\d+)( |$))");
    for (int attempt = 0; attempt < 100; ++attempt) {  // 100 x 100 ms
      for (const auto& line : log_lines_since(offset)) {
        std::smatch m;
        if (!std::regex_search(line, m, pattern)) continue;
        if (client_port && std::stoi(m[1].str()) != *client_port) continue;
        bool all = true;
        for (const auto& r : required) all = all && line.find(r) != std::string::npos;
        if (all) return line;
      }
      std::this_thread::sleep_for(100ms);
    }
    return std::nullopt;
  }

  // The main listener's (syslog name postfix/smtpd) "disconnect from" lines of sessions from
  // 127.0.0.1 after `offset` that hold `required`, waiting (bounded) until there are `expected`.
  int count_disconnects(std::uintmax_t offset, const std::string& required, int expected) const {
    int count = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {  // 100 x 100 ms
      count = 0;
      for (const auto& line : log_lines_since(offset))
        if (line.find(" postfix/smtpd[") != std::string::npos && line.find(": disconnect from ") != std::string::npos &&
            line.find("[127.0.0.1]:") != std::string::npos && line.find(required) != std::string::npos)
          ++count;
      if (count >= expected) break;
      std::this_thread::sleep_for(100ms);
    }
    return count;
  }

  std::string log_tail(std::uintmax_t offset) const {
    std::string text;
    for (const auto& line : log_lines_since(offset)) text += line + "\n";
    return text;
  }

  std::string env_path_;
  std::map<std::string, std::string> env_;
};

// 'label'=1.234567s in the perfdata of the first line.
std::optional<double> perf_seconds(const std::string& first_line, const std::string& label) {
  const auto bar = first_line.find('|');
  if (bar == std::string::npos) return std::nullopt;
  const std::regex item("'" + label + R"('=([0-9]+\.[0-9]{6})s(;[^ ]*)?( |$))");
  std::smatch m;
  const std::string perf = first_line.substr(bar + 1);
  if (!std::regex_search(perf, m, item)) return std::nullopt;
  return std::stod(m[1].str());
}

int count_of(const std::string& text, char c) {
  int n = 0;
  for (char x : text) n += x == c ? 1 : 0;
  return n;
}

void expect_ok_with_phases(const CheckRun& run, const std::vector<std::string>& phases) {
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_EQ(run.first_line().rfind("SMTP OK", 0), 0u) << run.describe();
  EXPECT_EQ(count_of(run.out, '|'), 1) << "exactly one '|' in the whole output\n" << run.describe();
  for (const auto& phase : phases) {
    const auto seconds = perf_seconds(run.first_line(), phase);
    ASSERT_TRUE(seconds.has_value()) << "no perfdata for '" << phase << "'\n" << run.describe();
    EXPECT_GE(*seconds, 0.0);
  }
}

// ---- Postfix, port 25, plain ----

TEST_F(Postfix, PlainProbeIsOkAndQuitsCleanly) {
  const auto offset = log_offset();
  const auto run = run_check({"-H", host(), "-t", "30"}, kHardLimit);
  expect_ok_with_phases(run, {"connect", "banner", "ehlo", "quit", "total"});
  EXPECT_NE(run.first_line().find(host() + ":25"), std::string::npos) << run.describe();

  // Postfix: "disconnect from localhost[127.0.0.1]:PORT ehlo=1 quit=1 commands=2".
  const auto line = wait_for_disconnect(offset, std::nullopt, {" ehlo=1 quit=1 commands=2"});
  ASSERT_TRUE(line.has_value()) << "no clean disconnect (ehlo=1 quit=1 commands=2) in " << log_path()
                                << " after the probe:\n" << log_tail(offset);
}

TEST_F(Postfix, VerboseShowsPostfixGreeting) {
  const auto run = run_check({"-H", host(), "-t", "30", "-v"}, kHardLimit);
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_NE(run.out.find("220 " + get("SERVER_NAME") + " ESMTP Postfix"), std::string::npos) << run.describe();
  EXPECT_EQ(count_of(run.out, '|'), 1) << run.describe();
}

TEST_F(Postfix, JsonLocalAddressMatchesPostfixLog) {
  const auto offset = log_offset();
  const auto run = run_check({"-H", host(), "-t", "30", "--output", "json"}, kHardLimit);
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  nlohmann::json doc;
  ASSERT_NO_THROW(doc = nlohmann::json::parse(run.out)) << run.describe();
  EXPECT_EQ(doc.value("state", ""), "OK") << run.out;
  for (const char* phase : {"connect", "banner", "ehlo", "quit", "total"})
    EXPECT_TRUE(doc["timings"].contains(phase)) << phase << "\n" << run.out;
  EXPECT_EQ(doc["greeting"].value("code", 0), 220) << run.out;

  const auto local = doc["target"].value("local_address", "");
  const auto colon = local.rfind(':');
  ASSERT_NE(colon, std::string::npos) << "target.local_address: " << run.out;
  const int port = std::stoi(local.substr(colon + 1));
  const auto line = wait_for_disconnect(offset, port, {});
  ASSERT_TRUE(line.has_value()) << "no disconnect line for client port " << port << ":\n" << log_tail(offset);
  EXPECT_NE(line->find(" ehlo=1 quit=1 commands=2"), std::string::npos) << *line;
}

TEST_F(Postfix, RelayRecipientRejectedIsCritical) {
  const auto offset = log_offset();
  const auto rcpt = get("RELAY_RCPT");
  const auto run = run_check({"-H", host(), "-t", "30", "-f", "a@example.org", "--rcpt", rcpt}, kHardLimit);
  ASSERT_EQ(run.exit_code, 2) << run.describe();
  const auto first = run.first_line();
  EXPECT_EQ(first.rfind("SMTP CRITICAL", 0), 0u) << run.describe();
  EXPECT_NE(first.find("rcpt"), std::string::npos) << run.describe();
  EXPECT_TRUE(std::regex_search(first, std::regex(R"(: 5\d\d )"))) << "quotes the 5xx reply\n" << run.describe();
  EXPECT_NE(first.find(rcpt), std::string::npos) << run.describe();
  EXPECT_EQ(count_of(run.out, '|'), 1) << run.describe();

  const auto line = wait_for_disconnect(offset, std::nullopt, {" mail=1 rcpt=0/1"});
  ASSERT_TRUE(line.has_value()) << "Postfix did not log the rejected RCPT (mail=1 rcpt=0/1):\n" << log_tail(offset);
}

TEST_F(Postfix, UnknownLocalUserIs550) {
  const auto run = run_check(
      {"-H", host(), "-t", "30", "-f", "a@example.org", "--rcpt", get("UNKNOWN_LOCAL_RCPT")}, kHardLimit);
  ASSERT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_NE(run.first_line().find("rcpt"), std::string::npos) << run.describe();
  EXPECT_NE(run.first_line().find("550"), std::string::npos) << run.describe();
}

TEST_F(Postfix, AcceptedRecipientIsOk) {
  const auto offset = log_offset();
  const auto run =
      run_check({"-H", host(), "-t", "30", "-f", "a@example.org", "--rcpt", get("LOCAL_RCPT")}, kHardLimit);
  expect_ok_with_phases(run, {"connect", "banner", "ehlo", "mail", "rcpt", "quit", "total"});
  const auto line = wait_for_disconnect(offset, std::nullopt, {" ehlo=1 mail=1 rcpt=1 quit=1"});
  ASSERT_TRUE(line.has_value()) << "no clean disconnect (ehlo=1 mail=1 rcpt=1 quit=1):\n" << log_tail(offset);
}

// Load mode (issue 18) against the real Postfix.
// Acceptance 1: every session sends a message (to the recipient Postfix discards, so no
// mailbox fills up), and Postfix's log shows 300 messages queued.
TEST_F(Postfix, LoadRunSendingMessagesHasNoErrors) {
  const auto offset = log_offset();
  const auto run = run_check({"-H", host(), "-t", "30", "-f", "a@example.org", "--rcpt", get("RCPT_DISCARDED"),
                              "--send", "--load", "--concurrency", "20", "--sessions", "300"},
                             kHardLimit);
  EXPECT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_NE(run.first_line().find(": 300 sessions in "), std::string::npos) << run.describe();
  EXPECT_NE(run.first_line().find("0 errors (0.0%)"), std::string::npos) << run.describe();
  for (const char* phase : {"banner", "ehlo", "mail", "rcpt", "data", "quit"})
    EXPECT_NE(run.out.find(std::string("\n") + phase + " p50 "), std::string::npos) << phase << "\n" << run.describe();
  EXPECT_NE(run.out.find("'data_p95'="), std::string::npos) << run.describe();
  EXPECT_EQ(count_disconnects(offset, " data=1 ", 300), 300) << log_tail(offset);
}

// A source address of its own (anvil counts per client for a minute), picked per run.
std::string fresh_loopback_source() {
  return "127.0.0." + std::to_string(100 + static_cast<int>(::getpid() % 100));
}

TEST_F(Postfix, LoadAgainstAnvilsRateLimitCountsThe421AndItsOnset) {
  const int limit = std::stoi(get("LIMITED_CONNECTION_RATE"));
  const auto run = run_check({"-H", host(), "-p", get("PORT_LIMITED"), "--bind", fresh_loopback_source(), "-t", "30",
                              "--load", "--concurrency", "1", "--sessions", std::to_string(limit + 10),
                              "--errors-warning", "10", "--errors-critical", "50", "--output", "json"},
                             kHardLimit);
  const auto json = nlohmann::json::parse(run.out);
  const auto& load = json.at("checks").at(0).at("facts").at("load");
  EXPECT_EQ(run.exit_code, 1) << run.describe();  // 10 of 30 failed: WARNING
  EXPECT_EQ(load.at("errors").at("rate_limited"), 10) << run.describe();
  EXPECT_EQ(load.at("onset").at("session"), limit + 1) << run.describe();
  EXPECT_EQ(load.at("onset").at("reply").at("code"), 421) << run.describe();
  const std::string text = load.at("onset").at("reply").at("lines").at(0);
  EXPECT_NE(text.find("too many connections"), std::string::npos) << text;
}

// Anvil's message rate: MAIL FROM is refused with 450 "too much mail" past the limit.
TEST_F(Postfix, LoadWithSendAgainstTheMessageRateLimitCountsThe450AndItsOnset) {
  const int limit = std::stoi(get("LIMITED_MESSAGE_RATE"));
  const auto run = run_check({"-H", host(), "-p", get("PORT_MESSAGE_LIMITED"), "--bind", fresh_loopback_source(), "-t",
                              "30", "-f", "a@example.org", "--rcpt", get("RCPT_DISCARDED"), "--send", "--load",
                              "--concurrency", "1", "--sessions", std::to_string(limit + 5), "--errors-warning", "10",
                              "--errors-critical", "50", "--output", "json"},
                             kHardLimit);
  const auto json = nlohmann::json::parse(run.out);
  const auto& load = json.at("checks").at(0).at("facts").at("load");
  EXPECT_EQ(run.exit_code, 1) << run.describe();  // 5 of 20 failed: WARNING
  EXPECT_EQ(load.at("errors").at("rate_limited"), 5) << run.describe();
  EXPECT_EQ(load.at("onset").at("session"), limit + 1) << run.describe();
  EXPECT_EQ(load.at("onset").at("phase"), "mail") << run.describe();
  EXPECT_EQ(load.at("onset").at("reply").at("code"), 450) << run.describe();
  const std::string text = load.at("onset").at("reply").at("lines").at(0);
  EXPECT_NE(text.find("too much mail"), std::string::npos) << text;
}

TEST_F(Postfix, LoadOnAnUnlimitedListenerReportsNoPushBack) {
  // From 127.0.0.1: in mynetworks, which Postfix exempts from anvil's limits by default.
  const auto run = run_check({"-H", host(), "-t", "30", "--load", "--concurrency", "5", "--sessions", "60", "--output",
                              "json"},
                             kHardLimit);
  EXPECT_EQ(run.exit_code, 0) << run.describe();
  const auto json = nlohmann::json::parse(run.out);
  const auto& load = json.at("checks").at(0).at("facts").at("load");
  EXPECT_TRUE(load.at("errors").empty()) << run.describe();
  EXPECT_TRUE(load.at("onset").is_null()) << run.describe();
}

TEST_F(Postfix, NoStartTlsPortAnswersPlainProbe) {
  const auto run = run_check({"-H", host(), "-p", get("PORT_NO_TLS"), "-t", "30"}, kHardLimit);
  expect_ok_with_phases(run, {"connect", "banner", "ehlo", "quit", "total"});
}

// ---- aiosmtpd ----

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool greets(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = false;
  timeval tv{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    char buf[4] = {};
    ok = ::recv(fd, buf, 3, MSG_WAITALL) == 3 && std::string(buf, 3) == "220";
    if (ok) static_cast<void>(::send(fd, "QUIT\r\n", 6, MSG_NOSIGNAL));
  }
  ::close(fd);
  return ok;
}

// `python3 -m aiosmtpd -n -l 127.0.0.1:PORT`, killed when the test ends.
class Aiosmtpd : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(SYSTEM_PYTHON, X_OK) != 0) GTEST_SKIP() << SYSTEM_PYTHON << " missing (scripts/deps test)";
    port_ = free_loopback_port();
    ASSERT_NE(port_, 0);
    log_ = std::string(SMTP_PING_INTEROP_WORK_DIR) + "/aiosmtpd-" + std::to_string(port_) + ".log";
    std::vector<std::string> args{SYSTEM_PYTHON, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = ::posix_spawn(&pid_, SYSTEM_PYTHON, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ASSERT_EQ(rc, 0) << "posix_spawn " << SYSTEM_PYTHON;

    for (int attempt = 0; attempt < 150 && !greets(port_); ++attempt) {  // bounded: ~15 s
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        FAIL() << "aiosmtpd exited early; see " << log_;
      }
      std::this_thread::sleep_for(100ms);
    }
    ASSERT_TRUE(greets(port_)) << "aiosmtpd does not greet on 127.0.0.1:" << port_ << "; see " << log_;
  }

  void TearDown() override {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int attempt = 0; attempt < 50; ++attempt) {  // bounded: 5 s, then SIGKILL
      if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(100ms);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }

  pid_t pid_ = 0;
  int port_ = 0;
  std::string log_;
};

TEST_F(Aiosmtpd, PlainProbeIsOk) {
  const auto run = run_check({"-H", "127.0.0.1", "-p", std::to_string(port_), "-t", "30"}, kHardLimit);
  expect_ok_with_phases(run, {"connect", "banner", "ehlo", "quit", "total"});
}

TEST_F(Aiosmtpd, RecipientAcceptedIsOk) {
  const auto run = run_check({"-H", "127.0.0.1", "-p", std::to_string(port_), "-t", "30", "-f", "a@example.org",
                              "--rcpt", "b@example.org"},
                             kHardLimit);
  expect_ok_with_phases(run, {"connect", "banner", "ehlo", "mail", "rcpt", "quit", "total"});
}

// ---- Postfix: TLS (issue 3) ----

class PostfixTls : public Postfix {
 protected:
  std::vector<std::string> tls_args(const std::string& port_key, std::initializer_list<std::string> extra) const {
    std::vector<std::string> args{"-H", host(), "-p", get(port_key), "-t", "30", "--cafile", get("CA")};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
};

TEST_F(PostfixTls, StartTlsWithCaFileIsOkAndShowsTheSession) {
  const auto run = run_check(tls_args("PORT_PLAIN", {"-S", "--verify-name", get("SERVER_NAME"), "-D", "30,7"}),
                             kHardLimit);
  expect_ok_with_phases(run, {"connect", "banner", "ehlo", "starttls", "tls", "ehlo_tls", "quit", "total"});
  EXPECT_NE(run.first_line().find("'cert_days'="), std::string::npos) << run.describe();
  EXPECT_NE(run.out.find("\ntls "), std::string::npos) << run.describe();
  EXPECT_TRUE(std::regex_search(run.out, std::regex(R"(\ntls [0-9.]+s TLSv1\.[23] [A-Z0-9_-]+, )"))) << run.describe();
  EXPECT_NE(run.out.find(", verified"), std::string::npos) << run.describe();
}

TEST_F(PostfixTls, ImplicitTlsIsOk) {
  const auto run = run_check(tls_args("PORT_IMPLICIT_TLS", {"-s"}), kHardLimit);
  expect_ok_with_phases(run, {"connect", "tls", "banner", "ehlo", "quit", "total"});
}

struct BadCertificate {
  const char* port_key;
  const char* message;
};

class PostfixBadCertificate : public PostfixTls, public ::testing::WithParamInterface<BadCertificate> {};

TEST_P(PostfixBadCertificate, IsCriticalNamingTheProblemAndOkWithNoVerify) {
  const auto verified = run_check(tls_args(GetParam().port_key, {"-S"}), kHardLimit);
  EXPECT_EQ(verified.exit_code, 2) << verified.describe();
  EXPECT_NE(verified.first_line().find(std::string("tls failed: ") + GetParam().message), std::string::npos)
      << verified.describe();

  const auto unverified = run_check(tls_args(GetParam().port_key, {"-S", "--no-verify"}), kHardLimit);
  EXPECT_EQ(unverified.exit_code, 0) << unverified.describe();
}

INSTANTIATE_TEST_SUITE_P(Certificates, PostfixBadCertificate,
                         ::testing::Values(BadCertificate{"PORT_EXPIRED", "certificate expired on"},
                                           BadCertificate{"PORT_SELF_SIGNED", "self-signed certificate"}));

TEST_F(PostfixTls, WrongHostIsCriticalWithAName) {
  const auto run = run_check(tls_args("PORT_WRONG_HOST", {"-S", "--verify-name", get("SERVER_NAME")}), kHardLimit);
  EXPECT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_NE(run.first_line().find("tls failed: certificate name mismatch"), std::string::npos) << run.describe();
  const auto unverified = run_check(tls_args("PORT_WRONG_HOST", {"-S", "--no-verify"}), kHardLimit);
  EXPECT_EQ(unverified.exit_code, 0) << unverified.describe();
}

// -H is an address: the certificate is held against the name Postfix announces.
TEST_F(PostfixTls, WrongHostIsAWarningWithAnAddress) {
  const auto run = run_check(tls_args("PORT_WRONG_HOST", {"-S"}), kHardLimit);
  EXPECT_EQ(run.exit_code, 1) << run.describe();
  EXPECT_NE(run.first_line().find("DNS:wrong-host.smtp-ping.test"), std::string::npos) << run.describe();
  EXPECT_NE(run.first_line().find(get("SERVER_NAME") + " (greeting)"), std::string::npos) << run.describe();
}

TEST_F(PostfixTls, NoVerifyStillJudgesTheLifetime) {
  const auto run = run_check(tls_args("PORT_EXPIRED", {"-S", "--no-verify", "-D", "30,7"}), kHardLimit);
  EXPECT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_NE(run.first_line().find("certificate expired"), std::string::npos) << run.describe();
}

TEST_F(PostfixTls, StartTlsNotOfferedIsCritical) {
  const auto run = run_check(tls_args("PORT_NO_TLS", {"-S"}), kHardLimit);
  EXPECT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_NE(run.first_line().find("STARTTLS not offered"), std::string::npos) << run.describe();
}

// ---- Postfix submission: AUTH through Dovecot SASL (issue 3) ----

class PostfixAuth : public PostfixTls {
 protected:
  std::vector<std::string> auth_args(const std::string& mechanism, const std::string& password,
                                     std::initializer_list<std::string> extra = {}) const {
    auto args = tls_args("PORT_SUBMISSION", {"-S", "-A", mechanism, "-U", get("AUTH_USER"), "-P", password});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
};

class PostfixMechanism : public PostfixAuth, public ::testing::WithParamInterface<const char*> {};

TEST_P(PostfixMechanism, RightPasswordIsOk) {
  const auto run = run_check(auth_args(GetParam(), get("AUTH_PASS")), kHardLimit);
  expect_ok_with_phases(run, {"tls", "ehlo_tls", "auth", "quit"});
  EXPECT_NE(run.out.find(std::string("(") + GetParam() + ")"), std::string::npos) << run.describe();
}

INSTANTIATE_TEST_SUITE_P(Sasl, PostfixMechanism, ::testing::Values("PLAIN", "LOGIN", "CRAM-MD5"));

TEST_F(PostfixAuth, SecretsNeverReachTheOutput) {
  const std::string secret = get("AUTH_PASS");
  for (const char* mechanism : {"PLAIN", "LOGIN", "CRAM-MD5"})
    for (const char* output : {"plugin", "json"}) {
      const auto run = run_check(auth_args(mechanism, secret, {"-vvv", "--output", output}), kHardLimit);
      EXPECT_EQ(run.exit_code, 0) << run.describe();
      for (const auto& leak : {secret, std::string("c210cC1waW5nLWludGVyb3Atc2VjcmV0"),
                               std::string("AHByb2JlQHNtdHAtcGluZy50ZXN0AHNtdHAtcGluZy1pbnRlcm9wLXNlY3JldA==")}) {
        EXPECT_EQ(run.out.find(leak), std::string::npos) << mechanism << " " << output << " leaks on stdout";
        EXPECT_EQ(run.err.find(leak), std::string::npos) << mechanism << " " << output << " leaks on stderr";
      }
    }
}

TEST_F(PostfixAuth, CredentialsAgainstAServerWithoutAuthAreCritical) {
  const auto run = run_check(tls_args("PORT_PLAIN", {"-S", "-A", "PLAIN", "-U", get("AUTH_USER"), "-P",
                                                     get("AUTH_PASS")}),
                             kHardLimit);
  EXPECT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_NE(run.first_line().find("server offers no AUTH"), std::string::npos) << run.describe();
}

TEST_F(PostfixAuth, BadCertificateMeansNoAuthAttemptInThePostfixLog) {
  const auto offset = log_offset();
  const auto run = run_check(tls_args("PORT_SELF_SIGNED", {"-S", "-A", "PLAIN", "-U", get("AUTH_USER"), "-P",
                                                           get("AUTH_PASS")}),
                             kHardLimit);
  EXPECT_EQ(run.exit_code, 2) << run.describe();
  const auto line = wait_for_disconnect(offset, std::nullopt, {" starttls="});
  ASSERT_TRUE(line.has_value()) << log_tail(offset);
  EXPECT_EQ(line->find(" auth="), std::string::npos) << *line;
  EXPECT_EQ(line->find(" mail="), std::string::npos) << *line;
}

// Last among the AUTH tests: Dovecot delays the next logins from this address after a failure.
TEST_F(PostfixAuth, WrongPasswordIsCriticalQuoting535) {
  const auto run = run_check(auth_args("PLAIN", "not-the-password"), kHardLimit);
  EXPECT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_NE(run.first_line().find("auth failed: AUTH PLAIN rejected: 535 5.7.8"), std::string::npos)
      << run.describe();
}

// ---- drop-in fidelity (issue 12) ----

using Strings = std::vector<std::string>;

// A link named check_smtp to ours: what a switched configuration executes.
class CheckSmtpLink : public PostfixTls {
 protected:
  void SetUp() override {
    PostfixTls::SetUp();
    link_ = std::string(SMTP_PING_INTEROP_WORK_DIR) + "/check_smtp";
    ::unlink(link_.c_str());
    ASSERT_EQ(::symlink(smtp_ping::test::check_binary_path().c_str(), link_.c_str()), 0) << link_;
  }
  CheckRun check_smtp(const Strings& args, const smtp_ping::test::EnvOverrides& env = {}) const {
    return smtp_ping::test::run_program(link_, args, kHardLimit, env);
  }
  std::vector<std::string> labels(const CheckRun& run) const {
    std::vector<std::string> found;
    const std::string line = run.first_line();
    const std::string perfdata = line.substr(line.find('|') + 1);
    const std::regex item(R"('([^']+)'=)");
    for (std::sregex_iterator it(perfdata.begin(), perfdata.end(), item), end; it != end; ++it)
      found.push_back((*it)[1].str());
    return found;
  }

  std::string link_;
};

// Acceptance 1. The first argv is exactly what Debian's mail.cfg makes of an
// empty $ARG1$ (consumers.Nagios captures it from a real nagios4).
TEST_F(CheckSmtpLink, StockCommandLinesAreOkAgainstPostfix) {
  for (const Strings& args : {Strings{"-H", host(), ""}, Strings{"-H", host(), "-p 25"}, Strings{"-H", host(), "-w 5"},
                              Strings{"-H", host(), "extra"}, Strings{"-H", host(), "-q", "true"},
                              Strings{"-H", host(), "-f", "<a@b.example>"}}) {
    const auto run = check_smtp(args);
    EXPECT_EQ(run.exit_code, 0) << args.back() << "\n" << run.describe();
    EXPECT_EQ(run.first_line().rfind("SMTP OK", 0), 0u) << run.describe();
  }
}

TEST_F(CheckSmtpLink, NullSenderAndBracketsReachPostfix) {
  const auto offset = log_offset();
  const auto run = check_smtp({"-H", host(), "-f", "<>", "--rcpt", get("LOCAL_RCPT")});
  EXPECT_EQ(run.exit_code, 0) << run.describe();
  const auto line = wait_for_disconnect(offset, std::nullopt, {" mail=1 rcpt=1 quit=1"});
  ASSERT_TRUE(line.has_value()) << log_tail(offset);
}

// Acceptance 2: SSL_CERT_FILE is the trust store; -D alone does STARTTLS.
TEST_F(CheckSmtpLink, SslCertFileVerifiesAgainstThatBundle) {
  const smtp_ping::test::EnvOverrides trust{{"SSL_CERT_FILE", get("CA")}};
  const auto run = check_smtp({"-H", "localhost", "-4", "-S", "-t", "30"}, trust);
  EXPECT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_NE(run.out.find("verified for localhost (-H)"), std::string::npos) << run.describe();
  const auto untrusted = check_smtp({"-H", "localhost", "-4", "-S", "-t", "30"}, {{"SSL_CERT_FILE", "/nonexistent"}});
  EXPECT_EQ(untrusted.exit_code, 2) << untrusted.describe();
}

TEST_F(CheckSmtpLink, CertificateDaysWithoutStartTlsDoStartTls) {
  const auto run = check_smtp({"-H", host(), "-D", "30,14", "-t", "30", "-v"}, {{"SSL_CERT_FILE", get("CA")}});
  EXPECT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_TRUE(perf_seconds(run.first_line(), "ehlo_tls").has_value()) << run.describe();
  EXPECT_TRUE(std::regex_search(run.first_line(), std::regex(R"('cert_days'=\d+(\.\d+)?;30:;14:)"))) << run.describe();
  EXPECT_NE(run.out.find("STARTTLS turned on"), std::string::npos) << run.describe();
}

// Acceptance 3: a certificate with the DNS name only, -H the address.
TEST_F(CheckSmtpLink, AnnouncedNameInTheCertificateIsOk) {
  const auto run = check_smtp(tls_args("PORT_DNS_ONLY", {"-S", "-v"}));
  EXPECT_EQ(run.exit_code, 0) << run.describe();
  EXPECT_NE(run.out.find("verified for " + get("SERVER_NAME") + " (greeting)"), std::string::npos) << run.describe();
}

TEST_F(CheckSmtpLink, AnotherAnnouncedNameIsAWarningNamingBoth) {
  const auto run = check_smtp(tls_args("PORT_OTHER_NAME", {"-S"}));
  EXPECT_EQ(run.exit_code, 1) << run.describe();
  EXPECT_NE(run.first_line().find("DNS:" + get("SERVER_NAME")), std::string::npos) << run.describe();
  EXPECT_NE(run.first_line().find(get("OTHER_NAME") + " (greeting)"), std::string::npos) << run.describe();
  const auto strict = check_smtp(tls_args("PORT_OTHER_NAME", {"-S", "--verify-name", get("OTHER_NAME")}));
  EXPECT_EQ(strict.exit_code, 2) << strict.describe();
}

// Acceptance 4.
TEST_F(CheckSmtpLink, SameLabelsForOkAndRefusedRuns) {
  const Strings command{"-H", host(), "-S", "--cafile", get("CA"), "-D", "30,14", "-f", "a@example.org", "-t", "30"};
  const auto ok = check_smtp(command + Strings{"-p", get("PORT_PLAIN")});
  const auto refused = check_smtp(command + Strings{"-p", "1"});
  ASSERT_EQ(ok.exit_code, 0) << ok.describe();
  ASSERT_EQ(refused.exit_code, 2) << refused.describe();
  EXPECT_EQ(labels(ok), labels(refused)) << ok.describe() << refused.describe();
  EXPECT_NE(refused.first_line().find("'cert_days'=U;30:;14:"), std::string::npos) << refused.describe();
}

TEST_F(CheckSmtpLink, SeriesAgainstAnExpiredCertificateIsCritical) {
  for (const char* verify : {"--cafile", "--no-verify"}) {
    Strings args{"-H", host(), "-p", get("PORT_EXPIRED"), "-n", "2", "-i", "0", "-D", "30,14", "-t", "30"};
    if (std::string(verify) == "--cafile") args = args + Strings{"--cafile", get("CA")};
    else args.push_back(verify);
    const auto run = check_smtp(args);
    EXPECT_EQ(run.exit_code, 2) << verify << "\n" << run.describe();
    EXPECT_TRUE(std::regex_search(run.first_line(), std::regex(R"('cert_days'=-\d+(\.\d+)?;30:;14:)")))
        << run.describe();
  }
}

// ---- Postfix: a series (issue 8) ----

TEST_F(Postfix, SeriesOfFiveIsOkWithPingFigures) {
  const auto run = run_check({"-H", host(), "-n", "5", "-i", "0.2", "-t", "30"}, kHardLimit);
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  for (const char* label : {"rta", "rtmin", "rtmax", "jitter"})
    EXPECT_TRUE(perf_seconds(run.first_line(), label).has_value()) << label << "\n" << run.describe();
  EXPECT_NE(run.first_line().find("'pl'=0%"), std::string::npos) << run.describe();
}

// ---- mail flow (issue 15): --send into the Postfix -> Dovecot fixture ----

// The delivered probe, found by `needle` (its token header, or Postfix's "id QUEUEID" in its
// Received: field) in the recipient's Maildir (bounded wait), and removed: --send alone leaves its
// message in the mailbox, and the fixture's mailboxes are shared.
bool remove_delivered_probe(const std::string& maildir, const std::string& needle) {
  for (int attempt = 0; attempt < 100; ++attempt) {  // 100 x 100 ms
    for (const char* sub : {"/new", "/cur"}) {
      std::error_code error;
      for (const auto& entry : std::filesystem::directory_iterator(maildir + sub, error)) {
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (text.find(needle) == std::string::npos) continue;
        std::filesystem::remove(entry.path(), error);
        return true;
      }
    }
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

TEST_F(Postfix, SendIsOkWithQueueIdAndDataPerfdata) {
  const auto offset = log_offset();
  const auto run = run_check({"-H", host(), "-t", "30", "-f", get("MAIL_SENDER"), "--rcpt", get("RCPT_NORMAL"),
                              "--send", "--output", "json"},
                             kHardLimit);
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  const std::string queue_id = json["message"].value("queue_id", "");
  const std::string token = json["message"].value("token", "");
  ASSERT_FALSE(queue_id.empty()) << run.out;
  EXPECT_EQ(json["message"].value("queue_id_form", ""), "postfix");
  EXPECT_NE(json["summary"].get<std::string>().find("queue id " + queue_id), std::string::npos) << run.out;
  EXPECT_TRUE(json["timings"]["data"].is_number()) << run.out;

  // The queue id is the one Postfix logs for this message, which carries our Message-ID.
  const auto line = wait_for_disconnect(offset, std::nullopt, {" data=1 quit=1"});
  ASSERT_TRUE(line.has_value()) << "no clean disconnect (data=1 quit=1):\n" << log_tail(offset);
  EXPECT_NE(log_tail(offset).find(queue_id + ": message-id=<smtp-ping." + token + "@"), std::string::npos)
      << log_tail(offset);

  const std::string user = get("RCPT_NORMAL").substr(0, get("RCPT_NORMAL").find('@'));
  EXPECT_TRUE(remove_delivered_probe(get("MAIL_DIR") + "/" + get("MAIL_DOMAIN") + "/" + user + "/Maildir", "X-Smtp-Ping-Token: " + token))
      << "the probe did not arrive in " << user << "'s Maildir\n" << log_tail(offset);
}

TEST_F(Postfix, SendPlainTextShowsQueueIdAndDataPerfdata) {
  const auto run = run_check({"-H", host(), "-t", "30", "-f", get("MAIL_SENDER"), "--rcpt", get("RCPT_NORMAL"),
                              "--send", "--message-size", "4000"},
                             kHardLimit);
  expect_ok_with_phases(run, {"connect", "banner", "ehlo", "mail", "rcpt", "data", "quit", "total"});
  const std::string first = run.first_line();
  std::smatch id;
  ASSERT_TRUE(std::regex_search(first, id, std::regex(R"(message accepted, queue id ([0-9A-Za-z]+) \(postfix\))")))
      << run.describe();
  const std::string user = get("RCPT_NORMAL").substr(0, get("RCPT_NORMAL").find('@'));
  EXPECT_TRUE(remove_delivered_probe(get("MAIL_DIR") + "/" + get("MAIL_DOMAIN") + "/" + user + "/Maildir",
                                     " id " + id[1].str()));
}

// Acceptance 3: RCPT 550 5.1.1 is explained as "mailbox unknown", in the text and in JSON.
TEST_F(Postfix, UnknownMailboxIsExplained) {
  const std::vector<std::string> args{"-H", host(), "-t", "30", "-f", get("MAIL_SENDER"), "--rcpt", get("RCPT_UNKNOWN")};
  const auto text = run_check(args, kHardLimit);
  ASSERT_EQ(text.exit_code, 2) << text.describe();
  EXPECT_NE(text.first_line().find("550 5.1.1"), std::string::npos) << text.describe();
  EXPECT_NE(text.first_line().find("- mailbox unknown"), std::string::npos) << text.describe();

  std::vector<std::string> json_args = args;
  json_args.insert(json_args.end(), {"--output", "json"});
  const auto run = run_check(json_args, kHardLimit);
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  const auto& explanation = json["error"]["explanation"];
  EXPECT_EQ(explanation.value("code", 0), 550) << run.out;
  EXPECT_EQ(explanation.value("enhanced", ""), "5.1.1") << run.out;
  EXPECT_EQ(explanation.value("reason", ""), "mailbox unknown") << run.out;
  EXPECT_FALSE(explanation.value("hint", "").empty()) << run.out;
}

// ---- mail flow (issue 15): the round trip, Postfix -> Dovecot (LMTP) -> IMAP/POP3 ----

class PostfixFlow : public Postfix {
 protected:
  std::string mailbox_url(const std::string& scheme, const std::string& rcpt) const {
    const std::string port = get(scheme == "imap" ? "PORT_IMAP" : scheme == "imaps" ? "PORT_IMAPS" : "PORT_POP3");
    const std::string user = rcpt.substr(0, rcpt.find('@')) + "%40" + rcpt.substr(rcpt.find('@') + 1);
    return scheme + "://" + user + "@" + host() + ":" + port + "/INBOX";
  }

  CheckRun flow(const std::string& rcpt, const std::string& scheme, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"-H", host(), "-t", "15", "-S", "--cafile", get("CA"), "-f", get("MAIL_SENDER"),
                                  "--rcpt", rcpt, "--mailbox", mailbox_url(scheme, rcpt)};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_check(args, kHardLimit, {{"SMTP_PING_MAILBOX_PASSWORD", get("MAIL_PASS")}});
  }

  // Messages in a user's Maildir (new, cur and the Junk folder's).
  std::size_t stored(const std::string& rcpt) const {
    const std::string maildir = get("MAIL_DIR") + "/" + get("MAIL_DOMAIN") + "/" + rcpt.substr(0, rcpt.find('@')) + "/Maildir";
    std::size_t count = 0;
    for (const char* sub : {"/new", "/cur", "/.Junk/new", "/.Junk/cur"}) {
      std::error_code error;
      for (auto it = std::filesystem::directory_iterator(maildir + sub, error); !error && it != std::filesystem::directory_iterator();
           it.increment(error))
        ++count;
    }
    return count;
  }
};

TEST_F(PostfixFlow, NormalOverImapStartTlsIsOkAndLeavesTheMailboxAsItWas) {
  const std::size_t before = stored(get("RCPT_NORMAL"));
  const auto run = flow(get("RCPT_NORMAL"), "imap");
  expect_ok_with_phases(run, {"data", "delivery", "fetch"});
  EXPECT_TRUE(std::regex_search(run.first_line(), std::regex(R"(queue id [0-9A-F]+ \(postfix\))"))) << run.describe();
  EXPECT_FALSE(run.output().find(get("MAIL_PASS")) != std::string::npos) << run.describe();
  EXPECT_EQ(stored(get("RCPT_NORMAL")), before);
}

TEST_F(PostfixFlow, NormalOverImapsIsOk) {
  const std::size_t before = stored(get("RCPT_NORMAL"));
  const auto run = flow(get("RCPT_NORMAL"), "imaps");
  expect_ok_with_phases(run, {"data", "delivery", "fetch"});
  EXPECT_EQ(stored(get("RCPT_NORMAL")), before);
}

TEST_F(PostfixFlow, NormalOverPop3IsOk) {
  const std::size_t before = stored(get("RCPT_NORMAL"));
  const auto run = flow(get("RCPT_NORMAL"), "pop3");
  expect_ok_with_phases(run, {"data", "delivery", "fetch"});
  EXPECT_EQ(stored(get("RCPT_NORMAL")), before);
}

TEST_F(PostfixFlow, AlteredBodyIsCriticalNamingTheLine) {
  const auto run = flow(get("RCPT_ALTERED"), "imap");
  ASSERT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_NE(run.first_line().find("altered in transit: body line "), std::string::npos) << run.describe();
  EXPECT_NE(run.first_line().find(get("ALTER_REPLACEMENT")), std::string::npos) << run.describe();
}

TEST_F(PostfixFlow, DiscardedIsCriticalNotDeliveredWithTheQueueId) {
  const auto run = flow(get("RCPT_DISCARDED"), "imap", {"-t", "4"});
  ASSERT_EQ(run.exit_code, 2) << run.describe();
  EXPECT_TRUE(std::regex_search(run.first_line(), std::regex(R"(not delivered within \d\.\ds \(queue id [0-9A-F]+\))")))
      << run.describe();
}

// The real delay of a kept probe: from the final DATA reply (its X-Smtp-Ping-Sent stamp, taken
// just before DATA, plus the data phase: a few ms early at most) to the moment Dovecot stored it
// (the microsecond time Dovecot writes into a Maildir file's name: "SECONDS.MMICROSP..."). Removes
// the message. nullopt when it is not in the Maildir.
std::optional<double> stored_after(const std::string& maildir, const std::string& token, double data_seconds) {
  const std::regex name(R"(^(\d+)\.M(\d+)P)");
  const std::regex sent(R"(\nX-Smtp-Ping-Sent: (\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{3})Z\r?\n)");
  for (const char* sub : {"/new", "/cur"}) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(maildir + sub, error)) {
      std::ifstream in(entry.path());
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.find("X-Smtp-Ping-Token: " + token) == std::string::npos) continue;
      std::filesystem::remove(entry.path(), error);
      const std::string file = entry.path().filename().string();
      std::smatch stored_match, sent_match;
      if (!std::regex_search(file, stored_match, name) || !std::regex_search(text, sent_match, sent)) return std::nullopt;
      std::tm tm{};
      tm.tm_year = std::stoi(sent_match[1]) - 1900;
      tm.tm_mon = std::stoi(sent_match[2]) - 1;
      tm.tm_mday = std::stoi(sent_match[3]);
      tm.tm_hour = std::stoi(sent_match[4]);
      tm.tm_min = std::stoi(sent_match[5]);
      tm.tm_sec = std::stoi(sent_match[6]);
      const double sent_at = static_cast<double>(::timegm(&tm)) + std::stoi(sent_match[7]) / 1000.0;
      const double stored_at = std::stod(stored_match[1]) + std::stod(stored_match[2]) / 1e6;
      return stored_at - (sent_at + data_seconds);
    }
  }
  return std::nullopt;
}

// Acceptance 2 of issue 15: a delivery delayed ~DELAY_SECONDS on the server (the slowpipe
// transport's sleep) is measured within 0.3 s of the real delay. The delivery phase ends at the
// search that found the probe, so it exceeds the real delay by at most the poll interval then
// (the reported resolution: 250 ms while the wait is young, lib/mailbox/poll_schedule.hpp).
TEST_F(PostfixFlow, DelayedDeliveryIsMeasuredWithinAThirdOfASecond) {
  const auto run = flow(get("RCPT_DELAYED"), "imap", {"--output", "json", "--keep"});
  ASSERT_EQ(run.exit_code, 0) << run.describe();
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  const double delivery = json["timings"]["delivery"].get<double>();
  const double resolution = json["round_trip"]["resolution"].get<double>();
  const std::string maildir = get("MAIL_DIR") + "/" + get("MAIL_DOMAIN") + "/" +
                              get("RCPT_DELAYED").substr(0, get("RCPT_DELAYED").find('@')) + "/Maildir";
  const auto real = stored_after(maildir, json["message"]["token"].get<std::string>(),
                                 json["timings"]["data"].get<double>());
  ASSERT_TRUE(real.has_value()) << "the kept probe is not in " << maildir << "\n" << run.out;
  RecordProperty("real_delay_ms", static_cast<int>(*real * 1000));
  RecordProperty("delivery_ms", static_cast<int>(delivery * 1000));
  EXPECT_GE(*real, std::stod(get("DELAY_SECONDS"))) << run.out;  // the fixture did delay it
  EXPECT_LE(std::abs(delivery - *real), 0.3) << "delivery " << delivery << " s, real delay " << *real << " s\n" << run.out;
  EXPECT_LE(resolution, 0.3) << run.out;
}

// Acceptance of --require-auth-results against the fixture's Authentication-Results (postfix-up's
// header_checks PREPEND: spf=pass, dkim=none, dmarc=fail), and the Received hops at -v.
TEST_F(PostfixFlow, AuthenticationResultsAreReportedAndRequired) {
  const auto passing = flow(get("RCPT_NORMAL"), "imap", {"--require-auth-results", "spf", "-vv"});
  ASSERT_EQ(passing.exit_code, 0) << passing.describe();
  EXPECT_NE(passing.out.find("Authentication-Results (mail.smtp-ping.test): spf=pass dkim=none dmarc=fail"),
            std::string::npos) << passing.out;
  EXPECT_TRUE(std::regex_search(passing.out, std::regex(R"(hop \d by mail\.smtp-ping\.test with ESMTPS? id [0-9A-Za-z]+: \+\d+s)")))
      << passing.out;
  EXPECT_TRUE(std::regex_search(passing.out, std::regex(R"(added in transit: .*Authentication-Results)"))) << passing.out;

  const auto failing = flow(get("RCPT_NORMAL"), "imap", {"--require-auth-results", "spf,dkim,dmarc"});
  ASSERT_EQ(failing.exit_code, 2) << failing.describe();
  EXPECT_NE(failing.first_line().find("Authentication-Results dkim=none, required pass"), std::string::npos)
      << failing.describe();
  EXPECT_NE(failing.first_line().find("Authentication-Results dmarc=fail, required pass"), std::string::npos)
      << failing.describe();
}

TEST_F(PostfixFlow, JunkIsAWarning) {
  const std::size_t before = stored(get("RCPT_JUNK"));
  const auto run = flow(get("RCPT_JUNK"), "imap", {"--junk-folder", get("JUNK_FOLDER")});
  ASSERT_EQ(run.exit_code, 1) << run.describe();
  EXPECT_NE(run.first_line().find(": delivered to junk folder " + get("JUNK_FOLDER") + " after "), std::string::npos)
      << run.describe();
  EXPECT_EQ(stored(get("RCPT_JUNK")), before);
}

}  // namespace
