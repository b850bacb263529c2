#pragma once

#include <string>

#include "net/socket_address.hpp"

namespace smtp_ping {

// The HAProxy PROXY protocol v1 line (with CRLF) announcing this connection's
// real source and destination; "PROXY UNKNOWN" for non-IP sockets.
std::string proxy_v1_header(const SocketAddress& source, const SocketAddress& destination);

}  // namespace smtp_ping
