#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping::resolver {

// A resolver to forward every query to (--dns-server).
struct Forwarder {
  std::string address;  // numeric IPv4 or IPv6, without brackets
  std::uint16_t port = 53;

  // "192.0.2.1:53", "[2001:db8::1]:53".
  std::string host_port() const;
};

struct ParsedForwarder {
  std::optional<Forwarder> forwarder;
  std::string error;  // one line, when there is no forwarder
};

// "ADDR" or "ADDR:PORT": a numeric IPv4 address, or IPv6 bare ("2001:db8::1") or in brackets
// ("[2001:db8::1]", "[2001:db8::1]:5353"). A port is 1..65535 in decimal. Never throws.
ParsedForwarder parse_forwarder(std::string_view text);

}  // namespace smtp_ping::resolver
