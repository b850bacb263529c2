#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "record_book.hpp"

namespace smtp_ping::test {

enum class MailProtocol { imap, pop3 };

// What a MailboxServer saw on one connection.
struct MailConnectionRecord {
  int index = 0;  // accept order, 1-based
  MailProtocol protocol = MailProtocol::imap;
  bool implicit_tls = false;  // accepted on the imaps/pop3s port
  std::string peer_address;   // numeric
  std::uint16_t peer_port = 0;
  std::uint16_t local_port = 0;
  std::vector<std::string> lines;     // every line received (commands, SASL answers), without CRLF
  std::vector<std::string> commands;  // command names in order: "CAPABILITY", "UID SEARCH", "RETR", ...
  bool tls = false;                   // a TLS session was established
  std::string tls_error;              // why a handshake failed
  std::string sni;                    // server name the client asked for
  std::string auth_mechanism;         // "LOGIN" (IMAP LOGIN), "USER" (POP3 USER/PASS) or the SASL mechanism
  bool authenticated = false;
  std::string selected;   // the folder selected last (POP3: INBOX once logged in)
  bool logout = false;    // LOGOUT / QUIT received
  bool finished = false;  // the server is done with the connection

  bool received(std::string_view line) const { return std::find(lines.begin(), lines.end(), line) != lines.end(); }
  bool received_prefix(std::string_view prefix) const {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& line) { return line.compare(0, prefix.size(), prefix) == 0; });
  }
  bool sent_command(std::string_view name) const {
    return std::find(commands.begin(), commands.end(), name) != commands.end();
  }
};

using MailRecordBook = RecordBookOf<MailConnectionRecord>;
using MailConnectionLog = ConnectionLogOf<MailConnectionRecord>;

}  // namespace smtp_ping::test
