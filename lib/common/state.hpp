#pragma once

#include <optional>
#include <string_view>

namespace smtp_ping {

// Monitoring plugin states; the numeric values are the exit codes.
enum class State { ok = 0, warning = 1, critical = 2, unknown = 3 };

std::string_view state_name(State state);  // "OK", "WARNING", ...
std::optional<State> parse_state(std::string_view text);  // ok|warning|critical|unknown|0..3, any case
// The more severe of two states, where UNKNOWN ranks between WARNING and CRITICAL
// as in monitoring-plugins' max_state.
State worse(State a, State b);

}  // namespace smtp_ping
