#pragma once

#include "evaluation/thresholds.hpp"
#include "load/load_errors.hpp"
#include "load/load_run.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// Sorts a failed session of a load run (see LoadErrorClass).
LoadErrorClass classify_load_error(const Failure& failure);

// The classes of a run's failed sessions, and where the server first pushed back.
LoadErrors classify_load_errors(const LoadRun& run);

// Judges a load run: --errors-warning/--errors-critical on the failed sessions
// in percent (reached: >=; CRITICAL when none succeeded), -w/-c RANGE on the
// total's p95, -w/-c pNN=RANGE on its p50/p95/p99, -w/-c PHASE=RANGE on each
// phase's p95. A "load" node with LoadFacts and its perfdata. Pure.
ResultNode judge_load(const LoadRun& run, const LoadPlan& plan, const EvaluationPolicy& policy);

// A ramp: the steps judged by judge_load, in order (the last one run is the
// first that was not OK, unless the ramp reached its top). OK while at least
// one step was; the facts name the last good step.
ResultNode judge_ramp(std::vector<ResultNode> steps, const LoadPlan& plan);

}  // namespace smtp_ping
