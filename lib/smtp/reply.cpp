#include "smtp/reply.hpp"

namespace smtp_ping {

std::string Reply::raw() const {
  std::string out;
  const std::string code_text = std::to_string(code);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += code_text;
    out += (i + 1 == lines.size()) ? ' ' : '-';
    out += lines[i];
  }
  if (lines.empty()) out = code_text;
  return out;
}

std::string Reply::text() const {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out += ' ';
    out += line;
  }
  return out;
}

std::optional<ReplyLine> parse_reply_line(std::string_view line, std::string* error) {
  auto fail = [&](const char* why) -> std::optional<ReplyLine> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (line.size() < 3) return fail("reply line shorter than a three-digit code");
  for (std::size_t i = 0; i < 3; ++i)
    if (line[i] < '0' || line[i] > '9') return fail("reply line does not start with a three-digit code");
  if (line[0] < '2' || line[0] > '5') return fail("reply code outside 2xx-5xx");
  ReplyLine parsed;
  parsed.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  if (line.size() == 3) {
    parsed.last = true;
    return parsed;
  }
  if (line[3] == ' ')
    parsed.last = true;
  else if (line[3] != '-')
    return fail("reply code not followed by ' ' or '-'");
  parsed.text.assign(line.substr(4));
  return parsed;
}

}  // namespace smtp_ping
