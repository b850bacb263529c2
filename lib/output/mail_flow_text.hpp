#pragma once

// --mailbox: what the delivered probe's headers say (the Received: hops, the
// Authentication-Results, the fields added in transit) and earlier runs'
// probes, in words and in JSON.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "probe/round_trip_record.hpp"
#include "result/findings.hpp"

namespace smtp_ping {

// "probe of 2026-12-01T15:43:43.123Z arrived after 412s (second precision), removed"
std::string late_probe_text(const LateProbe& late);
// "Authentication-Results dkim=fail, required pass"
std::string authentication_shortfall_text(const AuthenticationShortfall& shortfall);

// The -v section "mail flow:" of a round trip: the hops with their delays and the
// authentication results; at -vv also the header fields the transport added.
void add_mail_flow_lines(const RoundTripRecord& record, int verbosity, std::vector<std::string>& lines);

// round_trip.received {hops: [{from, by, with, id, time, delay, clock_skew}], total, precision}
nlohmann::json received_chain_json(const ReceivedChain& chain);
// round_trip.authentication {authserv_id, spf, dkim, dmarc, results: [{method, result, reason}]}
nlohmann::json authentication_json(const AuthenticationSummary& summary);
// round_trip.stale_probes [{folder, sent, arrived, after_seconds, removed, flagged_only}]
nlohmann::json stale_probes_json(const std::vector<StaleProbeRecord>& probes);

}  // namespace smtp_ping
