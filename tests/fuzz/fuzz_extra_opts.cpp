// ini_section() (--extra-opts files) on arbitrary text: UsageError is the
// expected answer to a malformed section; anything else escaping is a crash.
// Every option it returns has a key, and key and value carry no surrounding blanks.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "options/check_config.hpp"
#include "options/extra_opts.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

bool trimmed(const std::string& text) { return text.empty() || (!blank(text.front()) && !blank(text.back())); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 8192) return 0;
  const std::string text(as_text(data, size));
  try {
    const auto options = ini_section(text, "check_smtp_ping", "fuzz.ini");
    if (!options) return 0;
    for (const auto& option : *options) {
      require(!option.key.empty(), "an option without a key", text);
      require(option.key.find('=') == std::string::npos, "'=' in a key", option.key);
      require(trimmed(option.key) && trimmed(option.value), "blanks around a key or value", text);
      require(option.key.find('\n') == std::string::npos && option.value.find('\n') == std::string::npos,
              "a line break inside an option", text);
    }
  } catch (const UsageError&) {
  }
  return 0;
}
