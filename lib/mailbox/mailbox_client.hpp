#pragma once

// The mailbox side of the mail-flow check (issue 15): log in once, search for
// the probe by its token header, fetch it, delete it, remove stale probes of
// earlier runs. This is the boundary of the future libcurl provider
// (smtp-ping-curl.so, loaded on first use like smtp-ping-tls.so): value types
// only, no exception crosses it, every failure is a MailboxError.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "mailbox/mailbox_url.hpp"

namespace smtp_ping::mailbox {

struct MailboxAccount {
  MailboxUrl url;
  std::string user;      // CURLOPT_USERNAME (the URL's user when empty)
  std::string password;  // never in a URL, a message or a MailboxError
  std::string ca_file;   // empty: the system's trust store
  bool verify_peer = true;
  bool allow_plaintext = false;  // imap:// and pop3:// require STARTTLS/STLS unless set
  std::size_t max_message_size = 4 << 20;  // a fetched message larger than this is refused
};

enum class MailboxPhase { connect, login, select, search, fetch, cleanup };
const char* phase_name(MailboxPhase phase);

enum class MailboxErrorKind {
  unsupported,      // this libcurl lacks the protocol (Fedora's libcurl-minimal)
  connect,          // DNS, TCP
  tls_unavailable,  // STARTTLS/STLS required and not offered
  tls,              // handshake or certificate
  login_denied,
  no_such_folder,
  no_such_message,  // a UID the server named but cannot fetch
  too_large,        // a reply or message beyond our bounds
  truncated,        // less than the server announced
  protocol,         // a reply we cannot use (a FETCH for another UID, a refused command)
  timeout,
  interrupted,
  other
};

struct MailboxError {
  MailboxPhase phase = MailboxPhase::connect;
  MailboxErrorKind kind = MailboxErrorKind::other;
  int curl_code = 0;        // CURLcode, 0 when the failure is ours
  std::string server_text;  // the server's last line (raw: render safely)
  std::string message;      // what failed, in words (raw: render safely)
};

struct MessageLocation {
  std::string folder;   // IMAP folder; "INBOX" for POP3
  std::uint32_t id = 0;  // IMAP UID; POP3 message number in this session
  std::string pop3_uidl;
};

struct SearchOutcome {
  std::optional<MessageLocation> found;  // the first folder that has it
  std::size_t matches = 1;               // how many the server named (more than 1: suspicious)
  std::optional<MailboxError> error;
};

struct FetchOutcome {
  std::string content;                        // the whole message as stored
  std::optional<std::int64_t> internal_date;  // IMAP INTERNALDATE, Unix seconds
  std::optional<MailboxError> error;
};

struct CleanupOutcome {
  bool removed = false;       // gone (IMAP UID EXPUNGE; POP3 DELE and QUIT)
  bool flagged_only = false;  // IMAP without UIDPLUS: \Deleted set, left for the user's client
  std::optional<MailboxError> error;
};

struct StaleProbeCriteria {
  std::string sender;         // From: of our probes
  std::string current_token;  // never stale
  std::int64_t older_than = 0;  // Unix seconds: arrived (INTERNALDATE, or X-Smtp-Ping-Sent for POP3) before
  std::vector<std::string> folders;
  std::size_t limit = 50;  // at most this many per run
};

struct StaleProbe {
  MessageLocation location;
  std::optional<std::int64_t> arrived;  // INTERNALDATE (IMAP)
  std::optional<std::int64_t> sent_ms;  // its X-Smtp-Ping-Sent
  bool removed = false;
  bool flagged_only = false;
};

struct StaleOutcome {
  std::vector<StaleProbe> probes;
  std::optional<MailboxError> error;
};

struct FolderList {
  std::vector<std::string> all;
  std::vector<std::string> junk;  // \Junk (RFC 6154), else the common names that exist
  std::optional<MailboxError> error;
};

// The public calls never throw: a failure inside one (even std::bad_alloc)
// comes back as a MailboxError of kind `other`. Implementations override the
// do_ functions, which may throw.
class MailboxClient {
 public:
  virtual ~MailboxClient() = default;
  // Connects, starts TLS, logs in, learns the capabilities (and for IMAP selects the URL's folder).
  std::optional<MailboxError> open(const Deadline& deadline) noexcept;
  FolderList folders(const Deadline& deadline) noexcept;
  // One search of each folder for `token` in the X-Smtp-Ping-Token header.
  SearchOutcome search(const std::string& token, const std::vector<std::string>& folders,
                       const Deadline& deadline) noexcept;
  FetchOutcome fetch(const MessageLocation& where, const Deadline& deadline) noexcept;
  CleanupOutcome remove(const MessageLocation& where, const Deadline& deadline) noexcept;
  StaleOutcome remove_stale(const StaleProbeCriteria& criteria, const Deadline& deadline) noexcept;
  virtual bool has_uidplus() const noexcept = 0;
  // Logs out (POP3: QUIT, which is when DELE takes effect).
  virtual void close() noexcept = 0;

 protected:
  virtual std::optional<MailboxError> do_open(const Deadline& deadline) = 0;
  virtual FolderList do_folders(const Deadline& deadline) = 0;
  virtual SearchOutcome do_search(const std::string& token, const std::vector<std::string>& folders,
                                  const Deadline& deadline) = 0;
  virtual FetchOutcome do_fetch(const MessageLocation& where, const Deadline& deadline) = 0;
  virtual CleanupOutcome do_remove(const MessageLocation& where, const Deadline& deadline) = 0;
  virtual StaleOutcome do_remove_stale(const StaleProbeCriteria& criteria, const Deadline& deadline) = 0;
};

// libcurl's global set-up and tear-down: once per process, while no other
// thread runs (the plugin: before the check; the Zabbix module: in
// zbx_module_init / zbx_module_uninit). False when libcurl could not start.
bool start_curl_mailbox_support() noexcept;
void stop_curl_mailbox_support() noexcept;

// The libcurl client (curl_mailbox_client.cpp; links libcurl), after
// start_curl_mailbox_support(). Null with `error` set when this libcurl cannot speak the URL's protocol.
std::unique_ptr<MailboxClient> make_curl_mailbox_client(const MailboxAccount& account, MailboxError& error);

// Common names of junk folders, looked for when none is given and no folder says \Junk.
const std::vector<std::string>& common_junk_folder_names();

}  // namespace smtp_ping::mailbox
