#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smtp_ping {

struct Reply;

// What a server announced in its EHLO/LHLO reply (RFC 5321 4.1.1.1).
struct Capabilities {
  std::string server_name;               // first word of the first line
  std::vector<std::string> keywords;     // every extension line as sent, e.g. "SIZE 10240000"
  bool esmtp = false;                    // false after a HELO fallback
  bool starttls = false;
  bool pipelining = false;
  bool eightbitmime = false;
  bool smtputf8 = false;
  bool chunking = false;
  bool enhanced_status_codes = false;
  bool dsn = false;
  std::optional<std::uint64_t> size;     // SIZE limit; 0 means "no fixed limit"
  std::vector<std::string> auth_mechanisms;  // upper case, from "AUTH x y" and "AUTH=x y"

  bool offers_auth(const std::string& mechanism) const;
};

// Reads the capabilities from a positive EHLO/LHLO reply. Keywords are matched
// case-insensitively; unknown ones are kept in `keywords`.
Capabilities parse_capabilities(const Reply& ehlo_reply);

}  // namespace smtp_ping
