#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "common/deadline.hpp"
#include "probe/probe_options.hpp"
#include "tls/tls_facts.hpp"

namespace smtp_ping {

// Why a handshake or its certificate failed, already in words for the admin.
class TlsFailure : public std::runtime_error {
 public:
  enum class Kind { handshake, verify, policy, local };
  TlsFailure(Kind kind, const std::string& message, TlsFacts facts = {})
      : std::runtime_error(message), kind_(kind), facts_(std::move(facts)) {}
  Kind kind() const { return kind_; }
  const TlsFacts& facts() const { return facts_; }

 private:
  Kind kind_;
  TlsFacts facts_;
};

struct SslDeleter {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};

// A client TLS session over a connected non-blocking socket.
class TlsSession {
 public:
  // Runs the handshake, then checks the certificate (unless options.verify is
  // off) and the policy before returning: with a bad certificate it throws
  // TlsFailure and not one byte of application data has been sent.
  // `host` is -H: the default SNI and verification name.
  static std::unique_ptr<TlsSession> establish(int fd, const TlsOptions& options, const std::string& host,
                                               const Deadline& deadline);

  void write(std::string_view data, const Deadline& deadline);
  std::size_t read(char* buffer, std::size_t size, const Deadline& deadline);
  const TlsFacts& facts() const { return facts_; }

 private:
  TlsSession(std::unique_ptr<SSL_CTX, SslDeleter> ctx, std::unique_ptr<SSL, SslDeleter> ssl, int fd);

  std::unique_ptr<SSL_CTX, SslDeleter> ctx_;
  std::unique_ptr<SSL, SslDeleter> ssl_;
  int fd_;
  TlsFacts facts_;
};

}  // namespace smtp_ping
