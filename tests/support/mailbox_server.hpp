#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mail_connection_record.hpp"
#include "mailbox.hpp"
#include "mailbox_script.hpp"

namespace smtp_ping::test {

// Where a MailboxServer listens: a loopback address, and a port per listener (0: ephemeral).
struct MailboxListen {
  std::string address = "127.0.0.1";
  std::uint16_t imap = 0;
  std::uint16_t pop3 = 0;
  std::uint16_t imaps = 0;  // only with TLS
  std::uint16_t pop3s = 0;  // only with TLS
};

// A scriptable IMAP4rev1 and POP3 server on its own threads, serving one
// mailbox that the test fills (folders, messages with UIDs, flags,
// INTERNALDATE, deliveries that appear later). Listens on loopback ephemeral
// ports (unless told others) when constructed: IMAP and POP3 (with STARTTLS/STLS when the script
// has TLS), and IMAPS and POP3S (implicit TLS; only with TLS). The destructor
// stops every thread and closes every socket. Thread-safe while running.
class MailboxServer {
 public:
  explicit MailboxServer(MailboxScript script = {}, MailboxListen where = {});
  ~MailboxServer();
  MailboxServer(const MailboxServer&) = delete;
  MailboxServer& operator=(const MailboxServer&) = delete;

  Mailbox& mailbox();
  const MailboxScript& script() const;

  // The listening port; 0 for the implicit-TLS ports when the script has no TLS.
  std::uint16_t port(MailProtocol protocol, bool implicit_tls = false) const;
  // "imap", "imaps", "pop3" or "pop3s" + "://ADDRESS:PORT/" + path, e.g.
  // url("imaps", "INBOX/;UID=1"). Throws std::invalid_argument for other schemes.
  std::string url(const std::string& scheme, const std::string& path = "") const;

  std::vector<MailConnectionRecord> connections() const;
  int accepted() const;
  // Waits until `count` connections have been served completely; false on timeout.
  bool wait_for_finished(int count, Millis timeout) const;
  // The first connection, after it finished (or the timeout ran out).
  MailConnectionRecord first_connection(Millis timeout = Millis(3000)) const;
  // True once the server stopped (stop() or its lifetime ran out).
  bool done() const;
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace smtp_ping::test
