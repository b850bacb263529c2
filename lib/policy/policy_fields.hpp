#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::policy {

// One "name=value" of a TXT policy record (RFC 8461 §3.1, RFC 8460 §3): whitespace around
// names, values and the ";" separators trimmed.
struct TagValue {
  std::string name;
  std::string value;
  bool has_equals = false;
};

// The record's fields in order; an empty field (a trailing ";") is left out.
std::vector<TagValue> split_tag_values(std::string_view record);

// RFC 8461's sts-ext-name / RFC 8460's tlsrpt-ext-name: (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".").
bool is_extension_name(std::string_view name);

// ASCII lower case.
std::string lower(std::string_view text);

}  // namespace smtp_ping::policy
