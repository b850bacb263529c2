#include "evaluation/judge_load.hpp"

#include <algorithm>

#include "common/number_text.hpp"
#include "evaluation/reply_reason.hpp"
#include "evaluation/threshold_check.hpp"

namespace smtp_ping {
namespace {

bool is_push_back(LoadErrorClass error_class) {
  return error_class == LoadErrorClass::rate_limited || error_class == LoadErrorClass::unavailable ||
         error_class == LoadErrorClass::temporary;
}

LoadErrorClass reply_class(const Reply& reply) {
  if (classify_reply(reply).reason == ReplyReason::rate_limited) return LoadErrorClass::rate_limited;
  if (reply.code == 421) return LoadErrorClass::unavailable;
  if (reply.code >= 400 && reply.code < 500) return LoadErrorClass::temporary;
  if (reply.code >= 500 && reply.code < 600) return LoadErrorClass::rejected;
  return LoadErrorClass::other;
}

std::optional<Finding> judge_errors(const LoadStats& stats, const EvaluationPolicy& policy) {
  if (stats.succeeded == 0) return Finding{State::critical, ErrorRate{stats.error_percent, std::nullopt}};
  if (policy.errors_critical && stats.error_percent >= *policy.errors_critical)
    return Finding{State::critical, ErrorRate{stats.error_percent, policy.errors_critical}};
  if (policy.errors_warning && stats.error_percent >= *policy.errors_warning)
    return Finding{State::warning, ErrorRate{stats.error_percent, policy.errors_warning}};
  return std::nullopt;
}

double percentile(const Percentiles& figures, int which) {
  switch (which) {
    case 50: return figures.p50;
    case 95: return figures.p95;
    case 99: return figures.p99;
    default: return figures.max;
  }
}

void judge_latency(const LoadStats& stats, const Thresholds& thresholds, std::vector<Finding>& findings) {
  auto add = [&](const RangePair& ranges, const std::string& subject, double value) {
    if (auto violation = check_thresholds(ranges, subject, value)) findings.push_back(*violation);
  };
  if (stats.total) {
    add(thresholds.total, "total p95", stats.total->p95);
    for (const auto& [which, ranges] : thresholds.total_percentiles)
      add(ranges, "total p" + std::to_string(which), percentile(*stats.total, which));
  }
  for (const auto& [phase, ranges] : thresholds.phases) {
    const auto figures = stats.phases.find(phase);
    if (figures != stats.phases.end()) add(ranges, std::string(phase_name(phase)) + " p95", figures->second.p95);
  }
}

// Phases with figures: the planned ones in order, then any other.
std::vector<Phase> phases_with_figures(const LoadRun& run, const LoadStats& stats) {
  std::vector<Phase> phases;
  for (const Phase phase : run.planned_phases)
    if (stats.phases.count(phase)) phases.push_back(phase);
  for (const auto& [phase, figures] : stats.phases)
    if (std::find(phases.begin(), phases.end(), phase) == phases.end()) phases.push_back(phase);
  return phases;
}

void add_perfdata(const LoadStats& stats, const std::vector<Phase>& phases, const EvaluationPolicy& policy,
                  std::vector<PerfDatum>& perfdata) {
  const double sessions = stats.sessions;
  perfdata.push_back(perf_datum("sessions", &sessions, ""));
  PerfDatum errors = perf_datum("errors", &stats.error_percent, "%", nullptr, 0.0, 100.0);
  if (policy.errors_warning) errors.warning = shortest_number_text(*policy.errors_warning);
  if (policy.errors_critical) errors.critical = shortest_number_text(*policy.errors_critical);
  perfdata.push_back(errors);
  // Hundredths are plenty for sessions a second (truncation: never negative, no libm).
  const double rate = static_cast<double>(static_cast<long long>(stats.sessions_per_second * 100 + 0.5)) / 100;
  perfdata.push_back(perf_datum("rate", &rate, ""));
  const Thresholds& thresholds = policy.thresholds;
  const Percentiles* total = stats.total ? &*stats.total : nullptr;
  auto total_ranges = [&](int which) -> const RangePair* {
    const auto found = thresholds.total_percentiles.find(which);
    return found != thresholds.total_percentiles.end() ? &found->second : nullptr;
  };
  perfdata.push_back(perf_datum("total_p50", total ? &total->p50 : nullptr, "s", total_ranges(50)));
  perfdata.push_back(perf_datum("total_p95", total ? &total->p95 : nullptr, "s",
                                total_ranges(95) ? total_ranges(95) : &thresholds.total));
  perfdata.push_back(perf_datum("total_p99", total ? &total->p99 : nullptr, "s", total_ranges(99)));
  perfdata.push_back(perf_datum("total_max", total ? &total->max : nullptr, "s"));
  for (const Phase phase : phases) {
    const auto ranges = thresholds.phases.find(phase);
    perfdata.push_back(perf_datum(std::string(phase_name(phase)) + "_p95", &stats.phases.at(phase).p95, "s",
                                  ranges != thresholds.phases.end() ? &ranges->second : nullptr));
  }
}

}  // namespace

LoadErrorClass classify_load_error(const Failure& failure) {
  switch (failure.kind) {
    case FailureKind::resolve:
    case FailureKind::connect: return LoadErrorClass::refused;
    case FailureKind::timeout: return LoadErrorClass::timeout;
    case FailureKind::closed:
    case FailureKind::protocol: return LoadErrorClass::dropped;
    case FailureKind::tls:
    case FailureKind::tls_verify:
    case FailureKind::tls_policy: return LoadErrorClass::tls;
    case FailureKind::reply: return failure.reply ? reply_class(*failure.reply) : LoadErrorClass::other;
    default: return LoadErrorClass::other;
  }
}

LoadErrors classify_load_errors(const LoadRun& run) {
  LoadErrors errors;
  for (const auto& sample : run.samples) {
    if (!sample.failure || sample.failure->kind == FailureKind::interrupted) continue;
    const Failure& failure = *sample.failure;
    const LoadErrorClass error_class = classify_load_error(failure);
    ++errors.counts[error_class];
    if (failure.reply && !errors.first_replies.count(error_class)) errors.first_replies[error_class] = *failure.reply;
    if (is_push_back(error_class) && (!errors.onset || sample.sequence < errors.onset->sequence))
      errors.onset = ThrottleOnset{sample.sequence, std::chrono::duration<double>(sample.started).count(), error_class,
                                   failure.phase, failure.reply};
  }
  return errors;
}

ResultNode judge_load(const LoadRun& run, const LoadPlan& plan, const EvaluationPolicy& policy) {
  ResultNode node;
  node.name = "load";
  if (!run.interrupted.empty()) node.findings.push_back(Finding{State::unknown, SignalStop{run.interrupted, std::nullopt}});
  const LoadStats stats = compute_load_stats(run, plan);
  if (stats.sessions == 0) {
    if (run.interrupted.empty()) node.findings.push_back(Finding{State::unknown, NoProbeRan{}});
    settle(node);
    return node;
  }
  const std::vector<Phase> phases = phases_with_figures(run, stats);
  if (auto errors = judge_errors(stats, policy)) node.findings.push_back(*errors);
  judge_latency(stats, policy.thresholds, node.findings);
  add_perfdata(stats, phases, policy, node.perfdata);
  node.facts.push_back(LoadFacts{run.target, plan, stats, classify_load_errors(run), phases});
  settle(node);
  return node;
}

ResultNode judge_ramp(std::vector<ResultNode> steps, const LoadPlan& plan) {
  ResultNode node;
  node.name = "ramp";
  node.aggregation = Aggregation::at_least(1);
  RampFacts facts{plan.pacing, std::nullopt, plan.ramp_to.value_or(0)};
  for (std::size_t i = 0; i < steps.size(); ++i) {
    steps[i].name = "step " + std::to_string(i + 1);
    if (steps[i].state == State::ok) facts.last_good_step = static_cast<int>(i);
  }
  node.children = std::move(steps);
  double last_good = 0;
  if (facts.last_good_step) {
    const LoadFacts* good = fact_of<LoadFacts>(node.children[static_cast<std::size_t>(*facts.last_good_step)]);
    if (good) last_good = plan.pacing == LoadPlan::Pacing::rate ? good->plan.rate : good->plan.concurrency;
    node.perfdata = node.children[static_cast<std::size_t>(*facts.last_good_step)].perfdata;
  }
  node.perfdata.insert(node.perfdata.begin(), perf_datum("last_good", facts.last_good_step ? &last_good : nullptr, ""));
  node.facts.push_back(facts);
  settle(node);
  return node;
}

}  // namespace smtp_ping
