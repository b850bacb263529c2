#include "mail/probe_body.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace smtp_ping {
namespace {

constexpr std::string_view kFiller =
    "The quick brown fox jumps over the lazy dog; 0123456789 ~!@#$%^&*()_+-=[]{}|:<>?,./ ";

// `length` octets of 7-bit filler, not ending in white space.
std::string filler_line(std::size_t length) {
  std::string line;
  line.reserve(length);
  while (line.size() < length) line += kFiller.substr(0, std::min(kFiller.size(), length - line.size()));
  if (!line.empty() && line.back() == ' ') line.back() = '.';
  return line;
}

std::vector<std::string> pattern_lines() {
  return {
      "smtp-ping probe message: it tests mail delivery and is deleted after the check.",
      ".",
      ".a line that starts with a dot",
      "..two dots",
      filler_line(kMaximumLineLength),
      "A001 OK a line that looks like an IMAP completion {123}",
      "* 1 EXISTS",
      "+OK a line that looks like a POP3 reply",
      filler_line(kMaximumLineLength - 1),
      "Plain 7-bit text, tab\tseparated, with \"quotes\" and =3D signs.",
  };
}

}  // namespace

std::string probe_body(std::size_t size) {
  size = std::max(size, kMinimumProbeBodySize);
  std::string body;
  body.reserve(size);
  const auto lines = pattern_lines();
  for (std::size_t i = 0; body.size() < size; ++i) {
    std::string line = lines[i % lines.size()];
    const std::size_t room = size - body.size();  // for the line and its CRLF; never 1 or 2
    const bool fits = line.size() + 2 == room || line.size() + 2 + 3 <= room;
    if (!fits) {
      // Filler that ends the body exactly, or leaves room for at least one more line.
      const std::size_t length = room - 2 <= kMaximumLineLength ? room - 2 : std::min(kMaximumLineLength, room - 5);
      line = filler_line(length);
    }
    body += line;
    body += "\r\n";
  }
  return body;
}

}  // namespace smtp_ping
