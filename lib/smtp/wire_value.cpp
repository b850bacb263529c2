#include "smtp/wire_value.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>

namespace smtp_ping {
namespace {

constexpr std::size_t kMaxDomain = 253;
constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxMailbox = 254;      // RFC 5321 path 256 with the brackets
constexpr std::size_t kMaxSaslValue = 16384;  // a long OAuth token still fits

bool is_line_break_or_nul(char c) { return c == '\r' || c == '\n' || c == '\0'; }
// C0 controls but TAB, and DEL.
bool is_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && byte != '\t') || byte == 0x7F;
}
bool any_of(std::string_view value, bool (*test)(char)) { return std::any_of(value.begin(), value.end(), test); }

bool is_label_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Letters, digits, '-' and '_' (names in the wild have it), 1-63 per label,
// no label starting or ending with '-'; at most one final dot.
std::optional<std::string> domain_problem(std::string_view name, bool allow_final_dot) {
  if (allow_final_dot && name.size() > 1 && name.back() == '.') name.remove_suffix(1);
  if (name.empty()) return "empty name";
  if (name.size() > kMaxDomain) return "name longer than 253 characters";
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    const std::string_view label = name.substr(start, dot - start);
    if (label.empty()) return "empty label (two dots in a row, or a dot at an end)";
    if (label.size() > kMaxLabel) return "label longer than 63 characters";
    if (!std::all_of(label.begin(), label.end(), is_label_character))
      return "not a host name: only letters, digits, '-' and '_' (IDN names are converted to A-labels)";
    if (label.front() == '-' || label.back() == '-') return "a label starts or ends with '-'";
    if (dot == name.size()) return std::nullopt;
    start = dot + 1;
  }
}

std::optional<std::string> control_problem(std::string_view value) {
  if (any_of(value, is_line_break_or_nul)) return "contains CR, LF or NUL";
  if (any_of(value, is_control)) return "contains a control character";
  return std::nullopt;
}

std::optional<std::string> hello_name_problem(std::string_view value) {
  if (auto problem = control_problem(value)) return problem;
  if (!value.empty() && value.front() == '[') {
    if (is_address_literal(value)) return std::nullopt;
    return "not an address literal ([192.0.2.1] or [IPv6:2001:db8::1])";
  }
  return domain_problem(value, false);
}

std::optional<std::string> mailbox_problem(std::string_view value) {
  if (auto problem = control_problem(value)) return problem;
  if (value.find_first_of("<>") != std::string_view::npos) return "must be a bare address, without < and >";
  if (value.size() > kMaxMailbox) return "longer than 254 characters";
  return std::nullopt;
}

std::optional<std::string> sasl_problem(std::string_view value) {
  // SASL messages separate their fields with NUL (PLAIN) or ^A (XOAUTH2,
  // OAUTHBEARER): such a byte inside a value would forge another field.
  if (any_of(value, is_line_break_or_nul)) return "contains CR, LF or NUL";
  if (any_of(value, is_control)) return "contains a control character (SASL field separator)";
  if (value.size() > kMaxSaslValue) return "longer than 16384 bytes";
  return std::nullopt;
}

}  // namespace

bool is_address_literal(std::string_view value) {
  if (value.size() < 3 || value.front() != '[' || value.back() != ']') return false;
  std::string inside(value.substr(1, value.size() - 2));
  unsigned char buffer[sizeof(in6_addr)];
  if (inside.rfind("IPv6:", 0) == 0) return inet_pton(AF_INET6, inside.c_str() + 5, buffer) == 1;
  return inet_pton(AF_INET, inside.c_str(), buffer) == 1;
}

std::optional<std::string> wire_value_problem(WireValue kind, std::string_view value) {
  switch (kind) {
    case WireValue::command_line: return control_problem(value);
    case WireValue::hello_name: return hello_name_problem(value);
    case WireValue::mailbox: return mailbox_problem(value);
    case WireValue::sasl_user:
    case WireValue::sasl_secret: return sasl_problem(value);
    case WireValue::host_name:
      if (auto problem = control_problem(value)) return problem;
      return domain_problem(value, true);
  }
  return "unknown kind of value";
}

}  // namespace smtp_ping
