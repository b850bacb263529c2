#include "imap_fetch.hpp"

#include <algorithm>
#include <charconv>

#include "message_text.hpp"

namespace smtp_ping::test {
namespace {

using Kind = FetchAttribute::Kind;

std::optional<std::size_t> size_of(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

FetchAttribute simple(Kind kind, const std::string& name) {
  FetchAttribute attribute;
  attribute.kind = kind;
  attribute.reply_name = name;
  return attribute;
}

FetchAttribute whole_section(const std::string& reply_name, const std::string& section, bool sets_seen) {
  FetchAttribute attribute = simple(Kind::section, reply_name);
  attribute.section = section;
  attribute.sets_seen = sets_seen;
  return attribute;
}

// "HEADER.FIELDS (FROM TO)" -> section and field names; false when it is no section we serve.
bool parse_section(std::string spec, FetchAttribute& attribute) {
  spec = upper_case(spec);
  if (spec == "1") spec = "TEXT";  // a single-part message's only part is its text
  if (spec.empty() || spec == "HEADER" || spec == "TEXT") {
    attribute.section = spec;
    return true;
  }
  const auto space = spec.find(' ');
  const auto name = spec.substr(0, space);
  if ((name != "HEADER.FIELDS" && name != "HEADER.FIELDS.NOT") || space == std::string::npos) return false;
  const auto list = parse_imap_arguments(spec.substr(space + 1));
  if (!list || list->size() != 1 || !(*list)[0].is_list() || (*list)[0].items.empty()) return false;
  attribute.section = name;
  for (const auto& field : (*list)[0].items) attribute.fields.push_back(field.text);
  return true;
}

// BODY[...]<o.n> and BODY.PEEK[...]<o.n>.
std::optional<FetchAttribute> body_attribute(const std::string& text) {
  const auto open = text.find('[');
  const auto close = text.rfind(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
  const auto prefix = upper_case(text.substr(0, open));
  if (prefix != "BODY" && prefix != "BODY.PEEK") return std::nullopt;
  FetchAttribute attribute = simple(Kind::section, "");
  attribute.sets_seen = prefix == "BODY";
  if (!parse_section(text.substr(open + 1, close - open - 1), attribute)) return std::nullopt;
  std::string section_name = attribute.section;
  if (!attribute.fields.empty()) {
    section_name += " (";
    for (std::size_t i = 0; i < attribute.fields.size(); ++i)
      section_name += (i ? " " : "") + upper_case(attribute.fields[i]);
    section_name += ")";
  }
  attribute.reply_name = "BODY[" + section_name + "]";
  const auto rest = text.substr(close + 1);
  if (rest.empty()) return attribute;
  const auto dot = rest.find('.');
  if (rest.front() != '<' || rest.back() != '>' || dot == std::string::npos) return std::nullopt;
  const auto origin = size_of(rest.substr(1, dot - 1));
  const auto length = size_of(rest.substr(dot + 1, rest.size() - dot - 2));
  if (!origin || !length) return std::nullopt;
  attribute.partial = std::make_pair(*origin, *length);
  attribute.reply_name += "<" + std::to_string(*origin) + ">";
  return attribute;
}

std::optional<FetchAttribute> one_attribute(const ImapValue& value) {
  if (value.kind != ImapValue::Kind::atom) return std::nullopt;
  const auto name = upper_case(value.text);
  if (name == "UID") return simple(Kind::uid, "UID");
  if (name == "FLAGS") return simple(Kind::flags, "FLAGS");
  if (name == "INTERNALDATE") return simple(Kind::internal_date, "INTERNALDATE");
  if (name == "RFC822.SIZE") return simple(Kind::size, "RFC822.SIZE");
  if (name == "RFC822") return whole_section("RFC822", "", true);
  if (name == "RFC822.HEADER") return whole_section("RFC822.HEADER", "HEADER", false);
  if (name == "RFC822.TEXT") return whole_section("RFC822.TEXT", "TEXT", true);
  return body_attribute(value.text);
}

std::string section_content(const FetchAttribute& attribute, const std::string& content) {
  std::string text;
  if (attribute.section.empty())
    text = content;
  else if (attribute.section == "HEADER")
    text = std::string(header_section(content));
  else if (attribute.section == "TEXT")
    text = std::string(body_section(content));
  else
    text = header_fields(content, attribute.fields, attribute.section == "HEADER.FIELDS.NOT");
  if (!attribute.partial) return text;
  const auto [origin, length] = *attribute.partial;
  return origin >= text.size() ? std::string{} : text.substr(origin, length);
}

FetchReplyItem plain_item(const FetchAttribute& attribute, const StoredMessage& message, std::uint32_t shown_uid) {
  switch (attribute.kind) {
    case Kind::uid:
      return {"UID", std::to_string(shown_uid)};
    case Kind::flags:
      return {"FLAGS", flag_list(message.flags)};
    case Kind::internal_date:
      return {"INTERNALDATE", "\"" + format_internal_date(message.internal_date) + "\""};
    case Kind::size:
      return {"RFC822.SIZE", std::to_string(message.content.size())};
    case Kind::section:
      break;
  }
  return {attribute.reply_name, section_content(attribute, message.content), true};
}

}  // namespace

std::optional<std::vector<FetchAttribute>> parse_fetch_attributes(const ImapValue& value, std::string& error) {
  std::vector<FetchAttribute> attributes;
  if (value.is_atom("FAST")) {
    attributes = {simple(Kind::flags, "FLAGS"), simple(Kind::internal_date, "INTERNALDATE"),
                  simple(Kind::size, "RFC822.SIZE")};
    return attributes;
  }
  const std::vector<ImapValue> items = value.is_list() ? value.items : std::vector<ImapValue>{value};
  for (const auto& item : items) {
    auto attribute = one_attribute(item);
    if (!attribute) {
      error = "fetch attribute not served by the test server: " + item.text;
      return std::nullopt;
    }
    attributes.push_back(std::move(*attribute));
  }
  if (attributes.empty()) error = "no fetch attributes";
  return attributes.empty() ? std::nullopt : std::optional(attributes);
}

std::vector<FetchReplyItem> fetch_reply_items(const std::vector<FetchAttribute>& attributes,
                                              const StoredMessage& message, std::uint32_t shown_uid, bool uid_command,
                                              bool seen_changed) {
  std::vector<FetchReplyItem> plain;
  std::vector<FetchReplyItem> literals;
  auto asked = [&](Kind kind) {
    return std::any_of(attributes.begin(), attributes.end(), [&](const FetchAttribute& a) { return a.kind == kind; });
  };
  if (uid_command || asked(Kind::uid)) plain.push_back({"UID", std::to_string(shown_uid)});
  for (const auto& attribute : attributes) {
    if (attribute.kind == Kind::uid) continue;
    auto item = plain_item(attribute, message, shown_uid);
    (item.literal ? literals : plain).push_back(std::move(item));
  }
  if (seen_changed && !asked(Kind::flags)) plain.push_back({"FLAGS", flag_list(message.flags)});
  plain.insert(plain.end(), literals.begin(), literals.end());
  return plain;
}

}  // namespace smtp_ping::test
