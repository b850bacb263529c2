#pragma once

#include "common/deadline.hpp"

namespace smtp_ping {

// Waits until fd is readable (POLLIN) or writable (POLLOUT). Throws a timeout
// TransportError saying `timeout_message` when the deadline passes first, and
// an interrupted one when the check is interrupted (a signal) meanwhile.
void wait_for_socket(int fd, short events, const Deadline& deadline,
                     const char* timeout_message = "deadline reached");

// Throws the interrupted TransportError when the deadline's check was interrupted.
void throw_if_interrupted(const Deadline& deadline);

}  // namespace smtp_ping
