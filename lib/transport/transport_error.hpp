#pragma once

#include <stdexcept>
#include <string>

namespace smtp_ping {

// Something went wrong below the SMTP layer. The dialog adds the phase.
class TransportError : public std::runtime_error {
 public:
  enum class Kind { timeout, closed, io, tls };
  TransportError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace smtp_ping
