#include "net/proxy_header.hpp"

#include <sys/socket.h>

namespace smtp_ping {

std::string proxy_v1_header(const SocketAddress& source, const SocketAddress& destination) {
  const int family = source.family();
  if ((family != AF_INET && family != AF_INET6) || destination.family() != family) return "PROXY UNKNOWN\r\n";
  return std::string("PROXY ") + (family == AF_INET ? "TCP4 " : "TCP6 ") + source.host() + " " + destination.host() +
         " " + std::to_string(source.port()) + " " + std::to_string(destination.port()) + "\r\n";
}

}  // namespace smtp_ping
