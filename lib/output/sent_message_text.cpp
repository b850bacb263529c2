#include "output/sent_message_text.hpp"

#include "common/number_text.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {

std::string sent_message_text(const SentMessageFacts& message) {
  if (!message.accepted) return "message of " + std::to_string(message.payload_bytes) + " octets not accepted";
  if (!message.queue_id) return "message accepted, no queue id in the reply";
  return "message accepted, queue id " + safe_text(message.queue_id->id) + " (" + message.queue_id->form + ")";
}

std::string round_trip_text(const RoundTripRecord& record) {
  std::string text = "found in " + safe_text(record.folder) + (record.in_junk ? " (junk)" : "") + " after " +
                     std::to_string(record.searches) + " searches (resolution " +
                     number_text(to_seconds(record.resolution), 3) + "s), " + (record.intact ? "intact" : "altered");
  if (record.kept) return text + ", kept (--keep)";
  if (record.flagged_only) return text + ", flagged \\Deleted (no UIDPLUS: not expunged)";
  if (record.removed) return text + ", removed";
  return text + ", not removed: " + safe_text(record.cleanup_problem);
}

nlohmann::json sent_message_json(const SentMessageFacts& message) {
  const bool id = message.queue_id.has_value();
  return {{"token", message.token},
          {"octets", message.payload_bytes},
          {"accepted", message.accepted},
          {"queue_id", id ? nlohmann::json(safe_text(message.queue_id->id)) : nlohmann::json(nullptr)},
          {"queue_id_form", id ? nlohmann::json(message.queue_id->form) : nlohmann::json(nullptr)}};
}

}  // namespace smtp_ping
