#pragma once

// Did the probe arrive as sent? The body by its digest (and, when it differs,
// the first line that does), the headers we sent by their unfolded values;
// the headers the way added are listed, never held against the transport.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mail/mail_message.hpp"
#include "mail/probe_message.hpp"

namespace smtp_ping {

struct LineDifference {
  std::size_t line = 0;            // 1-based, in the body
  std::optional<std::string> sent;      // nullopt: the received body has more lines
  std::optional<std::string> received;  // nullopt: the received body ended before this line
};

struct HeaderDifference {
  std::string name;
  std::string sent;
  std::optional<std::string> received;  // nullopt: missing
};

struct IntegrityReport {
  std::string sent_digest;
  std::string received_digest;                 // probe_body_digest() of the received body
  std::optional<LineDifference> first_difference;  // set when the digests differ
  std::vector<HeaderDifference> changed_headers;   // of probe_checked_headers(), in that order
  std::vector<HeaderField> added_headers;          // present on arrival, not sent (Received:, ...)
  bool body_intact() const { return sent_digest == received_digest; }
  bool intact() const { return body_intact() && changed_headers.empty(); }
};

// Lines of the first difference are cut to this many octets.
inline constexpr std::size_t kDifferenceLineLimit = 200;

IntegrityReport check_integrity(const ProbeMessage& sent, const MailMessage& received);

}  // namespace smtp_ping
