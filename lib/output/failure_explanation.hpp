#pragma once

// Every failing judged reply explained (issue 15): briefly in the plugin text,
// a line for -v, and `explanation {code, enhanced, meaning, reason, hint}` in JSON.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "output/explain.hpp"
#include "smtp/dialog_record.hpp"

namespace smtp_ping {

// The explanation of the failure's reply, when the server refused (4xx/5xx).
std::optional<Explanation> failure_explanation(const Failure& failure);

// "mailbox unknown"; empty when the reason was not recognised (the reply says all we know).
std::string explanation_brief(const Explanation& explanation);

// "550 5.1.1: <meaning>; mailbox unknown: <hint>", for the long output.
std::string explanation_line(const Explanation& explanation);

// {code, enhanced, enhanced_trusted, meaning, reason, reason_key, hint}
nlohmann::json explanation_json(const Explanation& explanation);

}  // namespace smtp_ping
