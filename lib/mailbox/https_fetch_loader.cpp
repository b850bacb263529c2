// fetch_https() of the core: the curl provider, loaded on first use (as mailbox_loader.cpp).
#include "mailbox/https_fetch.hpp"

#include "mailbox/curl_module_api.hpp"
#include "provider/provider_loader.hpp"
#include "provider/providers.hpp"

namespace smtp_ping::mailbox {

HttpsResponse fetch_https(const HttpsRequest& request, const Deadline& deadline) noexcept {
  HttpsResponse response;
  try {
    static const provider::Loaded loaded = provider::load(provider::kCurl, curl_module::kHeader);
    if (!loaded.table) {
      response.error = "HTTPS support is not available: " + loaded.problem;
      return response;
    }
    const auto& api = *reinterpret_cast<const curl_module::Api*>(loaded.table);  // the header is its first member
    static const bool started = api.start();
    if (!started) {
      response.error = "libcurl did not start";
      return response;
    }
    api.fetch_https(request, deadline, response);
  } catch (...) {
    response.error = "cannot load the HTTPS support";
  }
  return response;
}

}  // namespace smtp_ping::mailbox
