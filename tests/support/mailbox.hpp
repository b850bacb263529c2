#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "mail_message.hpp"

namespace smtp_ping::test {

using Millis = std::chrono::milliseconds;

// The folders and messages a MailboxServer serves; tests fill it, sessions
// read and change it. Thread-safe. UIDs ascend per folder in the order
// messages become visible (RFC 3501 §2.3.1.1); one UIDVALIDITY per folder.
// Folder names are case-sensitive except INBOX.
class Mailbox {
 public:
  enum class FlagChange { add, remove, replace };

  Mailbox(const std::vector<std::string>& folders, std::uint32_t uid_validity, bool never_delivers);

  void create_folder(const std::string& folder);
  bool has_folder(const std::string& folder) const;
  std::vector<std::string> folders() const;

  // Visible at once; returns its UID. Throws std::invalid_argument for an unknown folder.
  std::uint32_t add(const std::string& folder, MailMessage message);
  // Visible after `delay` (its UID is assigned then): delivery that takes time.
  // Never, when the mailbox was made with never_delivers.
  void deliver_after(const std::string& folder, MailMessage message, Millis delay);
  // Deliveries not yet visible.
  std::size_t pending(const std::string& folder) const;

  // The visible messages in UID order.
  std::vector<StoredMessage> messages(const std::string& folder) const;
  std::optional<StoredMessage> message(const std::string& folder, std::uint32_t uid) const;
  std::vector<std::uint32_t> uids(const std::string& folder) const;
  std::uint32_t uid_validity(const std::string& folder) const;
  std::uint32_t uid_next(const std::string& folder) const;

  // The new flags; nullopt when the message is gone.
  std::optional<std::set<std::string>> change_flags(const std::string& folder, std::uint32_t uid, FlagChange how,
                                                    const std::set<std::string>& flags);
  // Removes the messages flagged \Deleted among `only` (every one when empty); their UIDs.
  std::vector<std::uint32_t> expunge(const std::string& folder, const std::set<std::uint32_t>& only = {});
  // Removes these messages whatever their flags (POP3 DELE at QUIT).
  void remove(const std::string& folder, const std::set<std::uint32_t>& uids);

 private:
  struct Pending {
    std::chrono::steady_clock::time_point due;
    MailMessage message;
  };
  struct Folder {
    std::string name;
    std::uint32_t uid_validity = 0;
    std::uint32_t next_uid = 1;
    std::vector<StoredMessage> messages;
    std::vector<Pending> pending;
  };

  Folder& folder_of(const std::string& name) const;  // delivers what is due; throws for unknown names
  void deliver_due(Folder& folder) const;
  static void store(Folder& folder, MailMessage message);

  mutable std::mutex mutex_;
  mutable std::map<std::string, Folder> folders_;  // by canonical name (INBOX upper-case)
  const std::uint32_t uid_validity_;
  const bool never_delivers_;
};

}  // namespace smtp_ping::test
