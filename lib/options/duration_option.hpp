#pragma once

// A duration option's value: a whole number with an optional unit, s (the
// default), m, h or d: "3600", "90s", "30m", "1h", "2d".

#include <chrono>
#include <optional>
#include <string_view>

namespace smtp_ping {

// Whole seconds, or nullopt for anything else (a fraction, a sign, an unknown unit, beyond 10 years).
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace smtp_ping
