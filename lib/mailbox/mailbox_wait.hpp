#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "mailbox/mailbox_client.hpp"
#include "mailbox/poll_schedule.hpp"

namespace smtp_ping::mailbox {

struct WaitOutcome {
  std::optional<MessageLocation> found;
  std::size_t matches = 0;
  Clock::time_point found_search_started{};  // the delivery ended at the latest here
  Clock::time_point previous_search_started{};  // and not before here (when it was not yet found)
  Millis resolution{0};  // the time between those two: how precise the delivery time is
  int searches = 0;
  std::optional<MailboxError> error;  // a failed search (the wait ends at the first)
  bool deadline_passed = false;        // not found in time
};

// Searches `folders` for the probe until it is found, a search fails, or the
// deadline passes; between searches waits as `schedule` says (never past the
// deadline; an interruption of the deadline ends the wait at once).
WaitOutcome wait_for_probe(MailboxClient& client, const std::string& token, const std::vector<std::string>& folders,
                           const Deadline& deadline, PollSchedule schedule = PollSchedule());

}  // namespace smtp_ping::mailbox
