#include "mailbox/mailbox_url.hpp"

#include "common/text.hpp"

#include <cctype>

namespace smtp_ping::mailbox {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    const char decoded = static_cast<char>(high * 16 + low);
    if (decoded == '\0' || decoded == '\r' || decoded == '\n') return std::nullopt;
    out += decoded;
    i += 2;
  }
  return out;
}

bool control_or_space(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return true;
  return false;
}

}  // namespace

std::string percent_encode_path(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

std::string MailboxUrl::scheme() const {
  const char* name = protocol == MailProtocol::imap ? "imap" : "pop3";
  return std::string(name) + (implicit_tls ? "s" : "");
}

std::string MailboxUrl::base() const {
  return scheme() + "://" + host + (port ? ":" + std::to_string(*port) : std::string()) + "/";
}

std::string MailboxUrl::folder_url(const std::string& name) const {
  return protocol == MailProtocol::imap ? base() + percent_encode_path(name) : base();
}

std::string MailboxUrl::message_url(const std::string& name, std::uint32_t uid) const {
  if (protocol == MailProtocol::pop3) return base() + std::to_string(uid);
  return folder_url(name) + "/;UID=" + std::to_string(uid);
}

std::string MailboxUrl::section_url(const std::string& name, std::uint32_t uid, const std::string& section) const {
  return message_url(name, uid) + "/;SECTION=" + percent_encode_path(section);
}

std::optional<MailboxUrl> parse_mailbox_url(std::string_view text, std::string& problem) {
  MailboxUrl url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    problem = "not a URL (expected imap://, imaps://, pop3:// or pop3s://)";
    return std::nullopt;
  }
  std::string scheme(text.substr(0, scheme_end));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme == "imap" || scheme == "imaps") url.protocol = MailProtocol::imap;
  else if (scheme == "pop3" || scheme == "pop3s") url.protocol = MailProtocol::pop3;
  else {
    problem = "unsupported scheme '" + scheme + "' (expected imap, imaps, pop3 or pop3s)";
    return std::nullopt;
  }
  url.implicit_tls = scheme.back() == 's';
  std::string_view rest = text.substr(scheme_end + 3);
  if (control_or_space(rest) || rest.find_first_of("?#") != std::string_view::npos) {
    problem = "the URL has spaces, control characters, a query or a fragment";
    return std::nullopt;
  }
  const auto path_start = rest.find('/');
  std::string_view authority = rest.substr(0, path_start);
  const std::string_view path = path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start + 1);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    if (userinfo.find(':') != std::string_view::npos) {
      problem = "a password in the URL (use the password file or the environment)";
      return std::nullopt;
    }
    const auto user = percent_decode(userinfo);
    if (!user) {
      problem = "bad percent-encoding in the user";
      return std::nullopt;
    }
    url.user = *user;
    authority.remove_prefix(at + 1);
  }
  std::string_view port_text;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || (close + 1 < authority.size() && authority[close + 1] != ':')) {
      problem = "a bad IPv6 literal";
      return std::nullopt;
    }
    url.host = std::string(authority.substr(0, close + 1));
    has_port = close + 1 < authority.size();
    if (has_port) port_text = authority.substr(close + 2);
  } else {
    const auto colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    has_port = colon != std::string_view::npos;
    if (has_port) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) {
    problem = "no host";
    return std::nullopt;
  }
  if (has_port) {
    const auto port = parse_port(port_text);
    if (!port) {
      problem = "a bad port";
      return std::nullopt;
    }
    url.port = *port;
  }
  std::string_view folder = path;
  while (!folder.empty() && folder.back() == '/') folder.remove_suffix(1);
  if (folder.find(';') != std::string_view::npos) {
    problem = "a ;UID=, ;SECTION= or other part in the URL (give the folder only)";
    return std::nullopt;
  }
  const auto decoded = percent_decode(folder);
  if (!decoded) {
    problem = "bad percent-encoding in the folder";
    return std::nullopt;
  }
  url.folder = decoded->empty() || url.protocol == MailProtocol::pop3 ? "INBOX" : *decoded;
  if (url.protocol == MailProtocol::pop3 && !decoded->empty() && *decoded != "INBOX") {
    problem = "POP3 has no folders (only the INBOX)";
    return std::nullopt;
  }
  return url;
}

}  // namespace smtp_ping::mailbox
