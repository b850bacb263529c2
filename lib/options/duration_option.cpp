#include "options/duration_option.hpp"

#include <cstdint>

namespace smtp_ping {

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  constexpr std::int64_t kLimit = 10LL * 366 * 86400;
  std::int64_t unit = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 's': unit = 1; break;
      case 'm': unit = 60; break;
      case 'h': unit = 3600; break;
      case 'd': unit = 86400; break;
      default: unit = 0;
    }
    if (unit != 0) text.remove_suffix(1);
    else unit = 1;
  }
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > kLimit / unit) return std::nullopt;
  return std::chrono::seconds(value * unit);
}

}  // namespace smtp_ping
