#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "probe/probe_options.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

struct SeriesRun {
  std::vector<Report> reports;       // one per probe run, in order
  std::string interrupted_between;   // "interrupted by SIGTERM" when a signal came in a pause
};

// Runs `count` complete probes, one every `interval` (measured from start to
// start; a probe slower than the interval is followed at once). Each probe has
// its own -t deadline. With a `budget`, no probe starts that could not finish
// inside it, and the last ones are shortened to fit. A signal (the process's
// Interruption) ends the series: in a probe, that probe reports it; in a pause,
// `interrupted_between` does.
SeriesRun run_series(const ProbeOptions& options, int count, std::chrono::milliseconds interval,
                     std::optional<std::chrono::milliseconds> budget = std::nullopt);

}  // namespace smtp_ping
