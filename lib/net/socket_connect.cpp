#include "net/socket_connect.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "net/transport_error.hpp"
#include "net/wait_for_socket.hpp"

namespace smtp_ping {
namespace {

[[noreturn]] void throw_errno(const char* what, int error) {
  throw TransportError(TransportError::Kind::io, std::string(what) + std::strerror(error));
}

void wait_until_connected(int fd, const Deadline& deadline) {
  wait_for_socket(fd, POLLOUT, deadline, "no connection before the deadline");
  int error = 0;
  socklen_t length = sizeof error;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) throw_errno("getsockopt: ", errno);
  // A reset here came after the handshake (a refused SYN is ECONNREFUSED):
  // the server accepted and then dropped us, which the first read reports in
  // its own phase.
  if (error != 0 && error != ECONNRESET) throw_errno("", error);
}

}  // namespace

UniqueFd connect_socket(const SocketAddress& address, const std::optional<SocketAddress>& source,
                        const Deadline& deadline) {
  UniqueFd fd(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) throw_errno("socket: ", errno);
  if (source) {
    if (source->family() != address.family())
      throw TransportError(TransportError::Kind::io, "source address " + source->host() +
                                                         " is not of the target's address family");
    if (::bind(fd.get(), source->get(), source->length) != 0)
      throw_errno(("cannot bind to " + source->host() + ": ").c_str(), errno);
  }
  if (::connect(fd.get(), address.get(), address.length) == 0) return fd;
  if (errno != EINPROGRESS) throw_errno("", errno);
  wait_until_connected(fd.get(), deadline);
  return fd;
}

}  // namespace smtp_ping
