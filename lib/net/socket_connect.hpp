#pragma once

#include <optional>

#include "common/deadline.hpp"
#include "common/unique_fd.hpp"
#include "net/socket_address.hpp"

namespace smtp_ping {

// Opens a non-blocking stream socket to `address` (TCP or unix), optionally
// bound to `source`, and waits for the connection until `deadline`.
// Throws TransportError (timeout, or io with the system's reason).
UniqueFd connect_socket(const SocketAddress& address, const std::optional<SocketAddress>& source,
                        const Deadline& deadline);

}  // namespace smtp_ping
