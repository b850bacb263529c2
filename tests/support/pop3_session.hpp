#pragma once

#include <openssl/ssl.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "channel.hpp"
#include "mail_connection_record.hpp"
#include "mail_session_support.hpp"
#include "mailbox.hpp"
#include "mailbox_script.hpp"

namespace smtp_ping::test {

// Serves one POP3 connection (RFC 1939, CAPA RFC 2449, STLS RFC 2595, AUTH
// RFC 5034) on the mailbox's INBOX, shaped like Dovecot 2.3's replies. The
// maildrop is fixed at login, as RFC 1939 wants: later deliveries show on the
// next connection; DELE takes effect at QUIT only.
class Pop3Session {
 public:
  Pop3Session(const MailboxScript& script, Mailbox& mailbox, Channel& channel, MailConnectionLog log,
              SSL_CTX* tls_context, bool implicit_tls);
  void run();

 private:
  enum class State { authorization, transaction, done };

  void handle(const std::string& line);
  bool dispatch_authorization(const std::string& command, const std::string& argument);
  bool dispatch_transaction(const std::string& command, const std::string& argument);
  void send(const std::string& text);  // one or more lines, CRLF added to the last

  bool login_disabled() const;
  bool begin_tls();
  void capa();
  void stls();
  void user(const std::string& name);
  void pass(const std::string& password);
  void auth(const std::string& argument);
  void logged_in(const std::string& mechanism, bool success);
  void quit();

  // The message numbered `argument` (1-based, not deleted); nullopt after an -ERR was sent.
  std::optional<std::size_t> message_index(const std::string& argument);
  void stat();
  void list_or_uidl(const std::string& argument, bool uidl);
  void endless_listing();
  void retr(const std::string& argument);
  void top(const std::string& argument);
  void dele(const std::string& argument);
  void rset();
  std::string uidl_of(const StoredMessage& message) const;

  const MailboxScript& script_;
  Mailbox& mailbox_;
  Channel& channel_;
  MailConnectionLog log_;
  SSL_CTX* tls_context_;
  bool implicit_tls_;
  MailSessionSupport support_;
  State state_ = State::authorization;
  std::optional<std::string> user_;
  std::vector<StoredMessage> maildrop_;
  std::set<std::size_t> deleted_;  // indexes into maildrop_
};

}  // namespace smtp_ping::test
