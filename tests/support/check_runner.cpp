#include "check_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <system_error>

#include "common/unique_fd.hpp"

extern char** environ;

namespace smtp_ping::test {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
};

Pipe make_pipe() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  return {UniqueFd(ends[0]), UniqueFd(ends[1])};
}

std::vector<std::string> child_environment(const EnvOverrides& overrides) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto name = text.substr(0, text.find('='));
    if (overrides.count(name) == 0) entries.push_back(text);
  }
  for (const auto& [name, value] : overrides)
    if (value) entries.push_back(name + "=" + *value);
  return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// fork() and exec, not posix_spawn(): posix_spawn's child shares this
// process's memory until exec, and Linux then records this process's peak RSS
// as the child's ru_maxrss; after fork() the child starts from our current RSS
// only. Between fork and exec nothing but async-signal-safe calls.
pid_t start_child(const std::string& program, char* const argv[], char* const envp[], int out_fd, int err_fd) {
  const pid_t pid = ::fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid > 0) return pid;
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) ::_exit(127);
  ::execve(program.c_str(), argv, envp);
  ::_exit(127);
}

// Sends the planned signal once its time has come.
class PlannedSignal {
 public:
  PlannedSignal(pid_t pid, Clock::time_point started, std::optional<SignalAfter> plan)
      : pid_(pid), at_(plan ? started + plan->after : Clock::time_point::max()), signal_(plan ? plan->signal : 0) {}
  // Milliseconds until it is due (capping `left`).
  long long cap(long long left) const {
    if (sent_ || signal_ == 0) return left;
    const auto due = std::chrono::ceil<std::chrono::milliseconds>(at_ - Clock::now()).count();
    return std::max(0LL, std::min(left, static_cast<long long>(due)));
  }
  void send_if_due() {
    if (sent_ || signal_ == 0 || Clock::now() < at_) return;
    ::kill(pid_, signal_);
    sent_ = true;
  }

 private:
  pid_t pid_;
  Clock::time_point at_;
  int signal_;
  bool sent_ = false;
};

// Reads both pipes until they close or the limit passes; true if the limit passed.
bool collect(int out_fd, int err_fd, Clock::time_point limit, std::string& out, std::string& err,
             PlannedSignal& planned) {
  std::array<pollfd, 2> entries{{{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&out, &err};
  int open = 2;
  while (open > 0) {
    planned.send_if_due();
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(limit - Clock::now()).count();
    if (left <= 0) return true;
    const int ready = ::poll(entries.data(), entries.size(), static_cast<int>(planned.cap(left)));
    if (ready < 0 && errno != EINTR) return false;
    if (ready <= 0) continue;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].fd < 0 || entries[i].revents == 0) continue;
      std::array<char, 8192> chunk{};
      const auto n = ::read(entries[i].fd, chunk.data(), chunk.size());
      if (n > 0) {
        sinks[i]->append(chunk.data(), static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        entries[i].fd = -1;
        --open;
      }
    }
  }
  return false;
}

// Waits for the child until `limit`; false if it is still running then.
bool exited_by(pid_t pid, Clock::time_point limit, int& status, rusage& usage) {
  for (;;) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) return true;
    if (done < 0 && errno != EINTR) return true;
    if (Clock::now() >= limit) return false;
    ::usleep(2000);
  }
}

}  // namespace

std::string CheckRun::first_line() const { return out.substr(0, out.find('\n')); }

std::string CheckRun::describe() const {
  return "exit " + std::to_string(exit_code) + (killed ? " (killed after the hard limit)" : "") +
         (signal != 0 ? " signal " + std::to_string(signal) : "") + " after " + std::to_string(wall.count()) +
         " ms\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
}

std::string check_binary_path() { return CHECK_SMTP_PING_PATH; }

CheckRun run_program(const std::string& program, const std::vector<std::string>& args,
                     std::chrono::milliseconds hard_limit, const EnvOverrides& env,
                     std::optional<SignalAfter> signal_after) {
  auto out_pipe = make_pipe();
  auto err_pipe = make_pipe();

  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  auto argv = pointers_to(argv_strings);
  auto env_strings = child_environment(env);
  auto envp = pointers_to(env_strings);

  CheckRun run;
  const auto started = Clock::now();
  const pid_t pid = start_child(program, argv.data(), envp.data(), out_pipe.write_end.get(), err_pipe.write_end.get());
  out_pipe.write_end.reset();
  err_pipe.write_end.reset();

  const auto limit = started + hard_limit;
  PlannedSignal planned(pid, started, signal_after);
  run.killed = collect(out_pipe.read_end.get(), err_pipe.read_end.get(), limit, run.out, run.err, planned);
  int status = 0;
  rusage usage{};
  run.killed = run.killed || !exited_by(pid, limit, status, usage);
  if (run.killed) {
    ::kill(pid, SIGKILL);
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
  }
  run.max_rss_kb = usage.ru_maxrss;
  run.wall = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  return run;
}

CheckRun run_check(const std::vector<std::string>& args, std::chrono::milliseconds hard_limit,
                   const EnvOverrides& env) {
  return run_program(check_binary_path(), args, hard_limit, env);
}

}  // namespace smtp_ping::test
