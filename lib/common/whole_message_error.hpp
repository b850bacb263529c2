#pragma once

#include <stdexcept>
#include <string>

namespace smtp_ping {

// An error whose message may quote bytes from the network, NUL bytes included
// (a certificate name "mail.example.org\0.evil.example", a garbled reply line).
// what() is a C string and stops at the first NUL, which would make such a
// name read as if it were present; message() keeps every byte. Whoever turns
// the error into a report uses message(), and output shows each NUL as '?'.
class WholeMessageError : public std::runtime_error {
 public:
  explicit WholeMessageError(const std::string& message) : std::runtime_error(message), message_(message) {}
  const std::string& message() const noexcept { return message_; }

 private:
  std::string message_;
};

}  // namespace smtp_ping
