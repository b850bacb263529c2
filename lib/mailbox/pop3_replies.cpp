#include "mailbox/pop3_replies.hpp"

namespace smtp_ping::mailbox {
namespace {

std::optional<std::uint64_t> leading_number(std::string_view text, std::size_t& length) {
  length = 0;
  std::uint64_t value = 0;
  while (length < text.size() && length < 19 && text[length] >= '0' && text[length] <= '9')
    value = value * 10 + static_cast<std::uint64_t>(text[length++] - '0');
  if (length == 0 || (length < text.size() && text[length] >= '0' && text[length] <= '9')) return std::nullopt;
  return value;
}

}  // namespace

std::vector<Pop3Listing> parse_pop3_listing(std::string_view text, std::size_t limit) {
  std::vector<Pop3Listing> listing;
  std::size_t start = 0;
  while (start < text.size() && listing.size() < limit) {
    const auto end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t length = 0;
    const auto number = leading_number(line, length);
    if (!number || *number == 0 || *number > 0xffffffffu || length >= line.size() || line[length] != ' ') continue;
    const std::string_view value = line.substr(length + 1, 128);
    if (value.empty() || value.find(' ') != std::string_view::npos) continue;
    listing.push_back({static_cast<std::uint32_t>(*number), std::string(value)});
  }
  return listing;
}

std::optional<std::uint64_t> parse_pop3_octets(std::string_view text) {
  std::optional<std::uint64_t> octets;
  std::size_t at = 0;
  while ((at = text.find("+OK ", at)) != std::string_view::npos) {
    if (at == 0 || text[at - 1] == '\n') {
      std::size_t length = 0;
      if (const auto number = leading_number(text.substr(at + 4), length)) octets = number;
    }
    at += 4;
  }
  return octets;
}

}  // namespace smtp_ping::mailbox
