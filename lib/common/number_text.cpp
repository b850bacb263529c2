#include "common/number_text.hpp"

#include <charconv>
#include <system_error>

namespace smtp_ping {

std::string number_text(double value, int decimals) {
  char buffer[400];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  return error == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string shortest_number_text(double value) {
  char buffer[400];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return error == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string seconds_text(double seconds) { return number_text(seconds, 6) + "s"; }

}  // namespace smtp_ping
