#include "tls_server_context.hpp"

#include <openssl/err.h>

#include <array>
#include <stdexcept>

namespace smtp_ping::test {
namespace {

[[noreturn]] void fail(const std::string& what) {
  std::array<char, 256> message{};
  ERR_error_string_n(ERR_get_error(), message.data(), message.size());
  throw std::runtime_error(what + ": " + message.data());
}

}  // namespace

TlsServerContext::TlsServerContext(const std::string& cert_file, const std::string& key_file)
    : context_(SSL_CTX_new(TLS_server_method())) {
  if (!context_) fail("SSL_CTX_new");
  if (SSL_CTX_use_certificate_chain_file(context_.get(), cert_file.c_str()) != 1) fail("certificate " + cert_file);
  if (SSL_CTX_use_PrivateKey_file(context_.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1) fail("key " + key_file);
  if (SSL_CTX_check_private_key(context_.get()) != 1) fail("key does not match " + cert_file);
}

}  // namespace smtp_ping::test
