#include "probe/series.hpp"

#include <poll.h>

#include <algorithm>

#include "probe/probe.hpp"

namespace smtp_ping {
namespace {

// Waits until `when`; false when the check was interrupted meanwhile.
bool pause_until(Clock::time_point when) {
  const Deadline until(when, current_interruption());
  for (int round = 0; !until.expired() && !until.interrupted() && round < 1'000'000; ++round) {
    pollfd wake{until.wake_fd(), POLLIN, 0};  // fd -1: poll just sleeps
    ::poll(&wake, 1, until.poll_timeout_ms());
  }
  return !until.interrupted();
}

bool interrupted(const Report& report) {
  return report.failure && report.failure->kind == FailureKind::interrupted;
}

}  // namespace

SeriesRun run_series(const ProbeOptions& options, int count, std::chrono::milliseconds interval,
                     std::optional<std::chrono::milliseconds> budget) {
  using std::chrono::milliseconds;
  const auto start = Clock::now();
  const bool bounded = budget.has_value();
  const auto end = start + budget.value_or(milliseconds(0));
  SeriesRun run;
  for (int seq = 0; seq < count; ++seq) {
    const auto planned = start + interval * seq;
    if (bounded && planned >= end) break;
    if (!pause_until(planned)) {
      run.interrupted_between = "interrupted by " + signal_name(current_interruption()->signal());
      break;
    }
    ProbeOptions probe = options;
    if (bounded) {
      const auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now());
      if (left <= milliseconds(0)) break;
      probe.timeout = std::min(probe.timeout, left);
    }
    run.reports.push_back(run_probe(probe));
    if (interrupted(run.reports.back())) break;
  }
  return run;
}

}  // namespace smtp_ping
