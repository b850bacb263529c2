#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "imap_syntax.hpp"
#include "mail_message.hpp"

namespace smtp_ping::test {

// One message as SEARCH sees it.
struct SearchSubject {
  std::uint32_t sequence = 0;
  const StoredMessage* message = nullptr;
  std::uint32_t largest_sequence = 0;
  std::uint32_t largest_uid = 0;
};

// The search criteria of RFC 3501 §6.4.4 the test server understands: ALL,
// sequence sets, UID, HEADER, FROM/TO/CC/BCC/SUBJECT, BODY, TEXT, the flag keys
// (SEEN, UNSEEN, DELETED, ... KEYWORD), SINCE/BEFORE/ON (INTERNALDATE),
// LARGER/SMALLER, NOT, OR and parentheses; an optional leading CHARSET.
// Substring matches ignore case, as Dovecot's do for ASCII.
class SearchProgram {
 public:
  // nullopt and `error` set when a key is unknown or malformed.
  static std::optional<SearchProgram> parse(const std::vector<ImapValue>& arguments, std::string& error);
  bool matches(const SearchSubject& subject) const;

  struct Criterion;

 private:
  std::shared_ptr<const Criterion> all_of_;
};

}  // namespace smtp_ping::test
