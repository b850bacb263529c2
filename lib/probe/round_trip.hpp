#pragma once

#include "common/deadline.hpp"
#include "probe/report.hpp"
#include "probe/round_trip_options.hpp"

namespace smtp_ping {

// --mailbox, after the dialog accepted the probe message: within the check's
// one deadline, wait for it in the mailbox (phase delivery, from the final DATA
// reply to the search that found it), fetch it (phase fetch), check it arrived
// as sent, and remove it unless --keep. Records phases, the RoundTripRecord
// and the first failure (not delivered, altered, junk, a mailbox error) in
// `report`. Loads smtp-ping-curl.so on first use; never throws, never prints.
void run_round_trip(const RoundTripOptions& options, const Deadline& deadline, Clock::time_point check_start,
                    Report& report);

}  // namespace smtp_ping
