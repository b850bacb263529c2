#pragma once

// --send: the probe message the data phase sent, in words and in JSON.

#include <string>

#include <nlohmann/json.hpp>

#include "result/facts.hpp"

namespace smtp_ping {

// "message accepted, queue id 4XyZ1 (postfix)", "message accepted, no queue id in the reply",
// or "message of 1450 octets not accepted".
std::string sent_message_text(const SentMessageFacts& message);

// {token, octets, accepted, queue_id, queue_id_form}
nlohmann::json sent_message_json(const SentMessageFacts& message);

}  // namespace smtp_ping
