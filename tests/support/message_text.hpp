#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smtp_ping::test {

// RFC 5322 text helpers for the test mailbox (CRLF text unless said otherwise).

// Bare LF and bare CR become CRLF.
std::string to_crlf(std::string_view text);
// The header section including the empty line that ends it (the whole text when there is none).
std::string_view header_section(std::string_view message);
// What follows the empty line (empty when there is none).
std::string_view body_section(std::string_view message);
// The unfolded values of every field called `name` (case-insensitive), in order.
std::vector<std::string> header_values(std::string_view message, std::string_view name);
// The fields named in `names` (or, with `exclude`, all others) as they are, plus the closing CRLF
// (IMAP BODY[HEADER.FIELDS (...)] and HEADER.FIELDS.NOT).
std::string header_fields(std::string_view message, const std::vector<std::string>& names, bool exclude);
bool contains_ignoring_case(std::string_view haystack, std::string_view needle);
bool equal_ignoring_case(std::string_view a, std::string_view b);
std::string upper_case(std::string_view text);

// POP3 (RFC 1939 §3): every line starting with "." gets one more; ends with CRLF.
std::string dot_stuffed(std::string_view crlf_text);

// A message from header fields and a body (LF or CRLF), with CRLF line ends.
std::string compose_message(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view body);

// A body whose lines look like protocol to a careless client: IMAP tagged and
// untagged replies (curl's tags A001...), literal markers, POP3's lone "."
// and "+OK", SMTP's end of data. Served correctly it arrives unchanged.
std::string protocol_like_body();

}  // namespace smtp_ping::test
