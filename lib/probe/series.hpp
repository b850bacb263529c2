#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "probe/probe_options.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// Runs `count` complete probes, one every `interval` (measured from start to
// start; a probe slower than the interval is followed at once). Each probe has
// its own -t deadline. With a `budget`, no probe starts that could not finish
// inside it, and the last ones are shortened to fit.
std::vector<Report> run_series(const ProbeOptions& options, int count, std::chrono::milliseconds interval,
                               std::optional<std::chrono::milliseconds> budget = std::nullopt);

}  // namespace smtp_ping
