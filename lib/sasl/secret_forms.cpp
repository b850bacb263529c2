#include "sasl/secret_forms.hpp"

#include <algorithm>

#include "sasl/sasl_crypto.hpp"
#include "sasl/sasl_mechanism.hpp"

namespace smtp_ping {
namespace {

// Shorter runs would match ordinary text too often.
constexpr std::size_t kShortestFragment = 6;

// The base64 characters of `secret` that do not depend on the bytes around it
// when it starts `offset` bytes (0-2) into a 3-byte group.
std::string aligned_fragment(const std::string& secret, std::size_t offset) {
  const std::string encoded = base64_encode(std::string(offset, '\0') + secret);
  const std::size_t first = (8 * offset + 5) / 6;              // first character without pad bits
  const std::size_t end = 8 * (offset + secret.size()) / 6;     // characters entirely inside the secret
  return end > first ? encoded.substr(first, end - first) : std::string();
}

}  // namespace

std::vector<std::string> secret_forms(const AuthOptions& auth, const std::string& host, unsigned port,
                                      bool with_encodings) {
  std::vector<std::string> forms;
  if (auth.secret.empty()) return forms;
  forms.push_back(auth.secret);
  if (with_encodings) {
    forms.push_back(base64_encode(auth.secret));  // LOGIN
    for (const char* name : {"PLAIN", "XOAUTH2", "OAUTHBEARER"})
      if (const auto mechanism = make_sasl_mechanism(name, auth.user, auth.secret, host, port))
        if (const auto initial = mechanism->initial_response()) forms.push_back(base64_encode(*initial));
    for (std::size_t offset = 0; offset < 3; ++offset)
      if (std::string fragment = aligned_fragment(auth.secret, offset); fragment.size() >= kShortestFragment)
        forms.push_back(std::move(fragment));
  }
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

}  // namespace smtp_ping
