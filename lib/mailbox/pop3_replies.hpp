#pragma once

// The POP3 replies (RFC 1939) the mailbox client reads itself, as libcurl
// hands them over: multi-line data in the body, status lines in the header
// stream. Numbers range-checked, lists bounded.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::mailbox {

struct Pop3Listing {
  std::uint32_t number = 0;
  std::string value;  // LIST: the size in octets; UIDL: the unique id
};
// "n value" lines of a LIST or UIDL reply.
std::vector<Pop3Listing> parse_pop3_listing(std::string_view text, std::size_t limit);

// The size a "+OK 5200 octets" (RETR; Dovecot's and most servers' wording) or
// a LIST line announces; nullopt when no "+OK n" line is there.
std::optional<std::uint64_t> parse_pop3_octets(std::string_view text);

}  // namespace smtp_ping::mailbox
