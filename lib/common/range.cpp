#include "common/range.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace smtp_ping {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Locale-independent: std::from_chars never looks at LC_NUMERIC.
std::optional<double> parse_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.front() == '+') return std::nullopt;
  double value = 0;
  const char* const last = text.data() + text.size();
  const auto [end, error] = std::from_chars(text.data(), last, value);
  if (error != std::errc() || end != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<Range> fail(std::string* error, std::string_view text, const char* why) {
  if (error) *error = "invalid range '" + std::string(text) + "': " + why;
  return std::nullopt;
}

std::string shortest_fixed(double value) {
  char buffer[400];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (error != std::errc()) return {};
  return std::string(buffer, end);
}

}  // namespace

bool Range::alerts(double value) const {
  const bool within = value >= start && value <= end;
  return inside ? within : !within;
}

std::string Range::perfdata_text() const {
  if (!inside && start == 0 && std::isfinite(end)) return shortest_fixed(end);
  return text;
}

std::optional<Range> parse_range(std::string_view text, std::string* error) {
  if (text.empty()) return fail(error, text, "empty");
  Range range;
  range.text = std::string(text);
  std::string_view rest = text;
  if (rest.front() == '@') {
    range.inside = true;
    rest.remove_prefix(1);
  }
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) {
    const auto end = parse_number(rest);
    if (!end) return fail(error, text, "not a number");
    range.end = *end;
  } else {
    const std::string_view start_text = rest.substr(0, colon);
    const std::string_view end_text = rest.substr(colon + 1);
    if (start_text.empty() && end_text.empty()) return fail(error, text, "no bounds");
    if (start_text == "~") {
      range.start = -kInfinity;
    } else if (!start_text.empty()) {  // ":10" means "0:10", as in monitoring-plugins
      const auto start = parse_number(start_text);
      if (!start) return fail(error, text, "start is not a number");
      range.start = *start;
    }
    if (end_text.empty()) {
      range.end = kInfinity;
    } else {
      const auto end = parse_number(end_text);
      if (!end) return fail(error, text, "end is not a number");
      range.end = *end;
    }
  }
  if (range.start > range.end) return fail(error, text, "start is greater than end");
  return range;
}

}  // namespace smtp_ping
