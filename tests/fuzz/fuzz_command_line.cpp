// parse_command_line() on arguments split from the input at NUL or newline
// (inside an argument, byte 0x1F stands for a line feed, so values can carry
// CR and LF as a Zabbix key or an --extra-opts file could). UsageError is the
// expected answer to nonsense; any other exception escapes and is reported as
// a crash. Files are confined to a directory that does not exist, so every
// --password-file, --cafile, --extra-opts ... is refused without being opened.
// What parses must be safe to send: every value that reaches the wire passes
// the wire-value rules, and every -R compiles within its limits (issue 13).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "options/check_config.hpp"
#include "smtp/response_regex.hpp"
#include "smtp/wire_value.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

void require_wire_safe(WireValue kind, const std::string& value, const char* what) {
  require(!wire_value_problem(kind, value), what, value);
}

void require_safe_to_send(const ProbeOptions& probe) {
  if (!probe.hello_name.empty()) require_wire_safe(WireValue::hello_name, probe.hello_name, "-F passed unchecked");
  require_wire_safe(WireValue::mailbox, probe.mail_from.value_or(""), "-f passed unchecked");
  for (const auto& rcpt : probe.rcpt_to) require_wire_safe(WireValue::mailbox, rcpt, "--rcpt passed unchecked");
  for (const auto& custom : probe.commands) {
    require_wire_safe(WireValue::command_line, custom.command, "-C passed unchecked");
    if (custom.expect_regex) {
      try {
        ResponseRegex compiled(*custom.expect_regex);
      } catch (const RegexError&) {
        violated("a -R that does not compile passed", *custom.expect_regex);
      }
    }
  }
  if (!probe.auth.mechanism.empty()) {
    require_wire_safe(WireValue::sasl_user, probe.auth.user, "-U passed unchecked");
    require_wire_safe(WireValue::sasl_secret, probe.auth.secret, "a secret passed unchecked");
  }
  require(probe.host.find_first_of(std::string("\r\n\0", 3)) == std::string::npos, "-H with CR, LF or NUL",
          probe.host);
  if (probe.tls.sni && !probe.tls.sni->empty()) require_wire_safe(WireValue::host_name, *probe.tls.sni, "--sni unchecked");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  clear_option_environment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  std::vector<std::string> args = split(as_text(data, size), std::string_view("\0\n", 2));
  if (args.size() == 1 && args.front().empty()) args.clear();
  if (args.size() > 64) return 0;
  for (auto& arg : args) std::replace(arg.begin(), arg.end(), '\x1f', '\n');
  FileAccess no_files;
  no_files.only_below = "/nonexistent-smtp-ping-fuzz";
  try {
    const ParsedCommandLine parsed = parse_command_line(args, kCheckProgram, no_files);
    if (parsed.action != CommandAction::run) return 0;
    const CheckConfig& config = parsed.config;
    require(config.verbosity >= 0, "negative verbosity");
    require(config.series.count >= 1, "a series of fewer than one probe");
    require(config.probe.timeout.count() > 0, "a timeout of zero or less");
    require_safe_to_send(config.probe);
  } catch (const UsageError& error) {
    require(std::string_view(error.what()).find('\n') == std::string_view::npos, "a usage error of several lines",
            error.what());
  }
  return 0;
}
