#include "consumer_support.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <thread>

extern char** environ;

namespace smtp_ping::test {
namespace {

std::vector<std::string> environment_with(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    if (overrides.count(text.substr(0, text.find('='))) == 0) entries.push_back(text);
  }
  for (const auto& [name, value] : overrides) entries.push_back(name + "=" + value);
  return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

std::vector<std::string> split_at_nul(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find('\0'); at != std::string::npos; at = text.find('\0', start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  return parts;
}

// '...' for /bin/sh.
std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

Daemon::Daemon(const std::vector<std::string>& argv, const std::string& log,
               const std::map<std::string, std::string>& environment) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::vector<std::string> args = argv;
  auto arg_pointers = pointers_to(args);
  auto env = environment_with(environment);
  auto env_pointers = pointers_to(env);
  const int error = ::posix_spawn(&pid_, args.front().c_str(), &actions, &attributes, arg_pointers.data(),
                                  env_pointers.data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) throw std::system_error(error, std::generic_category(), "posix_spawn " + args.front());
}

Daemon::~Daemon() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGTERM);
  int status = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {  // bounded: 10 s, then SIGKILL
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      ::kill(-pid_, SIGKILL);  // what is left of the group (workers, plugins)
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(-pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
}

bool Daemon::running() const {
  int status = 0;
  return pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == 0;
}

void write_capture_plugin(const std::string& dir, const std::string& name, const std::string& real,
                          const std::string& capture_dir) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << "#!/bin/sh\n"
                         "# Records the exact argv, then runs the real check with it.\n"
                         "f=$(mktemp "
                      << shell_quoted(capture_dir + "/run.XXXXXX") << ")\n"
                      << "printf '%s\\0' \"$@\" > \"$f.argv\"\n"
                         "printf '%s' \"${NAGIOS_SERVICEDESC:-}\" > \"$f.tag\"\n"
                      << shell_quoted(real)
                      << " \"$@\" > \"$f.out\" 2>&1\n"
                         "rc=$?\n"
                         "cat \"$f.out\"\n"
                         "echo \"$rc\" > \"$f.rc.tmp\" && mv \"$f.rc.tmp\" \"$f.rc\"\n"
                         "exit \"$rc\"\n";
  ::chmod(path.c_str(), 0755);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<Capture> read_captures(const std::string& capture_dir) {
  std::vector<Capture> captures;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(capture_dir, ignored)) {
    const std::string path = entry.path().string();
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".rc") != 0) continue;
    const std::string base = path.substr(0, path.size() - 3);
    Capture capture;
    capture.tag = read_text(base + ".tag");
    capture.argv = split_at_nul(read_text(base + ".argv"));
    capture.out = read_text(base + ".out");
    try {
      capture.exit_code = std::stoi(read_text(path));
    } catch (const std::exception&) {
    }
    captures.push_back(std::move(capture));
  }
  return captures;
}

std::vector<Capture> wait_for_captures(const std::string& capture_dir, std::chrono::milliseconds timeout,
                                       const std::function<bool(const std::vector<Capture>&)>& enough) {
  const auto limit = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto captures = read_captures(capture_dir);
    if (enough(captures) || std::chrono::steady_clock::now() >= limit) return captures;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string current_user() {
  const passwd* entry = ::getpwuid(::getuid());
  return entry ? entry->pw_name : "root";
}

std::string current_group() {
  const group* entry = ::getgrgid(::getgid());
  return entry ? entry->gr_name : "root";
}

}  // namespace smtp_ping::test
