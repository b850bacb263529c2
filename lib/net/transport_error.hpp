#pragma once

#include <string>

#include "common/whole_message_error.hpp"

namespace smtp_ping {

// Something went wrong below the SMTP layer. The dialog adds the phase.
class TransportError : public WholeMessageError {
 public:
  enum class Kind { timeout, closed, io, tls, interrupted };
  TransportError(Kind kind, const std::string& message) : WholeMessageError(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace smtp_ping
