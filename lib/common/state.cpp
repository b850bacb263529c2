#include "common/state.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace smtp_ping {

std::string_view state_name(State state) {
  switch (state) {
    case State::ok: return "OK";
    case State::warning: return "WARNING";
    case State::critical: return "CRITICAL";
    case State::unknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

std::optional<State> parse_state(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "ok" || lower == "0") return State::ok;
  if (lower == "warning" || lower == "1") return State::warning;
  if (lower == "critical" || lower == "2") return State::critical;
  if (lower == "unknown" || lower == "3") return State::unknown;
  return std::nullopt;
}

State worse(State a, State b) {
  auto rank = [](State s) {
    switch (s) {
      case State::ok: return 0;
      case State::warning: return 1;
      case State::unknown: return 2;
      case State::critical: return 3;
    }
    return 2;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace smtp_ping
