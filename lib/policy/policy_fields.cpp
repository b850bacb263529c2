#include "policy/policy_fields.hpp"

#include <cctype>

namespace smtp_ping::policy {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::vector<TagValue> split_tag_values(std::string_view record) {
  std::vector<TagValue> fields;
  while (!record.empty()) {
    const std::size_t end = record.find(';');
    const std::string_view field = trimmed(record.substr(0, end));
    record.remove_prefix(end == std::string_view::npos ? record.size() : end + 1);
    if (field.empty()) continue;
    const std::size_t equals = field.find('=');
    TagValue tag;
    tag.has_equals = equals != std::string_view::npos;
    tag.name = std::string(trimmed(field.substr(0, equals)));
    if (tag.has_equals) tag.value = std::string(trimmed(field.substr(equals + 1)));
    fields.push_back(std::move(tag));
  }
  return fields;
}

bool is_extension_name(std::string_view name) {
  if (name.empty() || name.size() > 32 || !is_alnum(name.front())) return false;
  for (char c : name)
    if (!is_alnum(c) && c != '_' && c != '-' && c != '.') return false;
  return true;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace smtp_ping::policy
