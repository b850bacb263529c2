#pragma once

#include <optional>
#include <string>

namespace smtp_ping::resolver {

// An address in its canonical numeric form ("2001:db8::1" for "2001:0db8:0:0::1"), or nullopt
// when `address` is not a numeric IPv4 or IPv6 address.
std::optional<std::string> canonical_address(const std::string& address);

// The name to ask PTR for (RFC 1035 §3.5, RFC 3596 §2.5): "1.2.0.192.in-addr.arpa",
// "1.0.0.0.[...].8.b.d.0.1.0.0.2.ip6.arpa"; nullopt for anything but a numeric address.
std::optional<std::string> reverse_name(const std::string& address);

// Domain names equal as DNS compares them: ASCII case-insensitive, a trailing dot ignored.
bool same_name(const std::string& a, const std::string& b);

}  // namespace smtp_ping::resolver
