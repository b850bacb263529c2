#pragma once

#include <string>
#include <vector>

#include "sasl/auth_options.hpp"

namespace smtp_ping {

// Every form in which the AUTH secret went out, or could come back quoted by
// a careless or hostile server: the secret itself; the base64 of each SASL
// message carrying it (PLAIN, XOAUTH2 and OAUTHBEARER initial responses,
// LOGIN's password); and, at each of the three byte alignments, the run of
// base64 characters that only the secret decides, which finds it inside any
// other base64 blob. Longest first. Without `with_encodings` only the secret
// itself (no base64: nothing was sent, and no TLS module is loaded for it).
std::vector<std::string> secret_forms(const AuthOptions& auth, const std::string& host, unsigned port,
                                      bool with_encodings);

}  // namespace smtp_ping
