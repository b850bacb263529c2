#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "probe/report.hpp"

namespace smtp_ping {

enum class AddressFamily { any, ipv4, ipv6 };
enum class Greeting { ehlo, lhlo };

// A -C command and its optional -R expectation (POSIX extended regex).
struct CustomCommand {
  std::string command;
  std::optional<std::string> expect_regex;
};

struct TlsOptions {
  TlsMode mode = TlsMode::none;
  std::optional<std::string> sni;          // empty string: send none
  std::optional<std::string> verify_name;  // defaults to the host
  bool verify = true;
  bool ignore_expiry = false;              // --ignore-certificate-expiration: expiry is no verification error
  std::optional<std::string> ca_file;
  std::optional<std::string> ca_path;
  std::optional<std::string> min_version;  // "1.2", "1.3"
  std::optional<std::string> client_cert;
  std::optional<std::string> client_key;
  // What those files held, read (bounded) while the options were parsed:
  // the TLS session loads them from memory and opens no file itself.
  std::optional<std::string> ca_pem;
  std::optional<std::string> client_cert_pem;
  std::optional<std::string> client_key_pem;
};

struct AuthOptions {
  std::string mechanism;   // empty: no AUTH; "auto": strongest offered
  std::string user;
  std::string secret;      // password or OAuth token; never printed
  bool allow_plaintext = false;
};

// Everything one probe needs. A value type: copy it, compare it, pass it around.
struct ProbeOptions {
  std::string host = "127.0.0.1";      // name, address, or absolute unix socket path
  std::optional<std::uint16_t> port;   // default: 25, or 465 with implicit TLS
  AddressFamily family = AddressFamily::any;
  std::optional<std::string> bind_address;
  std::chrono::milliseconds timeout{10'000};
  bool proxy_header = false;           // send HAProxy PROXY v1 first

  std::optional<std::string> expect;   // -e: substring of the greeting
  bool banner_only = false;            // greeting, then QUIT (net.tcp.service[smtp]'s work)
  Greeting greeting = Greeting::ehlo;
  std::string hello_name;              // -F; empty: this machine's FQDN
  std::optional<std::string> mail_from;
  std::vector<std::string> rcpt_to;
  std::vector<CustomCommand> commands;
  bool ignore_quit_failure = false;

  TlsOptions tls;
  AuthOptions auth;

  std::uint16_t effective_port() const {
    if (port) return *port;
    return tls.mode == TlsMode::implicit ? 465 : 25;
  }
  bool unix_socket() const { return !host.empty() && host.front() == '/'; }
};

}  // namespace smtp_ping
