#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "load/load_plan.hpp"
#include "load/session_sample.hpp"
#include "probe/probe_options.hpp"

namespace smtp_ping {

// How far a load run has come: for a person watching (front-ends print it).
struct LoadProgress {
  Clock::duration elapsed{};
  int started = 0;
  int finished = 0;
  int failed = 0;
  std::optional<LoadPlan> ramp_step;  // a ramp's step: its pace (the caller fills it in)
  int ramp_step_number = 0;           // from 1
};
using LoadProgressSink = std::function<void(const LoadProgress&)>;

struct LoadRun {
  std::vector<SessionSample> samples;  // by sequence
  Clock::duration elapsed{};           // from the start to the end of the last session
  int workers = 0;                     // threads that ran sessions (the open loop adds them as needed)
  Target target;                       // where the sessions went (from the first one that ended)
  std::vector<Phase> planned_phases;   // what each session planned, in dialog order
  std::string interrupted;             // "interrupted by SIGTERM" when a signal ended the run
};

// Runs sessions (each a complete probe with `options`, its own -t) as `plan`
// paces them, on a bounded pool of threads, until --sessions or --duration
// is reached or a signal comes. Calls `progress` about once a second from
// the calling thread. Never throws for what the network or the server does.
LoadRun run_load(const ProbeOptions& options, const LoadPlan& plan, const LoadProgressSink& progress = {});

}  // namespace smtp_ping
