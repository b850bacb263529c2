#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mail_message.hpp"

namespace smtp_ping::test {

// One IMAP argument (RFC 3501 §9): an atom (fetch attributes keep their
// "[section]<partial>"), a string (quoted or literal), or a parenthesized list.
struct ImapValue {
  enum class Kind { atom, string, list };
  Kind kind = Kind::atom;
  std::string text;
  std::vector<ImapValue> items;

  bool is_atom(std::string_view word) const;  // case-insensitive
  bool is_list() const { return kind == Kind::list; }
};

// The arguments of a command line, literals ("{n}\r\n" + n bytes) included; nullopt on a syntax error.
std::optional<std::vector<ImapValue>> parse_imap_arguments(std::string_view text);

// A string as IMAP sends it: an atom when it can be one, else quoted.
std::string imap_astring(std::string_view text);
std::string imap_quoted(std::string_view text);

// sequence-set: "1,3:5,7:*"; "*" is the largest number in use, and n:* covers it even when n is larger.
class SequenceSet {
 public:
  static std::optional<SequenceSet> parse(std::string_view text);
  bool contains(std::uint32_t number, std::uint32_t largest) const;

 private:
  static constexpr std::uint32_t star = 0;  // numbers start at 1
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges_;
};

// A calendar day ("1-Feb-1994") as days since 1970-01-01.
std::optional<long> parse_imap_date(std::string_view text);
long day_of(SystemClock::time_point when);  // UTC
// INTERNALDATE as IMAP writes it: "17-Jul-1996 02:44:25 +0000" (UTC).
std::string format_internal_date(SystemClock::time_point when);

// The canonical spelling of a flag: system flags as RFC 3501 writes them; keywords as given.
std::string canonical_flag(std::string_view flag);
std::string flag_list(const std::set<std::string>& flags);  // "(\\Seen \\Deleted)"

}  // namespace smtp_ping::test
