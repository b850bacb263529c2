#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "evaluation/verdict.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// The whole report and its verdict as JSON: the schema shared by
// `check_smtp_ping --output json` and the Zabbix key smtp.check.
nlohmann::json report_to_json(const Report& report, const Verdict& verdict);
// A failure's fields (phase, kind, message, command, expected, reply); null without one.
nlohmann::json failure_json(const std::optional<Failure>& failure);
std::string render_json(const Report& report, const Verdict& verdict);

}  // namespace smtp_ping
