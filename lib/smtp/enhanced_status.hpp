#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping {

struct Reply;

// An enhanced mail system status code, class.subject.detail (RFC 3463 section 2),
// e.g. 5.1.1. A server that announces ENHANCEDSTATUSCODES puts one at the start
// of the text of its reply lines (RFC 2034 section 4): "550 5.1.1 User unknown".
struct EnhancedStatus {
  int klass = 0;    // 2 success, 4 persistent transient failure, 5 permanent failure
  int subject = 0;  // 0-999
  int detail = 0;   // 0-999

  std::string text() const;  // "5.1.1"

  friend bool operator==(const EnhancedStatus& a, const EnhancedStatus& b) {
    return a.klass == b.klass && a.subject == b.subject && a.detail == b.detail;
  }
  friend bool operator!=(const EnhancedStatus& a, const EnhancedStatus& b) { return !(a == b); }
};

// The code at the very start of `text` (a reply line's text, after "NNN-" or
// "NNN "), ended by the end of the text, a space or a tab. Class 2, 4 or 5;
// subject and detail 1 to 3 digits each. nullopt for anything else.
std::optional<EnhancedStatus> parse_enhanced_status(std::string_view text);

// How many leading bytes of `text` a code as above and the blanks after it
// take: 0 when the line does not start with one. Where the words begin.
std::size_t enhanced_status_length(std::string_view text);

// The enhanced status code of a reply: as the server sent it on the first
// line, and whether it agrees with the reply code. A code whose class is not
// the reply code's first digit ("451 5.7.3 ...") contradicts it: it is
// reported, but nothing should be concluded from it.
struct ReplyStatus {
  std::optional<EnhancedStatus> sent;
  bool consistent = false;  // sent, and its class is the reply code's class

  std::optional<EnhancedStatus> trusted() const {
    return consistent ? sent : std::nullopt;
  }
};

ReplyStatus reply_status(int reply_code, std::string_view first_line_text);
ReplyStatus reply_status(const Reply& reply);

}  // namespace smtp_ping
