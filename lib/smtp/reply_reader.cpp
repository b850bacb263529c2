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

namespace {

constexpr std::size_t kQuotedBytes = 200;

// The lines of a broken reply as received, for the transcript: a few at each
// end of a long one (the limits allow 1000 lines).
class ReceivedLines {
 public:
  void add(const std::string& line) {
    ++count_;
    if (first_.size() < kEnds) {
      first_.push_back(line.substr(0, kQuotedBytes));
    } else {
      last_.push_back(line.substr(0, kQuotedBytes));
      if (last_.size() > kEnds) last_.erase(last_.begin());
    }
  }
  std::vector<std::string> take() {
    std::vector<std::string> lines = std::move(first_);
    if (count_ > lines.size() + last_.size())
      lines.push_back("(" + std::to_string(count_ - lines.size() - last_.size()) + " more lines)");
    lines.insert(lines.end(), last_.begin(), last_.end());
    return lines;
  }

 private:
  static constexpr std::size_t kEnds = 5;
  std::size_t count_ = 0;
  std::vector<std::string> first_, last_;
};

}  // namespace

Reply ReplyReader::read_reply(const Deadline& deadline) {
  Reply reply;
  ReceivedLines received;
  std::size_t bytes = 0;
  for (;;) {
    const std::string line = next_line(deadline);
    received.add(line);
    std::string why;
    const auto parsed = parse_reply_line(line, &why);
    if (!parsed) throw ProtocolError(why + ": '" + line.substr(0, kQuotedBytes) + "'", received.take());
    if (reply.lines.empty())
      reply.code = parsed->code;
    else if (parsed->code != reply.code)
      throw ProtocolError("multi-line reply changed its code from " + std::to_string(reply.code) + " to " +
                              std::to_string(parsed->code) + ": '" + line.substr(0, kQuotedBytes) + "'",
                          received.take());
    bytes += line.size();
    if (reply.lines.size() >= limits_.max_lines)
      throw ProtocolError("reply has more than " + std::to_string(limits_.max_lines) + " lines", received.take());
    if (bytes > limits_.max_reply_bytes)
      throw ProtocolError("reply larger than " + std::to_string(limits_.max_reply_bytes) + " bytes",
                          received.take());
    reply.lines.push_back(parsed->text);
    if (parsed->last) return reply;
  }
}

}  // namespace smtp_ping
