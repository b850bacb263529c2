#pragma once

#include <vector>

#include "evaluation/thresholds.hpp"
#include "probe/report.hpp"
#include "probe/series_stats.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// Judges a series (-n) like check_ping judges pings: -w/-c RANGE on the
// average total time (rta), -w/-c PHASE=RANGE on each phase's average,
// --loss-warning/--loss-critical on the loss. A "series" node whose children
// are the probes that failed, each judged as a single check: a lost probe
// counts through the loss (its node is at_least(0), so it raises nothing),
// any other failure with its own state. Pure.
ResultNode judge_series(const std::vector<Report>& reports, const SeriesStats& stats, const EvaluationPolicy& policy);

}  // namespace smtp_ping
