#pragma once

#include <nlohmann/json.hpp>

#include "result/facts.hpp"

namespace smtp_ping {

// The facts of the policy checks, field by field (every answer with its DNSSEC status, every
// relay attempt with its replies). Texts made safe.
nlohmann::json spf_json(const SpfFacts& facts);
nlohmann::json dmarc_json(const DmarcFacts& facts);
nlohmann::json relay_test_json(const RelayTestRecord& relay);

}  // namespace smtp_ping
