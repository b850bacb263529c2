#include "sasl.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <vector>

namespace smtp_ping::test {
namespace {

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

// "user=U\x01auth=Bearer T\x01\x01" style key/value lists; `field` includes its '='.
std::optional<std::string_view> field_value(std::string_view list, std::string_view field) {
  std::size_t start = 0;
  while (start < list.size()) {
    const auto end = std::min(list.find('\x01', start), list.size());
    const auto item = list.substr(start, end - start);
    if (item.substr(0, field.size()) == field) return item.substr(field.size());
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), bytes_of(bytes),
                                static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(n));
  return text;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  if (text.empty()) return std::string{};
  std::string bytes(3 * text.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()), bytes_of(text),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t size = static_cast<std::size_t>(n);
  if (text.back() == '=') --size;
  if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
  bytes.resize(size);
  return bytes;
}

bool plain_matches(std::string_view response, std::string_view user, std::string_view password) {
  const auto first = response.find('\0');
  if (first == std::string_view::npos) return false;
  const auto second = response.find('\0', first + 1);
  if (second == std::string_view::npos) return false;
  const auto authcid = response.substr(first + 1, second - first - 1);
  return authcid == user && response.substr(second + 1) == password;
}

std::string hmac_md5_hex(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_md5(), key.data(), static_cast<int>(key.size()), bytes_of(message), message.size(), digest.data(),
       &length);
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 0xf];
  }
  return text;
}

bool cram_md5_matches(std::string_view response, std::string_view challenge, std::string_view user,
                      std::string_view password) {
  const auto space = response.rfind(' ');
  if (space == std::string_view::npos) return false;
  return response.substr(0, space) == user && response.substr(space + 1) == hmac_md5_hex(password, challenge);
}

bool xoauth2_matches(std::string_view response, std::string_view user, std::string_view token) {
  const auto given_user = field_value(response, "user=");
  const auto auth = field_value(response, "auth=");
  return given_user && auth && *given_user == user && *auth == "Bearer " + std::string(token);
}

bool oauthbearer_matches(std::string_view response, std::string_view user, std::string_view token) {
  // GS2 header "n,a=user," then key/value pairs separated by \x01.
  const auto header_end = response.find('\x01');
  if (header_end == std::string_view::npos) return false;
  const auto header = response.substr(0, header_end);
  const auto authzid = header.find("a=");
  const bool user_ok = authzid == std::string_view::npos ||
                       header.substr(authzid + 2, header.find(',', authzid) - authzid - 2) == user;
  const auto auth = field_value(response.substr(header_end + 1), "auth=");
  return user_ok && auth && *auth == "Bearer " + std::string(token);
}

}  // namespace smtp_ping::test
