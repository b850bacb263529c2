#pragma once

#include <optional>
#include <string>

#include "tls/dane.hpp"

namespace smtp_ping {

enum class TlsMode { none, starttls, implicit };

struct TlsOptions {
  TlsMode mode = TlsMode::none;
  std::optional<std::string> sni;          // empty string: send none
  std::optional<std::string> verify_name;  // defaults to the host
  bool verify = true;
  bool ignore_expiry = false;              // --ignore-certificate-expiration: expiry is no verification error
  std::optional<std::string> ca_file;
  std::optional<std::string> ca_path;
  std::optional<std::string> min_version;  // "1.2", "1.3"
  std::optional<std::string> client_cert;
  std::optional<std::string> client_key;
  // What those files held, read (bounded) while the options were parsed:
  // the TLS session loads them from memory and opens no file itself.
  std::optional<std::string> ca_pem;
  std::optional<std::string> client_cert_pem;
  std::optional<std::string> client_key_pem;
  // DANE instead of the CA store and name (a domain check with --dane and a secure TLSA set).
  std::optional<DaneRequest> dane;
};

}  // namespace smtp_ping
