#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"

namespace smtp_ping {

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
};

}  // namespace smtp_ping
