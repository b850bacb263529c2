#include "mail/dot_stuffing.hpp"

namespace smtp_ping {

std::string data_payload(std::string_view message) {
  std::string out;
  out.reserve(message.size() + message.size() / 64 + 8);
  bool line_start = true;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < message.size() && message[i + 1] == '\n') ++i;
      out += "\r\n";
      line_start = true;
      continue;
    }
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = false;
  }
  if (!line_start) out += "\r\n";
  out += ".\r\n";
  return out;
}

std::string undo_dot_stuffing(std::string_view payload) {
  constexpr std::string_view kEnd = ".\r\n";
  if (payload.size() >= kEnd.size() && payload.substr(payload.size() - kEnd.size()) == kEnd &&
      (payload.size() == kEnd.size() || payload[payload.size() - kEnd.size() - 1] == '\n'))
    payload.remove_suffix(kEnd.size());
  std::string out;
  out.reserve(payload.size());
  bool line_start = true;
  for (char c : payload) {
    if (!(line_start && c == '.')) out += c;
    line_start = c == '\n';
  }
  return out;
}

}  // namespace smtp_ping
