// Authentication-Results (RFC 8601): bounded results, lowercase methods and results.
#include <cctype>
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "mail/authentication_results.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

bool lowercase(const std::string& text) {
  for (char c : text)
    if (std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  if (const auto parsed = parse_authentication_results(input)) {
    require(!parsed->authserv_id.empty(), "an empty authserv-id", input);
    require(parsed->results.size() <= kMaximumAuthenticationResults, "more results than the limit", input);
    for (const auto& result : parsed->results) {
      require(!result.method.empty() && !result.result.empty(), "an empty method or result", input);
      require(lowercase(result.method) && lowercase(result.result), "method or result not lowercase", input);
      require(result.method.find('/') == std::string::npos, "a version left in the method", input);
      require(result.properties.size() <= 32, "more properties than the limit", input);
    }
    for (const char* method : {"spf", "dkim", "dmarc"})
      if (const auto combined = method_result(*parsed, method)) require(!combined->empty(), "an empty combined result", input);
  }
  summarize_authentication(parse_mail_message(input));
  return 0;
}
