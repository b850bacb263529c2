#pragma once

// One libcurl easy handle configured for a mailbox account, and one transfer
// on it. Only curl_*.cpp include this (they alone link libcurl).

#include <curl/curl.h>

#include <memory>
#include <string>

#include "common/deadline.hpp"
#include "mailbox/mailbox_client.hpp"

namespace smtp_ping::mailbox {

struct Transfer {
  CURLcode code = CURLE_OK;
  std::string body;     // the write callback's data (bounded)
  std::string headers;  // the server's reply lines, CRLF kept (bounded)
  std::string error;    // CURLOPT_ERRORBUFFER
  bool body_overflow = false;
  bool interrupted = false;
  bool ok() const { return code == CURLE_OK; }
};

class CurlEasyHandle {
 public:
  explicit CurlEasyHandle(const MailboxAccount& account);
  CurlEasyHandle(const CurlEasyHandle&) = delete;
  CurlEasyHandle& operator=(const CurlEasyHandle&) = delete;

  // One request; `custom` is CURLOPT_CUSTOMREQUEST (empty: none). The body
  // beyond `max_body` octets stops the transfer (CURLE_WRITE_ERROR, body_overflow).
  Transfer perform(const std::string& url, const std::string& custom, bool no_body, std::size_t max_body,
                   const Deadline& deadline);
  // Ends the connection (LOGOUT/QUIT) and starts afresh on the next perform.
  void disconnect();

 private:
  struct Cleanup {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  void configure();
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

  const MailboxAccount& account_;
  std::unique_ptr<CURL, Cleanup> handle_;
  Transfer* current_ = nullptr;
  std::size_t max_body_ = 0;
  const Deadline* deadline_ = nullptr;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace smtp_ping::mailbox
