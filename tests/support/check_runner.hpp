#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smtp_ping::test {

// The outcome of one run of the real check_smtp_ping binary.
struct CheckRun {
  int exit_code = -1;  // -1 when the process did not exit normally
  int signal = 0;      // the signal that ended it, if any
  bool killed = false; // it outlived the hard limit and was killed
  std::string out;
  std::string err;
  std::chrono::milliseconds wall{0};
  long max_rss_kb = 0;  // peak resident set size (wait4)

  std::string first_line() const;
  std::string output() const { return out + err; }
  // Everything a failure message needs to show.
  std::string describe() const;
};

// Environment changes for the child: a value sets the variable, nullopt removes it.
using EnvOverrides = std::map<std::string, std::optional<std::string>>;

// A signal sent to the child while it runs (e.g. SIGTERM after 300 ms).
struct SignalAfter {
  int signal = 0;
  std::chrono::milliseconds after{0};
};

// Runs `program` with `args` (without argv[0]) and no stdin.
CheckRun run_program(const std::string& program, const std::vector<std::string>& args,
                     std::chrono::milliseconds hard_limit, const EnvOverrides& env = {},
                     std::optional<SignalAfter> signal_after = std::nullopt);

// Runs check_smtp_ping (the binary built with this tree).
CheckRun run_check(const std::vector<std::string>& args,
                   std::chrono::milliseconds hard_limit = std::chrono::milliseconds(10'000),
                   const EnvOverrides& env = {});

std::string check_binary_path();

}  // namespace smtp_ping::test
