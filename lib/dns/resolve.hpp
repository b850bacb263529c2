#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "common/whole_message_error.hpp"

namespace smtp_ping {

enum class AddressFamily;

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

// A/AAAA (or a numeric address) for host:port, in the resolver's order.
// Throws ResolveError when the name does not resolve or the deadline passes.
std::vector<SocketAddress> resolve_host(const std::string& host, std::uint16_t port,
                                        AddressFamily family, const Deadline& deadline);

// Parses a numeric address (no lookup), e.g. for --bind. Throws ResolveError.
SocketAddress numeric_address(const std::string& host, std::uint16_t port = 0);

SocketAddress unix_socket_address(const std::string& path);

// Local and peer address of a connected socket.
SocketAddress local_address_of(int fd);
SocketAddress peer_address_of(int fd);

// This machine's name for EHLO: gethostname() when it is dotted, else its
// dotted name from /etc/hosts, else gethostname() as it is.
std::string local_fqdn();

}  // namespace smtp_ping
