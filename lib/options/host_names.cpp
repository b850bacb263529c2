#include "options/host_names.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdexcept>

#include "dns/idn.hpp"
#include "smtp/wire_value.hpp"

namespace smtp_ping {
namespace {

bool is_ip_address(const std::string& text) {
  unsigned char buffer[sizeof(in6_addr)];
  if (inet_pton(AF_INET, text.c_str(), buffer) == 1 || inet_pton(AF_INET6, text.c_str(), buffer) == 1) return true;
  // A scoped IPv6 address, "fe80::1%eth0".
  const auto percent = text.find('%');
  return percent != std::string::npos && percent + 1 < text.size() &&
         inet_pton(AF_INET6, text.substr(0, percent).c_str(), buffer) == 1;
}

// "[::1]" -> "::1"; anything else as it is.
std::string without_brackets(const std::string& text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') return text.substr(1, text.size() - 2);
  return text;
}

bool looks_like_host_and_port(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return false;
  if (text.find_first_not_of("0123456789", colon + 1) != std::string::npos) return false;
  const std::string host = text.substr(0, colon);
  return host.find(':') == std::string::npos || (host.front() == '[' && host.back() == ']');
}

std::string host_name(const std::string& typed) {
  const std::string name = to_a_labels(typed);
  if (const auto problem = wire_value_problem(WireValue::host_name, name)) throw std::invalid_argument(*problem);
  return name;
}

}  // namespace

std::string host_argument(const std::string& typed) {
  if (typed.empty()) throw std::invalid_argument("empty");
  if (typed.front() == '/') {
    // A unix socket: no line break or control byte either (OAUTHBEARER sends it as host=).
    if (const auto problem = wire_value_problem(WireValue::command_line, typed)) throw std::invalid_argument(*problem);
    return typed;
  }
  if (looks_like_host_and_port(typed))
    throw std::invalid_argument("a port goes in -p (e.g. -H " +
                                without_brackets(typed.substr(0, typed.rfind(':'))) + " -p " +
                                typed.substr(typed.rfind(':') + 1) + "), not in the host");
  const std::string bare = without_brackets(typed);
  if (is_ip_address(bare)) return bare;
  if (bare != typed) throw std::invalid_argument("brackets hold an IP address only");
  return host_name(typed);
}

std::string sni_argument(const std::string& typed) {
  if (is_ip_address(without_brackets(typed))) throw std::invalid_argument("SNI takes a host name, not an address");
  return host_name(typed);
}

std::string verify_name_argument(const std::string& typed) {
  const std::string bare = without_brackets(typed);
  if (is_ip_address(bare)) return bare;
  return host_name(typed);
}

std::string hello_name_argument(const std::string& typed) {
  const std::string name = !typed.empty() && typed.front() == '[' ? typed : to_a_labels(typed);
  if (const auto problem = wire_value_problem(WireValue::hello_name, name)) throw std::invalid_argument(*problem);
  return name;
}

}  // namespace smtp_ping
