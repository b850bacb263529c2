#include "mail_session_support.hpp"

#include <algorithm>

namespace smtp_ping::test {
namespace {

constexpr std::string_view huge_header = "Subject: a huge message from the test server\r\n\r\n";
constexpr std::size_t huge_line = 80;  // 78 x and CRLF
constexpr std::size_t chunk_size = 64 * 1024;

char huge_byte(std::size_t offset, std::size_t size) {
  if (offset + 2 >= size) return offset + 2 == size ? '\r' : '\n';  // always ends with CRLF
  if (offset < huge_header.size()) return huge_header[offset];
  const auto column = (offset - huge_header.size()) % huge_line;
  return column == huge_line - 2 ? '\r' : column == huge_line - 1 ? '\n' : 'x';
}

}  // namespace

std::string huge_message_piece(std::size_t offset, std::size_t length, std::size_t size) {
  std::string piece;
  piece.reserve(length);
  for (std::size_t i = offset; i < std::min(offset + length, size); ++i) piece += huge_byte(i, size);
  return piece;
}

MailSessionSupport::MailSessionSupport(const MailboxScript& script, Channel& channel)
    : script_(script), channel_(channel) {}

void MailSessionSupport::pause_before(const std::string& command) const {
  auto found = script_.delays.find(command);
  if (found == script_.delays.end()) found = script_.delays.find("*");
  if (found != script_.delays.end()) channel_.pause(found->second);
}

bool MailSessionSupport::send_scripted_reply(const std::string& command, const std::string& tag) {
  const auto found = script_.replies.find(command);
  if (found == script_.replies.end()) return false;
  std::string text = found->second;
  for (auto at = text.find("$TAG"); at != std::string::npos; at = text.find("$TAG", at + tag.size()))
    text.replace(at, 4, tag);
  std::string wire;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    wire += text.substr(start, end - start) + "\r\n";
    start = end + 1;
  }
  channel_.write(wire);
  return true;
}

std::size_t MailSessionSupport::body_size(std::size_t real_size) const {
  return script_.faults.huge_literal > 0 ? script_.faults.huge_literal : real_size;
}

void MailSessionSupport::send_limited(std::string_view chunk, std::size_t& sent) {
  const auto& drop = script_.faults.drop_mid_fetch;
  if (drop && sent + chunk.size() >= *drop) {
    channel_.write(chunk.substr(0, *drop - sent));
    throw ConnectionOver{};
  }
  channel_.write(chunk);
  sent += chunk.size();
}

void MailSessionSupport::send_body(std::string_view data) {
  std::size_t sent = 0;
  const auto huge = script_.faults.huge_literal;
  if (huge == 0) {
    for (std::size_t at = 0; at < data.size(); at += chunk_size) send_limited(data.substr(at, chunk_size), sent);
    return;
  }
  for (std::size_t at = 0; at < huge; at += chunk_size) send_limited(huge_message_piece(at, chunk_size, huge), sent);
}

}  // namespace smtp_ping::test
