#pragma once

#include <string>

namespace smtp_ping {

// Names and addresses as the user types them, made ready for the wire. Each
// throws std::invalid_argument saying what is wrong with the value.

// -H: an absolute unix socket path; an IP address, bracketed or not ("[::1]");
// or a host name, internationalised names as A-labels. "host:port" is refused
// with a pointer to -p.
std::string host_argument(const std::string& typed);

// --sni: a host name (A-labels); no address (RFC 6066).
std::string sni_argument(const std::string& typed);

// --verify-name: a host name (A-labels) or an IP address, bracketed or not.
std::string verify_name_argument(const std::string& typed);

// -F: a domain (A-labels) or an address literal ("[192.0.2.1]", "[IPv6:::1]").
std::string hello_name_argument(const std::string& typed);

}  // namespace smtp_ping
