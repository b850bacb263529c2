#pragma once

#include <vector>

#include "evaluation/series_stats.hpp"
#include "evaluation/thresholds.hpp"
#include "evaluation/verdict.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// Judges a series (-n) like check_ping judges pings: -w/-c RANGE on the
// average total time (rta), -w/-c PHASE=RANGE on each phase's average,
// --loss-warning/--loss-critical on the loss. Every probe that was answered
// but failed is judged as a single check would judge it. Pure.
Verdict evaluate_series(const std::vector<Report>& reports, const SeriesStats& stats, const EvaluationPolicy& policy);

}  // namespace smtp_ping
