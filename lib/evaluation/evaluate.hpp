#pragma once

#include <optional>
#include <string>

#include "evaluation/thresholds.hpp"
#include "evaluation/verdict.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// Pure: the same report and policy give the same verdict.
//  - A failure decides first: timeout -> policy.timeout_state; a reply failure
//    4xx -> WARNING, 5xx -> CRITICAL (a non-2xx greeting is always CRITICAL);
//    -e / -R mismatch -> WARNING; connect/resolve/closed/protocol/TLS -> CRITICAL;
//    local -> UNKNOWN.
//  - Then thresholds on total and per-phase times (critical before warning).
//  - Interrupted (a signal): UNKNOWN, "interrupted by SIGTERM during <phase>", nothing else.
Verdict evaluate(const Report& report, const EvaluationPolicy& policy);

// WARNING when -H was an address and the certificate names neither it nor the
// host the server announced (TlsFacts::name_mismatch); nullopt otherwise.
std::optional<Subcheck> certificate_name_warning(const Report& report);

// UNKNOWN with `what` as the whole summary: a check a signal ended.
Verdict interrupted_verdict(const std::string& what);

// "host:port", "[2001:db8::1]:25" or the socket path, made safe for output.
std::string target_text(const Target& target);

}  // namespace smtp_ping
