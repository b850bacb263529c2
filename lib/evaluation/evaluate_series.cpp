#include "evaluation/evaluate_series.hpp"

#include <algorithm>

#include "common/number_text.hpp"
#include "evaluation/certificate_lifetime.hpp"
#include "evaluation/evaluate.hpp"
#include "evaluation/threshold_check.hpp"
#include "output/describe.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

struct Judged {
  State state = State::ok;
  std::string note;  // why, for the summary; empty when OK
};

Judged judge_value(const RangePair& ranges, double value, const std::string& subject) {
  const auto violation = check_thresholds(ranges, subject, value);
  if (!violation) return {};
  return {violation->state, violation_text(*violation)};
}

Judged judge_loss(const SeriesStats& stats, const EvaluationPolicy& policy) {
  const std::string loss = number_text(stats.loss_percent, 0) + "% loss";
  if (stats.answered == 0) return {State::critical, "no probe answered"};
  if (policy.loss_critical && stats.loss_percent >= *policy.loss_critical)
    return {State::critical, loss + " >= " + number_text(*policy.loss_critical, 0) + "%"};
  if (policy.loss_warning && stats.loss_percent >= *policy.loss_warning)
    return {State::warning, loss + " >= " + number_text(*policy.loss_warning, 0) + "%"};
  return {};
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

void add(Verdict& verdict, const Judged& judged, std::vector<std::string>& notes) {
  verdict.state = worse(verdict.state, judged.state);
  if (!judged.note.empty()) notes.push_back(judged.note);
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

}  // namespace

Verdict evaluate_series(const std::vector<Report>& reports, const SeriesStats& stats, const EvaluationPolicy& policy) {
  Verdict verdict;
  if (reports.empty()) {
    verdict.state = State::unknown;
    verdict.summary = "no probe ran";
    return verdict;
  }
  std::vector<std::string> notes;
  const Thresholds& thresholds = policy.thresholds;

  add(verdict, judge_loss(stats, policy), notes);
  if (stats.rta) add(verdict, judge_value(thresholds.total, *stats.rta, "rta"), notes);
  for (const auto& [phase, average] : stats.phase_averages) {
    const auto ranges = thresholds.phases.find(phase);
    if (ranges != thresholds.phases.end())
      add(verdict, judge_value(ranges->second, average, std::string(phase_name(phase)) + " avg"), notes);
  }

  const auto lifetime = judge_certificate_lifetime(reports.front().target.tls, earliest_certificate(reports), thresholds);
  if (lifetime && lifetime->state != State::ok) add(verdict, {lifetime->state, lifetime->note}, notes);
  std::optional<Subcheck> name_warning;
  for (const auto& report : reports)
    if (!name_warning) name_warning = certificate_name_warning(report);
  if (name_warning) add(verdict, {name_warning->state, name_warning->text}, notes);

  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (!reports[i].failure) continue;
    const Verdict single = evaluate(reports[i], policy);
    const bool lost = is_loss(reports[i]);
    // A lost probe counts through the loss thresholds; any other failure is a verdict of its own.
    const State state = lost ? State::ok : single.state;
    verdict.details.push_back({lost ? State::ok : single.state,
                               "probe " + std::to_string(i + 1) + (lost ? " lost: " : " failed: ") + single.summary});
    if (!lost && notes.size() < 3) notes.push_back("probe " + std::to_string(i + 1) + ": " + single.summary);
    verdict.state = worse(verdict.state, state);
  }

  std::string summary = target_text(reports.front().target) + ": " + std::to_string(stats.sent) + " probes, " +
                        number_text(stats.loss_percent, 0) + "% loss";
  if (stats.rta) summary += ", rta " + seconds_text(*stats.rta);
  for (const auto& note : notes) summary += ", " + note;
  verdict.summary = summary;

  if (stats.rta)
    verdict.details.insert(verdict.details.begin(),
                           {State::ok, "rta " + seconds_text(*stats.rta) + " min " + seconds_text(*stats.rtmin) +
                                           " max " + seconds_text(*stats.rtmax) + " jitter " +
                                           seconds_text(*stats.jitter)});
  // The same labels whether probes answered or not ("U").
  verdict.perfdata.push_back(seconds_datum("rta", stats.rta, &thresholds.total));
  verdict.perfdata.push_back(seconds_datum("rtmin", stats.rtmin));
  verdict.perfdata.push_back(seconds_datum("rtmax", stats.rtmax));
  verdict.perfdata.push_back(seconds_datum("jitter", stats.jitter));
  verdict.perfdata.push_back(loss_datum(stats, policy));
  for (const Phase phase : averaged_phases(reports, stats)) {
    const auto ranges = thresholds.phases.find(phase);
    const auto average = stats.phase_averages.find(phase);
    const bool known = average != stats.phase_averages.end();
    verdict.perfdata.push_back(seconds_datum(std::string(phase_name(phase)),
                                             known ? std::optional<double>(average->second) : std::nullopt,
                                             ranges != thresholds.phases.end() ? &ranges->second : nullptr));
    if (known)
      verdict.details.push_back({State::ok, std::string(phase_name(phase)) + " avg " + seconds_text(average->second)});
  }
  if (lifetime) {
    verdict.perfdata.push_back(lifetime->datum);
    if (lifetime->state != State::ok) verdict.details.push_back({lifetime->state, lifetime->note});
  }
  if (name_warning) verdict.details.push_back(*name_warning);
  return verdict;
}

}  // namespace smtp_ping
