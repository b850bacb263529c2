#pragma once

#include <cstddef>
#include <string>

namespace smtp_ping {

// The smallest body probe_body() makes: every kind of line once, the long ones shortened.
inline constexpr std::size_t kMinimumProbeBodySize = 256;
// RFC 5321 §4.5.3.1.6 / RFC 5322 §2.1.1: at most 998 octets before CRLF.
inline constexpr std::size_t kMaximumLineLength = 998;

// A body of exactly `size` octets (at least kMinimumProbeBodySize) of 7-bit
// text in CRLF lines that exercises the transport: lines that start with a dot
// (a lone "." too, which ends DATA unless dot-stuffed), lines of 998 and 997
// octets, lines that look like IMAP/POP3 protocol, and plain text. No line
// starts with "From " (mbox escaping would alter it) or ends in white space
// (some transports strip it), so an honest transport delivers it unchanged.
std::string probe_body(std::size_t size);

}  // namespace smtp_ping
