#pragma once

// Authentication-Results (RFC 8601): what the receiving side concluded about
// SPF, DKIM and DMARC for the delivered probe.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mail/mail_message.hpp"

namespace smtp_ping {

struct AuthenticationResult {
  std::string method;  // lowercase: "spf", "dkim", "dmarc", ...
  std::string result;  // lowercase: "pass", "fail", "none", "softfail", ...
  std::string reason;  // reason=, unquoted
  std::vector<std::pair<std::string, std::string>> properties;  // ptype.property = value, e.g. {"smtp.mailfrom", "x@y"}
};

struct AuthenticationResults {
  std::string authserv_id;
  std::vector<AuthenticationResult> results;  // empty for "none"
};

inline constexpr std::size_t kMaximumAuthenticationResults = 64;

// One header value; nullopt when it has no authserv-id.
std::optional<AuthenticationResults> parse_authentication_results(std::string_view value);

// spf, dkim, dmarc as the topmost Authentication-Results field (the one the
// final receiving host added) says; for a method with several results (DKIM:
// one per signature) "pass" if any passed, else the first. nullopt: not reported.
struct AuthenticationSummary {
  std::optional<AuthenticationResults> source;  // the field the summary comes from
  std::optional<std::string> spf, dkim, dmarc;
};
AuthenticationSummary summarize_authentication(const MailMessage& message);

// The combined result of `method` in `results` (see above).
std::optional<std::string> method_result(const AuthenticationResults& results, std::string_view method);

}  // namespace smtp_ping
