#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/deadline.hpp"
#include "common/whole_message_error.hpp"
#include "tls/tls_options.hpp"
#include "net/byte_channel.hpp"
#include "tls/tls_facts.hpp"

namespace smtp_ping {

// Why a handshake or its certificate failed, already in words for the admin.
// The message may quote certificate names: use message(), not what().
class TlsFailure : public WholeMessageError {
 public:
  enum class Kind { handshake, verify, policy, local };
  TlsFailure(Kind kind, const std::string& message, TlsFacts facts = {})
      : WholeMessageError(message), kind_(kind), facts_(std::move(facts)) {}
  Kind kind() const { return kind_; }
  const TlsFacts& facts() const { return facts_; }

 private:
  Kind kind_;
  TlsFacts facts_;
};

// An established TLS session over the connection's socket. Errors throw
// TransportError.
class TlsChannel : public ByteChannel {
 public:
  virtual const TlsFacts& facts() const = 0;
  // Whether the server certificate carries `name` (a host name, with
  // wildcards as in RFC 6125, or an IP address). Chain and lifetime are not
  // looked at: establishing the session judged them.
  virtual bool certificate_matches(const std::string& name) const = 0;
};

// Runs the handshake on a connected non-blocking socket, then checks the
// certificate (unless options.verify is off) and the policy before returning:
// with a bad certificate it throws TlsFailure and not one byte of application
// data has been sent. `host` is -H: the default SNI and verification name.
//
// Two definitions, one per binary (docs/design.md, "TLS provider"):
// tls_linked.cpp calls OpenSSL directly (Zabbix module, tests); tls_loader.cpp
// loads the TLS module on first use, so that a plain check never maps OpenSSL.
std::unique_ptr<TlsChannel> start_tls(int fd, const TlsOptions& options, const std::string& host,
                                      const Deadline& deadline);

}  // namespace smtp_ping
