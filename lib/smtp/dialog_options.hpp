#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sasl/auth_options.hpp"
#include "smtp/message_submission.hpp"
#include "smtp/relay_test.hpp"
#include "tls/tls_options.hpp"

namespace smtp_ping {

// EHLO, or LHLO for LMTP (HELO is the fallback after a rejected EHLO).
enum class HelloVerb { ehlo, lhlo };

// A -C command and its optional -R expectation (POSIX extended regex).
struct CustomCommand {
  std::string command;
  std::optional<std::string> expect_regex;
};

// What the SMTP dialog needs: the server's name (SNI, certificate, SASL) and
// the steps to take. A value type; ProbeOptions adds where to connect.
struct DialogOptions {
  std::string host = "127.0.0.1";      // name, address, or absolute unix socket path
  std::optional<std::uint16_t> port;   // default: 25, or 465 with implicit TLS
  std::chrono::milliseconds timeout{10'000};

  std::optional<std::string> expect;   // -e: substring of the greeting
  bool banner_only = false;            // greeting, then QUIT (net.tcp.service[smtp]'s work)
  HelloVerb hello_verb = HelloVerb::ehlo;
  std::string hello_name;              // -F; empty: this machine's FQDN
  std::optional<std::string> mail_from;
  std::vector<std::string> rcpt_to;
  std::optional<SendOptions> send;     // DATA with a probe message after RCPT
  std::vector<CustomCommand> commands;
  bool ignore_quit_failure = false;
  std::optional<RelayTestOptions> relay_test;  // instead of AUTH, the envelope, DATA and -C

  TlsOptions tls;
  AuthOptions auth;

  std::uint16_t effective_port() const {
    if (port) return *port;
    return tls.mode == TlsMode::implicit ? 465 : 25;
  }
  bool unix_socket() const { return !host.empty() && host.front() == '/'; }
};

}  // namespace smtp_ping
