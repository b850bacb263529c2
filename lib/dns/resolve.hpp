#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "net/socket_address.hpp"

namespace smtp_ping {

// A/AAAA (or a numeric address) for host:port, in the resolver's order.
// Throws ResolveError when the name does not resolve or the deadline passes.
std::vector<SocketAddress> resolve_host(const std::string& host, std::uint16_t port,
                                        AddressFamily family, const Deadline& deadline);

}  // namespace smtp_ping
