#pragma once

// The table of providers. Adding one: an entry here (its file and entry point),
// an API header beginning with provider::Header, a module source exporting the
// entry point, and smtp_ping_add_provider() in lib/CMakeLists.txt.

#include <string_view>

namespace smtp_ping::provider {

struct Module {
  std::string_view name;         // for messages: "TLS support"
  std::string_view file_name;    // "smtp-ping-tls.so", beside the executable or in the module directory
  std::string_view entry_point;  // the one symbol the module exports
};

inline constexpr Module kTls{"TLS support", "smtp-ping-tls.so", "smtp_ping_tls_module"};
inline constexpr Module kDns{"DNS support", "smtp-ping-dns.so", "smtp_ping_dns_module"};
inline constexpr Module kCurl{"mailbox support (libcurl)", "smtp-ping-curl.so", "smtp_ping_curl_module"};

}  // namespace smtp_ping::provider
