// The mailbox and HTTPS support linked in (the Zabbix module, the tests that link libcurl):
// libcurl directly, no provider to load. check_smtp_ping takes mailbox_loader.cpp and
// https_fetch_loader.cpp instead, so that a check without --mailbox maps no libcurl.
#include "mailbox/curl_https_fetch.hpp"
#include "mailbox/https_fetch.hpp"
#include "mailbox/mailbox_loader.hpp"

namespace smtp_ping::mailbox {
namespace {

bool curl_started() noexcept {
  static const bool started = start_curl_mailbox_support();
  return started;
}

}  // namespace

std::unique_ptr<MailboxClient> load_mailbox_client(const MailboxAccount& account, MailboxError& error) noexcept {
  try {
    if (!curl_started()) {
      error = MailboxError{MailboxPhase::connect, MailboxErrorKind::unsupported, 0, {}, "libcurl did not start"};
      return nullptr;
    }
    return make_curl_mailbox_client(account, error);
  } catch (...) {
    error = MailboxError{MailboxPhase::connect, MailboxErrorKind::other, 0, {}, "cannot create the mailbox client"};
    return nullptr;
  }
}

HttpsResponse fetch_https(const HttpsRequest& request, const Deadline& deadline) noexcept {
  if (!curl_started()) {
    HttpsResponse response;
    response.error = "libcurl did not start";
    return response;
  }
  return curl_fetch_https(request, deadline);
}

}  // namespace smtp_ping::mailbox
