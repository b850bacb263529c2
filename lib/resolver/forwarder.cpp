#include "resolver/forwarder.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include "common/text.hpp"

namespace smtp_ping::resolver {
namespace {

ParsedForwarder refused(std::string_view text, const std::string& why) {
  return {std::nullopt, "invalid DNS server '" + std::string(text) + "': " + why};
}

bool is_ipv4(const std::string& text) {
  in_addr parsed{};
  return ::inet_pton(AF_INET, text.c_str(), &parsed) == 1;
}

bool is_ipv6(const std::string& text) {
  in6_addr parsed{};
  return ::inet_pton(AF_INET6, text.c_str(), &parsed) == 1;
}

ParsedForwarder with_port(std::string_view text, std::string address, std::string_view port_text) {
  const auto port = parse_port(port_text);
  if (!port) return refused(text, "the port must be a number from 1 to 65535");
  return {Forwarder{std::move(address), *port}, {}};
}

}  // namespace

std::string Forwarder::host_port() const { return smtp_ping::host_port(address, port); }

ParsedForwarder parse_forwarder(std::string_view text) {
  if (text.empty()) return refused(text, "empty");
  if (text.find('\0') != std::string_view::npos) return refused(text, "a NUL byte");
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return refused(text, "no ']' after the IPv6 address");
    std::string address(text.substr(1, close - 1));
    if (!is_ipv6(address)) return refused(text, "not a numeric IPv6 address in brackets");
    const std::string_view rest = text.substr(close + 1);
    if (rest.empty()) return {Forwarder{std::move(address), 53}, {}};
    if (rest.front() != ':') return refused(text, "expected ':PORT' after ']'");
    return with_port(text, std::move(address), rest.substr(1));
  }
  std::string whole(text);
  if (is_ipv4(whole) || is_ipv6(whole)) return {Forwarder{std::move(whole), 53}, {}};
  const auto colon = text.rfind(':');
  if (colon != std::string_view::npos && text.find(':') == colon) {
    std::string address(text.substr(0, colon));
    if (is_ipv4(address)) return with_port(text, std::move(address), text.substr(colon + 1));
  }
  return refused(text, "expected a numeric IPv4 or IPv6 address, with an optional port (ADDR:PORT, [IPv6]:PORT)");
}

}  // namespace smtp_ping::resolver
