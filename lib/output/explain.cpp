#include "output/explain.hpp"

#include "output/status_meaning.hpp"
#include "smtp/enhanced_status.hpp"
#include "smtp/reply.hpp"

namespace smtp_ping {
namespace {

struct ReasonWords {
  ReplyReason reason;
  std::string_view key;
  std::string_view name;
  std::string_view hint;
};

constexpr ReasonWords kReasonWords[] = {
    {ReplyReason::unknown, "unknown", "unrecognised reason",
     "read the server's text, and its log at the time of the check"},
    {ReplyReason::greylisted, "greylisted", "greylisted",
     "temporary by design; a real sender retries: raise the check interval or whitelist the probe's address and sender"},
    {ReplyReason::rate_limited, "rate_limited", "rate limited",
     "the server throttles this client: check less often, or exempt the probe's address from the limit"},
    {ReplyReason::blocked_listed, "blocked_listed", "blocked (blocklist or reputation)",
     "the probe's address (or sender domain) is listed or has a poor reputation: look it up in the list named, "
     "request delisting, or exempt it"},
    {ReplyReason::authentication_failed, "authentication_failed", "authentication failed",
     "check the user name, the password or token and the mechanism; the account may be locked or disabled"},
    {ReplyReason::authentication_required, "authentication_required", "authentication required",
     "the server wants AUTH before this command: give the check credentials, or run it from an address the server trusts"},
    {ReplyReason::tls_required, "tls_required", "TLS required",
     "the server wants encryption first: check with STARTTLS or implicit TLS"},
    {ReplyReason::mailbox_unknown, "mailbox_unknown", "mailbox unknown",
     "the recipient does not exist on this server: fix the recipient, or create the address for the probe"},
    {ReplyReason::mailbox_full, "mailbox_full", "mailbox full",
     "the recipient is over quota: empty the probe mailbox or raise its quota"},
    {ReplyReason::mailbox_disabled, "mailbox_disabled", "mailbox disabled",
     "the recipient exists but takes no mail: re-enable the mailbox or probe another address"},
    {ReplyReason::relay_denied, "relay_denied", "relay denied",
     "the server does not relay for this client: probe a recipient in a domain it serves, or authenticate, "
     "or allow the probe's address to relay"},
    {ReplyReason::message_too_big, "message_too_big", "message too big",
     "the message exceeds a size limit: send a smaller probe message or raise the server's limit"},
    {ReplyReason::policy_rejection, "policy_rejection", "policy or spam rejection",
     "a content or policy filter refused it (spam, virus, local rule): see the filter's log and exempt the probe"},
    {ReplyReason::sender_rejected, "sender_rejected", "sender rejected",
     "the envelope sender is refused: use an existing sender address whose domain passes SPF, DKIM and DMARC "
     "for this host"},
    {ReplyReason::syntax_error, "syntax_error", "syntax error",
     "the server did not accept the command as sent: check the addresses, the HELO name and custom commands"},
    {ReplyReason::service_unavailable, "service_unavailable", "service unavailable",
     "the server takes no mail now (shutting down, overloaded, maintenance): check its state and log"},
    {ReplyReason::temporary_local_error, "temporary_local_error", "temporary server error",
     "the server has a transient problem of its own (disk, configuration, lookup): see its log at the time of the check"},
};

const ReasonWords& words_for(ReplyReason reason) {
  for (const auto& words : kReasonWords)
    if (words.reason == reason) return words;
  return kReasonWords[0];
}

std::string meaning_of(const Reply& reply, const ReplyStatus& status) {
  if (status.consistent) return enhanced_status_meaning(*status.sent);
  std::string meaning = reply_code_meaning(reply.code);
  if (status.sent)
    meaning += " (the enhanced code " + status.sent->text() + " contradicts the reply code and is not used)";
  return meaning;
}

}  // namespace

std::string_view reason_name(ReplyReason reason) { return words_for(reason).name; }
std::string_view reason_key(ReplyReason reason) { return words_for(reason).key; }
std::string_view reason_hint(ReplyReason reason) { return words_for(reason).hint; }

Explanation explain_reply(const Reply& reply) { return explain_reply(reply, classify_reply(reply)); }

Explanation explain_reply(const Reply& reply, ReplyClassification classification) {
  const ReplyStatus status = reply_status(reply);
  Explanation explanation;
  explanation.code = reply.code;
  if (status.sent) explanation.enhanced = status.sent->text();
  explanation.enhanced_trusted = status.consistent;
  explanation.meaning = meaning_of(reply, status);
  explanation.kind = classification.reason;
  explanation.reason = std::string(reason_name(classification.reason));
  explanation.hint = std::string(reason_hint(classification.reason));
  return explanation;
}

}  // namespace smtp_ping
