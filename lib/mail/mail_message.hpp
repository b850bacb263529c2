#pragma once

// An Internet message (RFC 5322) split into its header fields and its body.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping {

struct HeaderField {
  std::string name;   // as written
  std::string value;  // unfolded (RFC 5322 §2.2.3), leading and trailing white space removed
  bool operator==(const HeaderField& other) const { return name == other.name && value == other.value; }
};

struct MailMessage {
  std::vector<HeaderField> headers;  // in message order
  std::string body;                  // after the empty line, line endings as received
  bool has_body_separator = false;   // an empty line ended the header section
  std::size_t skipped_lines = 0;     // header lines that were no field (no colon, or past the limit)

  // The first field named `name` (case-insensitive), or null.
  const HeaderField* field(std::string_view name) const;
  std::vector<const HeaderField*> fields(std::string_view name) const;
};

inline constexpr std::size_t kMaximumHeaderFields = 1000;

// Splits at the first empty line (CRLF or bare LF); unfolds continuation lines.
// Lines without a colon (or beyond kMaximumHeaderFields) are skipped and
// counted. Never fails: a text without an empty line is all header.
MailMessage parse_mail_message(std::string_view text);

bool header_name_equal(std::string_view a, std::string_view b);

}  // namespace smtp_ping
