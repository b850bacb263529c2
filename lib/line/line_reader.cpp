#include "line/line_reader.hpp"

namespace smtp_ping {

void LineReader::fill(const Deadline& deadline) {
  char chunk[16 * 1024];
  const std::size_t got = source_.receive(chunk, sizeof chunk, deadline);
  buffer_.append(chunk, got);
}

std::string LineReader::next_line(const Deadline& deadline) {
  std::size_t searched = 0;
  // Each round either returns, throws, or adds at least one byte to a buffer
  // capped at max_line_bytes: bounded by the cap.
  for (;;) {
    const std::size_t end = buffer_.find('\n', searched);
    if (end != std::string::npos) {
      const bool crlf = end > 0 && buffer_[end - 1] == '\r';
      if (end - (crlf ? 1 : 0) > max_line_bytes_)
        throw LineTooLong("line longer than " + std::to_string(max_line_bytes_) + " bytes");
      std::string line = buffer_.substr(0, end - (crlf ? 1 : 0));
      buffer_.erase(0, end + 1);
      return line;
    }
    if (buffer_.size() > max_line_bytes_)
      throw LineTooLong("line longer than " + std::to_string(max_line_bytes_) + " bytes without a line end");
    searched = buffer_.size();
    fill(deadline);
  }
}

}  // namespace smtp_ping
