#pragma once

#include <chrono>
#include <optional>
#include <vector>

namespace smtp_ping {

// --load: how many sessions, how they are paced, and for how long. A value
// type; the option parser enforces the caps (this is for one's own servers).
struct LoadPlan {
  enum class Pacing {
    concurrency,  // closed loop: `concurrency` sessions at once, the next starts when one ends
    rate,         // open loop: `rate` new sessions a second, whether earlier ones ended or not
  };
  Pacing pacing = Pacing::concurrency;
  int concurrency = 1;
  double rate = 0;
  std::optional<std::chrono::milliseconds> duration;  // --duration: no session starts after it
  std::optional<int> sessions;                         // --sessions: this many, then stop
  // --ramp[=TO]: steps of the above (each its own --duration/--sessions), the
  // concurrency or rate doubling from the given one up to `ramp_to`, until a
  // step is judged not OK.
  std::optional<double> ramp_to;
};

inline constexpr int kMaxRampSteps = 20;

// The plans of a ramp's steps: the first is `plan` itself; each next doubles
// the concurrency or the rate, the last is exactly `ramp_to` (capped at
// kMaxRampSteps). A plan without a ramp is its one step.
std::vector<LoadPlan> ramp_steps(const LoadPlan& plan);

inline constexpr int kMaxLoadConcurrency = 1000;       // sessions at once, also the open loop's workers
inline constexpr double kMaxLoadRate = 20000;          // new sessions a second
inline constexpr std::chrono::seconds kMaxLoadDuration{3600};
inline constexpr int kMaxLoadSessions = 1'000'000;

}  // namespace smtp_ping
