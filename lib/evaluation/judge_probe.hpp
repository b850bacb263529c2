#pragma once

#include <optional>

#include "evaluation/thresholds.hpp"
#include "probe/report.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// The state a failure gives: timeout -> policy.timeout_state; a reply failure
// 4xx -> WARNING, 5xx -> CRITICAL (a refused greeting or STARTTLS is always
// CRITICAL); -e / -R mismatch -> WARNING; connect/resolve/closed/protocol/TLS
// -> CRITICAL; local and interrupted -> UNKNOWN.
State failure_state(const Failure& failure, const EvaluationPolicy& policy);

// Judges one probe, purely: a "probe" node with one child per phase that ran
// (its time, the reply that decided it, a threshold violation, the failure in
// it) and the probe's own findings (total time, a failure outside any phase,
// an ignored QUIT failure, the certificate's name and lifetime), with the
// perfdata. Interrupted by a signal: the Interruption alone, nothing measured.
ResultNode judge_probe(const Report& report, const EvaluationPolicy& policy);

// The CertificateNameMismatch finding (WARNING) when -H was an address and the
// certificate names neither it nor a host the server announced.
std::optional<Finding> certificate_name_finding(const Report& report);

}  // namespace smtp_ping
