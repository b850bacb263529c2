#pragma once

#include <string>
#include <string_view>

namespace smtp_ping {

// What follows a 354 reply (RFC 5321 §4.5.2): the message in CRLF lines (a
// bare CR or LF becomes CRLF), every line that starts with "." given one more,
// a final CRLF if the message lacks one, then the terminating ".\r\n".
std::string data_payload(std::string_view message);

// The message a data_payload() carries: the terminating line removed and one
// leading dot taken from each line that has one. For tests and fuzzing.
std::string undo_dot_stuffing(std::string_view payload);

}  // namespace smtp_ping
