#include "transport/wait_for_socket.hpp"

#include <poll.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "transport/transport_error.hpp"

namespace smtp_ping {

void wait_for_socket(int fd, short events, const Deadline& deadline, const char* timeout_message) {
  pollfd waiting{fd, events, 0};
  for (;;) {
    const int ready = ::poll(&waiting, 1, deadline.poll_timeout_ms());
    // poll() rounds its wait up to whole milliseconds and may wake late: what
    // arrives after the deadline is late, never an answer in time.
    if (ready > 0 && !deadline.expired()) return;
    if (ready >= 0 || deadline.expired())
      throw TransportError(TransportError::Kind::timeout, timeout_message);
    if (errno != EINTR) throw TransportError(TransportError::Kind::io, std::string("poll: ") + std::strerror(errno));
  }
}

}  // namespace smtp_ping
