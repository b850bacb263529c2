#include "net/wait_for_socket.hpp"

#include <poll.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "net/transport_error.hpp"

namespace smtp_ping {

void throw_if_interrupted(const Deadline& deadline) {
  if (deadline.interrupted())
    throw TransportError(TransportError::Kind::interrupted,
                         "interrupted by " + signal_name(deadline.interrupting_signal()));
}

void wait_for_socket(int fd, short events, const Deadline& deadline, const char* timeout_message) {
  pollfd waiting[2] = {{fd, events, 0}, {deadline.wake_fd(), POLLIN, 0}};
  const nfds_t count = waiting[1].fd >= 0 ? 2 : 1;
  for (;;) {
    throw_if_interrupted(deadline);
    const int ready = ::poll(waiting, count, deadline.poll_timeout_ms());
    throw_if_interrupted(deadline);
    // poll() rounds its wait up to whole milliseconds and may wake late: what
    // arrives after the deadline is late, never an answer in time.
    if (ready > 0 && waiting[0].revents != 0 && !deadline.expired()) return;
    if (ready == 0 || deadline.expired())
      throw TransportError(TransportError::Kind::timeout, timeout_message);
    if (ready < 0 && errno != EINTR)
      throw TransportError(TransportError::Kind::io, std::string("poll: ") + std::strerror(errno));
  }
}

}  // namespace smtp_ping
