#include "mailbox/mailbox_client.hpp"

#include <exception>

namespace smtp_ping::mailbox {
namespace {

MailboxError failure(MailboxPhase phase) noexcept {
  MailboxError error;
  error.phase = phase;
  error.kind = MailboxErrorKind::other;
  try {
    throw;
  } catch (const std::exception& caught) {
    try {
      error.message = caught.what();
    } catch (...) {
    }
  } catch (...) {
  }
  return error;
}

// Runs `call`; an exception becomes `outcome.error` (a fresh outcome, as nothing it held is trustworthy).
template <typename Outcome, typename Call>
Outcome guarded(MailboxPhase phase, Call&& call) noexcept {
  try {
    return call();
  } catch (...) {
    Outcome outcome;
    outcome.error = failure(phase);
    return outcome;
  }
}

}  // namespace

std::optional<MailboxError> MailboxClient::open(const Deadline& deadline) noexcept {
  try {
    return do_open(deadline);
  } catch (...) {
    return failure(MailboxPhase::login);
  }
}

FolderList MailboxClient::folders(const Deadline& deadline) noexcept {
  return guarded<FolderList>(MailboxPhase::select, [&] { return do_folders(deadline); });
}

SearchOutcome MailboxClient::search(const std::string& token, const std::vector<std::string>& folders,
                                    const Deadline& deadline) noexcept {
  return guarded<SearchOutcome>(MailboxPhase::search, [&] { return do_search(token, folders, deadline); });
}

FetchOutcome MailboxClient::fetch(const MessageLocation& where, const Deadline& deadline) noexcept {
  return guarded<FetchOutcome>(MailboxPhase::fetch, [&] { return do_fetch(where, deadline); });
}

CleanupOutcome MailboxClient::remove(const MessageLocation& where, const Deadline& deadline) noexcept {
  return guarded<CleanupOutcome>(MailboxPhase::cleanup, [&] { return do_remove(where, deadline); });
}

StaleOutcome MailboxClient::remove_stale(const StaleProbeCriteria& criteria, const Deadline& deadline) noexcept {
  return guarded<StaleOutcome>(MailboxPhase::cleanup, [&] { return do_remove_stale(criteria, deadline); });
}

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

const std::vector<std::string>& common_junk_folder_names() {
  // Dovecot/Thunderbird, Roundcube, Outlook/Exchange, Gmail, Courier-style namespaces.
  static const std::vector<std::string> names{"Junk", "Spam", "Junk E-mail", "Junk Email", "Bulk Mail",
                                              "[Gmail]/Spam", "INBOX.Junk", "INBOX.Spam", "INBOX/Junk", "INBOX/Spam"};
  return names;
}

}  // namespace smtp_ping::mailbox
