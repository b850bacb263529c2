#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "imap_syntax.hpp"
#include "mail_message.hpp"

namespace smtp_ping::test {

// One fetch attribute (RFC 3501 §6.4.5) the test server serves: UID, FLAGS,
// INTERNALDATE, RFC822.SIZE, RFC822, RFC822.HEADER, RFC822.TEXT and
// BODY[section]<partial> / BODY.PEEK[...] with section "", HEADER, TEXT, 1
// (the text of a single-part message), HEADER.FIELDS (...), HEADER.FIELDS.NOT (...).
struct FetchAttribute {
  enum class Kind { uid, flags, internal_date, size, section };
  Kind kind = Kind::uid;
  std::string reply_name;  // as the reply names it: "BODY[HEADER]", "BODY[]<0>", "RFC822"
  std::string section;     // "", "HEADER", "TEXT", "HEADER.FIELDS", "HEADER.FIELDS.NOT"
  std::vector<std::string> fields;
  std::optional<std::pair<std::size_t, std::size_t>> partial;  // origin, length
  bool sets_seen = false;                                      // BODY[...] and RFC822(.TEXT) without PEEK
};

// An attribute, a list of them, or the macro FAST; nullopt and `error` set for
// anything else (ENVELOPE, BODYSTRUCTURE, MIME part numbers...).
std::optional<std::vector<FetchAttribute>> parse_fetch_attributes(const ImapValue& value, std::string& error);

// One item of a FETCH reply: "NAME VALUE", or "NAME {n}" and n bytes of `value`.
struct FetchReplyItem {
  std::string name;
  std::string value;
  bool literal = false;
};

// The reply items for one message in Dovecot's order: UID first (always for
// UID FETCH), the other non-literal items as asked, FLAGS when this fetch set
// \Seen and FLAGS was not asked for, then the literals as asked.
std::vector<FetchReplyItem> fetch_reply_items(const std::vector<FetchAttribute>& attributes,
                                              const StoredMessage& message, std::uint32_t shown_uid, bool uid_command,
                                              bool seen_changed);

}  // namespace smtp_ping::test
