#pragma once

#include <cstddef>
#include <string>

#include "common/deadline.hpp"
#include "common/whole_message_error.hpp"
#include "net/byte_source.hpp"

namespace smtp_ping {

// A line longer than the reader allows (with or without its line end seen).
class LineTooLong : public WholeMessageError {
 public:
  using WholeMessageError::WholeMessageError;
};

// Buffered lines from a byte source, for any line protocol (SMTP replies
// today; a client or test server of another protocol next). A line ends at
// LF, with or without CR before it; neither is part of the line. Framing a
// protocol's unit (an SMTP reply's lines and size) is the caller's work.
class LineReader {
 public:
  explicit LineReader(ByteSource& source, std::size_t max_line_bytes = 16 * 1024)
      : source_(source), max_line_bytes_(max_line_bytes) {}

  // The next line. Throws LineTooLong beyond max_line_bytes (then the stream
  // is out of step: stop reading), and whatever the source throws.
  std::string next_line(const Deadline& deadline);

  // Bytes received after the last line returned (a peer talking out of turn).
  std::size_t pending_bytes() const { return buffer_.size(); }
  void discard_pending() { buffer_.clear(); }

 private:
  void fill(const Deadline& deadline);

  ByteSource& source_;
  std::size_t max_line_bytes_;
  std::string buffer_;
};

}  // namespace smtp_ping
