#pragma once

// --send: the probe message the data phase sent, in words and in JSON.

#include <string>

#include <nlohmann/json.hpp>

#include "result/facts.hpp"

namespace smtp_ping {

// "message accepted, queue id 4XyZ1 (postfix)", "message accepted, no queue id in the reply",
// or "message of 1450 octets not accepted".
std::string sent_message_text(const SentMessageFacts& message);

// " found in INBOX after 7 searches (resolution 0.337s), intact, removed": the delivery line of -v.
std::string round_trip_text(const RoundTripRecord& record);

// {token, octets, accepted, queue_id, queue_id_form}
nlohmann::json sent_message_json(const SentMessageFacts& message);

}  // namespace smtp_ping
