#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "evaluation/thresholds.hpp"
#include "probe/probe_options.hpp"

namespace smtp_ping {

enum class OutputFormat { plugin, json };

// -n / -i: a series of probes, like check_ping.
struct SeriesOptions {
  int count = 1;
  std::chrono::milliseconds interval{1000};
};

// Everything one invocation of the check asks for.
struct CheckConfig {
  ProbeOptions probe;
  EvaluationPolicy policy;
  SeriesOptions series;
  std::optional<std::string> dns_server;  // ADDR[:PORT] for DNS lookups of our own (MX discovery)
  int verbosity = 0;
  OutputFormat output = OutputFormat::plugin;
};

enum class CommandAction { run, help, version };

struct ParsedCommandLine {
  CommandAction action = CommandAction::run;
  CheckConfig config;
};

// A malformed or unknown option. what() is one line naming the option.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses the option language shared by check_smtp_ping and the Zabbix module
// (arguments without the program name). Reads --extra-opts files and the
// SMTP_PING_PASSWORD environment variable. Throws UsageError.
ParsedCommandLine parse_command_line(const std::vector<std::string>& args);

std::string usage_text();
std::string help_text();
std::string version_text();

}  // namespace smtp_ping
