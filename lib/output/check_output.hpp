#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "output/output_options.hpp"
#include "result/check_result.hpp"

namespace smtp_ping {

// The JSON of `check_smtp_ping --output json` and of the Zabbix key smtp.check
// (schema 2: the v1 fields of the last probe, and `checks`, the result tree);
// `notes` are CheckConfig::notes.
nlohmann::json check_to_json(const CheckResult& result, const std::vector<std::string>& notes = {});

// What check_smtp_ping prints for options.output and options.verbosity.
std::string render_check(const CheckResult& result, const OutputOptions& options);

}  // namespace smtp_ping
