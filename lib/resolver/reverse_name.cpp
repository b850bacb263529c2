#include "resolver/reverse_name.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <string_view>

namespace smtp_ping::resolver {
namespace {

std::string_view without_root_dot(const std::string& name) {
  std::string_view view(name);
  if (!view.empty() && view.back() == '.') view.remove_suffix(1);
  return view;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::optional<std::string> canonical_address(const std::string& address) {
  if (address.find('\0') != std::string::npos) return std::nullopt;
  char text[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (::inet_pton(AF_INET, address.c_str(), &v4) == 1 && ::inet_ntop(AF_INET, &v4, text, sizeof text)) return text;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) == 1 && ::inet_ntop(AF_INET6, &v6, text, sizeof text)) return text;
  return std::nullopt;
}

std::optional<std::string> reverse_name(const std::string& address) {
  if (address.find('\0') != std::string::npos) return std::nullopt;
  in_addr v4{};
  if (::inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(&v4);
    std::string name;
    for (int i = 3; i >= 0; --i) name += std::to_string(bytes[i]) + ".";
    return name + "in-addr.arpa";
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string name;
    for (int i = 15; i >= 0; --i) {
      name += kDigits[v6.s6_addr[i] & 0x0f];
      name += '.';
      name += kDigits[v6.s6_addr[i] >> 4];
      name += '.';
    }
    return name + "ip6.arpa";
  }
  return std::nullopt;
}

bool same_name(const std::string& a, const std::string& b) {
  const std::string_view x = without_root_dot(a);
  const std::string_view y = without_root_dot(b);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (lower(x[i]) != lower(y[i])) return false;
  return true;
}

}  // namespace smtp_ping::resolver
