#pragma once

#include "../support/valid_utf8.hpp"
// Shared helpers of the libFuzzer harnesses: splitting the input, and a hard
// stop (abort) when a property the core promises is broken.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::fuzz {

using test::valid_utf8;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits at every byte in `separators`; keeps empty pieces.
inline std::vector<std::string> split(std::string_view text, std::string_view separators) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t at = 0; at <= text.size(); ++at) {
    if (at == text.size() || separators.find(text[at]) != std::string_view::npos) {
      pieces.emplace_back(text.substr(start, at - start));
      start = at + 1;
    }
  }
  return pieces;
}

// Nothing from the fuzzing machine's environment may steer the option parser
// (a secret, or a default --extra-opts file). For LLVMFuzzerInitialize.
inline void clear_option_environment() {
  for (const char* name : {"SMTP_PING_PASSWORD", "MP_CONFIG_FILE", "NAGIOS_CONFIG_PATH"}) ::unsetenv(name);
}

// A broken promise: print what and where, then abort so libFuzzer keeps the input.
[[noreturn]] inline void violated(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "property violated: %s\n", what);
  if (!detail.empty())
    std::fprintf(stderr, "  detail (%zu bytes): %.*s\n", detail.size(), static_cast<int>(detail.size() > 400 ? 400 : detail.size()),
                 detail.data());
  std::abort();
}

inline void require(bool condition, const char* what, std::string_view detail = {}) {
  if (!condition) violated(what, detail);
}


}  // namespace smtp_ping::fuzz
