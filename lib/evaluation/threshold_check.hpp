#pragma once

#include <optional>
#include <string>

#include "evaluation/thresholds.hpp"
#include "result/findings.hpp"
#include "result/perf_datum.hpp"

namespace smtp_ping {

// The one threshold check: critical first, then warning. A ThresholdViolation
// finding with that state; nullopt when the value is inside both ranges.
std::optional<Finding> check_thresholds(const RangePair& ranges, const std::string& subject, double value,
                                        const std::string& unit = "s");

// The one perfdata builder for a measured value; `value` null is "U" (not
// reached). Ranges, when given, become warn/crit. A pointer, not an optional:
// GCC 12 -O2 reports a false maybe-uninitialized on a copied optional<double>.
PerfDatum perf_datum(std::string label, const double* value, std::string unit,
                     const RangePair* ranges = nullptr, std::optional<double> min = 0.0,
                     std::optional<double> max = std::nullopt);

}  // namespace smtp_ping
