#pragma once

#include <cstddef>

#include "common/deadline.hpp"

namespace smtp_ping {

// Where a line reader gets its bytes: a Connection, or a test server's socket.
class ByteSource {
 public:
  // Waits for at least one byte and says how many were stored (never 0: the
  // end of the stream is an error of the source's own kind).
  virtual std::size_t receive(char* buffer, std::size_t size, const Deadline& deadline) = 0;

 protected:
  ~ByteSource() = default;
};

}  // namespace smtp_ping
