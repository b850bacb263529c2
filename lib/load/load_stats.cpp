#include "load/load_stats.hpp"

#include <algorithm>
#include <limits>

namespace smtp_ping {
namespace {

double seconds_of(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

// Nearest rank: the smallest value with at least `percent` % of the values at
// or below it (integer arithmetic: the plugin maps no libm).
double rank(const std::vector<double>& sorted, std::size_t percent) {
  const std::size_t index = std::max<std::size_t>(1, (percent * sorted.size() + 99) / 100);
  return sorted[std::min(index, sorted.size()) - 1];
}

// 1-2-5 steps from 1 ms to 10 s, then the rest.
std::vector<LatencyBucket> histogram_of(const std::vector<double>& totals) {
  std::vector<LatencyBucket> buckets;
  for (double decade = 0.001; decade < 20; decade *= 10)
    for (const double step : {1.0, 2.0, 5.0})
      if (decade * step <= 10.0 + 1e-9) buckets.push_back({decade * step, 0});
  buckets.push_back({std::numeric_limits<double>::infinity(), 0});
  for (const double total : totals) {
    auto bucket = std::find_if(buckets.begin(), buckets.end(), [&](const LatencyBucket& b) { return total <= b.upto; });
    ++bucket->sessions;
  }
  return buckets;
}

}  // namespace

std::optional<Percentiles> percentiles_of(std::vector<double> seconds) {
  if (seconds.empty()) return std::nullopt;
  std::sort(seconds.begin(), seconds.end());
  return Percentiles{static_cast<int>(seconds.size()), rank(seconds, 50), rank(seconds, 95), rank(seconds, 99),
                     seconds.back()};
}

LoadStats compute_load_stats(const LoadRun& run, const LoadPlan& plan) {
  LoadStats stats;
  stats.workers = run.workers;
  std::vector<double> totals;
  std::map<Phase, std::vector<double>> phase_times;
  std::vector<double> lateness;
  for (const auto& sample : run.samples) {
    // A session a signal cut short says nothing about the server.
    if (sample.failure && sample.failure->kind == FailureKind::interrupted) continue;
    ++stats.sessions;
    if (sample.failure)
      ++stats.failed;
    else
      totals.push_back(seconds_of(sample.total));
    for (const auto& timing : sample.phases) phase_times[timing.phase].push_back(seconds_of(timing.elapsed));
    if (plan.pacing == LoadPlan::Pacing::rate) lateness.push_back(std::max(0.0, seconds_of(sample.started - sample.due)));
  }
  stats.succeeded = stats.sessions - stats.failed;
  stats.error_percent = stats.sessions > 0 ? 100.0 * stats.failed / stats.sessions : 0;
  stats.elapsed_seconds = seconds_of(run.elapsed);
  stats.sessions_per_second = stats.elapsed_seconds > 0 ? stats.sessions / stats.elapsed_seconds : 0;
  stats.total = percentiles_of(totals);
  for (auto& [phase, times] : phase_times)
    if (auto figures = percentiles_of(std::move(times))) stats.phases[phase] = *figures;
  stats.histogram = histogram_of(totals);
  stats.start_lateness = percentiles_of(std::move(lateness));
  return stats;
}

}  // namespace smtp_ping
