#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping {

// One complete SMTP reply (RFC 5321 4.2): a code and one or more text lines.
struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // text after "NNN-" / "NNN ", without CR LF

  int klass() const { return code / 100; }  // 2 for 2xx ...
  bool positive() const { return code >= 200 && code < 400; }
  // The reply as the server wrote it, one "NNN-text" line per entry joined by '\n'.
  std::string raw() const;
  // The text lines joined by ' ', for one-line messages.
  std::string text() const;
};

// One received line of a reply, parsed.
struct ReplyLine {
  int code = 0;
  bool last = false;  // "NNN " or "NNN" ends the reply, "NNN-" continues it
  std::string text;
};

struct ReplyLineError {
  std::string message;
};

// Parses one line (without its line ending). A line must start with three digits,
// the first 2-5, followed by end of line, ' ' or '-'.
std::optional<ReplyLine> parse_reply_line(std::string_view line, std::string* error = nullptr);

}  // namespace smtp_ping
