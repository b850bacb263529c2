#pragma once

#include <optional>
#include <vector>

#include "probe/report.hpp"

namespace smtp_ping {

// What a load run keeps of one session: its times and, when it failed, how.
// The transcript and the facts of a Report are dropped at once, so a long run
// holds a few hundred bytes per session.
struct SessionSample {
  int sequence = 0;                 // 1-based, in the order sessions were started
  Clock::duration due{};            // when the pacing wanted it to start (offset from the run's start)
  Clock::duration started{};        // when it did; later than `due` when no worker was free
  Clock::duration total{};          // the session's own total
  std::vector<PhaseTiming> phases;  // the phases it completed
  std::optional<Failure> failure;   // reply text cut to a few hundred bytes
};

SessionSample sample_of(const Report& report, int sequence, Clock::duration due, Clock::duration started);

}  // namespace smtp_ping
