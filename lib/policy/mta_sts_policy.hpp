#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::policy {

// The most a client reads of a policy (RFC 8461 §3.3: "a maximum of 64 KB").
inline constexpr std::size_t kMaxMtaStsPolicyBytes = 64 * 1024;
// max_age's upper bound (RFC 8461 §3.2: up to 31557600 seconds, about one year).
inline constexpr std::uint32_t kMaxMtaStsMaxAge = 31557600;

enum class MtaStsMode { enforce, testing, none };

const char* mta_sts_mode_name(MtaStsMode mode);

// The policy file (RFC 8461 §3.2), parsed strictly: every problem is kept, a policy with any
// is invalid ("a policy that fails to parse" is no policy, §3.3), but what could be read
// (mode, patterns) stays for the report.
struct MtaStsPolicy {
  bool valid = false;
  std::optional<std::string> version;        // must be "STSv1"
  std::optional<MtaStsMode> mode;
  std::vector<std::string> mx;                // patterns as given (IP literals left out: see ip_literals)
  std::optional<std::uint32_t> max_age;
  std::vector<std::string> problems;          // what makes it invalid
  std::vector<std::string> unknown_keys;      // ignored (§3.2), reported
  std::vector<std::string> ip_literals;       // "mx:" values that are addresses: no pattern, reported
};

MtaStsPolicy parse_mta_sts_policy(std::string_view text);

// RFC 8461 §4.1: an MX host matches a pattern exactly, or a "*." pattern by its leftmost label
// alone; case-insensitive, trailing dots ignored.
bool mx_pattern_matches(std::string_view pattern, std::string_view host);

}  // namespace smtp_ping::policy
