// check_smtp_ping: parse the options, run the check, print, exit with its state.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "check/check_run.hpp"
#include "check/domain_run.hpp"
#include "output/domain_output.hpp"
#include "output/check_output.hpp"
#include "output/load_progress.hpp"
#include "interrupt_signals.hpp"
#include "options/check_config.hpp"
#include "output/safe_text.hpp"

namespace {

constexpr int kUnknown = 3;

int print(const std::string& text, int exit_code) {
  smtp_ping::hold_interrupt_signals();
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  return exit_code;
}

// A load run tells a person at a terminal how far it is; a monitoring system sees nothing of it.
smtp_ping::LoadProgressSink load_progress_on_terminal() {
  if (!::isatty(STDERR_FILENO)) return {};
  return [](const smtp_ping::LoadProgress& progress) {
    const std::string line = smtp_ping::load_progress_line(progress);
    std::fwrite(line.data(), 1, line.size(), stderr);
  };
}

// The name we were called by: a link named check_smtp reads [check_smtp] with --extra-opts.
std::string program_name(const char* argv0) {
  const std::string path = argv0 && *argv0 ? argv0 : "check_smtp_ping";
  return path.substr(path.rfind('/') + 1);
}

int run(const std::string& program, const std::vector<std::string>& args) {
  using namespace smtp_ping;
  ParsedCommandLine command_line;
  try {
    command_line = parse_command_line(args, program);
  } catch (const UsageError& error) {
    // The message may quote what was typed: keep it one safe line.
    return print("check_smtp_ping: " + safe_text(error.what(), 1024) + "\n" + usage_text(), kUnknown);
  }
  if (command_line.action == CommandAction::help) return print(help_text(), kUnknown);
  if (command_line.action == CommandAction::version) return print(version_text(), kUnknown);

  if (command_line.config.domain) {
    const DomainResult result = run_domain_check(command_line.config);
    return print(render_domain(result, command_line.config), static_cast<int>(result.tree.state));
  }
  const CheckResult result = run_check(command_line.config, load_progress_on_terminal());
  return print(render_check(result, command_line.config), static_cast<int>(result.tree.state));
}

}  // namespace

int main(int argc, char** argv) {
  // OpenSSL writes to the socket with write(2): a server that hangs up must
  // give an error to report, not a SIGPIPE that kills the plugin silently.
  std::signal(SIGPIPE, SIG_IGN);
  smtp_ping::handle_interrupt_signals();
  try {
    const std::vector<std::string> args = argc > 1 ? std::vector<std::string>(argv + 1, argv + argc)
                                                   : std::vector<std::string>();
    return run(program_name(argc > 0 ? argv[0] : nullptr), args);
  } catch (const std::exception& error) {
    return print(std::string("SMTP UNKNOWN - internal error: ") + error.what() + "\n", kUnknown);
  } catch (...) {
    return print("SMTP UNKNOWN - internal error\n", kUnknown);
  }
}
