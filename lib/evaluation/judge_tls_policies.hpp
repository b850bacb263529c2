#pragma once

#include <vector>

#include "result/domain_result.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// Judges the domain's TLS policies, purely, into nodes beside its exchanges (ResultNode::policy):
//   "dane"    one child per exchange: the TLSA set (bogus, failed: CRITICAL; none, insecure,
//             unusable: "no DANE", OK or CRITICAL with --require-dane) and each address's
//             DANE handshake (the record that matched: OK; no match, no handshake: CRITICAL),
//             rollover readiness reported;
//   "mta-sts" the record, the fetch, the policy, every MX against its patterns and its
//             certificate (enforce: CRITICAL, testing: WARNING); a broken publication is
//             WARNING, no policy OK (both CRITICAL with --require-mta-sts);
//   "tls-rpt" the _smtp._tls record (missing: OK or CRITICAL with --require-tls-rpt; several
//             or malformed: WARNING).
// Only the policies asked for; none after a signal.
std::vector<ResultNode> judge_tls_policies(const DomainResult& result);

}  // namespace smtp_ping
