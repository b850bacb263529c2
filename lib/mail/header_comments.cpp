#include "mail/header_comments.hpp"

namespace smtp_ping {

std::string without_comments(std::string_view text) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (depth > 0 && c == '\\' && i + 1 < text.size()) {
      ++i;
    } else if (c == '(') {
      if (depth++ == 0) out += ' ';
    } else if (c == ')' && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

}  // namespace smtp_ping
