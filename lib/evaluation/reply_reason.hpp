#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "smtp/enhanced_status.hpp"

namespace smtp_ping {

struct Reply;

// Why a server refused: what an admin needs to know first about a failing
// reply. Where each is recognised from is in docs/replies.md.
enum class ReplyReason {
  unknown,
  greylisted,               // temporary by design, until the client retries
  rate_limited,             // too many connections, messages or recipients
  blocked_listed,           // the client's address is on a DNS blocklist or has a bad reputation
  authentication_failed,    // AUTH refused: credentials, mechanism, account
  authentication_required,  // the command needs AUTH first
  tls_required,             // the command needs STARTTLS (or a TLS layer) first
  mailbox_unknown,          // no such recipient (or recipient domain)
  mailbox_full,             // the recipient is over quota
  mailbox_disabled,         // the recipient exists but takes no mail
  relay_denied,             // the server will not relay to that recipient for this client
  message_too_big,          // over a size limit
  policy_rejection,         // spam, content or local policy
  sender_rejected,          // the envelope sender (or its SPF/DKIM/DMARC) is refused
  syntax_error,             // the command or an address was malformed or out of sequence
  service_unavailable,      // the server does not take mail now (shutting down, 421)
  temporary_local_error,    // the server has a transient problem of its own
};

// What the reason was recognised from.
enum class ReasonBasis {
  none,           // nothing recognised (reason unknown), or a positive reply
  enhanced_code,  // the enhanced status code (RFC 3463 / IANA registry)
  text,           // the words of the reply (a known server's text)
  reply_code,     // the three-digit reply code alone
};

struct ReplyClassification {
  ReplyReason reason = ReplyReason::unknown;
  ReasonBasis basis = ReasonBasis::none;
};

// Only this much of a reply's text (after the enhanced codes at the start of
// its lines are taken off, and runs of blanks and control characters are
// folded into one space) is searched: real replies are far shorter (RFC 5321
// 4.5.3.1.5: 512 octets a line), and the work stays bounded on hostile ones.
inline constexpr std::size_t kReasonTextLimit = 4096;

// Classifies a failing reply (4xx/5xx) by its code, its enhanced status code
// when that agrees with the code (ReplyStatus::trusted), and its text. Pure;
// case-insensitive; the text may hold any bytes. A positive reply is unknown.
ReplyClassification classify_reply(const Reply& reply);
ReplyClassification classify_reply(int code, std::optional<EnhancedStatus> trusted_status, std::string_view text);

}  // namespace smtp_ping
