#include "output/check_output.hpp"

#include <algorithm>

#include "common/number_text.hpp"
#include "output/describe.hpp"
#include "output/json_report.hpp"
#include "output/json_text.hpp"
#include "output/plugin_output.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

std::string milliseconds_text(Clock::duration elapsed) { return number_text(to_seconds(elapsed) * 1000.0, 3) + "ms"; }

// One line per probe, like ping: "seq=3 connect=0.300ms banner=1.200ms ... total=2.400ms".
std::string probe_lines(const std::vector<Report>& reports) {
  std::string out = "probes:\n";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const Report& report = reports[i];
    out += "  seq=" + std::to_string(i + 1);
    for (const auto& timing : report.phases)
      out += " " + std::string(phase_name(timing.phase)) + "=" + milliseconds_text(timing.elapsed);
    out += " total=" + milliseconds_text(report.total);
    if (report.failure)
      out += (is_loss(report) ? " lost: " : " failed: ") + std::string(phase_name(report.failure->phase)) + " " +
             safe_text(report.failure->message, 200);
    out += "\n";
  }
  return out;
}

nlohmann::json series_json(const CheckResult& result) {
  const SeriesStats& stats = *result.series;
  nlohmann::json averages = nlohmann::json::object();
  for (const auto& [phase, average] : stats.phase_averages) averages[std::string(phase_name(phase))] = average;
  nlohmann::json probes = nlohmann::json::array();
  for (std::size_t i = 0; i < result.reports.size(); ++i) {
    const Report& report = result.reports[i];
    nlohmann::json probe = {{"seq", i + 1}, {"total", to_seconds(report.total)}, {"lost", is_loss(report)}};
    probe["error"] = failure_json(report.failure);
    probes.push_back(probe);
  }
  return {{"sent", stats.sent},          {"answered", stats.answered},   {"failed", stats.failed},
          {"loss_percent", stats.loss_percent}, {"rta", optional_number(stats.rta)},
          {"rtmin", optional_number(stats.rtmin)}, {"rtmax", optional_number(stats.rtmax)},
          {"jitter", optional_number(stats.jitter)}, {"phase_averages", averages}, {"probes", probes}};
}

}  // namespace

nlohmann::json check_to_json(const CheckResult& result, const std::vector<std::string>& notes) {
  static const Report kNoProbe;
  nlohmann::json json = report_to_json(result.reports.empty() ? kNoProbe : result.reports.back(), result.tree);
  json["series"] = result.series ? series_json(result) : nlohmann::json(nullptr);
  nlohmann::json safe_notes = nlohmann::json::array();
  for (const auto& note : notes) safe_notes.push_back(safe_text(note, 1024));
  json["notes"] = safe_notes;
  return json;
}

std::string render_check(const CheckResult& result, const OutputOptions& options) {
  if (options.omit_unreached_perfdata) {
    CheckResult pruned = result;
    drop_undetermined_perfdata(pruned.tree);
    OutputOptions as_is = options;
    as_is.omit_unreached_perfdata = false;
    return render_check(pruned, as_is);
  }
  if (options.output == OutputFormat::json) return json_text(check_to_json(result, options.notes)) + "\n";
  const Verdict verdict = describe(result.tree);
  static const Report kNoProbe;
  const Report& last = result.reports.empty() ? kNoProbe : result.reports.back();
  if (!result.series) return render_plugin_output(last, verdict, options.verbosity, options.notes);
  // In a series, -v shows the last probe's dialog and -vv adds one line per probe.
  std::string text = render_plugin_output(last, verdict, std::min(options.verbosity, 1), options.notes);
  if (options.verbosity >= 2) text += probe_lines(result.reports);
  return text;
}

}  // namespace smtp_ping
