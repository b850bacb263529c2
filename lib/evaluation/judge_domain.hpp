#pragma once

#include <optional>

#include "evaluation/thresholds.hpp"
#include "policy/dmarc_record.hpp"
#include "result/domain_result.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

struct DomainPolicy {
  EvaluationPolicy probe;        // each target is judged like one -H check
  bool all_must_pass = false;    // the strict worst of every target, not the redundant rule
  bool fcrdns_required = false;  // an address without matching FCrDNS is WARNING (else reported only)
  std::optional<policy::DmarcPolicy> dmarc_floor;  // --require-dmarc
};

// Judges a domain check, purely: a "domain" node whose findings are its DNS problems (null MX,
// no such domain, a failed lookup, no DNS client) and whose children are the exchanges, each
// with one child per address holding that target's probe. Aggregation::redundant on both
// levels (CRITICAL when no target can take mail, WARNING when some cannot, else the worst of
// those that can); worst_of with --all-must-pass. Perfdata: targets, targets_ok, each target's
// total as "EXCHANGE ADDRESS total". With --auth-records the "auth-records" policy node
// (evaluation/judge_auth_records) follows the exchanges. A signal makes it UNKNOWN with that finding alone.
ResultNode judge_domain(const DomainResult& result, const DomainPolicy& policy);

}  // namespace smtp_ping
