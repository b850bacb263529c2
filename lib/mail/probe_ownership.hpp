#pragma once

// Which messages in a mailbox are smtp-ping's own probes: the only ones it
// ever removes besides the current one. A message counts as ours only when all
// of its marks are as we write them (lib/mail/probe_message): exactly one
// X-Smtp-Ping-Token of 32 lowercase hex digits, a From: whose address is our
// sender (the whole address, not a part of it), the Message-ID we derive from
// the token, and a readable X-Smtp-Ping-Sent. A message that copies some of
// them (a forwarded probe, a reply quoting its headers, another tool's header
// of a similar name) is not ours.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mail/mail_message.hpp"

namespace smtp_ping {

struct ProbeIdentity {
  std::string token;
  std::int64_t sent_ms = 0;  // X-Smtp-Ping-Sent, Unix milliseconds
};

// The probe's identity when `headers` are those of a probe sent as `sender`; nullopt otherwise.
std::optional<ProbeIdentity> identify_own_probe(const MailMessage& headers, std::string_view sender);

// The address in a From: value: "a@b", "<a@b>" or "Name <a@b>"; empty for anything else (a list, a group).
std::string from_address(std::string_view value);

}  // namespace smtp_ping
