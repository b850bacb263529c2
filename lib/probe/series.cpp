#include "probe/series.hpp"

#include <algorithm>
#include <thread>

#include "probe/probe.hpp"

namespace smtp_ping {

std::vector<Report> run_series(const ProbeOptions& options, int count, std::chrono::milliseconds interval,
                               std::optional<std::chrono::milliseconds> budget) {
  using std::chrono::milliseconds;
  const auto start = Clock::now();
  const bool bounded = budget.has_value();
  const auto end = start + budget.value_or(milliseconds(0));
  std::vector<Report> reports;
  for (int seq = 0; seq < count; ++seq) {
    const auto planned = start + interval * seq;
    if (bounded && planned >= end) break;
    std::this_thread::sleep_until(planned);
    ProbeOptions probe = options;
    if (bounded) {
      const auto left = std::chrono::duration_cast<milliseconds>(end - Clock::now());
      if (left <= milliseconds(0)) break;
      probe.timeout = std::min(probe.timeout, left);
    }
    reports.push_back(run_probe(probe));
  }
  return reports;
}

}  // namespace smtp_ping
