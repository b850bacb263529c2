#pragma once

// A mailbox URL in libcurl's syntax (imap://user@host:port/FOLDER,
// imaps://, pop3://, pop3s://), taken apart and rebuilt for each request.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping::mailbox {

enum class MailProtocol { imap, pop3 };

struct MailboxUrl {
  MailProtocol protocol = MailProtocol::imap;
  bool implicit_tls = false;  // imaps://, pop3s://
  std::string user;           // from the URL, percent-decoded; may be empty
  std::string host;           // as written (an IPv6 literal keeps its brackets)
  std::optional<std::uint16_t> port;
  std::string folder;         // percent-decoded; IMAP's default INBOX, POP3 always INBOX

  std::string scheme() const;
  // scheme://host[:port]/ : no user (credentials go through CURLOPT_USERNAME).
  std::string base() const;
  std::string folder_url(const std::string& folder) const;                      // IMAP: base + FOLDER
  std::string message_url(const std::string& folder, std::uint32_t uid) const;  // IMAP ;UID=n, POP3 n
  std::string section_url(const std::string& folder, std::uint32_t uid, const std::string& section) const;
};

// nullopt with `problem` set when `text` is not such a URL (no query, no
// fragment, no ;UID= parts, no credentials other than the user).
std::optional<MailboxUrl> parse_mailbox_url(std::string_view text, std::string& problem);

// RFC 3986 percent-encoding of everything but unreserved characters and '/'.
std::string percent_encode_path(std::string_view text);

}  // namespace smtp_ping::mailbox
