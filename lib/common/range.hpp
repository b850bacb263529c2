#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping {

// A Nagios threshold range, [@]start:end (Monitoring Plugins guidelines).
// Alerts when a value lies outside [start, end], or inside it with '@'.
struct Range {
  double start = 0;            // -infinity for '~'
  double end = 0;              // +infinity when empty
  bool inside = false;         // '@'
  std::string text;            // as given, for messages and perfdata

  bool alerts(double value) const;
  // The range as perfdata wants it: a plain number when it is "0:N" (so Icinga 2
  // keeps it), else the range text.
  std::string perfdata_text() const;
};

// Parses "10", "10:", "~:10", "10:20", "@10:20". Returns nullopt and sets *error
// for empty text, garbage, or start > end.
std::optional<Range> parse_range(std::string_view text, std::string* error = nullptr);

}  // namespace smtp_ping
