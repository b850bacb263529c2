#pragma once

// Helpers to run the real zabbix_agentd with smtp_ping.so in tests: temporary
// directories, child processes, the agent's config, and a Zabbix protocol client.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smtp_ping::zabbix_test {

using std::chrono::milliseconds;

// A fresh directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A loopback TCP (or UDP) port that was free a moment ago.
std::uint16_t free_loopback_port(bool udp = false);

// A free port zabbix_agentd accepts as ListenPort (1024-32767).
std::uint16_t free_agent_port();

std::string read_file(const std::filesystem::path& file);

// A child process with stdout/stderr in files; terminated (SIGTERM, then
// SIGKILL) and reaped when destroyed.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& output_prefix,
               const std::vector<std::string>& extra_environment = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Waits for the exit status; nullopt when it did not end in time.
  std::optional<int> wait(milliseconds timeout);
  void stop();  // SIGTERM, bounded wait, SIGKILL
  std::string stdout_text() const;
  std::string stderr_text() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::filesystem::path stdout_path_;
  std::filesystem::path stderr_path_;
};

struct CommandResult {
  int exit_code = -1;  // -1: killed after the timeout
  std::string output;  // stdout
  std::string errors;  // stderr
};
CommandResult run_command(const std::vector<std::string>& argv, milliseconds timeout,
                          const std::vector<std::string>& extra_environment = {});

// Environment a sanitizer build needs to load the module into zabbix_agentd.
std::vector<std::string> agent_environment();

struct AgentSettings {
  int start_agents = 3;
  int timeout_seconds = 3;
  std::vector<std::string> environment;  // "NAME=value" for the agent process
};

// A minimal zabbix_agentd config loading the built smtp_ping.so.
std::filesystem::path write_agent_config(const std::filesystem::path& directory, std::uint16_t listen_port,
                                         const AgentSettings& settings);

// `zabbix_agentd -c CONF -t KEY`: the printed line, e.g. "smtp.status[...]  [u|0]".
CommandResult agent_test_item(const std::filesystem::path& config, const std::string& key,
                              milliseconds timeout = milliseconds(20'000),
                              const std::vector<std::string>& extra_environment = {});

// What a passive check returned.
struct AgentAnswer {
  bool supported = false;
  std::string value;    // the value, or the "not supported" reason
};

// One passive check over the Zabbix protocol (ZBXD\1, 8-byte length, key).
// Throws std::runtime_error when the agent does not answer in time.
AgentAnswer query_agent(std::uint16_t port, const std::string& key, milliseconds timeout = milliseconds(10'000));

// zabbix_agentd -f running in a temp directory; stopped by its PID.
class RunningAgent {
 public:
  explicit RunningAgent(AgentSettings settings = {});
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return process_->pid(); }
  bool alive() { return process_->running(); }
  std::vector<pid_t> listener_pids() const;
  std::string log() const;
  AgentAnswer query(const std::string& key, milliseconds timeout = milliseconds(10'000)) const {
    return query_agent(port_, key, timeout);
  }

 private:
  TempDir directory_;
  std::uint16_t port_ = 0;
  std::filesystem::path config_;
  std::optional<ChildProcess> process_;
};

// The SigCgt line of /proc/PID/status: which signals the process handles.
std::string caught_signals(pid_t pid);

// Resident set size (kB) and open file descriptors of a process.
long resident_kilobytes(pid_t pid);
int open_descriptors(pid_t pid);

}  // namespace smtp_ping::zabbix_test
