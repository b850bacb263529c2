#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace smtp_ping::test {

// libcurl as the mailbox tests drive it (never linked into lib/ or the plugin):
// one easy handle, so repeated transfers reuse the connection like a poll would.
class CurlClient {
 public:
  struct Result {
    CURLcode code = CURLE_OK;
    std::string body;     // what curl handed to the write callback
    std::string headers;  // the server's response lines (the header callback), CRLF kept
    std::string error;    // CURLOPT_ERRORBUFFER
    long response = 0;    // CURLINFO_RESPONSE_CODE
  };

  CurlClient();
  CurlClient& credentials(const std::string& user, const std::string& password);
  CurlClient& ca_file(const std::string& path);           // verification stays on
  CurlClient& require_tls();                              // CURLOPT_USE_SSL = CURLUSESSL_ALL (STARTTLS)
  CurlClient& timeout(long milliseconds);                 // CURLOPT_TIMEOUT_MS
  CurlClient& max_body(std::size_t bytes);                // the write callback stops the transfer past this
  CurlClient& sasl_ir(bool on);                           // CURLOPT_SASL_IR
  CurlClient& login_options(const std::string& options);  // CURLOPT_LOGIN_OPTIONS, e.g. "AUTH=+LOGIN"

  // A transfer of `url`; `custom` is CURLOPT_CUSTOMREQUEST (empty: none); `no_body` CURLOPT_NOBODY.
  Result perform(const std::string& url, const std::string& custom = {}, bool no_body = false);

 private:
  struct Cleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  static std::size_t collect(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* self);

  std::unique_ptr<CURL, Cleanup> handle_;
  std::string body_;
  std::string headers_;
  std::size_t max_body_ = 0;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace smtp_ping::test
