#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace smtp_ping::test {

using SystemClock = std::chrono::system_clock;

// A message a test puts into the mailbox.
struct MailMessage {
  std::string content;                                   // RFC 5322 text; bare LF and CR become CRLF when stored
  std::set<std::string> flags;                           // as IMAP spells them: "\\Seen", "\\Deleted", ... and keywords
  std::optional<SystemClock::time_point> internal_date;  // default: when it becomes visible
};

// A message in a folder, as the servers serve it.
struct StoredMessage {
  std::uint32_t uid = 0;
  std::string content;  // CRLF line ends
  std::set<std::string> flags;
  SystemClock::time_point internal_date;
};

}  // namespace smtp_ping::test
