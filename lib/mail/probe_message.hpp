#pragma once

// The probe message of the mail-flow check (issue 15): what we send with DATA
// and later look for, and check, in the mailbox.

#include <cstddef>
#include <string>
#include <vector>

#include "mail/mail_message.hpp"
#include "mail/mail_time.hpp"

namespace smtp_ping {

inline constexpr char kTokenHeader[] = "X-Smtp-Ping-Token";
inline constexpr char kSentHeader[] = "X-Smtp-Ping-Sent";
inline constexpr char kDigestHeader[] = "X-Smtp-Ping-Digest";
inline constexpr std::size_t kDefaultProbeBodySize = 1024;

struct ProbeMessageSpec {
  std::string from;                     // the envelope sender, also From:
  std::vector<std::string> recipients;  // To:
  std::string token;                    // random_probe_token()
  SystemTime sent;                      // Date: and X-Smtp-Ping-Sent:
  std::size_t body_size = kDefaultProbeBodySize;
  std::string subject = "smtp-ping probe";  // the token's first 8 digits are appended
};

struct ProbeMessage {
  std::vector<HeaderField> headers;  // as sent, in order (values unfolded)
  std::string body;                  // CRLF lines
  std::string digest;                // sha256_hex(body): X-Smtp-Ping-Digest
  std::string text;                  // header section, empty line, body: CRLF throughout, not dot-stuffed
  std::string token;
};

// The headers whose arrival unchanged the integrity check requires.
const std::vector<std::string>& probe_checked_headers();

ProbeMessage compose_probe_message(const ProbeMessageSpec& spec);

// The digest the probe uses for a body: SHA-256 over the body with every line
// ending made CRLF, so a mailbox that stores LF lines does not look like an alteration.
std::string probe_body_digest(std::string_view body);

}  // namespace smtp_ping
