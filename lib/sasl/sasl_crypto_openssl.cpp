#include "sasl/sasl_crypto.hpp"

#include <cctype>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace smtp_ping {

std::string base64_encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(data.data()), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string clean;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) clean += c;
  if (clean.size() % 4 != 0) return std::nullopt;
  if (clean.empty()) return std::string();
  // '=' only as the last one or two characters.
  const auto padding = clean.find('=');
  if (padding != std::string::npos &&
      (padding + 2 < clean.size() || clean.find_first_not_of('=', padding) != std::string::npos))
    return std::nullopt;
  std::string out(clean.size() / 4 * 3 + 1, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (length < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(length);
  // EVP_DecodeBlock counts the padding as data bytes.
  for (std::size_t i = clean.size(); i > 0 && clean[i - 1] == '=' && size > 0; --i) --size;
  out.resize(size);
  return out;
}

std::string hmac_md5(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_md5(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), digest, &length))
    length = 0;
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace smtp_ping
