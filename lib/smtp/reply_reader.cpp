#include "smtp/reply_reader.hpp"

#include "net/connection.hpp"

namespace smtp_ping {

ReplyReader::ReplyReader(Connection& connection, ReplyLimits limits)
    : limits_(limits), lines_(connection, limits.max_line_bytes) {}

std::string ReplyReader::next_line(const Deadline& deadline) {
  try {
    return lines_.next_line(deadline);
  } catch (const LineTooLong& too_long) {
    throw ProtocolError("reply " + too_long.message());
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
