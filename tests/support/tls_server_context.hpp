#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace smtp_ping::test {

// An SSL_CTX for the server side, loaded from PEM files.
class TlsServerContext {
 public:
  TlsServerContext(const std::string& cert_file, const std::string& key_file);
  SSL_CTX* get() const { return context_.get(); }

 private:
  struct Deleter {
    void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
  };
  std::unique_ptr<SSL_CTX, Deleter> context_;
};

}  // namespace smtp_ping::test
