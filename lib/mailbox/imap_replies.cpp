#include "mailbox/imap_replies.hpp"

#include <cctype>

#include "mail/mail_time.hpp"

namespace smtp_ping::mailbox {
namespace {

constexpr std::size_t kMaximumLines = 100000;

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size() && lines.size() < kMaximumLines) {
    const auto end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string uppercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && uppercase(text.substr(0, prefix.size())) == prefix;
}

// A positive 32-bit number, the whole of `text`.
std::optional<std::uint32_t> number32(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value == 0 || value > 0xffffffffu) return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

std::vector<std::string_view> atoms(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') ++at;
    std::size_t end = at;
    while (end < text.size() && text[end] != ' ') ++end;
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end;
  }
  return out;
}

// "* N FETCH (" at the start of `line`: N, and where the items begin.
std::optional<std::uint32_t> fetch_line(std::string_view line, std::string_view& items) {
  if (line.size() < 4 || line.substr(0, 2) != "* ") return std::nullopt;
  const auto space = line.find(' ', 2);
  if (space == std::string_view::npos) return std::nullopt;
  const auto sequence = number32(line.substr(2, space - 2));
  if (!sequence || !starts_with_ignoring_case(line.substr(space + 1), "FETCH (")) return std::nullopt;
  items = line.substr(space + 8);
  return sequence;
}

// The number after the item name `name` ("UID ") in a FETCH item list.
std::optional<std::uint32_t> item_number(std::string_view items, std::string_view name) {
  const std::string upper = uppercase(items);
  std::size_t at = 0;
  while ((at = upper.find(name, at)) != std::string::npos) {
    if (at == 0 || upper[at - 1] == ' ' || upper[at - 1] == '(') {
      std::size_t end = at + name.size();
      while (end < items.size() && std::isdigit(static_cast<unsigned char>(items[end]))) ++end;
      return number32(items.substr(at + name.size(), end - at - name.size()));
    }
    at += name.size();
  }
  return std::nullopt;
}

}  // namespace

SearchReply parse_search_reply(std::string_view text, std::size_t limit) {
  SearchReply reply;
  for (const auto line : lines_of(text)) {
    if (!starts_with_ignoring_case(line, "* SEARCH") || (line.size() > 8 && line[8] != ' ')) continue;
    reply.present = true;
    for (const auto atom : atoms(line.substr(8))) {
      if (atom.front() == '(') break;  // RFC 7162 (MODSEQ n)
      const auto uid = number32(atom);
      if (!uid) {
        reply.malformed = true;
        continue;
      }
      if (reply.uids.size() < limit) reply.uids.push_back(*uid);
      else reply.more = true;
    }
  }
  return reply;
}

std::set<std::string> parse_capabilities(std::string_view text) {
  std::set<std::string> capabilities;
  for (const auto line : lines_of(text)) {
    std::string_view list;
    const std::string upper = uppercase(line);
    if (upper.rfind("* CAPABILITY ", 0) == 0) {
      list = line.substr(13);
    } else if (const auto code = upper.find("[CAPABILITY "); code != std::string::npos) {
      const auto close = upper.find(']', code);
      list = line.substr(code + 12, close == std::string::npos ? std::string_view::npos : close - code - 12);
    } else {
      continue;
    }
    for (const auto atom : atoms(list))
      if (capabilities.size() < 256) capabilities.insert(uppercase(atom.substr(0, 64)));
  }
  return capabilities;
}

std::optional<FetchAnnouncement> parse_fetch_announcement(std::string_view text) {
  std::optional<FetchAnnouncement> found;
  for (const auto line : lines_of(text)) {
    std::string_view items;
    const auto sequence = fetch_line(line, items);
    if (!sequence || items.empty() || items.back() != '}') continue;
    const auto open = items.rfind('{');
    if (open == std::string_view::npos) continue;
    std::string_view size_text = items.substr(open + 1, items.size() - open - 2);
    if (!size_text.empty() && size_text.back() == '+') size_text.remove_suffix(1);  // LITERAL+
    if (size_text.empty() || size_text.size() > 19) continue;
    std::uint64_t size = 0;
    bool digits = true;
    for (char c : size_text) {
      if (c < '0' || c > '9') digits = false;
      else size = size * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (!digits) continue;
    found = FetchAnnouncement{*sequence, item_number(items.substr(0, open), "UID "), size};
  }
  return found;
}

std::vector<InternalDate> parse_internal_dates(std::string_view text, std::size_t limit) {
  std::vector<InternalDate> dates;
  for (const auto line : lines_of(text)) {
    if (dates.size() >= limit) break;
    std::string_view items;
    if (!fetch_line(line, items)) continue;
    const auto uid = item_number(items, "UID ");
    const std::string upper = uppercase(items);
    const auto at = upper.find("INTERNALDATE \"");
    if (!uid || at == std::string::npos) continue;
    const auto close = items.find('"', at + 14);
    if (close == std::string_view::npos) continue;
    if (const auto time = parse_imap_date(items.substr(at + 14, close - at - 14)))
      dates.push_back({*uid, *time});
  }
  return dates;
}

std::vector<ListedFolder> parse_list_reply(std::string_view text, std::size_t limit) {
  std::vector<ListedFolder> folders;
  for (const auto line : lines_of(text)) {
    if (folders.size() >= limit) break;
    if (!starts_with_ignoring_case(line, "* LIST (")) continue;
    const auto close = line.find(')', 8);
    if (close == std::string_view::npos) continue;
    ListedFolder folder;
    for (const auto atom : atoms(line.substr(8, close - 8))) folder.attributes.insert(std::string(atom.substr(0, 64)));
    // The delimiter: "x" or NIL, then the name: an atom or a quoted string.
    std::string_view rest = line.substr(close + 1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.size() >= 3 && rest.front() == '"') {
      const std::size_t end = rest[1] == '\\' ? 4 : 3;
      if (rest.size() < end) continue;
      rest.remove_prefix(end);
    } else if (starts_with_ignoring_case(rest, "NIL")) {
      rest.remove_prefix(3);
    } else {
      continue;
    }
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty() || rest.front() == '{') continue;
    if (rest.front() == '"') {
      std::string name;
      std::size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        name += rest[i];
      }
      if (i >= rest.size()) continue;
      folder.name = std::move(name);
    } else {
      folder.name = std::string(rest);
    }
    if (!folder.name.empty()) folders.push_back(std::move(folder));
  }
  return folders;
}

std::string last_reply_line(std::string_view text) {
  const auto lines = lines_of(text);
  for (auto line = lines.rbegin(); line != lines.rend(); ++line)
    if (!line->empty()) return std::string(line->substr(0, 300));
  return {};
}

}  // namespace smtp_ping::mailbox
