#include "mail/message_integrity.hpp"

#include <string_view>

namespace smtp_ping {
namespace {

// The lines of a body, line endings removed (CRLF or bare LF); no empty last piece.
std::vector<std::string_view> body_lines(std::string_view body) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    std::string_view line = body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string cut(std::string_view line) { return std::string(line.substr(0, kDifferenceLineLimit)); }

std::optional<LineDifference> first_difference(std::string_view sent, std::string_view received) {
  const auto sent_lines = body_lines(sent);
  const auto received_lines = body_lines(received);
  const std::size_t common = std::min(sent_lines.size(), received_lines.size());
  for (std::size_t i = 0; i < common; ++i)
    if (sent_lines[i] != received_lines[i]) return LineDifference{i + 1, cut(sent_lines[i]), cut(received_lines[i])};
  if (sent_lines.size() > common) return LineDifference{common + 1, cut(sent_lines[common]), std::nullopt};
  if (received_lines.size() > common) return LineDifference{common + 1, std::nullopt, cut(received_lines[common])};
  // Same lines, different bytes: a line ending (a bare CR inside a line, a missing last CRLF).
  return LineDifference{sent_lines.empty() ? 1 : sent_lines.size(), std::nullopt, std::nullopt};
}

// Refolding is not an alteration: runs of white space compare as one space.
std::string collapsed(std::string_view value) {
  std::string out;
  bool blank = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

const HeaderField* sent_field(const ProbeMessage& sent, std::string_view name) {
  for (const auto& field : sent.headers)
    if (header_name_equal(field.name, name)) return &field;
  return nullptr;
}

}  // namespace

IntegrityReport check_integrity(const ProbeMessage& sent, const MailMessage& received) {
  IntegrityReport report;
  report.sent_digest = sent.digest;
  report.received_digest = probe_body_digest(received.body);
  if (!report.body_intact()) report.first_difference = first_difference(sent.body, received.body);

  for (const auto& name : probe_checked_headers()) {
    const HeaderField* ours = sent_field(sent, name);
    if (!ours) continue;
    const HeaderField* theirs = received.field(name);
    if (!theirs)
      report.changed_headers.push_back({ours->name, ours->value, std::nullopt});
    else if (collapsed(theirs->value) != collapsed(ours->value))
      report.changed_headers.push_back({ours->name, ours->value, theirs->value});
  }

  // Each sent field accounts for one received field of its name; the rest were added.
  std::vector<bool> matched(sent.headers.size(), false);
  for (const auto& field : received.headers) {
    bool ours = false;
    for (std::size_t i = 0; i < sent.headers.size() && !ours; ++i)
      if (!matched[i] && header_name_equal(sent.headers[i].name, field.name)) matched[i] = ours = true;
    if (!ours) report.added_headers.push_back(field);
  }
  return report;
}

}  // namespace smtp_ping
