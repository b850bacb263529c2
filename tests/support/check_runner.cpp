#include "check_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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

// Owns posix_spawn_file_actions_t.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

// Reads both pipes until they close or the limit passes; true if the limit passed.
bool collect(int out_fd, int err_fd, Clock::time_point limit, std::string& out, std::string& err) {
  std::array<pollfd, 2> entries{{{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}}};
  std::array<std::string*, 2> sinks{&out, &err};
  int open = 2;
  while (open > 0) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(limit - Clock::now()).count();
    if (left <= 0) return true;
    if (::poll(entries.data(), entries.size(), static_cast<int>(left)) < 0 && errno != EINTR) return false;
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
bool exited_by(pid_t pid, Clock::time_point limit, int& status) {
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
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
                     std::chrono::milliseconds hard_limit, const EnvOverrides& env) {
  auto out_pipe = make_pipe();
  auto err_pipe = make_pipe();
  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), out_pipe.write_end.get(), 1);
  posix_spawn_file_actions_adddup2(actions.get(), err_pipe.write_end.get(), 2);

  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  auto argv = pointers_to(argv_strings);
  auto env_strings = child_environment(env);
  auto envp = pointers_to(env_strings);

  CheckRun run;
  const auto started = Clock::now();
  pid_t pid = 0;
  const int spawn_error = ::posix_spawn(&pid, program.c_str(), actions.get(), nullptr, argv.data(), envp.data());
  if (spawn_error != 0) throw std::system_error(spawn_error, std::generic_category(), "posix_spawn " + program);
  out_pipe.write_end.reset();
  err_pipe.write_end.reset();

  const auto limit = started + hard_limit;
  run.killed = collect(out_pipe.read_end.get(), err_pipe.read_end.get(), limit, run.out, run.err);
  int status = 0;
  run.killed = run.killed || !exited_by(pid, limit, status);
  if (run.killed) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
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
