#pragma once

#include <map>
#include <optional>
#include <vector>

#include "common/phase.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// The ping-like figures of a series of probes.
struct SeriesStats {
  int sent = 0;
  int answered = 0;             // probes that were not lost
  double loss_percent = 0;      // lost / sent * 100
  std::optional<double> rta;    // mean total time of the successful probes, seconds
  std::optional<double> rtmin;
  std::optional<double> rtmax;
  std::optional<double> jitter; // population standard deviation of those totals
  std::map<Phase, double> phase_averages;  // over the successful probes that ran the phase
  int failed = 0;               // answered, but the dialog failed (not a loss)
};

// A probe is lost when the server did not serve it at all: no connection,
// a timeout, a dropped connection or garbage, or a refused greeting. Other
// failures (a certificate error, a rejected RCPT ...) are answers, and are
// judged as such.
bool is_loss(const Report& report);

SeriesStats compute_series_stats(const std::vector<Report>& reports);

}  // namespace smtp_ping
