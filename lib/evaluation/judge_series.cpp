#include "evaluation/judge_series.hpp"

#include <algorithm>

#include "common/number_text.hpp"
#include "evaluation/certificate_lifetime.hpp"
#include "evaluation/judge_probe.hpp"
#include "evaluation/threshold_check.hpp"

namespace smtp_ping {
namespace {

std::optional<Finding> judge_loss(const SeriesStats& stats, const EvaluationPolicy& policy) {
  if (stats.answered == 0) return Finding{State::critical, SeriesLoss{stats.loss_percent, std::nullopt}};
  if (policy.loss_critical && stats.loss_percent >= *policy.loss_critical)
    return Finding{State::critical, SeriesLoss{stats.loss_percent, policy.loss_critical}};
  if (policy.loss_warning && stats.loss_percent >= *policy.loss_warning)
    return Finding{State::warning, SeriesLoss{stats.loss_percent, policy.loss_warning}};
  return std::nullopt;
}

PerfDatum seconds_datum(const std::string& label, const std::optional<double>& value,
                        const RangePair* ranges = nullptr) {
  return perf_datum(label, value ? &*value : nullptr, "s", ranges);
}

PerfDatum loss_datum(const SeriesStats& stats, const EvaluationPolicy& policy) {
  PerfDatum datum = perf_datum("pl", &stats.loss_percent, "%", nullptr, 0.0, 100.0);
  if (policy.loss_warning) datum.warning = number_text(*policy.loss_warning, 0);
  if (policy.loss_critical) datum.critical = number_text(*policy.loss_critical, 0);
  return datum;
}

// The planned phases of the series (one command line: every probe plans the
// same), then any other phase that has an average.
std::vector<Phase> averaged_phases(const std::vector<Report>& reports, const SeriesStats& stats) {
  std::vector<Phase> phases = reports.front().planned_phases;
  for (const auto& [phase, average] : stats.phase_averages)
    if (std::find(phases.begin(), phases.end(), phase) == phases.end()) phases.push_back(phase);
  return phases;
}

// The certificate that expires first among those the probes saw.
const std::optional<TlsFacts>& earliest_certificate(const std::vector<Report>& reports) {
  const std::optional<TlsFacts>* earliest = &reports.back().tls;
  for (const auto& report : reports) {
    if (!report.tls || !report.tls->cert_days) continue;
    const auto& current = *earliest;
    if (!current || !current->cert_days || *report.tls->cert_days < *current->cert_days) earliest = &report.tls;
  }
  return *earliest;
}

// A probe that failed, judged as a single check; a lost one raises nothing
// (the loss thresholds count it), so its node needs at least 0 OK children.
ResultNode probe_node(const Report& report, int sequence, const EvaluationPolicy& policy) {
  ResultNode node;
  node.name = "probe " + std::to_string(sequence);
  node.children.push_back(judge_probe(report, policy));
  if (is_loss(report)) {
    node.findings.push_back(Finding{State::ok, LostProbe{sequence}});
    node.aggregation = Aggregation::at_least(0);
  }
  return node;
}

}  // namespace

ResultNode judge_series(const std::vector<Report>& reports, const SeriesStats& stats, const EvaluationPolicy& policy) {
  ResultNode node;
  node.name = "series";
  if (reports.empty()) {
    node.findings.push_back(Finding{State::unknown, NoProbeRan{}});
    settle(node);
    return node;
  }
  const Thresholds& thresholds = policy.thresholds;
  const std::vector<Phase> phases = averaged_phases(reports, stats);
  node.facts.push_back(SeriesFacts{reports.front().target, stats, phases});

  if (auto loss = judge_loss(stats, policy)) node.findings.push_back(*loss);
  if (stats.rta)
    if (auto violation = check_thresholds(thresholds.total, "rta", *stats.rta)) node.findings.push_back(*violation);
  for (const auto& [phase, average] : stats.phase_averages) {
    const auto ranges = thresholds.phases.find(phase);
    if (ranges == thresholds.phases.end()) continue;
    if (auto violation = check_thresholds(ranges->second, std::string(phase_name(phase)) + " avg", average))
      node.findings.push_back(*violation);
  }
  const auto lifetime = judge_certificate_lifetime(reports.front().target.tls, earliest_certificate(reports), thresholds);
  if (lifetime && lifetime->expiry) node.findings.push_back(*lifetime->expiry);
  for (const auto& report : reports)
    if (auto mismatch = certificate_name_finding(report)) {
      node.findings.push_back(*mismatch);
      break;
    }

  for (std::size_t i = 0; i < reports.size(); ++i)
    if (reports[i].failure) node.children.push_back(probe_node(reports[i], static_cast<int>(i + 1), policy));

  // The same labels whether probes answered or not ("U").
  node.perfdata.push_back(seconds_datum("rta", stats.rta, &thresholds.total));
  node.perfdata.push_back(seconds_datum("rtmin", stats.rtmin));
  node.perfdata.push_back(seconds_datum("rtmax", stats.rtmax));
  node.perfdata.push_back(seconds_datum("jitter", stats.jitter));
  node.perfdata.push_back(loss_datum(stats, policy));
  for (const Phase phase : phases) {
    const auto ranges = thresholds.phases.find(phase);
    const auto average = stats.phase_averages.find(phase);
    const bool known = average != stats.phase_averages.end();
    node.perfdata.push_back(seconds_datum(std::string(phase_name(phase)),
                                          known ? std::optional<double>(average->second) : std::nullopt,
                                          ranges != thresholds.phases.end() ? &ranges->second : nullptr));
  }
  if (lifetime) node.perfdata.push_back(lifetime->datum);
  settle(node);
  return node;
}

}  // namespace smtp_ping
