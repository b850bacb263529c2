#include "tls/certificate_name.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace smtp_ping {
namespace {

bool letter_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// RFC 1123 labels: letters, digits and inner hyphens, 1-63 characters.
bool dns_name(std::string_view name) {
  if (name.empty() || name.size() > 253 || name.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto dot = name.find('.', start);
    const auto label = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || !letter_or_digit(label.front()) || !letter_or_digit(label.back()))
      return false;
    for (const char c : label)
      if (!letter_or_digit(c) && c != '-') return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
  return false;
}

}  // namespace

bool is_ip_literal(const std::string& text) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 || inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

CertificateName certificate_name(const TlsOptions& options, const std::string& host) {
  if (options.verify_name) return {*options.verify_name, "--verify-name"};
  const bool host_is_a_name = !host.empty() && host.front() != '/' && !is_ip_literal(host);
  if (host_is_a_name) return {host, "-H"};
  if (options.sni && !options.sni->empty()) return {*options.sni, "--sni"};
  return {};
}

std::string announced_host_name(std::string_view line) {
  std::string_view word = line.substr(0, line.find(' '));
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  return dns_name(word) ? std::string(word) : std::string();
}

}  // namespace smtp_ping
