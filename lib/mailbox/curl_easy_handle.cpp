#include "mailbox/curl_easy_handle.hpp"

#include <algorithm>
#include <chrono>

namespace smtp_ping::mailbox {
namespace {

constexpr std::size_t kMaximumHeaderText = 64 * 1024;  // the reply lines we keep for the server's words

long milliseconds_left(const Deadline& deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline.remaining()).count();
  return static_cast<long>(std::clamp<long long>(left, 1, 24LL * 3600 * 1000));
}

}  // namespace

CurlEasyHandle::CurlEasyHandle(const MailboxAccount& account) : account_(account) { configure(); }

void CurlEasyHandle::configure() {
  handle_.reset(curl_easy_init());
  CURL* h = handle_.get();
  if (!h) return;
  const std::string& user = account_.user.empty() ? account_.url.user : account_.user;
  curl_easy_setopt(h, CURLOPT_USERNAME, user.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, account_.password.c_str());
  if (!account_.url.implicit_tls && !account_.allow_plaintext)
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, account_.verify_peer ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, account_.verify_peer ? 2L : 0L);
  if (!account_.ca_file.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, account_.ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);  // keeps the CA cache usable (libcurl-notes §5)
  }
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "imap,imaps,pop3,pop3s");
#endif
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_SASL_IR, 1L);
  curl_easy_setopt(h, CURLOPT_MAXCONNECTS, 1L);  // a new POP3 session closes the old one (QUIT)
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 10L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &CurlEasyHandle::on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &CurlEasyHandle::on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &CurlEasyHandle::on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, this);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}

void CurlEasyHandle::disconnect() { configure(); }

Transfer CurlEasyHandle::perform(const std::string& url, const std::string& custom, bool no_body,
                                 std::size_t max_body, const Deadline& deadline) {
  Transfer transfer;
  if (!handle_) {
    transfer.code = CURLE_FAILED_INIT;
    transfer.error = "curl_easy_init failed";
    return transfer;
  }
  if (deadline.interrupted() || deadline.expired()) {
    transfer.code = deadline.interrupted() ? CURLE_ABORTED_BY_CALLBACK : CURLE_OPERATION_TIMEDOUT;
    transfer.interrupted = deadline.interrupted();
    transfer.error = "no time left";
    return transfer;
  }
  CURL* h = handle_.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom.empty() ? nullptr : custom.c_str());
  curl_easy_setopt(h, CURLOPT_NOBODY, no_body ? 1L : 0L);
  const long left = milliseconds_left(deadline);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, left);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, left);
  error_[0] = '\0';
  current_ = &transfer;
  max_body_ = max_body;
  deadline_ = &deadline;
  transfer.code = curl_easy_perform(h);
  current_ = nullptr;
  deadline_ = nullptr;
  transfer.error = error_;
  if (transfer.error.empty() && transfer.code != CURLE_OK) transfer.error = curl_easy_strerror(transfer.code);
  return transfer;
}

std::size_t CurlEasyHandle::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto& handle = *static_cast<CurlEasyHandle*>(self);
  const std::size_t bytes = size * count;
  if (!handle.current_) return bytes;
  Transfer& transfer = *handle.current_;
  if (transfer.body.size() + bytes > handle.max_body_) {
    transfer.body_overflow = true;
    return 0;  // CURLE_WRITE_ERROR
  }
  transfer.body.append(data, bytes);
  return bytes;
}

std::size_t CurlEasyHandle::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto& handle = *static_cast<CurlEasyHandle*>(self);
  const std::size_t bytes = size * count;
  if (handle.current_ && handle.current_->headers.size() + bytes <= kMaximumHeaderText)
    handle.current_->headers.append(data, bytes);
  return bytes;
}

int CurlEasyHandle::on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& handle = *static_cast<CurlEasyHandle*>(self);
  if (handle.deadline_ && handle.deadline_->interrupted()) {
    if (handle.current_) handle.current_->interrupted = true;
    return 1;  // CURLE_ABORTED_BY_CALLBACK
  }
  return 0;
}

}  // namespace smtp_ping::mailbox
