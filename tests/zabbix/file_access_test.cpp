// Files named in item keys (issue 13): the module reads secret, certificate and
// --extra-opts files only below the directory the agent's admin chose
// (AllowedFileDirectory in the module's config file, default
// /etc/zabbix/smtp-ping/). Anything else is "not supported" with the reason,
// and is never opened. And the module never touches the agent's signal handlers.
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "agent_harness.hpp"
#include "common/unique_fd.hpp"
#include "scripted_smtp_server.hpp"

namespace smtp_ping::zabbix_test {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using test::AuthSettings;
using test::ScriptedSmtpServer;
using test::ServerScript;

constexpr const char* kUser = "probe@smtp-ping.test";
constexpr const char* kSecret = "s3cret-Pa55word";

// Records every open(2) of the files in a directory (inotify IN_OPEN).
class OpenWatch {
 public:
  explicit OpenWatch(const fs::path& directory) : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (!fd_.valid() || ::inotify_add_watch(fd_.get(), directory.c_str(), IN_OPEN) < 0)
      throw std::runtime_error("inotify failed");
  }
  // Names of the files opened since the last call.
  std::vector<std::string> opened() {
    std::vector<std::string> names;
    alignas(inotify_event) char buffer[4096];
    for (ssize_t got; (got = ::read(fd_.get(), buffer, sizeof buffer)) > 0;)
      for (char* at = buffer; at < buffer + got;) {
        const auto* event = reinterpret_cast<const inotify_event*>(at);
        names.emplace_back(event->len > 0 ? event->name : "(the directory)");
        at += sizeof(inotify_event) + event->len;
      }
    return names;
  }

 private:
  UniqueFd fd_;
};

ServerScript auth_server() {
  ServerScript script;
  script.auth = AuthSettings{kUser, kSecret, {"PLAIN"}};
  return script;
}

std::string status_key(const ScriptedSmtpServer& server, const std::string& options) {
  return "smtp.status[127.0.0.1," + std::to_string(server.port()) + ",,\"" + options + "\"]";
}

std::string auth_options(const std::string& password_file) {
  return std::string("-A PLAIN -U ") + kUser + " --allow-plaintext-auth --password-file=" + password_file;
}

// An agent whose module reads its settings from a config file in a temp dir.
class AllowedDirectory : public testing::Test {
 protected:
  AllowedDirectory() {
    fs::create_directories(allowed_);
    fs::create_directories(outside_);
    std::ofstream(allowed_ / "relay.pass") << kSecret << "\n";
    std::ofstream(outside_ / "stolen.pass") << kSecret << "\n";
    std::ofstream(directory_.path() / "smtp_ping_module.conf")
        << "# smtp_ping.so settings\n"
        << "AllowedFileDirectory=" << allowed_.string() << "\n";
    AgentSettings settings;
    settings.environment = {"SMTP_PING_MODULE_CONFIG=" + (directory_.path() / "smtp_ping_module.conf").string()};
    agent_.emplace(settings);
  }
  ~AllowedDirectory() override {
    EXPECT_TRUE(agent_->alive()) << agent_->log();
  }

  TempDir directory_;
  fs::path allowed_ = directory_.path() / "allowed";
  fs::path outside_ = directory_.path() / "outside";
  std::optional<RunningAgent> agent_;
  ScriptedSmtpServer server_{auth_server()};
};

TEST_F(AllowedDirectory, SecretFileInsideIsUsedByNameOrPath) {
  EXPECT_EQ(agent_->query(status_key(server_, auth_options("relay.pass"))).value, "0");
  EXPECT_EQ(agent_->query(status_key(server_, auth_options((allowed_ / "relay.pass").string()))).value, "0");
}

TEST_F(AllowedDirectory, SecretFileOutsideIsRefusedUnopened) {
  OpenWatch watch(outside_);
  for (const std::string& path : {(outside_ / "stolen.pass").string(), std::string("../outside/stolen.pass"),
                                  (allowed_ / ".." / "outside" / "stolen.pass").string()}) {
    const AgentAnswer answer = agent_->query(status_key(server_, auth_options(path)));
    EXPECT_FALSE(answer.supported) << path << ": " << answer.value;
    EXPECT_NE(answer.value.find("--password-file"), std::string::npos) << answer.value;
    EXPECT_NE(answer.value.find(allowed_.string()), std::string::npos) << "names the allowed directory: "
                                                                       << answer.value;
  }
  EXPECT_EQ(watch.opened(), std::vector<std::string>{});
  EXPECT_EQ(server_.accepted(), 0);
}

TEST_F(AllowedDirectory, SymlinkFromInsideToOutsideIsRefusedUnopened) {
  fs::create_symlink(outside_ / "stolen.pass", allowed_ / "link.pass");
  OpenWatch watch(outside_);
  const AgentAnswer answer = agent_->query(status_key(server_, auth_options("link.pass")));
  EXPECT_FALSE(answer.supported) << answer.value;
  EXPECT_EQ(watch.opened(), std::vector<std::string>{});
}

TEST_F(AllowedDirectory, EveryFileOptionIsConfined) {
  std::ofstream(outside_ / "ca.pem") << "not a certificate\n";
  std::ofstream(outside_ / "plugins.ini") << "[check_smtp_ping]\nport=25\n";
  OpenWatch watch(outside_);
  const std::string pem = (outside_ / "ca.pem").string();
  for (const std::string& options :
       {"--cafile=" + pem, "--capath=" + outside_.string(), "--client-cert=" + pem,
        "--client-cert=" + (allowed_ / "relay.pass").string() + " --client-key=" + pem,
        "--extra-opts=check_smtp_ping@" + (outside_ / "plugins.ini").string(), std::string("--extra-opts=@-")}) {
    const std::string key = "smtp.check[127.0.0.1," + std::to_string(server_.port()) + ",starttls,\"" + options + "\"]";
    const AgentAnswer answer = agent_->query(key);
    EXPECT_FALSE(answer.supported) << options << ": " << answer.value;
  }
  EXPECT_EQ(watch.opened(), std::vector<std::string>{});
}

TEST_F(AllowedDirectory, FifoInsideIsRefusedWithoutBlockingTheListener) {
  ASSERT_EQ(::mkfifo((allowed_ / "fifo.pass").c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  const AgentAnswer answer = agent_->query(status_key(server_, auth_options("fifo.pass")), 5s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_FALSE(answer.supported) << answer.value;
  EXPECT_NE(answer.value.find("not a regular file"), std::string::npos) << answer.value;
}

TEST(DefaultAllowedDirectory, IsEtcZabbixSmtpPing) {
  TempDir directory;
  std::ofstream(directory.path() / "secret") << kSecret << "\n";
  const auto config = write_agent_config(directory.path(), free_agent_port(), AgentSettings{});
  ScriptedSmtpServer server(auth_server());
  OpenWatch watch(directory.path());
  const CommandResult run =
      agent_test_item(config, status_key(server, auth_options((directory.path() / "secret").string())), 20s,
                      {"SMTP_PING_MODULE_CONFIG=" + (directory.path() / "no-such.conf").string()});
  EXPECT_NE(run.output.find("ZBX_NOTSUPPORTED"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("/etc/zabbix/smtp-ping/"), std::string::npos) << run.output;
  for (const auto& name : watch.opened()) EXPECT_NE(name, "secret") << "the secret outside was opened";
}

TEST(ModuleSignals, TheAgentsSignalHandlersAreUntouched) {
  RunningAgent agent;
  std::vector<std::string> before;
  for (const pid_t pid : agent.listener_pids()) before.push_back(caught_signals(pid));
  ScriptedSmtpServer server;
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(agent.query("smtp.status[127.0.0.1," + std::to_string(server.port()) + "]").value, "0");
  std::vector<std::string> after;
  for (const pid_t pid : agent.listener_pids()) after.push_back(caught_signals(pid));
  EXPECT_EQ(before, after);
  EXPECT_FALSE(before.empty());
}

}  // namespace
}  // namespace smtp_ping::zabbix_test
