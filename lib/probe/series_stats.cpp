#include "probe/series_stats.hpp"

#include <algorithm>
#include <cmath>

namespace smtp_ping {

bool is_loss(const Report& report) {
  if (!report.failure) return false;
  switch (report.failure->kind) {
    case FailureKind::resolve:
    case FailureKind::connect:
    case FailureKind::timeout:
    case FailureKind::closed:
    case FailureKind::protocol:
      return true;
    case FailureKind::reply:
      return report.failure->phase == Phase::banner;
    default:
      return false;
  }
}

SeriesStats compute_series_stats(const std::vector<Report>& reports) {
  SeriesStats stats;
  stats.sent = static_cast<int>(reports.size());
  std::vector<double> totals;
  std::map<Phase, std::pair<double, int>> phase_sums;
  for (const auto& report : reports) {
    if (is_loss(report)) continue;
    ++stats.answered;
    if (report.failure) {
      ++stats.failed;
      continue;
    }
    totals.push_back(to_seconds(report.total));
    for (const auto& timing : report.phases) {
      auto& [sum, count] = phase_sums[timing.phase];
      sum += to_seconds(timing.elapsed);
      ++count;
    }
  }
  if (stats.sent > 0) stats.loss_percent = 100.0 * (stats.sent - stats.answered) / stats.sent;
  if (!totals.empty()) {
    double sum = 0;
    for (double total : totals) sum += total;
    const double mean = sum / static_cast<double>(totals.size());
    double squares = 0;
    for (double total : totals) squares += (total - mean) * (total - mean);
    stats.rta = mean;
    stats.rtmin = *std::min_element(totals.begin(), totals.end());
    stats.rtmax = *std::max_element(totals.begin(), totals.end());
    stats.jitter = std::sqrt(squares / static_cast<double>(totals.size()));
  }
  for (const auto& [phase, sum_count] : phase_sums)
    stats.phase_averages[phase] = sum_count.first / sum_count.second;
  return stats;
}

}  // namespace smtp_ping
