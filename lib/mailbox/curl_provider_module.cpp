// smtp-ping-curl.so: the libcurl mailbox client behind the table of
// curl_module_api.hpp. Nothing thrown leaves this file.
#include "mailbox/curl_https_fetch.hpp"
#include "mailbox/curl_module_api.hpp"

namespace smtp_ping::mailbox::curl_module {
namespace {

bool start() noexcept { return start_curl_mailbox_support(); }

MailboxClient* make_client(const MailboxAccount& account, MailboxError& error) noexcept {
  try {
    return make_curl_mailbox_client(account, error).release();
  } catch (...) {
    error = MailboxError{MailboxPhase::connect, MailboxErrorKind::other, 0, {}, "cannot create the mailbox client"};
    return nullptr;
  }
}

void fetch_https(const HttpsRequest& request, const Deadline& deadline, HttpsResponse& response) noexcept {
  try {
    response = curl_fetch_https(request, deadline);
  } catch (...) {
    response.error = "out of memory for the response";
  }
}

constexpr Api kApi{kHeader, start, make_client, fetch_https};

}  // namespace
}  // namespace smtp_ping::mailbox::curl_module

extern "C" __attribute__((visibility("default"))) const smtp_ping::provider::Header* smtp_ping_curl_module() {
  return &smtp_ping::mailbox::curl_module::kApi.header;
}
