#include "mail/mail_message.hpp"

#include <cctype>

namespace smtp_ping {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (is_blank(text.front()) || text.front() == '\r' || text.front() == '\n'))
    text.remove_prefix(1);
  while (!text.empty() && (is_blank(text.back()) || text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

// The next line of `text` from `at`, without its line ending; `at` moves past it.
std::string_view next_line(std::string_view text, std::size_t& at) {
  const std::size_t end = text.find('\n', at);
  std::string_view line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  at = end == std::string_view::npos ? text.size() : end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool valid_field_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (c <= ' ' || c > '~' || c == ':') return false;
  return true;
}

}  // namespace

bool header_name_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

const HeaderField* MailMessage::field(std::string_view name) const {
  for (const auto& header : headers)
    if (header_name_equal(header.name, name)) return &header;
  return nullptr;
}

std::vector<const HeaderField*> MailMessage::fields(std::string_view name) const {
  std::vector<const HeaderField*> found;
  for (const auto& header : headers)
    if (header_name_equal(header.name, name)) found.push_back(&header);
  return found;
}

MailMessage parse_mail_message(std::string_view text) {
  MailMessage message;
  std::size_t at = 0;
  std::string unfolded;  // the field being read, its lines joined
  bool open = false;
  auto finish_field = [&] {
    if (!open) return;
    open = false;
    const auto colon = unfolded.find(':');
    const std::string_view name = trimmed(std::string_view(unfolded).substr(0, colon));
    if (colon == std::string::npos || !valid_field_name(name) || message.headers.size() >= kMaximumHeaderFields) {
      ++message.skipped_lines;
      return;
    }
    message.headers.push_back({std::string(name), std::string(trimmed(std::string_view(unfolded).substr(colon + 1)))});
  };
  while (at < text.size()) {
    const std::string_view line = next_line(text, at);
    if (line.empty()) {
      message.has_body_separator = true;
      break;
    }
    if (is_blank(line.front()) && open) {
      unfolded += line;  // the CRLF before white space is removed, the white space kept
      continue;
    }
    finish_field();
    unfolded.assign(line);
    open = true;
  }
  finish_field();
  if (message.has_body_separator) message.body.assign(text.substr(at));
  return message;
}

}  // namespace smtp_ping
