#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/deadline.hpp"

namespace smtp_ping {

// A DNS server to ask instead of the ones in /etc/resolv.conf (IPv4 only).
struct DnsServer {
  std::string address;       // numeric IPv4 address
  std::uint16_t port = 53;
};

// Parses "ADDR" or "ADDR:PORT" (ADDR numeric IPv4). Throws std::invalid_argument
// with a one-line reason.
DnsServer parse_dns_server(std::string_view text);

// One mail exchange of a domain with the addresses it resolves to.
struct MailExchange {
  int preference = 0;
  std::string host;                    // without the trailing dot
  std::vector<std::string> addresses;  // numeric, IPv4 first, then IPv6, no duplicates
};

struct MxLookupOptions {
  std::optional<DnsServer> server;  // none: the system's resolver configuration
};

// The lookup could not be completed (timeout, SERVFAIL, NXDOMAIN, bad answer ...).
class DnsLookupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The MX records of `domain`, sorted by preference then name, each with its
// A/AAAA addresses looked up through the same server. RFC 5321 5.1: without MX
// records the domain itself is the implicit exchange (preference 0) when it has
// addresses; a null MX (RFC 7505) yields no exchanges.
// libresolv waits in whole seconds, so a query is only started while at least
// one second remains: the lookup never outlives the deadline, and a budget under
// one second fails with a timeout. Throws DnsLookupError.
std::vector<MailExchange> lookup_mx(const std::string& domain, const MxLookupOptions& options,
                                    Deadline deadline);

}  // namespace smtp_ping
