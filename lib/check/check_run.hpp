#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "evaluation/series_stats.hpp"
#include "evaluation/verdict.hpp"
#include "options/check_config.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// One check as a front-end asks for it: a single probe, or a series (-n).
struct CheckResult {
  std::vector<Report> reports;        // one per probe run, in order
  std::optional<SeriesStats> series;  // set in series mode
  std::string interrupted_between;    // a signal between two probes of a series ("interrupted by SIGTERM")
  Verdict verdict;
};

// Runs and judges the check. `budget` bounds the whole call (the Zabbix
// module's item timeout); without it a series takes count x (timeout + interval)
// at most.
CheckResult run_check(const CheckConfig& config, std::optional<std::chrono::milliseconds> budget = std::nullopt);
// The same without judging: `verdict` stays empty. For callers that want only
// the measurements (the Zabbix key smtp.ping); judging is half of its work.
CheckResult measure_check(const CheckConfig& config, std::optional<std::chrono::milliseconds> budget = std::nullopt);

// The JSON of `check_smtp_ping --output json` and of the Zabbix key smtp.check;
// `notes` are CheckConfig::notes.
nlohmann::json check_to_json(const CheckResult& result, const std::vector<std::string>& notes = {});

// What check_smtp_ping prints for config.output and config.verbosity.
std::string render_check(const CheckResult& result, const CheckConfig& config);

}  // namespace smtp_ping
