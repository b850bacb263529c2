#include "evaluation/threshold_check.hpp"

namespace smtp_ping {

std::optional<Finding> check_thresholds(const RangePair& ranges, const std::string& subject, double value,
                                        const std::string& unit) {
  if (ranges.critical && ranges.critical->alerts(value))
    return Finding{State::critical, ThresholdViolation{subject, value, unit, *ranges.critical}};
  if (ranges.warning && ranges.warning->alerts(value))
    return Finding{State::warning, ThresholdViolation{subject, value, unit, *ranges.warning}};
  return std::nullopt;
}

PerfDatum perf_datum(std::string label, const double* value, std::string unit, const RangePair* ranges,
                     std::optional<double> min, std::optional<double> max) {
  PerfDatum datum;
  datum.label = std::move(label);
  datum.value = value ? *value : 0;
  datum.undetermined = value == nullptr;
  datum.unit = std::move(unit);
  if (ranges && ranges->warning) datum.warning = ranges->warning->perfdata_text();
  if (ranges && ranges->critical) datum.critical = ranges->critical->perfdata_text();
  datum.min = min;
  datum.max = max;
  return datum;
}

}  // namespace smtp_ping
