#include "check/check_run.hpp"

#include <algorithm>

#include "evaluation/judge_load.hpp"
#include "evaluation/judge_probe.hpp"
#include "evaluation/judge_series.hpp"
#include "probe/probe.hpp"
#include "probe/series.hpp"

namespace smtp_ping {
namespace {

// The judged part the check node holds: the probe a signal ended, the series, or the one probe.
ResultNode judged_part(const CheckResult& result, const EvaluationPolicy& policy) {
  const auto interrupted = std::find_if(result.reports.begin(), result.reports.end(), [](const Report& report) {
    return report.failure && report.failure->kind == FailureKind::interrupted;
  });
  if (interrupted != result.reports.end()) return judge_probe(*interrupted, policy);
  if (result.series) return judge_series(result.reports, *result.series, policy);
  return judge_probe(result.reports.front(), policy);
}

}  // namespace

CheckResult measure_check(const CheckConfig& config, std::optional<std::chrono::milliseconds> budget) {
  CheckResult result;
  if (config.series.count <= 1) {
    ProbeOptions options = config.probe;
    if (budget) options.timeout = std::min(options.timeout, *budget);
    result.reports.push_back(run_probe(options));
    return result;
  }
  SeriesRun series = run_series(config.probe, config.series.count, config.series.interval, budget);
  result.reports = std::move(series.reports);
  result.interrupted_between = std::move(series.interrupted_between);
  result.series = compute_series_stats(result.reports);
  return result;
}

CheckResult run_check(const CheckConfig& config, const LoadProgressSink& progress) {
  if (!config.load) return run_check(config);
  CheckResult result;
  result.tree.name = "check";
  if (!config.load->ramp_to) {
    result.tree.children.push_back(judge_load(run_load(config.probe, *config.load, progress), *config.load, config.policy));
  } else {
    // A ramp runs its steps until one is not OK (or a signal ends a step).
    std::vector<ResultNode> steps;
    for (const LoadPlan& step : ramp_steps(*config.load)) {
      const int number = static_cast<int>(steps.size()) + 1;
      LoadProgressSink step_progress;
      if (progress)
        step_progress = [&progress, &step, number](const LoadProgress& at) {
          LoadProgress named = at;
          named.ramp_step = step;
          named.ramp_step_number = number;
          progress(named);
        };
      const LoadRun run = run_load(config.probe, step, step_progress);
      steps.push_back(judge_load(run, step, config.policy));
      if (steps.back().state != State::ok || !run.interrupted.empty()) break;
    }
    result.tree.children.push_back(judge_ramp(std::move(steps), *config.load));
  }
  settle(result.tree);
  return result;
}

CheckResult run_check(const CheckConfig& config, std::optional<std::chrono::milliseconds> budget) {
  if (config.load) return run_check(config, LoadProgressSink{});  // the Zabbix module offers no --load
  CheckResult result = measure_check(config, budget);
  result.tree.name = "check";
  if (!result.interrupted_between.empty())
    result.tree.findings.push_back(Finding{State::unknown, SignalStop{result.interrupted_between, std::nullopt}});
  else
    result.tree.children.push_back(judged_part(result, config.policy));
  settle(result.tree);
  return result;
}

}  // namespace smtp_ping
