#include "smtp/enhanced_status.hpp"

#include "smtp/reply.hpp"

namespace smtp_ping {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Reads 1 to 3 digits at `at` into `value`; returns the position after them,
// or npos when there are none or more than three.
std::size_t read_number(std::string_view text, std::size_t at, int& value) {
  const std::size_t start = at;
  value = 0;
  while (at < text.size() && is_digit(text[at])) {
    if (at - start == 3) return std::string_view::npos;
    value = value * 10 + (text[at] - '0');
    ++at;
  }
  return at == start ? std::string_view::npos : at;
}

struct Parsed {
  EnhancedStatus status;
  std::size_t end = 0;  // just after the code
};

std::optional<Parsed> parse_code(std::string_view text) {
  if (text.size() < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.')
    return std::nullopt;
  Parsed parsed;
  parsed.status.klass = text[0] - '0';
  std::size_t at = read_number(text, 2, parsed.status.subject);
  if (at == std::string_view::npos || at >= text.size() || text[at] != '.') return std::nullopt;
  at = read_number(text, at + 1, parsed.status.detail);
  if (at == std::string_view::npos) return std::nullopt;
  if (at < text.size() && !is_blank(text[at])) return std::nullopt;
  parsed.end = at;
  return parsed;
}

}  // namespace

std::string EnhancedStatus::text() const {
  return std::to_string(klass) + '.' + std::to_string(subject) + '.' + std::to_string(detail);
}

std::optional<EnhancedStatus> parse_enhanced_status(std::string_view text) {
  const auto parsed = parse_code(text);
  if (!parsed) return std::nullopt;
  return parsed->status;
}

std::size_t enhanced_status_length(std::string_view text) {
  const auto parsed = parse_code(text);
  if (!parsed) return 0;
  std::size_t at = parsed->end;
  while (at < text.size() && is_blank(text[at])) ++at;
  return at;
}

ReplyStatus reply_status(int reply_code, std::string_view first_line_text) {
  ReplyStatus status;
  status.sent = parse_enhanced_status(first_line_text);
  status.consistent = status.sent && status.sent->klass == reply_code / 100;
  return status;
}

ReplyStatus reply_status(const Reply& reply) {
  if (reply.lines.empty()) return {};
  return reply_status(reply.code, reply.lines.front());
}

}  // namespace smtp_ping
