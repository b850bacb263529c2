#pragma once

#include <map>
#include <optional>
#include <vector>

#include "common/phase.hpp"
#include "load/load_run.hpp"

namespace smtp_ping {

// Nearest-rank percentiles (no interpolation: every figure is a time that
// some session really took), in seconds.
struct Percentiles {
  int count = 0;
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
  double max = 0;
};
std::optional<Percentiles> percentiles_of(std::vector<double> seconds);

// One bucket of the totals' distribution: sessions that took at most `upto` seconds
// (and more than the bucket before). The last bucket's `upto` is infinity.
struct LatencyBucket {
  double upto = 0;
  int sessions = 0;
};

struct LoadStats {
  int sessions = 0;            // sessions run
  int succeeded = 0;
  int failed = 0;
  double error_percent = 0;    // failed / sessions * 100
  double elapsed_seconds = 0;  // start to the end of the last session
  double sessions_per_second = 0;
  std::optional<Percentiles> total;              // over the sessions that succeeded
  std::map<Phase, Percentiles> phases;           // over every session that completed the phase
  std::vector<LatencyBucket> histogram;          // totals of the sessions that succeeded
  std::optional<Percentiles> start_lateness;     // open loop: how late sessions started (no free worker)
  int workers = 0;
};

LoadStats compute_load_stats(const LoadRun& run, const LoadPlan& plan);

}  // namespace smtp_ping
