#pragma once

#include <optional>
#include <string>

#include "common/state.hpp"
#include "evaluation/thresholds.hpp"
#include "evaluation/verdict.hpp"

namespace smtp_ping {

// A value that crossed a range: which one, by how much, and how bad.
struct ThresholdViolation {
  State state = State::ok;
  std::string subject;  // "total", "banner", "rta", "banner avg"
  double value = 0;
  std::string unit;     // "s"
  Range range;          // the range it crossed (critical before warning)
};

// The one threshold check: critical first, then warning; nullopt when the value is inside both.
std::optional<ThresholdViolation> check_thresholds(const RangePair& ranges, const std::string& subject, double value,
                                                   const std::string& unit = "s");

// The one perfdata builder for a measured value; `value` null is "U" (not
// reached). Ranges, when given, become warn/crit. A pointer, not an optional:
// GCC 12 -O2 reports a false maybe-uninitialized on a copied optional<double>.
PerfDatum perf_datum(std::string label, const double* value, std::string unit,
                     const RangePair* ranges = nullptr, std::optional<double> min = 0.0,
                     std::optional<double> max = std::nullopt);

}  // namespace smtp_ping
