#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::policy {

// The _mta-sts TXT record (RFC 8461 §3.1): "v=STSv1; id=20240601T000000;".
struct MtaStsRecord {
  bool valid = false;
  std::string id;                       // 1-32 letters and digits
  std::vector<std::string> problems;    // why not valid, as data: "id ...", each a short code-like phrase
  std::vector<std::string> extensions;  // other field names (allowed, reported)
};

// Whether a TXT record is an MTA-STS record at all: it starts with "v=STSv1" (others at the
// name are ignored, RFC 8461 §3.1).
bool is_mta_sts_record(std::string_view text);

// Parses one record that is_mta_sts_record(). Never throws.
MtaStsRecord parse_mta_sts_record(std::string_view text);

}  // namespace smtp_ping::policy
