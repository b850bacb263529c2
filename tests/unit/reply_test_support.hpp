#pragma once

// Replies written as the server sends them ("550-5.1.1 ...\n550 5.1.1 ..."),
// for the enhanced-status, reason and explanation tests.
#include <gtest/gtest.h>

#include <string_view>

#include "smtp/reply.hpp"

namespace smtp_ping::reply_test {

// One Reply from '\n'-separated reply lines; every line must parse.
inline Reply reply_from(std::string_view raw) {
  Reply reply;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    const auto line = parse_reply_line(raw.substr(start, end - start));
    EXPECT_TRUE(line) << "not a reply line in: " << raw.substr(0, 200);
    if (line) {
      if (reply.lines.empty()) reply.code = line->code;
      reply.lines.push_back(line->text);
    }
    start = end + 1;
  }
  return reply;
}

}  // namespace smtp_ping::reply_test
