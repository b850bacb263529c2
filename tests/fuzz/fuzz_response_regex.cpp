// ResponseRegex (the -R expectations, lib/smtp/response_regex.hpp): any
// pattern either is refused with a RegexError or compiles, and matching it
// against any reply text ends (run-fuzzers gives each input a short -timeout).
// Input: the pattern, a NUL, then the reply text; the text may be repeated up
// to 256 KiB (a server's largest reply) when the first byte is '\x01'.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "smtp/response_regex.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const bool large = data[0] == 0x01;
  std::string_view input = as_text(data + 1, size - 1);
  const auto nul = input.find('\0');
  const std::string pattern(input.substr(0, nul));
  std::string text = nul == std::string_view::npos ? std::string() : std::string(input.substr(nul + 1));
  if (large && !text.empty())
    while (text.size() < 256 * 1024) text += text;
  try {
    const ResponseRegex regex(pattern);
    require(pattern.size() <= ResponseRegex::kMaxBytes, "a pattern over the length limit compiled", pattern);
    regex.matches(text);
  } catch (const RegexError& error) {
    require(error.what()[0] != '\0', "a refusal without a reason", pattern);
  }
  return 0;
}
