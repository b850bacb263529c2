#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/user_file.hpp"
#include "evaluation/thresholds.hpp"
#include "load/load_plan.hpp"
#include "options/domain_options.hpp"
#include "output/output_options.hpp"
#include "output/safe_text.hpp"
#include "probe/probe_options.hpp"

namespace smtp_ping {

// -n / -i: a series of probes, like check_ping.
struct SeriesOptions {
  int count = 1;
  std::chrono::milliseconds interval{1000};
};

// Everything one invocation of the check asks for, and how to show it.
struct CheckConfig : OutputOptions {
  ProbeOptions probe;
  EvaluationPolicy policy;
  SeriesOptions series;
  std::optional<LoadPlan> load;           // --load: sessions under load instead of one probe
  std::optional<std::string> dns_server;  // ADDR[:PORT] for DNS lookups of our own (MX discovery)
  std::optional<DomainOptions> domain;    // --domain instead of -H
};

// The plugin's own name: the default --extra-opts section unless it was called by another.
inline constexpr const char* kCheckProgram = "check_smtp_ping";

enum class CommandAction { run, help, version };

struct ParsedCommandLine {
  CommandAction action = CommandAction::run;
  CheckConfig config;
};

// A malformed or unknown option. what() is one line naming the option: the
// message quotes what was typed (a name, a value, a file's line), which a
// Zabbix key or an --extra-opts file can fill with CR, LF and controls, so it
// is neutralised here, once for every usage error.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(safe_text(message, kMaxBytes)) {}

 private:
  static constexpr std::size_t kMaxBytes = 1024;
};

// Parses the option language shared by check_smtp_ping and the Zabbix module
// (arguments without the program name). `program` is the name the plugin was
// called by: the default --extra-opts section (a link named check_smtp reads
// [check_smtp]). Reads --extra-opts, --password-file, --cafile, --client-cert
// and --client-key files (only as `files` allows: the Zabbix module confines
// them to its admin's directory) and the SMTP_PING_PASSWORD environment
// variable. Every value that goes on the wire is checked
// (lib/smtp/wire_value.hpp), every -R compiled. Throws UsageError.
ParsedCommandLine parse_command_line(const std::vector<std::string>& args,
                                     const std::string& program = kCheckProgram, const FileAccess& files = {});

std::string usage_text();
std::string help_text();
std::string version_text();

}  // namespace smtp_ping
