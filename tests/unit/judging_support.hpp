#pragma once

// A probe or series judged and put in words, as the plugin shows it:
// evaluation builds the result tree, output/describe words it.

#include <vector>

#include "evaluation/judge_probe.hpp"
#include "evaluation/judge_series.hpp"
#include "output/describe.hpp"

namespace smtp_ping {

inline Verdict evaluate(const Report& report, const EvaluationPolicy& policy) {
  return describe(judge_probe(report, policy));
}

inline Verdict evaluate_series(const std::vector<Report>& reports, const SeriesStats& stats,
                               const EvaluationPolicy& policy) {
  return describe(judge_series(reports, stats, policy));
}

// The check node run_check builds around one judged probe.
inline ResultNode judged_check(const Report& report, const EvaluationPolicy& policy) {
  ResultNode check;
  check.name = "check";
  check.children.push_back(judge_probe(report, policy));
  settle(check);
  return check;
}

}  // namespace smtp_ping
