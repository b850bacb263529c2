#include "curl_client.hpp"

#include <stdexcept>

namespace smtp_ping::test {

CurlClient::CurlClient() : handle_(curl_easy_init()) {
  if (!handle_) throw std::runtime_error("curl_easy_init failed");
  CURL* h = handle_.get();
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &CurlClient::collect);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &CurlClient::collect_header);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 20'000L);  // every transfer bounded
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 5'000L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "imap,imaps,pop3,pop3s");
}

CurlClient& CurlClient::credentials(const std::string& user, const std::string& password) {
  curl_easy_setopt(handle_.get(), CURLOPT_USERNAME, user.c_str());
  curl_easy_setopt(handle_.get(), CURLOPT_PASSWORD, password.c_str());
  return *this;
}

CurlClient& CurlClient::ca_file(const std::string& path) {
  curl_easy_setopt(handle_.get(), CURLOPT_CAINFO, path.c_str());
  curl_easy_setopt(handle_.get(), CURLOPT_CAPATH, nullptr);
  return *this;
}

CurlClient& CurlClient::require_tls() {
  curl_easy_setopt(handle_.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  return *this;
}

CurlClient& CurlClient::timeout(long milliseconds) {
  curl_easy_setopt(handle_.get(), CURLOPT_TIMEOUT_MS, milliseconds);
  return *this;
}

CurlClient& CurlClient::max_body(std::size_t bytes) {
  max_body_ = bytes;
  return *this;
}

CurlClient& CurlClient::sasl_ir(bool on) {
  curl_easy_setopt(handle_.get(), CURLOPT_SASL_IR, on ? 1L : 0L);
  return *this;
}

CurlClient& CurlClient::login_options(const std::string& options) {
  curl_easy_setopt(handle_.get(), CURLOPT_LOGIN_OPTIONS, options.c_str());
  return *this;
}

std::size_t CurlClient::collect(char* data, std::size_t size, std::size_t count, void* self) {
  auto& client = *static_cast<CurlClient*>(self);
  const std::size_t bytes = size * count;
  if (client.max_body_ > 0 && client.body_.size() + bytes > client.max_body_) return 0;  // CURLE_WRITE_ERROR
  client.body_.append(data, bytes);
  return bytes;
}

std::size_t CurlClient::collect_header(char* data, std::size_t size, std::size_t count, void* self) {
  static_cast<CurlClient*>(self)->headers_.append(data, size * count);
  return size * count;
}

CurlClient::Result CurlClient::perform(const std::string& url, const std::string& custom, bool no_body) {
  CURL* h = handle_.get();
  body_.clear();
  headers_.clear();
  error_[0] = '\0';
  // Set here, not once: the client may have moved since.
  curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom.empty() ? nullptr : custom.c_str());
  curl_easy_setopt(h, CURLOPT_NOBODY, no_body ? 1L : 0L);
  Result result;
  result.code = curl_easy_perform(h);
  result.body = body_;
  result.headers = headers_;
  result.error = error_;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.response);
  return result;
}

}  // namespace smtp_ping::test
