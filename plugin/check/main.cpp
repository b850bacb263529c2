// check_smtp_ping: parse the options, run the probe, judge, print, exit.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "evaluation/evaluate.hpp"
#include "options/check_config.hpp"
#include "output/json_report.hpp"
#include "output/plugin_output.hpp"
#include "probe/probe.hpp"

namespace {

constexpr int kUnknown = 3;

int print(const std::string& text, int exit_code) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  return exit_code;
}

int run(const std::vector<std::string>& args) {
  using namespace smtp_ping;
  ParsedCommandLine command_line;
  try {
    command_line = parse_command_line(args);
  } catch (const UsageError& error) {
    return print(std::string("check_smtp_ping: ") + error.what() + "\n" + usage_text(), kUnknown);
  }
  if (command_line.action == CommandAction::help) return print(help_text(), kUnknown);
  if (command_line.action == CommandAction::version) return print(version_text(), kUnknown);

  const CheckConfig& config = command_line.config;
  const Report report = run_probe(config.probe);
  const Verdict verdict = evaluate(report, config.policy);
  const std::string text = config.output == OutputFormat::json ? render_json(report, verdict) + "\n"
                                                               : render_plugin_output(report, verdict, config.verbosity);
  return print(text, static_cast<int>(verdict.state));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& error) {
    return print(std::string("SMTP UNKNOWN - internal error: ") + error.what() + "\n", kUnknown);
  } catch (...) {
    return print("SMTP UNKNOWN - internal error\n", kUnknown);
  }
}
