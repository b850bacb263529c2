#include "mailbox.hpp"

#include <algorithm>
#include <stdexcept>

#include "message_text.hpp"

namespace smtp_ping::test {
namespace {

std::string canonical(const std::string& name) { return equal_ignoring_case(name, "INBOX") ? "INBOX" : name; }

}  // namespace

Mailbox::Mailbox(const std::vector<std::string>& folders, std::uint32_t uid_validity, bool never_delivers)
    : uid_validity_(uid_validity), never_delivers_(never_delivers) {
  for (const auto& folder : folders) create_folder(folder);
}

void Mailbox::create_folder(const std::string& name) {
  std::lock_guard lock(mutex_);
  const auto key = canonical(name);
  if (folders_.count(key) != 0) return;
  Folder folder;
  folder.name = key;
  folder.uid_validity = uid_validity_ + static_cast<std::uint32_t>(folders_.size());
  folders_.emplace(key, std::move(folder));
}

bool Mailbox::has_folder(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return folders_.count(canonical(name)) != 0;
}

std::vector<std::string> Mailbox::folders() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [key, folder] : folders_) names.push_back(folder.name);
  return names;
}

Mailbox::Folder& Mailbox::folder_of(const std::string& name) const {
  const auto found = folders_.find(canonical(name));
  if (found == folders_.end()) throw std::invalid_argument("no such folder: " + name);
  deliver_due(found->second);
  return found->second;
}

void Mailbox::store(Folder& folder, MailMessage message) {
  StoredMessage stored;
  stored.uid = folder.next_uid++;
  stored.content = to_crlf(message.content);
  stored.flags = std::move(message.flags);
  stored.internal_date = message.internal_date.value_or(SystemClock::now());
  folder.messages.push_back(std::move(stored));
}

void Mailbox::deliver_due(Folder& folder) const {
  if (never_delivers_) return;
  const auto now = std::chrono::steady_clock::now();
  auto& pending = folder.pending;
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) { return a.due < b.due; });
  const auto first_not_due =
      std::find_if(pending.begin(), pending.end(), [&](const Pending& p) { return p.due > now; });
  for (auto it = pending.begin(); it != first_not_due; ++it) store(folder, std::move(it->message));
  pending.erase(pending.begin(), first_not_due);
}

std::uint32_t Mailbox::add(const std::string& folder_name, MailMessage message) {
  std::lock_guard lock(mutex_);
  auto& folder = folder_of(folder_name);
  store(folder, std::move(message));
  return folder.messages.back().uid;
}

void Mailbox::deliver_after(const std::string& folder_name, MailMessage message, Millis delay) {
  std::lock_guard lock(mutex_);
  folder_of(folder_name).pending.push_back({std::chrono::steady_clock::now() + delay, std::move(message)});
}

std::size_t Mailbox::pending(const std::string& folder) const {
  std::lock_guard lock(mutex_);
  return folder_of(folder).pending.size();
}

std::vector<StoredMessage> Mailbox::messages(const std::string& folder) const {
  std::lock_guard lock(mutex_);
  return folder_of(folder).messages;
}

std::optional<StoredMessage> Mailbox::message(const std::string& folder, std::uint32_t uid) const {
  std::lock_guard lock(mutex_);
  for (const auto& message : folder_of(folder).messages)
    if (message.uid == uid) return message;
  return std::nullopt;
}

std::vector<std::uint32_t> Mailbox::uids(const std::string& folder) const {
  std::lock_guard lock(mutex_);
  std::vector<std::uint32_t> uids;
  for (const auto& message : folder_of(folder).messages) uids.push_back(message.uid);
  return uids;
}

std::uint32_t Mailbox::uid_validity(const std::string& folder) const {
  std::lock_guard lock(mutex_);
  return folder_of(folder).uid_validity;
}

std::uint32_t Mailbox::uid_next(const std::string& folder) const {
  std::lock_guard lock(mutex_);
  return folder_of(folder).next_uid;
}

std::optional<std::set<std::string>> Mailbox::change_flags(const std::string& folder, std::uint32_t uid, FlagChange how,
                                                           const std::set<std::string>& flags) {
  std::lock_guard lock(mutex_);
  for (auto& message : folder_of(folder).messages) {
    if (message.uid != uid) continue;
    if (how == FlagChange::replace) message.flags = flags;
    for (const auto& flag : flags) {
      if (how == FlagChange::add) message.flags.insert(flag);
      if (how == FlagChange::remove) message.flags.erase(flag);
    }
    return message.flags;
  }
  return std::nullopt;
}

std::vector<std::uint32_t> Mailbox::expunge(const std::string& folder_name, const std::set<std::uint32_t>& only) {
  std::lock_guard lock(mutex_);
  auto& messages = folder_of(folder_name).messages;
  std::vector<std::uint32_t> removed;
  auto doomed = [&](const StoredMessage& m) {
    return m.flags.count("\\Deleted") != 0 && (only.empty() || only.count(m.uid) != 0);
  };
  for (const auto& message : messages)
    if (doomed(message)) removed.push_back(message.uid);
  messages.erase(std::remove_if(messages.begin(), messages.end(), doomed), messages.end());
  return removed;
}

void Mailbox::remove(const std::string& folder_name, const std::set<std::uint32_t>& uids) {
  std::lock_guard lock(mutex_);
  auto& messages = folder_of(folder_name).messages;
  messages.erase(
      std::remove_if(messages.begin(), messages.end(), [&](const StoredMessage& m) { return uids.count(m.uid) != 0; }),
      messages.end());
}

}  // namespace smtp_ping::test
