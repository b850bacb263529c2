#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <string>

#include "common/unique_fd.hpp"

namespace smtp_ping::test {

// Socket helpers shared by the test servers.
struct Endpoint {
  std::string address;  // numeric; "unix" for unix sockets
  std::uint16_t port = 0;
};

Endpoint local_endpoint(int fd);
Endpoint peer_endpoint(int fd);

// A bound (not yet listening), non-blocking socket. Throws std::system_error / std::invalid_argument.
UniqueFd bind_tcp(const std::string& numeric_address, std::uint16_t port);
UniqueFd bind_unix(const std::string& path);

// True for 127.0.0.0/8 and ::1: the only addresses a test server may listen on.
bool is_loopback(const std::string& numeric_address);

// SIGPIPE from a write to a closed TLS peer must not kill the test process;
// blocked in the calling thread, it stays pending and write() fails with EPIPE.
void block_sigpipe_in_this_thread();

}  // namespace smtp_ping::test
