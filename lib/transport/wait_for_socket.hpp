#pragma once

#include "common/deadline.hpp"

namespace smtp_ping {

// Waits until fd is readable (POLLIN) or writable (POLLOUT). Throws a timeout
// TransportError when the deadline passes first.
void wait_for_socket(int fd, short events, const Deadline& deadline);

}  // namespace smtp_ping
