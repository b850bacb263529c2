#include "common/number_text.hpp"

#include <charconv>
#include <system_error>

namespace smtp_ping {
namespace {

template <typename... Format>
void append_chars(std::string& out, double value, Format... format) {
  char buffer[400];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, format...);
  if (error == std::errc())
    out.append(buffer, end);
  else
    out += '?';
}

}  // namespace

void append_number_text(std::string& out, double value, int decimals) {
  append_chars(out, value, std::chars_format::fixed, decimals);
}

void append_shortest_number_text(std::string& out, double value) { append_chars(out, value, std::chars_format::fixed); }

std::string number_text(double value, int decimals) {
  std::string text;
  append_number_text(text, value, decimals);
  return text;
}

std::string shortest_number_text(double value) {
  std::string text;
  append_shortest_number_text(text, value);
  return text;
}

std::string seconds_text(double seconds) { return number_text(seconds, 6) + "s"; }

}  // namespace smtp_ping
