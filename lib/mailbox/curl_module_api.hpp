#pragma once

// The mailbox provider, smtp-ping-curl.so (provider::kCurl): libcurl and the
// client over it, loaded through lib/provider on the first round trip, so that
// a check without --mailbox never maps libcurl. The client's methods are
// noexcept and return value types (mailbox_client.hpp): nothing is thrown across.

#include "mailbox/https_fetch.hpp"
#include "mailbox/mailbox_client.hpp"
#include "provider/provider_header.hpp"

namespace smtp_ping::mailbox::curl_module {

struct Api {
  provider::Header header;  // kHeader
  // curl_global_init, once, before the first client (the plugin runs one check).
  bool (*start)() noexcept;
  // Null with `error` set when this libcurl cannot speak the URL's protocol. Delete it through
  // its virtual destructor (the module's own).
  MailboxClient* (*make_client)(const MailboxAccount& account, MailboxError& error) noexcept;
  // One HTTPS GET (https_fetch.hpp): the MTA-STS policy. The module fills `response`.
  void (*fetch_https)(const HttpsRequest& request, const Deadline& deadline, HttpsResponse& response) noexcept;
};

inline constexpr char kBuild[] = "smtp-ping " SMTP_PING_VERSION " curl-module-2 " __VERSION__;
inline constexpr provider::Header kHeader{
    kBuild, sizeof(Api), {sizeof(MailboxAccount), sizeof(MailboxError), sizeof(SearchOutcome), sizeof(FetchOutcome)}};

}  // namespace smtp_ping::mailbox::curl_module
