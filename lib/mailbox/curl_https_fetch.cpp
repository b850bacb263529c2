#include "mailbox/curl_https_fetch.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace smtp_ping::mailbox {
namespace {

struct EasyCleanup {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Progress {
  HttpsResponse* response;
  std::size_t max_body;
  const Deadline* deadline;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto& progress = *static_cast<Progress*>(self);
  const std::size_t bytes = size * count;
  if (progress.response->body.size() + bytes > progress.max_body) {
    progress.response->too_large = true;
    return 0;  // CURLE_WRITE_ERROR: abort beyond the cap
  }
  progress.response->body.append(data, bytes);
  return bytes;
}

int on_progress(void* self, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& progress = *static_cast<Progress*>(self);
  if (!progress.deadline->interrupted()) return 0;
  progress.response->interrupted = true;
  return 1;
}

long milliseconds_left(const Deadline& deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline.remaining()).count();
  return static_cast<long>(std::clamp<long long>(left, 1, 24LL * 3600 * 1000));
}

std::string info_text(CURL* handle, CURLINFO info) {
  char* text = nullptr;
  return curl_easy_getinfo(handle, info, &text) == CURLE_OK && text ? std::string(text) : std::string();
}

void fetch(const HttpsRequest& request, const Deadline& deadline, HttpsResponse& response) {
  std::unique_ptr<CURL, EasyCleanup> easy(curl_easy_init());
  if (!easy) {
    response.error = "curl_easy_init failed";
    return;
  }
  CURL* h = easy.get();
  std::unique_ptr<curl_slist, ListCleanup> resolve;
  for (const auto& entry : request.resolve) {
    curl_slist* grown = curl_slist_append(resolve.get(), entry.c_str());
    if (!grown) {
      response.error = "out of memory";
      return;
    }
    resolve.release();
    resolve.reset(grown);
  }
  char error[CURL_ERROR_SIZE] = {};
  Progress progress{&response, request.max_body, &deadline};
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
#endif
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // RFC 8461 §3.3: no redirects
  curl_easy_setopt(h, CURLOPT_PROXY, "");           // nothing goes elsewhere, whatever the environment says
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_RESOLVE, resolve.get());
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (request.ca_pem) {
    curl_blob blob{const_cast<char*>(request.ca_pem->data()), request.ca_pem->size(), CURL_BLOB_COPY};
    curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
  }
  if (request.ca_path) curl_easy_setopt(h, CURLOPT_CAPATH, request.ca_path->c_str());
  if (request.ca_pem && !request.ca_path) curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_body));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, milliseconds_left(deadline));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, milliseconds_left(deadline));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &progress);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &progress);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "smtp-ping (MTA-STS)");
  if (deadline.expired() || deadline.interrupted()) {
    response.curl_code = CURLE_OPERATION_TIMEDOUT;
    response.error = "no time left for the request";
    return;
  }
  const CURLcode code = curl_easy_perform(h);
  response.curl_code = code;
  if (code == CURLE_FILESIZE_EXCEEDED) response.too_large = true;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  response.content_type = info_text(h, CURLINFO_CONTENT_TYPE);
  response.location = info_text(h, CURLINFO_REDIRECT_URL);
  double seconds = 0;
  curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &seconds);
  response.seconds = seconds;
  response.transferred = code == CURLE_OK;
  if (code != CURLE_OK) response.error = error[0] ? error : curl_easy_strerror(code);
}

}  // namespace

HttpsResponse curl_fetch_https(const HttpsRequest& request, const Deadline& deadline) noexcept {
  HttpsResponse response;
  try {
    fetch(request, deadline, response);
  } catch (...) {
    response.transferred = false;
    response.error = "out of memory during the request";
  }
  return response;
}

}  // namespace smtp_ping::mailbox
