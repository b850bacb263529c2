#include "net/socket_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <cstddef>
#include <cstring>

namespace smtp_ping {

std::vector<SocketAddress> addresses_of(const addrinfo* list) {
  std::vector<SocketAddress> out;
  for (const addrinfo* ai = list; ai; ai = ai->ai_next) {
    if (ai->ai_addrlen > sizeof(sockaddr_storage)) continue;
    SocketAddress address;
    std::memcpy(&address.storage, ai->ai_addr, ai->ai_addrlen);
    address.length = ai->ai_addrlen;
    bool duplicate = false;
    for (const auto& seen : out)
      duplicate = duplicate || (seen.length == address.length &&
                                std::memcmp(&seen.storage, &address.storage, address.length) == 0);
    if (!duplicate) out.push_back(address);
  }
  return out;
}

addrinfo stream_hints(int family, int flags) {
  addrinfo hints{};
  hints.ai_family = family;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = flags;
  return hints;
}

std::string SocketAddress::host() const {
  char text[INET6_ADDRSTRLEN] = {};
  switch (family()) {
    case AF_INET:
      inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage)->sin_addr, text, sizeof text);
      return text;
    case AF_INET6:
      inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_addr, text, sizeof text);
      return text;
    case AF_UNIX:
      return reinterpret_cast<const sockaddr_un*>(&storage)->sun_path;
    default:
      return "?";
  }
}

std::uint16_t SocketAddress::port() const {
  switch (family()) {
    case AF_INET: return ntohs(reinterpret_cast<const sockaddr_in*>(&storage)->sin_port);
    case AF_INET6: return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port);
    default: return 0;
  }
}

std::string SocketAddress::host_port() const {
  switch (family()) {
    case AF_INET: return host() + ":" + std::to_string(port());
    case AF_INET6: return "[" + host() + "]:" + std::to_string(port());
    default: return host();
  }
}

SocketAddress numeric_address(const std::string& host, std::uint16_t port) {
  addrinfo hints = stream_hints(AF_UNSPEC, AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE);
  addrinfo* list = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list); rc != 0)
    throw ResolveError("not a numeric address: " + host, false);
  AddrinfoList owned(list);
  return addresses_of(owned.get()).at(0);
}

SocketAddress unix_socket_address(const std::string& path) {
  SocketAddress address;
  sockaddr_un un{};
  if (path.size() >= sizeof un.sun_path) throw ResolveError("socket path too long", false);
  un.sun_family = AF_UNIX;
  std::memcpy(un.sun_path, path.data(), path.size());
  std::memcpy(&address.storage, &un, sizeof un);
  address.length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
  return address;
}

namespace {
SocketAddress socket_name(int fd, bool peer) {
  SocketAddress address;
  address.length = sizeof address.storage;
  auto* raw = reinterpret_cast<sockaddr*>(&address.storage);
  const int rc = peer ? getpeername(fd, raw, &address.length) : getsockname(fd, raw, &address.length);
  if (rc != 0) address.length = 0;
  return address;
}
}  // namespace

SocketAddress local_address_of(int fd) { return socket_name(fd, false); }
SocketAddress peer_address_of(int fd) { return socket_name(fd, true); }

}  // namespace smtp_ping
