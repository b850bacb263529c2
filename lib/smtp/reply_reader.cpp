#include "smtp/reply_reader.hpp"

#include "net/connection.hpp"

namespace smtp_ping {

ReplyReader::ReplyReader(Connection& connection, ReplyLimits limits) : connection_(connection), limits_(limits) {}

void ReplyReader::fill(const Deadline& deadline) {
  char chunk[16 * 1024];
  const std::size_t got = connection_.receive(chunk, sizeof chunk, deadline);
  buffer_.append(chunk, got);
}

std::string ReplyReader::next_line(const Deadline& deadline) {
  std::size_t searched = 0;
  for (;;) {
    const std::size_t end = buffer_.find('\n', searched);
    if (end != std::string::npos) {
      const bool crlf = end > 0 && buffer_[end - 1] == '\r';
      if (end - (crlf ? 1 : 0) > limits_.max_line_bytes)
        throw ProtocolError("reply line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (buffer_.size() > limits_.max_line_bytes)
      throw ProtocolError("reply line longer than " + std::to_string(limits_.max_line_bytes) +
                          " bytes without a line end");
    searched = buffer_.size();
    fill(deadline);
  }
}

Reply ReplyReader::read_reply(const Deadline& deadline) {
  Reply reply;
  std::size_t bytes = 0;
  for (;;) {
    const std::string line = next_line(deadline);
    std::string why;
    const auto parsed = parse_reply_line(line, &why);
    if (!parsed) throw ProtocolError(why + ": '" + line.substr(0, 200) + "'");
    if (reply.lines.empty())
      reply.code = parsed->code;
    else if (parsed->code != reply.code)
      throw ProtocolError("multi-line reply changed its code from " + std::to_string(reply.code) + " to " +
                          std::to_string(parsed->code));
    bytes += line.size();
    if (reply.lines.size() >= limits_.max_lines)
      throw ProtocolError("reply has more than " + std::to_string(limits_.max_lines) + " lines");
    if (bytes > limits_.max_reply_bytes)
      throw ProtocolError("reply larger than " + std::to_string(limits_.max_reply_bytes) + " bytes");
    reply.lines.push_back(parsed->text);
    if (parsed->last) return reply;
  }
}

}  // namespace smtp_ping
