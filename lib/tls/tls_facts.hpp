#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tls/dane.hpp"

namespace smtp_ping {

// What the TLS session and the server's certificate showed, verified or not.
struct TlsFacts {
  std::string version;          // "TLSv1.3"
  std::string cipher;           // "TLS_AES_256_GCM_SHA384"
  std::string key_type;         // "RSA", "EC", "ED25519" ...
  int key_bits = 0;
  std::string subject;          // RFC 2253
  std::string issuer;
  std::vector<std::string> subject_alt_names;  // "DNS:mail.example.org", "IP:192.0.2.1"
  std::string not_before;       // ISO 8601 UTC
  std::string not_after;
  std::optional<double> cert_days;        // days until the leaf expires (negative when expired)
  std::optional<double> chain_min_days;   // earliest expiry anywhere in the presented chain
  std::string chain_min_subject;          // whose expiry that is
  bool verified = false;                  // chain and name checked and good
  bool verification_skipped = false;      // --no-verify
  std::vector<std::string> verify_errors; // "certificate has expired (depth 0)" ...
  std::string sni;
  std::string verify_name;                // the name the certificate was checked against ("" when none matched)
  std::string verify_name_source;         // "--verify-name", "-H", "--sni", "greeting", "EHLO reply"
  std::vector<std::string> announced_names;  // "mail.example.org (greeting)": compared when -H gave no name
  bool name_mismatch = false;             // none of those is in the certificate (WARNING, not a failure)
  std::optional<DaneOutcome> dane;        // set when the handshake verified by DANE
};

}  // namespace smtp_ping
