#pragma once

// DANE (RFC 6698, RFC 7672) with OpenSSL's own verifier. Only the OpenSSL sources include this.

#include <openssl/ssl.h>

#include "tls/dane.hpp"

namespace smtp_ping {

// Before SSL_new(): lets the context's sessions use DANE.
void enable_dane_context(SSL_CTX* ctx);

// After SSL_new() and SNI: verification by these records (usable ones: DANE-TA/DANE-EE), the
// base domain and further names as reference identifiers of a DANE-TA(2) match, no name check
// for DANE-EE(3). Throws TlsFailure (local) when OpenSSL takes none of the records.
void request_dane(SSL* ssl, const DaneRequest& request);

// After the handshake: which record OpenSSL authenticated with, which record matches which
// presented certificate, and the presented chain's digests.
DaneOutcome dane_outcome(SSL* ssl, const DaneRequest& request);

}  // namespace smtp_ping
