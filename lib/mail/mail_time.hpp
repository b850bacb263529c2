#pragma once

// Timestamps as mail carries them, all to and from Unix time (UTC):
// RFC 5322 date-time (Date:, Received:), IMAP INTERNALDATE (RFC 3501), and
// the millisecond stamp of our X-Smtp-Ping-Sent header.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping {

using SystemTime = std::chrono::system_clock::time_point;

// "Tue, 01 Dec 2026 15:43:43 +0000" (RFC 5322 §3.3, always UTC).
std::string format_rfc5322_date(SystemTime time);
// RFC 5322 §3.3 date-time, with the obsolete forms of §4.3 (two- and
// three-digit years, named zones, comments): Unix seconds, or nullopt.
// Second precision: that is all the format carries.
std::optional<std::int64_t> parse_rfc5322_date(std::string_view text);

// IMAP date-time (RFC 3501): "01-Dec-2026 15:43:43 +0000", quotes optional.
std::optional<std::int64_t> parse_imap_date(std::string_view text);

// "2026-12-01T15:43:43.123Z": X-Smtp-Ping-Sent, milliseconds, UTC.
std::string format_sent_stamp(SystemTime time);
// Unix milliseconds of a format_sent_stamp() text, or nullopt.
std::optional<std::int64_t> parse_sent_stamp(std::string_view text);

// Unix seconds of a proleptic Gregorian UTC date and time; nullopt if a field is out of range.
std::optional<std::int64_t> unix_seconds(int year, int month, int day, int hour, int minute, int second);

}  // namespace smtp_ping
