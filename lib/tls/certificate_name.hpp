#pragma once

#include <string>
#include <string_view>

#include "tls/tls_options.hpp"

namespace smtp_ping {

// The name the server certificate must carry, and which option gave it.
struct CertificateName {
  std::string name;    // empty: none given; the dialog compares the names the server announces
  std::string source;  // "--verify-name", "-H" or "--sni"
};

// --verify-name; else -H when it is a host name; else --sni NAME. An IP
// address, a unix socket or nothing at all leaves the name to the dialog.
CertificateName certificate_name(const TlsOptions& options, const std::string& host);

// "192.0.2.1", "2001:db8::1".
bool is_ip_literal(const std::string& text);

// The host name that starts an SMTP greeting or EHLO reply line
// ("mail.example.org ESMTP ..." -> "mail.example.org"): a DNS name with at
// least one dot; empty when the word is none (an address literal, "ESMTP").
std::string announced_host_name(std::string_view line);

}  // namespace smtp_ping
