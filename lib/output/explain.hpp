#pragma once

#include <string>
#include <string_view>

#include "evaluation/reply_reason.hpp"

namespace smtp_ping {

struct Reply;

// A failing reply explained for the admin: what the codes mean, why the
// server refused, and what to do about it. Every field is our own text (the
// enhanced code is digits and dots): nothing here needs safe_text().
struct Explanation {
  int code = 0;                   // the reply code, e.g. 550
  std::string enhanced;           // the enhanced status code as sent, e.g. "5.1.1"; empty when none
  bool enhanced_trusted = false;  // it agrees with the reply code; otherwise reported, not used
  std::string meaning;            // the codes in plain words
  ReplyReason kind = ReplyReason::unknown;
  std::string reason;             // the reason's name, e.g. "mailbox unknown"
  std::string hint;               // one line for the admin
};

// Explains a reply; classifies it with classify_reply() unless given the
// classification already made.
Explanation explain_reply(const Reply& reply);
Explanation explain_reply(const Reply& reply, ReplyClassification classification);

std::string_view reason_name(ReplyReason reason);  // "mailbox unknown"
std::string_view reason_key(ReplyReason reason);   // "mailbox_unknown": stable, for JSON and Zabbix
std::string_view reason_hint(ReplyReason reason);

}  // namespace smtp_ping
