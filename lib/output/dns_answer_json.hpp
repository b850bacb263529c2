#pragma once

#include <nlohmann/json.hpp>

#include "resolver/answer.hpp"

namespace smtp_ping {

// One DNS answer, field by field: query, outcome, rcode, records (A/AAAA/PTR/MX/TXT as text),
// TTL, DNSSEC status, why bogus, error, seconds, summary. Every text made safe.
nlohmann::json dns_answer_json(const resolver::Answer& answer);

}  // namespace smtp_ping
