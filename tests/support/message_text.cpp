#include "message_text.hpp"

#include <algorithm>
#include <cctype>

namespace smtp_ping::test {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Each field of the header section with its continuation lines, as it is.
std::vector<std::string_view> raw_fields(std::string_view header) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find("\r\n", start);
    while (end != std::string_view::npos && end + 2 < header.size() &&
           (header[end + 2] == ' ' || header[end + 2] == '\t'))
      end = header.find("\r\n", end + 2);
    if (end == std::string_view::npos)
      end = header.size();
    else
      end += 2;
    const auto field = header.substr(start, end - start);
    if (field != "\r\n") fields.push_back(field);
    start = end;
  }
  return fields;
}

std::string_view field_name(std::string_view field) {
  const auto colon = field.find(':');
  return colon == std::string_view::npos ? std::string_view{} : field.substr(0, colon);
}

std::string unfolded_value(std::string_view field) {
  std::string value;
  for (const char c : field.substr(field.find(':') + 1))
    if (c != '\r' && c != '\n') value += c;
  const auto first = value.find_first_not_of(" \t");
  return first == std::string::npos ? std::string{} : value.substr(first);
}

}  // namespace

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view header_section(std::string_view message) {
  if (message.rfind("\r\n", 0) == 0) return message.substr(0, 2);
  const auto end = message.find("\r\n\r\n");
  return end == std::string_view::npos ? message : message.substr(0, end + 4);
}

std::string_view body_section(std::string_view message) { return message.substr(header_section(message).size()); }

std::vector<std::string> header_values(std::string_view message, std::string_view name) {
  std::vector<std::string> values;
  for (const auto field : raw_fields(header_section(message)))
    if (equal_ignoring_case(field_name(field), name)) values.push_back(unfolded_value(field));
  return values;
}

std::string header_fields(std::string_view message, const std::vector<std::string>& names, bool exclude) {
  std::string out;
  for (const auto field : raw_fields(header_section(message))) {
    const bool named = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return equal_ignoring_case(field_name(field), name);
    });
    if (named != exclude) out += field;
  }
  return out + "\r\n";
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char x, char y) { return lower(x) == lower(y); }) != haystack.end();
}

std::string upper_case(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string dot_stuffed(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  bool line_start = true;
  for (const char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!out.empty() && out.back() != '\n') out += "\r\n";
  return out;
}

std::string compose_message(const std::vector<std::pair<std::string, std::string>>& fields, std::string_view body) {
  std::string text;
  for (const auto& [name, value] : fields) text += name + ": " + value + "\r\n";
  return text + "\r\n" + to_crlf(body);
}

std::string protocol_like_body() {
  return to_crlf(
      "A001 OK LOGIN completed\n"
      "A004 OK Fetch completed.\n"
      "A005 NO [AUTHENTICATIONFAILED] looks like a failure\n"
      "* 3 EXISTS\n"
      "* 1 FETCH (UID 99 BODY[] {123}\n"
      "{123}\n"
      "* SEARCH 1 2 3\n"
      "* BYE server going down\n"
      "+ Ready for literal data\n"
      ".\n"
      "..\n"
      ".hidden line after a dot\n"
      "+OK 2 messages\n"
      "-ERR no such message\n"
      ")\n"
      "the end\n");
}

}  // namespace smtp_ping::test
