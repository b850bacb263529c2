#pragma once

#include <functional>
#include <optional>
#include <string>

namespace smtp_ping::test {

// The server side of one SASL exchange (RFC 4422) for one account, shared by
// the SMTP, IMAP and POP3 sessions; each wraps challenges in its own syntax.
struct SaslAccount {
  std::string user;
  std::string secret;  // password, or the bearer token for XOAUTH2/OAUTHBEARER
};

struct SaslOutcome {
  bool success = false;
  bool aborted = false;  // the client answered "*"
};

// Sends one challenge (already base64) and returns the client's answer line;
// nullopt when the client is gone.
using SaslAsk = std::function<std::optional<std::string>(const std::string& challenge)>;

// `mechanism` upper-case (PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER);
// `initial` the initial response, empty when none was given (then the first
// challenge asks for it). `nonce` makes the CRAM-MD5 challenge unique.
// nullopt when the client went away in the middle.
std::optional<SaslOutcome> run_sasl_exchange(const std::string& mechanism, const std::string& initial,
                                             const SaslAccount& account, const std::string& hostname, int nonce,
                                             const SaslAsk& ask);

}  // namespace smtp_ping::test
