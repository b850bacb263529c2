#pragma once

// Real monitoring cores as test consumers: a daemon for the length of a test,
// and a stand-in plugin that records the exact argv a core executes before it
// runs the real check.
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smtp_ping::test {

// nagios4 or icinga2 in the foreground, in its own process group (so its
// workers and plugins go with it), output in `log`. Stopped with SIGTERM, then
// SIGKILL, when the object goes.
class Daemon {
 public:
  Daemon(const std::vector<std::string>& argv, const std::string& log,
         const std::map<std::string, std::string>& environment = {});
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  bool running() const;

 private:
  pid_t pid_ = 0;
};

// What one run of the stand-in plugin saw and what the real check answered.
struct Capture {
  std::string tag;                // $NAGIOS_SERVICEDESC when the core exports it
  std::vector<std::string> argv;  // without argv[0]
  std::string out;
  int exit_code = -1;
};

// Writes `dir`/`name`: a /bin/sh plugin that records its argv and environment
// tag into `capture_dir`, then runs `real` (a link named like the plugin) with
// the same arguments and passes on its output and exit code.
void write_capture_plugin(const std::string& dir, const std::string& name, const std::string& real,
                          const std::string& capture_dir);

// Every finished capture in `capture_dir`.
std::vector<Capture> read_captures(const std::string& capture_dir);

// Waits (bounded) until the finished captures satisfy `enough`; returns them.
std::vector<Capture> wait_for_captures(const std::string& capture_dir, std::chrono::milliseconds timeout,
                                       const std::function<bool(const std::vector<Capture>&)>& enough);

std::string read_text(const std::string& path);
std::string current_user();
std::string current_group();

}  // namespace smtp_ping::test
