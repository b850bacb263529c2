#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "mail/authentication_results.hpp"
#include "mail/received_chain.hpp"

namespace smtp_ping {

// A probe of an earlier run still in the mailbox, older than --stale-after (removed unless --keep).
struct StaleProbeRecord {
  std::string folder;
  std::optional<std::int64_t> sent_ms;  // its X-Smtp-Ping-Sent, Unix milliseconds
  std::optional<std::int64_t> arrived;  // IMAP INTERNALDATE, Unix seconds (POP3 has none)
  bool removed = false;
  bool flagged_only = false;  // IMAP without UIDPLUS
};

// What the mailbox side of a round trip found (the phases delivery and fetch
// are in the Report's phases; a failure in its `failure`).
struct RoundTripRecord {
  std::string folder;                       // where the probe was found
  bool in_junk = false;
  std::chrono::milliseconds resolution{0};  // the poll interval when it was found: the delivery time's precision
  int searches = 0;
  std::optional<std::int64_t> internal_date;  // IMAP INTERNALDATE, Unix seconds
  bool intact = false;                      // digest and the headers we sent as sent
  std::vector<std::string> added_headers;   // names of the fields the transport added, in order
  bool removed = false;                     // deleted after the check
  bool flagged_only = false;                // IMAP without UIDPLUS: \Deleted set, not expunged
  bool kept = false;                        // --keep
  std::string cleanup_problem;              // why it could not be removed (raw: render safely)
  ReceivedChain received;                   // the Received: hops in transit order, second precision
  AuthenticationSummary authentication;     // the topmost Authentication-Results: spf, dkim, dmarc
  std::vector<StaleProbeRecord> stale_probes;  // earlier runs' probes found (and removed) this run
  std::string stale_problem;                // why the stale probes could not be looked for or removed (raw)
};

}  // namespace smtp_ping
