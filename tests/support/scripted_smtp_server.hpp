#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server_script.hpp"

namespace smtp_ping::test {

// Where the server listens: a loopback TCP address or a unix socket path.
struct ListenAddress {
  std::string address = "127.0.0.1";  // numeric; ignored for unix sockets
  std::uint16_t port = 0;             // 0: ephemeral
  std::string unix_path;              // non-empty: listen on this unix socket instead

  static ListenAddress loopback(std::uint16_t port = 0) { return {"127.0.0.1", port, {}}; }
  static ListenAddress tcp(std::string address, std::uint16_t port = 0) { return {std::move(address), port, {}}; }
  static ListenAddress unix_socket(std::string path) { return {{}, 0, std::move(path)}; }
};

// What the server saw on one connection.
struct ConnectionRecord {
  int index = 0;                 // accept order, 1-based
  std::string peer_address;      // numeric, "unix" for unix sockets
  std::uint16_t peer_port = 0;
  std::uint16_t local_port = 0;
  std::vector<std::string> lines;  // every line received (commands, SASL answers), without CRLF
  std::string data;                // message content between DATA and "."
  std::optional<std::string> proxy_line;
  bool pregreet = false;  // a byte arrived before the greeting was complete
  bool quit = false;
  bool tls = false;        // a TLS session was established
  std::string tls_error;   // why a handshake failed
  std::string sni;         // server name the client asked for
  std::string auth_mechanism;
  bool auth_success = false;
  bool finished = false;   // the server is done with the connection

  bool received(std::string_view line) const;
  bool received_prefix(std::string_view prefix) const;
};

// A scriptable SMTP server on its own threads, for tests and the demo.
// Listens when constructed; the destructor stops every thread and closes
// every socket. Thread-safe to query while running.
class ScriptedSmtpServer {
 public:
  explicit ScriptedSmtpServer(ServerScript script = {}, ListenAddress where = ListenAddress::loopback());
  ~ScriptedSmtpServer();
  ScriptedSmtpServer(const ScriptedSmtpServer&) = delete;
  ScriptedSmtpServer& operator=(const ScriptedSmtpServer&) = delete;

  std::uint16_t port() const;
  std::string address() const;  // e.g. "127.0.0.1:2525", "[::1]:2525" or the unix path
  std::vector<ConnectionRecord> connections() const;
  int accepted() const;

  // Waits until `count` connections have been served completely; false on timeout.
  bool wait_for_finished(int count, Millis timeout) const;
  // The first connection, after it finished (or the timeout ran out).
  ConnectionRecord first_connection(Millis timeout = Millis(3000)) const;
  // Blocks until the server stopped by itself (lifetime or max_connections served).
  void wait_until_stopped() const;
  // True once the server stopped, or served its max_connections.
  bool done() const;
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace smtp_ping::test
