#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "load/load_run.hpp"
#include "options/check_config.hpp"
#include "result/check_result.hpp"

namespace smtp_ping {

// Runs and judges the check. `budget` bounds the whole call (the Zabbix
// module's item timeout); without it a series takes count x (timeout + interval)
// at most.
CheckResult run_check(const CheckConfig& config, std::optional<std::chrono::milliseconds> budget = std::nullopt);
// The same with a sink for a load run's progress (--load; other checks never call it).
CheckResult run_check(const CheckConfig& config, const LoadProgressSink& progress);
// The same without judging: `tree` stays empty. For callers that want only
// the measurements (the Zabbix key smtp.ping); judging is half of its work.
CheckResult measure_check(const CheckConfig& config, std::optional<std::chrono::milliseconds> budget = std::nullopt);

}  // namespace smtp_ping
