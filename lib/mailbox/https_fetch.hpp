#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"

namespace smtp_ping::mailbox {

// One HTTPS GET of a small document (the MTA-STS policy, RFC 8461 §3.3): the certificate
// verified for the URL's host, no redirect followed, no proxy, the body capped.
struct HttpsRequest {
  std::string url;
  std::vector<std::string> resolve;     // CURLOPT_RESOLVE: "HOST:443:ADDRESS", from our own DNS answers
  std::optional<std::string> ca_pem;    // --cafile's content (read with the options); else the system store
  std::optional<std::string> ca_path;   // --capath
  std::size_t max_body = 64 * 1024;     // beyond it the transfer is aborted (too_large)
};

struct HttpsResponse {
  bool transferred = false;  // a whole response arrived (any status)
  int curl_code = 0;         // CURLcode
  std::string error;         // libcurl's words when not transferred
  long status = 0;           // HTTP status
  std::string content_type;
  std::string location;      // a redirect's target (never followed)
  std::string body;
  bool too_large = false;    // the body (or its Content-Length) went past max_body
  bool interrupted = false;  // a signal
  double seconds = 0;
};

// Through libcurl in the curl provider (smtp-ping-curl.so, loaded on first use), within the
// deadline (CURLOPT_TIMEOUT_MS). Never throws; a missing provider is an error in the response.
HttpsResponse fetch_https(const HttpsRequest& request, const Deadline& deadline) noexcept;

}  // namespace smtp_ping::mailbox
