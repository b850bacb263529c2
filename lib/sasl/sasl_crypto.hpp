#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping {

// The cryptography SASL needs, from OpenSSL. Defined twice, like start_tls():
// sasl_crypto_openssl.cpp links OpenSSL, tls_loader.cpp goes through the TLS
// module that a check loads on first use.
std::string base64_encode(std::string_view data);
// nullopt when `text` is not base64 (whitespace is ignored).
std::optional<std::string> base64_decode(std::string_view text);
// The raw 16-byte HMAC-MD5 of `data` under `key` (CRAM-MD5).
std::string hmac_md5(std::string_view key, std::string_view data);

}  // namespace smtp_ping
