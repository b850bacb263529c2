#include "net/connection.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "net/transport_error.hpp"
#include "net/wait_for_socket.hpp"

namespace smtp_ping {

Connection::Connection(UniqueFd fd) : fd_(std::move(fd)) {}
Connection::~Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;

void Connection::upgrade(std::unique_ptr<ByteChannel> channel) { channel_ = std::move(channel); }

void Connection::send(std::string_view data, const Deadline& deadline) {
  if (channel_) {
    channel_->write(data, deadline);
    return;
  }
  while (!data.empty()) {
    const ssize_t sent = ::send(fd_.get(), data.data(), data.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      data.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      wait_for_socket(fd_.get(), POLLOUT, deadline);
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    const int error = errno;
    if (error == EPIPE || error == ECONNRESET)
      throw TransportError(TransportError::Kind::closed, std::strerror(error));
    throw TransportError(TransportError::Kind::io, std::string("send: ") + std::strerror(error));
  }
}

std::size_t Connection::receive(char* buffer, std::size_t size, const Deadline& deadline) {
  if (channel_) return channel_->read(buffer, size, deadline);
  // Poll first: a reply is rarely there the moment its command has left, and
  // a recv() that only says EAGAIN is a system call per reply for nothing.
  for (int round = 0; round < 1'000'000; ++round) {
    wait_for_socket(fd_.get(), POLLIN, deadline);
    const ssize_t got = ::recv(fd_.get(), buffer, size, 0);
    if (got > 0) return static_cast<std::size_t>(got);
    if (got == 0) throw TransportError(TransportError::Kind::closed, "connection closed by the server");
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
    const int error = errno;
    if (error == ECONNRESET) throw TransportError(TransportError::Kind::closed, "connection reset by the server");
    throw TransportError(TransportError::Kind::io, std::string("recv: ") + std::strerror(error));
  }
  throw TransportError(TransportError::Kind::io, "recv made no progress");
}

}  // namespace smtp_ping
