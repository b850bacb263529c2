#include "tls/dane_openssl.hpp"

#include <memory>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "tls/tls_channel.hpp"

namespace smtp_ping {
namespace {

constexpr int kMaxChain = 20;

std::string hex(const unsigned char* data, std::size_t size) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0x0f];
  }
  return out;
}

// The DER bytes a selector names: the whole certificate (0) or its SubjectPublicKeyInfo (1).
std::string selected_der(X509* cert, int selector) {
  unsigned char* der = nullptr;
  const int length = selector == 0 ? i2d_X509(cert, &der) : i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  if (length <= 0 || !der) return {};
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return bytes;
}

// The association data of a matching type: the bytes themselves (0), SHA-256 (1), SHA-512 (2).
std::string matched_form(const std::string& der, int matching_type) {
  if (matching_type == 0) return der;
  const EVP_MD* md = matching_type == 1 ? EVP_sha256() : matching_type == 2 ? EVP_sha512() : nullptr;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!md || der.empty() || EVP_Digest(der.data(), der.size(), digest, &size, md, nullptr) != 1) return {};
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string subject_text(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio) return {};
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

// Usage 3 names the leaf only; usage 2 a certificate above it.
int matching_depth(const DaneRecord& record, STACK_OF(X509) * chain) {
  const int count = chain ? std::min(sk_X509_num(chain), kMaxChain) : 0;
  for (int depth = record.usage == 3 ? 0 : 1; depth < count; ++depth) {
    const std::string form = matched_form(selected_der(sk_X509_value(chain, depth), record.selector), record.matching_type);
    if (!form.empty() && form == record.data) return depth;
    if (record.usage == 3) break;
  }
  return -1;
}

}  // namespace

void enable_dane_context(SSL_CTX* ctx) {
  if (SSL_CTX_dane_enable(ctx) <= 0) throw TlsFailure(TlsFailure::Kind::local, "this OpenSSL cannot verify by DANE");
}

void request_dane(SSL* ssl, const DaneRequest& request) {
  if (SSL_dane_enable(ssl, request.base_domain.c_str()) <= 0)
    throw TlsFailure(TlsFailure::Kind::local, "cannot enable DANE for " + request.base_domain);
  // RFC 7672 §3.2.1: a DANE-EE(3) match authenticates the key alone.
  SSL_dane_set_flags(ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS);
  X509_VERIFY_PARAM_set_hostflags(SSL_get0_param(ssl), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  for (const auto& name : request.more_names)
    if (!name.empty() && name != request.base_domain) SSL_add1_host(ssl, name.c_str());
  int usable = 0;
  for (const auto& record : request.records) {
    if (!dane_usable_for_smtp(record)) continue;
    const auto* data = reinterpret_cast<const unsigned char*>(record.data.data());
    if (SSL_dane_tlsa_add(ssl, record.usage, record.selector, record.matching_type, data, record.data.size()) > 0)
      ++usable;
  }
  if (usable == 0)
    throw TlsFailure(TlsFailure::Kind::local, "no TLSA record of " + request.base_domain + " is usable by OpenSSL");
}

DaneOutcome dane_outcome(SSL* ssl, const DaneRequest& request) {
  DaneOutcome outcome;
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);  // the client's view: the leaf first
  for (int depth = 0; chain && depth < std::min(sk_X509_num(chain), kMaxChain); ++depth) {
    X509* cert = sk_X509_value(chain, depth);
    const std::string spki = matched_form(selected_der(cert, 1), 1);
    const std::string whole = matched_form(selected_der(cert, 0), 1);
    outcome.chain.push_back({depth, subject_text(cert),
                             hex(reinterpret_cast<const unsigned char*>(spki.data()), spki.size()),
                             hex(reinterpret_cast<const unsigned char*>(whole.data()), whole.size())});
  }
  for (const auto& record : request.records)
    outcome.record_depths.push_back(dane_usable_for_smtp(record) ? matching_depth(record, chain) : -1);
  std::uint8_t usage = 0, selector = 0, matching_type = 0;
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  const int depth = SSL_get0_dane_tlsa(ssl, &usage, &selector, &matching_type, &data, &size);
  outcome.authenticated = depth >= 0 && SSL_get_verify_result(ssl) == X509_V_OK;
  if (depth >= 0) {
    outcome.matched_depth = depth;
    const std::string matched(reinterpret_cast<const char*>(data), size);
    for (std::size_t i = 0; i < request.records.size(); ++i) {
      const DaneRecord& record = request.records[i];
      if (record.usage == usage && record.selector == selector && record.matching_type == matching_type &&
          record.data == matched)
        outcome.matched = i;
    }
  }
  return outcome;
}

}  // namespace smtp_ping
