#pragma once

#include "mailbox/https_fetch.hpp"

namespace smtp_ping::mailbox {

// fetch_https() itself, in the curl provider (curl_global_init done). Never throws.
HttpsResponse curl_fetch_https(const HttpsRequest& request, const Deadline& deadline) noexcept;

}  // namespace smtp_ping::mailbox
