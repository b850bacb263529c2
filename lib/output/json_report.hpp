#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "probe/report.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// The report and its judged tree as JSON (schema 2): the schema shared by
// `check_smtp_ping --output json` and the Zabbix key smtp.check. The v1
// fields stay for one release; `checks` is the result tree, nested.
nlohmann::json report_to_json(const Report& report, const ResultNode& tree);
// A failure's fields (phase, kind, message, command, expected, reply); null without one.
nlohmann::json failure_json(const std::optional<Failure>& failure);

// A number, or null when there is none.
nlohmann::json optional_number(const std::optional<double>& value);
// A finding with its kind, fields, state and words.
nlohmann::json finding_to_json(const Finding& finding);
// A reply as {code, lines}, null when none.
nlohmann::json reply_to_json(const std::optional<Reply>& reply);
std::string render_json(const Report& report, const ResultNode& tree);

// Perfdata items as the "perfdata" field has them (label, value or null, unit, ranges, min, max).
nlohmann::json perfdata_to_json(const std::vector<PerfDatum>& perfdata);

}  // namespace smtp_ping
