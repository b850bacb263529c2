#pragma once

#include <optional>
#include <string>
#include <vector>

#include "probe/report.hpp"
#include "probe/series_stats.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// One check as a front-end asked for it: what ran, and the judged tree.
struct CheckResult {
  std::vector<Report> reports;        // one per probe run, in order
  std::optional<SeriesStats> series;  // set in series mode
  std::string interrupted_between;    // a signal between two probes of a series ("interrupted by SIGTERM")
  ResultNode tree;                    // the judged check: "check" -> "probe" or "series" -> ...; empty unjudged
};

}  // namespace smtp_ping
