#pragma once

#include "common/deadline.hpp"

namespace smtp_ping {

// Waits until fd is readable (POLLIN) or writable (POLLOUT). Throws a timeout
// TransportError saying `timeout_message` when the deadline passes first.
void wait_for_socket(int fd, short events, const Deadline& deadline,
                     const char* timeout_message = "deadline reached");

}  // namespace smtp_ping
