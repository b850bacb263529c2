#pragma once

// The IMAP replies the mailbox client reads itself (RFC 3501 / RFC 9051), as
// libcurl hands them over: untagged lines of a custom request in the body,
// the lines around a fetched literal in the header stream. Never trusted:
// every number is range-checked and every list bounded.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::mailbox {

struct SearchReply {
  std::vector<std::uint32_t> uids;  // at most the limit, in the server's order
  bool more = false;                // the server named more than the limit
  bool malformed = false;           // a "* SEARCH" item that is no UID (0, too big, not a number)
  bool present = false;             // a "* SEARCH" line was there at all
};
SearchReply parse_search_reply(std::string_view text, std::size_t limit);

// The capabilities (uppercase) of "* CAPABILITY ..." lines and "[CAPABILITY ...]" codes.
std::set<std::string> parse_capabilities(std::string_view text);

// "* 3 FETCH (UID 7 FLAGS (\Seen) BODY[] {1234}": what the server says it sends.
struct FetchAnnouncement {
  std::uint32_t sequence = 0;
  std::optional<std::uint32_t> uid;
  std::optional<std::uint64_t> literal_size;
};
// The last FETCH line of `text` that announces a literal, or nullopt.
std::optional<FetchAnnouncement> parse_fetch_announcement(std::string_view text);

// "* 3 FETCH (UID 7 INTERNALDATE "01-Dec-2026 15:43:43 +0000")" lines.
struct InternalDate {
  std::uint32_t uid = 0;
  std::int64_t time = 0;  // Unix seconds
};
std::vector<InternalDate> parse_internal_dates(std::string_view text, std::size_t limit);

// "* LIST (\HasNoChildren \Junk) "/" Junk" lines (names in literals are skipped).
struct ListedFolder {
  std::string name;
  std::set<std::string> attributes;  // as sent, e.g. "\Junk"
};
std::vector<ListedFolder> parse_list_reply(std::string_view text, std::size_t limit);

// The last line of a reply stream without its line ending, cut to 300 octets: the server's words.
std::string last_reply_line(std::string_view text);

}  // namespace smtp_ping::mailbox
