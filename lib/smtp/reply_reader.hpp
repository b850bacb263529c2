#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "common/whole_message_error.hpp"
#include "line/line_reader.hpp"
#include "smtp/reply.hpp"

namespace smtp_ping {

class Connection;

// The server sent something that is not a well-formed SMTP reply; the
// message may quote it (use message(), not what()). `received` keeps the
// lines of the broken reply as they came (the offending one last, cut to
// 200 bytes), so the transcript shows what the server said.
class ProtocolError : public WholeMessageError {
 public:
  explicit ProtocolError(const std::string& message, std::vector<std::string> received = {})
      : WholeMessageError(message), received_(std::move(received)) {}
  const std::vector<std::string>& received() const { return received_; }

 private:
  std::vector<std::string> received_;
};

// Limits on what one reply may be; beyond them the reply is refused as a
// protocol error rather than buffered without end.
struct ReplyLimits {
  std::size_t max_line_bytes = 16 * 1024;   // RFC 5321 says 512; real servers send more
  std::size_t max_lines = 1000;
  std::size_t max_reply_bytes = 256 * 1024;
};

// Reads complete SMTP replies from a connection: the framing of SMTP over a
// LineReader (which accepts CRLF or a bare LF as line end). Waits for the
// final line ("NNN " or a bare "NNN") and checks that every line carries the
// same code, within the reply's limits.
class ReplyReader {
 public:
  explicit ReplyReader(Connection& connection, ReplyLimits limits = {});

  // Throws ProtocolError, or TransportError (timeout, closed ...).
  Reply read_reply(const Deadline& deadline);

  // Bytes received after the last complete reply (a server talking out of turn).
  std::size_t pending_bytes() const { return lines_.pending_bytes(); }
  void discard_pending() { lines_.discard_pending(); }

 private:
  std::string next_line(const Deadline& deadline);

  ReplyLimits limits_;
  LineReader lines_;
};

}  // namespace smtp_ping
