#pragma once

#include <optional>

#include "policy/auth_records.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// Judges a domain's SPF and DMARC records, purely: an "auth-records" node (a policy node:
// beside the domain's exchanges, never an alternative to them) with children "spf" and
// "dmarc", each with its facts (every answer and its DNSSEC status) and findings. Missing,
// several, broken, a failed lookup, over 10 DNS-querying SPF terms or 2 void lookups, an
// include/redirect target that is missing, broken or a loop: WARNING. `dmarc_floor`
// (--require-dmarc): a DMARC policy below it, applied to less than 100 %, or no usable record
// is CRITICAL.
ResultNode judge_auth_records(const policy::AuthRecords& records, std::optional<policy::DmarcPolicy> dmarc_floor);

}  // namespace smtp_ping
