#include "mailbox/mailbox_client.hpp"

namespace smtp_ping::mailbox {

const char* phase_name(MailboxPhase phase) {
  switch (phase) {
    case MailboxPhase::connect: return "connect";
    case MailboxPhase::login: return "login";
    case MailboxPhase::select: return "select";
    case MailboxPhase::search: return "search";
    case MailboxPhase::fetch: return "fetch";
    case MailboxPhase::cleanup: return "cleanup";
  }
  return "unknown";
}

const char* kind_name(MailboxErrorKind kind) {
  switch (kind) {
    case MailboxErrorKind::unsupported: return "unsupported";
    case MailboxErrorKind::connect: return "connect";
    case MailboxErrorKind::tls_unavailable: return "tls-unavailable";
    case MailboxErrorKind::tls: return "tls";
    case MailboxErrorKind::login_denied: return "login-denied";
    case MailboxErrorKind::no_such_folder: return "no-such-folder";
    case MailboxErrorKind::no_such_message: return "no-such-message";
    case MailboxErrorKind::too_large: return "too-large";
    case MailboxErrorKind::truncated: return "truncated";
    case MailboxErrorKind::protocol: return "protocol";
    case MailboxErrorKind::timeout: return "timeout";
    case MailboxErrorKind::interrupted: return "interrupted";
    case MailboxErrorKind::other: return "other";
  }
  return "unknown";
}

const std::vector<std::string>& common_junk_folder_names() {
  // Dovecot/Thunderbird, Roundcube, Outlook/Exchange, Gmail, Courier-style namespaces.
  static const std::vector<std::string> names{"Junk", "Spam", "Junk E-mail", "Junk Email", "Bulk Mail",
                                              "[Gmail]/Spam", "INBOX.Junk", "INBOX.Spam", "INBOX/Junk", "INBOX/Spam"};
  return names;
}

}  // namespace smtp_ping::mailbox
