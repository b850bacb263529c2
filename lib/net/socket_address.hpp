#pragma once

#include <netdb.h>
#include <sys/socket.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/whole_message_error.hpp"

namespace smtp_ping {

enum class AddressFamily { any, ipv4, ipv6 };

// One socket address to try, with its numeric form for messages.
struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;

  int family() const { return storage.ss_family; }
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
  std::string host() const;      // "192.0.2.1", "2001:db8::1", or the socket path
  std::uint16_t port() const;    // 0 for unix sockets
  std::string host_port() const; // "192.0.2.1:25", "[2001:db8::1]:25", or the path
};

// A name or address that gives no socket address (also for names that do not resolve).
class ResolveError : public WholeMessageError {
 public:
  ResolveError(const std::string& message, bool timed_out, bool interrupted = false)
      : WholeMessageError(message), timed_out_(timed_out), interrupted_(interrupted) {}
  bool timed_out() const { return timed_out_; }
  bool interrupted() const { return interrupted_; }  // a signal ended the lookup (check_smtp_ping)

 private:
  bool timed_out_;
  bool interrupted_;
};

struct AddrinfoFree {
  void operator()(addrinfo* list) const { freeaddrinfo(list); }
};
using AddrinfoList = std::unique_ptr<addrinfo, AddrinfoFree>;

// The stream addresses of a getaddrinfo() list, without duplicates, in its order.
std::vector<SocketAddress> addresses_of(const addrinfo* list);
addrinfo stream_hints(int family, int flags);

// Parses a numeric address (no lookup), e.g. for --bind. Throws ResolveError.
SocketAddress numeric_address(const std::string& host, std::uint16_t port = 0);

SocketAddress unix_socket_address(const std::string& path);

// Local and peer address of a connected socket.
SocketAddress local_address_of(int fd);
SocketAddress peer_address_of(int fd);

}  // namespace smtp_ping
