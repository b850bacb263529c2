#pragma once

#include <string>
#include <string_view>

namespace smtp_ping {

// The SHA-256 of `data` as 64 lowercase hex digits, from OpenSSL. Declared
// here and defined where OpenSSL is linked (message_digest_openssl.cpp), like
// sasl_crypto.hpp: the TLS provider can serve it later, so the core that
// composes and checks probe messages never links OpenSSL itself.
std::string sha256_hex(std::string_view data);

}  // namespace smtp_ping
