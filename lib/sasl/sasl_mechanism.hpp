#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping {

// The client side of one SASL mechanism (RFC 4954 for SMTP). Payloads are raw
// bytes; the dialog does the base64.
class SaslMechanism {
 public:
  virtual ~SaslMechanism() = default;
  virtual std::string name() const = 0;
  // Sent with the AUTH command itself, when the mechanism has one.
  virtual std::optional<std::string> initial_response() const = 0;
  // The answer to one 334 challenge (already decoded); nullopt when the
  // mechanism has nothing more to say (the client then cancels with "*").
  virtual std::optional<std::string> respond(std::string_view challenge) = 0;
  // Whether every credential has gone out: a success before that is a server
  // that did not check them (RFC 4954: 235 only after the last step).
  virtual bool done() const = 0;
};

// Mechanisms we speak, strongest first for "-A auto" (password mechanisms only).
const std::vector<std::string>& supported_sasl_mechanisms();

// nullptr for a mechanism we do not speak. `secret` is the password, or the
// OAuth 2.0 access token for XOAUTH2 and OAUTHBEARER.
std::unique_ptr<SaslMechanism> make_sasl_mechanism(const std::string& name, const std::string& user,
                                                   const std::string& secret, const std::string& host,
                                                   unsigned port);

}  // namespace smtp_ping
