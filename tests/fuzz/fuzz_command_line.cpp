// parse_command_line() on arguments split from the input at NUL or newline.
// UsageError is the expected answer to nonsense; any other exception escapes
// and is reported as a crash. Inputs that would make the parser read files
// (--extra-opts, --password-file, or abbreviations of them) are skipped.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "options/check_config.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  clear_option_environment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  std::vector<std::string> args = split(as_text(data, size), std::string_view("\0\n", 2));
  if (args.size() == 1 && args.front().empty()) args.clear();
  if (args.size() > 64 || may_touch_files(args)) return 0;
  try {
    const ParsedCommandLine parsed = parse_command_line(args);
    if (parsed.action != CommandAction::run) return 0;
    const CheckConfig& config = parsed.config;
    require(config.verbosity >= 0, "negative verbosity");
    require(config.series.count >= 1, "a series of fewer than one probe");
    require(config.probe.timeout.count() > 0, "a timeout of zero or less");
  } catch (const UsageError& error) {
    require(std::string_view(error.what()).find('\n') == std::string_view::npos, "a usage error of several lines",
            error.what());
  }
  return 0;
}
