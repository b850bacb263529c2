#pragma once

#include <nlohmann/json.hpp>

#include "result/result_node.hpp"

namespace smtp_ping {

// A DANE, MTA-STS or TLS-RPT finding field by field (its words are added by the caller).
nlohmann::json tls_policy_finding_json(const TlsPolicyFinding& finding);

// A policy node's facts field by field.
nlohmann::json tls_policy_facts_json(const TlsPolicyFacts& facts);

// The domain's policy nodes (ResultNode::policy): name, state, findings with words and fields,
// facts, children (DANE: one per exchange).
nlohmann::json tls_policies_json(const ResultNode& domain);

// {"dane": 0, "mta_sts": 2, "tls_rpt": 0}: each policy node's status (0-3), for monitoring
// items that read one number; only the policies checked.
nlohmann::json tls_policy_status_json(const ResultNode& domain);

}  // namespace smtp_ping
