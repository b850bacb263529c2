#pragma once

#include <string>
#include <vector>

namespace smtp_ping::test {

struct CertificateFiles {
  std::string cert_file;  // PEM
  std::string key_file;   // PEM, unencrypted
};

struct CertificateRequest {
  std::string common_name = "demo.smtp-ping.test";
  // Taken byte for byte: a name may carry a NUL ("mail.example.org\0.evil.example").
  std::vector<std::string> dns_names{"demo.smtp-ping.test", "localhost"};
  std::vector<std::string> ip_addresses{"127.0.0.1", "::1"};
  long valid_from_days = -1;  // relative to now
  long valid_days = 30;
};

// Writes a self-signed EC P-256 certificate and its key as NAME.crt / NAME.key
// into `directory`. Throws std::runtime_error.
CertificateFiles make_self_signed_certificate(const std::string& directory, const std::string& name,
                                              const CertificateRequest& request = {});

}  // namespace smtp_ping::test
