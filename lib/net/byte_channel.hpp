#pragma once

#include <cstddef>
#include <string_view>

#include "common/deadline.hpp"

namespace smtp_ping {

// A layer that carries a connection's bytes once it is installed (TLS after
// its handshake). Errors throw TransportError.
class ByteChannel {
 public:
  virtual ~ByteChannel() = default;
  virtual void write(std::string_view data, const Deadline& deadline) = 0;
  // Stores at least one byte and says how many.
  virtual std::size_t read(char* buffer, std::size_t size, const Deadline& deadline) = 0;
};

}  // namespace smtp_ping
