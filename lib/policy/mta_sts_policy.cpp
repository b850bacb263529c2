#include "policy/mta_sts_policy.hpp"

#include <cctype>

#include "policy/policy_fields.hpp"

namespace smtp_ping::policy {
namespace {

constexpr std::size_t kMaxLines = 10000;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_ip_literal(std::string_view value) {
  if (value.empty()) return false;
  if (value.front() == '[' || value.find(':') != std::string_view::npos) return true;
  for (char c : value)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  return true;
}

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

// A host name, or "*." and a host name: the wildcard only as the whole leftmost label.
bool is_mx_pattern(std::string_view pattern) {
  if (pattern.size() > 2 && pattern.substr(0, 2) == "*.") pattern.remove_prefix(2);
  if (pattern.empty() || pattern.size() > 253) return false;
  if (pattern.back() == '.') pattern.remove_suffix(1);
  int labels = 0;
  while (!pattern.empty()) {
    const std::size_t dot = pattern.find('.');
    if (!is_label(pattern.substr(0, dot))) return false;
    ++labels;
    pattern.remove_prefix(dot == std::string_view::npos ? pattern.size() : dot + 1);
    if (dot != std::string_view::npos && pattern.empty()) return false;
  }
  return labels >= 1;
}

std::optional<std::uint32_t> max_age_value(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > kMaxMtaStsMaxAge) return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

std::string without_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return lower(name);
}

void take(MtaStsPolicy& policy, const std::string& key, std::string_view value) {
  auto once = [&](bool seen) {
    if (seen) policy.problems.push_back("'" + key + "' more than once");
  };
  if (key == "version") {
    once(policy.version.has_value());
    policy.version = std::string(value);
    if (value != "STSv1") policy.problems.push_back("version '" + std::string(value) + "' is not STSv1");
  } else if (key == "mode") {
    once(policy.mode.has_value());
    if (value == "enforce") policy.mode = MtaStsMode::enforce;
    else if (value == "testing") policy.mode = MtaStsMode::testing;
    else if (value == "none") policy.mode = MtaStsMode::none;
    else policy.problems.push_back("mode '" + std::string(value) + "' is not enforce, testing or none");
  } else if (key == "max_age") {
    once(policy.max_age.has_value());
    policy.max_age = max_age_value(value);
    if (!policy.max_age)
      policy.problems.push_back("max_age '" + std::string(value) + "' is not 0 to " + std::to_string(kMaxMtaStsMaxAge));
  } else if (key == "mx") {
    if (is_ip_literal(value)) policy.ip_literals.emplace_back(value);
    else if (is_mx_pattern(value)) policy.mx.emplace_back(value);
    else policy.problems.push_back("mx '" + std::string(value) + "' is not a host name or *.name");
  } else {
    policy.unknown_keys.push_back(key);
  }
}

}  // namespace

const char* mta_sts_mode_name(MtaStsMode mode) {
  switch (mode) {
    case MtaStsMode::enforce: return "enforce";
    case MtaStsMode::testing: return "testing";
    case MtaStsMode::none: return "none";
  }
  return "?";
}

MtaStsPolicy parse_mta_sts_policy(std::string_view text) {
  MtaStsPolicy policy;
  if (text.size() > kMaxMtaStsPolicyBytes) policy.problems.push_back("larger than 64 KB");
  std::size_t lines = 0;
  while (!text.empty() && lines++ < kMaxLines) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trimmed(line).empty()) continue;
    const std::size_t colon = line.find(':');
    const std::string key(trimmed(line.substr(0, colon)));
    if (colon == std::string_view::npos || !is_extension_name(key)) {
      policy.problems.push_back("line '" + std::string(line.substr(0, 80)) + "' is not 'key: value'");
      continue;
    }
    take(policy, key, trimmed(line.substr(colon + 1)));
  }
  if (!policy.version) policy.problems.push_back("no version");
  if (!policy.mode) policy.problems.push_back("no mode");
  if (!policy.max_age) policy.problems.push_back("no max_age");
  if (policy.mx.empty() && policy.mode != MtaStsMode::none) policy.problems.push_back("no mx pattern");
  // One report of each missing key, once.
  policy.valid = policy.problems.empty();
  return policy;
}

bool mx_pattern_matches(std::string_view pattern, std::string_view host) {
  const std::string want = without_dot(pattern);
  const std::string name = without_dot(host);
  if (want.size() > 2 && want.compare(0, 2, "*.") == 0) {
    const std::size_t dot = name.find('.');
    return dot != std::string::npos && dot > 0 && name.compare(dot + 1, std::string::npos, want, 2) == 0;
  }
  return !want.empty() && want == name;
}

}  // namespace smtp_ping::policy
