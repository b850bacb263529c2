#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "common/deadline.hpp"
#include "tls/tls_options.hpp"
#include "tls/tls_channel.hpp"

namespace smtp_ping {

struct SslDeleter {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};

// A client TLS session over a connected non-blocking socket, in OpenSSL.
class TlsSession final : public TlsChannel {
 public:
  // What start_tls() promises.
  static std::unique_ptr<TlsSession> establish(int fd, const TlsOptions& options, const std::string& host,
                                               const Deadline& deadline);

  void write(std::string_view data, const Deadline& deadline) override;
  std::size_t read(char* buffer, std::size_t size, const Deadline& deadline) override;
  const TlsFacts& facts() const override { return facts_; }
  bool certificate_matches(const std::string& name) const override;

 private:
  TlsSession(std::unique_ptr<SSL_CTX, SslDeleter> ctx, std::unique_ptr<SSL, SslDeleter> ssl, int fd);

  std::unique_ptr<SSL_CTX, SslDeleter> ctx_;
  std::unique_ptr<SSL, SslDeleter> ssl_;
  int fd_;
  TlsFacts facts_;
};

}  // namespace smtp_ping
