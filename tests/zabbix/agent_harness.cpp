#include "agent_harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/unique_fd.hpp"

extern char** environ;

namespace smtp_ping::zabbix_test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kHeaderSize = 13;  // "ZBXD" + flags + 8-byte length
constexpr milliseconds kPollStep{20};
constexpr milliseconds kStartupLimit{15'000};
constexpr milliseconds kStopLimit{10'000};

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
  environment.insert(environment.end(), extra.begin(), extra.end());
  return environment;
}

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t count = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (count <= 0) throw std::runtime_error("send to the agent failed");
    sent += static_cast<std::size_t>(count);
  }
}

std::string receive_until_eof(int fd, Clock::time_point deadline) {
  std::string received;
  std::array<char, 65536> buffer{};
  for (;;) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) throw std::runtime_error("the agent did not answer in time");
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t count = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (count < 0) throw std::runtime_error("recv from the agent failed");
    if (count == 0) return received;
    received.append(buffer.data(), static_cast<std::size_t>(count));
  }
}

std::string zabbix_packet(const std::string& payload) {
  std::string packet = "ZBXD\x01";
  std::uint64_t length = payload.size();
  for (int byte = 0; byte < 8; ++byte) packet.push_back(static_cast<char>((length >> (8 * byte)) & 0xff));
  return packet + payload;
}

std::string zabbix_payload(const std::string& reply) {
  if (reply.size() < kHeaderSize || reply.compare(0, 4, "ZBXD") != 0 || reply[4] != '\x01')
    throw std::runtime_error("not a Zabbix protocol reply: " + reply.substr(0, 40));
  std::uint64_t length = 0;
  for (int byte = 7; byte >= 0; --byte)
    length = (length << 8) | static_cast<unsigned char>(reply[5 + static_cast<std::size_t>(byte)]);
  if (length != reply.size() - kHeaderSize) throw std::runtime_error("Zabbix reply length mismatch");
  return reply.substr(kHeaderSize);
}

AgentAnswer parse_answer(const std::string& payload) {
  static const std::string kNotSupported("ZBX_NOTSUPPORTED\0", 17);
  if (payload.compare(0, kNotSupported.size(), kNotSupported) == 0)
    return {false, payload.substr(kNotSupported.size())};
  if (payload == "ZBX_NOTSUPPORTED") return {false, ""};
  return {true, payload};
}

int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "smtp-ping-zabbix-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::uint16_t free_loopback_port(bool udp) {
  UniqueFd fd(::socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0));
  sockaddr_in address = loopback(0);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error("bind to a free port failed");
  socklen_t length = sizeof address;
  ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

std::uint16_t free_agent_port() {
  // zabbix_agentd accepts ListenPort 1024-32767 only, below Linux's ephemeral range.
  constexpr int kFirst = 20'000;
  constexpr int kCount = 12'000;
  int candidate = kFirst + static_cast<int>((static_cast<unsigned>(::getpid()) * 7919u) % kCount);
  for (int attempt = 0; attempt < 200; ++attempt, candidate = kFirst + (candidate - kFirst + 97) % kCount) {
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in address = loopback(static_cast<std::uint16_t>(candidate));
    if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
      return static_cast<std::uint16_t>(candidate);
  }
  throw std::runtime_error("no free port for zabbix_agentd in 20000-31999");
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const fs::path& output_prefix,
                           const std::vector<std::string>& extra_environment)
    : stdout_path_(output_prefix.string() + ".stdout"), stderr_path_(output_prefix.string() + ".stderr") {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> arguments = argv;
  std::vector<std::string> environment = environment_with(extra_environment);
  const int error = ::posix_spawn(&pid_, arguments.front().c_str(), &actions, nullptr,
                                  c_strings(arguments).data(), c_strings(environment).data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::runtime_error("cannot start " + argv.front() + ": " + std::strerror(error));
}

ChildProcess::~ChildProcess() { stop(); }

bool ChildProcess::running() {
  if (status_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) status_ = status;
  return !status_;
}

std::optional<int> ChildProcess::wait(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (running() && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(5));
  if (!status_) return std::nullopt;
  return exit_code(*status_);
}

void ChildProcess::stop() {
  if (!running()) return;
  ::kill(pid_, SIGTERM);
  if (wait(kStopLimit)) return;
  ::kill(pid_, SIGKILL);
  wait(kStopLimit);
}

std::string ChildProcess::stdout_text() const { return read_file(stdout_path_); }
std::string ChildProcess::stderr_text() const { return read_file(stderr_path_); }

CommandResult run_command(const std::vector<std::string>& argv, milliseconds timeout,
                          const std::vector<std::string>& extra_environment) {
  TempDir directory;
  ChildProcess child(argv, directory.path() / "command", extra_environment);
  CommandResult result;
  const auto code = child.wait(timeout);
  child.stop();
  result.exit_code = code.value_or(-1);
  result.output = child.stdout_text();
  result.errors = child.stderr_text();
  return result;
}

std::vector<std::string> agent_environment() {
  const std::string runtime = SMTP_PING_ASAN_RUNTIME;
  if (runtime.empty()) return {};
  // The agent itself is not instrumented: the ASan runtime must come first, and
  // libstdc++ must be mapped before it so ASan's __cxa_throw interceptor finds the
  // real function (the module's libstdc++ arrives only with dlopen). LeakSanitizer
  // deadlocks in the agent's exit path, so leaks are judged by the soak test's
  // flat RSS instead (and by valgrind, see tests/zabbix/README.md).
  return {"LD_PRELOAD=" + runtime + ":" + SMTP_PING_STDCXX_RUNTIME,
          "ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0:abort_on_error=0"};
}

fs::path write_agent_config(const fs::path& directory, std::uint16_t listen_port, const AgentSettings& settings) {
  const fs::path config = directory / "zabbix_agentd.conf";
  std::ofstream out(config);
  out << "LogType=file\n"
      << "LogFile=" << (directory / "agent.log").string() << "\n"
      << "PidFile=" << (directory / "agent.pid").string() << "\n"
      << "DebugLevel=3\n"
      << "Server=127.0.0.1\n"
      << "ListenIP=127.0.0.1\n"
      << "ListenPort=" << listen_port << "\n"
      << "StartAgents=" << settings.start_agents << "\n"
      << "Hostname=smtp-ping-test\n"
      << "Timeout=" << settings.timeout_seconds << "\n"
      << "AllowRoot=1\n"
      << "LoadModule=" << fs::absolute(SMTP_PING_ZABBIX_MODULE).string() << "\n";
  return config;
}

CommandResult agent_test_item(const fs::path& config, const std::string& key, milliseconds timeout,
                              const std::vector<std::string>& extra_environment) {
  std::vector<std::string> environment = agent_environment();
  environment.insert(environment.end(), extra_environment.begin(), extra_environment.end());
  return run_command({ZABBIX_AGENTD, "-c", config.string(), "-t", key}, timeout, environment);
}

AgentAnswer query_agent(std::uint16_t port, const std::string& key, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  const sockaddr_in address = loopback(port);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error("cannot connect to the agent: " + std::string(std::strerror(errno)));
  send_all(fd.get(), zabbix_packet(key));
  return parse_answer(zabbix_payload(receive_until_eof(fd.get(), deadline)));
}

RunningAgent::RunningAgent(AgentSettings settings) : port_(free_agent_port()) {
  config_ = write_agent_config(directory_.path(), port_, settings);
  std::vector<std::string> environment = agent_environment();
  environment.insert(environment.end(), settings.environment.begin(), settings.environment.end());
  process_.emplace(std::vector<std::string>{ZABBIX_AGENTD, "-c", config_.string(), "-f"},
                   directory_.path() / "agent", environment);
  const auto deadline = Clock::now() + kStartupLimit;
  while (Clock::now() < deadline) {
    if (!process_->running()) throw std::runtime_error("zabbix_agentd exited at start:\n" + log());
    try {
      if (query("agent.ping", milliseconds(2'000)).value == "1" &&
          static_cast<int>(listener_pids().size()) == settings.start_agents)
        return;
    } catch (const std::runtime_error&) {
      // not listening yet
    }
    std::this_thread::sleep_for(kPollStep);
  }
  throw std::runtime_error("zabbix_agentd did not start listening:\n" + log());
}

std::string RunningAgent::log() const {
  return read_file(directory_.path() / "agent.log") + process_->stderr_text();
}

std::vector<pid_t> RunningAgent::listener_pids() const {
  std::vector<pid_t> pids;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_file(entry.path() / "stat");
    const auto close_paren = stat.rfind(')');
    if (close_paren == std::string::npos) continue;
    std::istringstream fields(stat.substr(close_paren + 2));
    char state = 0;
    pid_t parent = 0;
    fields >> state >> parent;
    if (parent != process_->pid()) continue;
    if (read_file(entry.path() / "cmdline").find("listener") != std::string::npos)
      pids.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return pids;
}

std::string caught_signals(pid_t pid) {
  std::istringstream status(read_file("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("SigCgt:", 0) == 0) return line;
  return {};
}

long resident_kilobytes(pid_t pid) {
  std::istringstream status(read_file("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

int open_descriptors(pid_t pid) {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) ++count;
  return count;
}

}  // namespace smtp_ping::zabbix_test
