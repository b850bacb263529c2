#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/state.hpp"
#include "common/range.hpp"
#include "common/phase.hpp"

namespace smtp_ping {

struct RangePair {
  std::optional<Range> warning;
  std::optional<Range> critical;
};

// How a report is judged, besides the dialog's own failures.
struct Thresholds {
  RangePair total;                      // -w RANGE / -c RANGE
  std::map<Phase, RangePair> phases;    // -w PHASE=RANGE / -c PHASE=RANGE
  std::map<int, RangePair> total_percentiles;  // --load: -w p50=RANGE, p95=, p99= on the total
  std::optional<int> cert_days_warning; // -D WARN[,CRIT]
  std::optional<int> cert_days_critical;
};

struct EvaluationPolicy {
  Thresholds thresholds;
  State timeout_state = State::critical;  // --timeout-state
  // Series mode (-n): judged when the loss in percent reaches them (check_ping's >=).
  std::optional<double> loss_warning;
  std::optional<double> loss_critical;
  // Load mode (--load): judged when the failed sessions in percent reach them.
  std::optional<double> errors_warning;
  std::optional<double> errors_critical;
  // --require-auth-results (--mailbox): these Authentication-Results methods must say "pass".
  std::vector<std::string> required_auth_results;
};

}  // namespace smtp_ping
