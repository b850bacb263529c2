#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::policy {

// The _smtp._tls TXT record (RFC 8460 §3): "v=TLSRPTv1; rua=mailto:a@example.org,https://r.example/".
struct TlsRptRecord {
  bool valid = false;
  std::vector<std::string> rua;         // the report URIs
  std::vector<std::string> problems;
  std::vector<std::string> extensions;
};

// Whether a TXT record is a TLS-RPT record: it starts with "v=TLSRPTv1".
bool is_tls_rpt_record(std::string_view text);

TlsRptRecord parse_tls_rpt_record(std::string_view text);

}  // namespace smtp_ping::policy
