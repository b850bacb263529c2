#pragma once

#include <chrono>
#include <string>

namespace smtp_ping {

// Locale-independent fixed-point text: number_text(0.0042, 3) == "0.004".
std::string number_text(double value, int decimals);
// The shortest exact fixed-point text: 0.01 -> "0.01", 2 -> "2".
std::string shortest_number_text(double value);
// The same two, appended to `out` (no temporary string).
void append_number_text(std::string& out, double value, int decimals);
void append_shortest_number_text(std::string& out, double value);

// Seconds as output shows them: "0.004200s".
std::string seconds_text(double seconds);
// A configured timeout: "2.000s".
inline std::string timeout_text(std::chrono::milliseconds timeout) {
  return number_text(static_cast<double>(timeout.count()) / 1000.0, 3) + "s";
}

}  // namespace smtp_ping
