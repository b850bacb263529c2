#pragma once

#include <openssl/ssl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "channel.hpp"
#include "imap_fetch.hpp"
#include "imap_syntax.hpp"
#include "mail_connection_record.hpp"
#include "mail_session_support.hpp"
#include "mailbox.hpp"
#include "mailbox_script.hpp"

namespace smtp_ping::test {

// Serves one IMAP4rev1 connection (RFC 3501, plus LITERAL+, SASL-IR, UIDPLUS,
// SPECIAL-USE, UNSELECT) from the mailbox, shaped like Dovecot 2.3's replies.
// Like Dovecot, commands work on the session's view of the selected folder:
// new messages are announced (* N EXISTS) at the end of a command and found
// by the commands after it; expunges are announced where RFC 3501 allows.
class ImapSession {
 public:
  ImapSession(const MailboxScript& script, Mailbox& mailbox, Channel& channel, MailConnectionLog log,
              SSL_CTX* tls_context, bool implicit_tls);
  void run();

 private:
  enum class State { not_authenticated, authenticated, selected, logout };
  using Arguments = std::vector<ImapValue>;

  std::optional<std::string> read_command();
  void handle(const std::string& text);
  void dispatch(const std::string& tag, const std::string& command, const Arguments& args);
  bool dispatch_any_state(const std::string& tag, const std::string& command, const Arguments& args);
  bool dispatch_not_authenticated(const std::string& tag, const std::string& command, const Arguments& args);
  bool dispatch_authenticated(const std::string& tag, const std::string& command, const Arguments& args);
  bool dispatch_selected(const std::string& tag, const std::string& command, const Arguments& args);

  // Replies: untagged lines are collected and sent with the tagged completion.
  void untagged(const std::string& line);
  void tagged(const std::string& tag, const std::string& status_and_text);
  void flush();

  std::string capabilities() const;
  bool login_disabled() const;
  bool begin_tls();

  void capability(const std::string& tag);
  void noop(const std::string& tag);
  void logout(const std::string& tag);
  void starttls(const std::string& tag);
  void login(const std::string& tag, const Arguments& args);
  void authenticate(const std::string& tag, const Arguments& args);
  void logged_in(const std::string& tag, const std::string& mechanism, bool success);
  void select(const std::string& tag, const Arguments& args, bool read_only);
  void list(const std::string& tag, const Arguments& args);
  void status(const std::string& tag, const Arguments& args);
  void close_folder(const std::string& tag, bool expunge);
  void search(const std::string& tag, const Arguments& args, bool by_uid);
  void endless_search();
  void fetch(const std::string& tag, const Arguments& args, bool by_uid);
  void write_fetch(std::uint32_t sequence, const std::vector<FetchReplyItem>& items);
  void store(const std::string& tag, const Arguments& args, bool by_uid);
  void expunge(const std::string& tag, const Arguments& args, bool by_uid);

  // Messages of the view that still exist, with their sequence numbers.
  std::vector<std::pair<std::uint32_t, StoredMessage>> view_messages() const;
  // Announces new messages (EXISTS) and, where allowed, expunged ones (EXPUNGE).
  void sync_view(bool announce_expunges);

  const MailboxScript& script_;
  Mailbox& mailbox_;
  Channel& channel_;
  MailConnectionLog log_;
  SSL_CTX* tls_context_;
  bool implicit_tls_;
  MailSessionSupport support_;
  State state_ = State::not_authenticated;
  std::string folder_;
  bool read_only_ = false;
  std::vector<std::uint32_t> view_;  // UIDs this session knows, in sequence order
  std::uint32_t highest_known_uid_ = 0;
  std::string out_;
};

}  // namespace smtp_ping::test
