// The libcurl mailbox client: IMAP through the URL forms libcurl 7.88 parses
// safely (;UID=n fetches, whose literal it reads by size) and custom requests
// only for replies without literals (CAPABILITY, NOOP, UID SEARCH, UID FETCH of
// INTERNALDATE, UID STORE, UID EXPUNGE, LIST): a custom request's reply goes
// through libcurl's LIST handling, which would end early at a tag-like body
// line (tests/support/README.md). POP3 through RETR/TOP/UIDL/LIST/DELE.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>

#include "mail/mail_message.hpp"
#include "mail/mail_time.hpp"
#include "mail/probe_message.hpp"
#include "mail/probe_ownership.hpp"
#include "mailbox/curl_easy_handle.hpp"
#include "mailbox/imap_replies.hpp"
#include "mailbox/mailbox_client.hpp"
#include "mailbox/pop3_replies.hpp"

namespace smtp_ping::mailbox {
namespace {

constexpr std::size_t kReplyLimit = 256 * 1024;   // a SEARCH, LIST or LIST-like reply
constexpr std::size_t kHeaderLimit = 64 * 1024;   // a TOP n 0 or HEADER.FIELDS section
constexpr std::size_t kSearchUidLimit = 64;       // our token is unique: more is suspicious
constexpr std::size_t kPop3Messages = 1000;       // messages a POP3 listing is read for
constexpr std::size_t kPop3NewPerSearch = 50;     // headers a POP3 search reads, newest first
constexpr const char* kOwnershipFields[] = {"From", "Message-ID", kTokenHeader, kSentHeader};

MailboxErrorKind kind_of(const Transfer& transfer) {
  switch (transfer.code) {
    case CURLE_UNSUPPORTED_PROTOCOL: return MailboxErrorKind::unsupported;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR: return MailboxErrorKind::connect;
    case CURLE_RECV_ERROR:
      return transfer.error.find("Too large") != std::string::npos ? MailboxErrorKind::too_large
                                                                   : MailboxErrorKind::connect;
    case CURLE_USE_SSL_FAILED: return MailboxErrorKind::tls_unavailable;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM: return MailboxErrorKind::tls;
    case CURLE_LOGIN_DENIED:
      return transfer.error.find("Select failed") != std::string::npos ? MailboxErrorKind::no_such_folder
                                                                       : MailboxErrorKind::login_denied;
    case CURLE_REMOTE_FILE_NOT_FOUND: return MailboxErrorKind::no_such_message;
    case CURLE_PARTIAL_FILE: return MailboxErrorKind::truncated;
    case CURLE_OPERATION_TIMEDOUT: return MailboxErrorKind::timeout;
    case CURLE_ABORTED_BY_CALLBACK:
      return transfer.interrupted ? MailboxErrorKind::interrupted : MailboxErrorKind::timeout;
    case CURLE_WRITE_ERROR:
      return transfer.body_overflow ? MailboxErrorKind::too_large : MailboxErrorKind::other;
    case CURLE_QUOTE_ERROR:
    case CURLE_WEIRD_SERVER_REPLY: return MailboxErrorKind::protocol;
    default: return MailboxErrorKind::other;
  }
}

// Where a failure belongs when it happened during `phase`: connecting and
// logging in happen inside whichever request came first.
MailboxPhase phase_of(MailboxErrorKind kind, MailboxPhase phase) {
  switch (kind) {
    case MailboxErrorKind::unsupported:
    case MailboxErrorKind::connect:
    case MailboxErrorKind::tls_unavailable:
    case MailboxErrorKind::tls: return MailboxPhase::connect;
    case MailboxErrorKind::login_denied: return MailboxPhase::login;
    case MailboxErrorKind::no_such_folder: return MailboxPhase::select;
    default: return phase;
  }
}

MailboxError error_of(const Transfer& transfer, MailboxPhase phase, const std::string& what) {
  MailboxError error;
  error.kind = kind_of(transfer);
  error.phase = phase_of(error.kind, phase);
  error.curl_code = static_cast<int>(transfer.code);
  error.server_text = last_reply_line(transfer.headers);
  error.message = what + ": " + (transfer.body_overflow ? "the reply exceeds our limit" : transfer.error);
  return error;
}

MailboxError own_error(MailboxPhase phase, MailboxErrorKind kind, const Transfer& transfer, std::string message) {
  return MailboxError{phase, kind, 0, last_reply_line(transfer.headers), std::move(message)};
}

// An IMAP quoted string (RFC 3501 §4.3); nullopt for text that cannot be one.
std::optional<std::string> imap_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\r' || c == '\n' || c == '\0' || static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string uid_set(const std::vector<std::uint32_t>& uids) {
  std::string set;
  for (const auto uid : uids) set += (set.empty() ? "" : ",") + std::to_string(uid);
  return set;
}

// What a probe's header section says about it.
struct ProbeHeaders {
  std::optional<std::string> token;
  std::optional<std::int64_t> sent_ms;
  MailMessage marks;  // the fields that tell our probes from others (lib/mail/probe_ownership)
};

ProbeHeaders probe_headers(std::string_view header_text) {
  const MailMessage headers = parse_mail_message(header_text);
  ProbeHeaders probe;
  if (const auto* token = headers.field(kTokenHeader)) probe.token = token->value;
  if (const auto* sent = headers.field(kSentHeader)) probe.sent_ms = parse_sent_stamp(sent->value);
  for (const auto& field : headers.headers)
    for (const char* mark : kOwnershipFields)
      if (header_name_equal(field.name, mark)) probe.marks.headers.push_back(field);
  return probe;
}

// One of our probes, of an earlier run: never another message, however similar.
bool is_stale_probe(const ProbeHeaders& probe, const StaleProbeCriteria& criteria) {
  const auto identity = identify_own_probe(probe.marks, criteria.sender);
  return identity && identity->token != criteria.current_token;
}

// ---------------------------------------------------------------- IMAP

class CurlImapClient final : public MailboxClient {
 public:
  explicit CurlImapClient(const MailboxAccount& account) : account_(account), curl_(account_) {}

  std::optional<MailboxError> do_open(const Deadline& deadline) override {
    const Transfer reply = curl_.perform(url().folder_url(url().folder), "CAPABILITY", false, kReplyLimit, deadline);
    if (!reply.ok()) return error_of(reply, MailboxPhase::login, "logging in to " + url().base());
    capabilities_ = parse_capabilities(reply.body);
    selected_ = url().folder;
    return std::nullopt;
  }

  FolderList do_folders(const Deadline& deadline) override {
    FolderList list;
    const Transfer reply = curl_.perform(url().base(), "LIST \"\" \"*\"", false, kReplyLimit, deadline);
    if (!reply.ok()) {
      list.error = error_of(reply, MailboxPhase::select, "listing the folders");
      return list;
    }
    const auto listed = parse_list_reply(reply.body, 1000);
    for (const auto& folder : listed) {
      list.all.push_back(folder.name);
      if (folder.attributes.count("\\Junk") || folder.attributes.count("\\junk")) list.junk.push_back(folder.name);
    }
    if (list.junk.empty())
      for (const auto& name : common_junk_folder_names())
        if (std::find(list.all.begin(), list.all.end(), name) != list.all.end()) list.junk.push_back(name);
    return list;
  }

  SearchOutcome do_search(const std::string& token, const std::vector<std::string>& folders,
                       const Deadline& deadline) override {
    SearchOutcome outcome;
    for (const auto& folder : folders) {
      // Dovecot shows new mail to a session after announcing it (EXISTS), which a
      // NOOP provokes; a SELECT of another folder shows it anyway.
      if (folder == selected_) {
        const Transfer noop = curl_.perform(url().folder_url(folder), "NOOP", false, kReplyLimit, deadline);
        if (!noop.ok()) {
          outcome.error = error_of(noop, MailboxPhase::search, "NOOP in " + folder);
          return outcome;
        }
      }
      const Transfer reply = curl_.perform(url().folder_url(folder), "UID SEARCH HEADER " + std::string(kTokenHeader) + " " + token,
                                           false, kReplyLimit, deadline);
      if (!reply.ok()) {
        outcome.error = error_of(reply, MailboxPhase::search, "searching " + folder);
        return outcome;
      }
      selected_ = folder;
      const SearchReply found = parse_search_reply(reply.body, kSearchUidLimit);
      if (!found.present || found.malformed) {
        outcome.error = own_error(MailboxPhase::search, MailboxErrorKind::protocol, reply,
                                  "searching " + folder + ": no usable SEARCH reply");
        return outcome;
      }
      if (found.uids.empty()) continue;
      outcome.found = MessageLocation{folder, *std::min_element(found.uids.begin(), found.uids.end()), {}};
      outcome.matches = found.uids.size() + (found.more ? 1 : 0);
      return outcome;
    }
    return outcome;
  }

  FetchOutcome do_fetch(const MessageLocation& where, const Deadline& deadline) override {
    FetchOutcome outcome;
    const std::string what = "fetching UID " + std::to_string(where.id) + " from " + where.folder;
    const Transfer reply =
        curl_.perform(url().message_url(where.folder, where.id), "", false, account_.max_message_size, deadline);
    selected_ = where.folder;
    if (!reply.ok()) {
      outcome.error = error_of(reply, MailboxPhase::fetch, what);
      return outcome;
    }
    const auto announced = parse_fetch_announcement(reply.headers);
    if (!announced || !announced->literal_size) {
      outcome.error = own_error(MailboxPhase::fetch, MailboxErrorKind::protocol, reply, what + ": no FETCH literal");
      return outcome;
    }
    if (announced->uid && *announced->uid != where.id) {
      outcome.error = own_error(MailboxPhase::fetch, MailboxErrorKind::protocol, reply,
                                what + ": the server answered with UID " + std::to_string(*announced->uid));
      return outcome;
    }
    if (*announced->literal_size != reply.body.size()) {
      outcome.error = own_error(MailboxPhase::fetch, MailboxErrorKind::truncated, reply,
                                what + ": " + std::to_string(reply.body.size()) + " of " +
                                    std::to_string(*announced->literal_size) + " octets");
      return outcome;
    }
    outcome.content = reply.body;
    const Transfer dates = curl_.perform(url().folder_url(where.folder),
                                         "UID FETCH " + std::to_string(where.id) + " (UID INTERNALDATE)", false,
                                         kReplyLimit, deadline);
    if (dates.ok())
      for (const auto& date : parse_internal_dates(dates.body, 16))
        if (date.uid == where.id) outcome.internal_date = date.time;
    return outcome;
  }

  CleanupOutcome do_remove(const MessageLocation& where, const Deadline& deadline) override {
    CleanupOutcome outcome;
    const auto result = delete_uids(where.folder, {where.id}, deadline);
    if (result.error) outcome.error = result.error;
    outcome.removed = result.removed;
    outcome.flagged_only = result.flagged_only;
    return outcome;
  }

  StaleOutcome do_remove_stale(const StaleProbeCriteria& criteria, const Deadline& deadline) override {
    StaleOutcome outcome;
    const auto sender = imap_quoted(criteria.sender);
    if (!sender || criteria.sender.empty() || criteria.current_token.empty()) {
      outcome.error = MailboxError{MailboxPhase::cleanup, MailboxErrorKind::other, 0, {}, "no usable sender or token"};
      return outcome;
    }
    for (const auto& folder : criteria.folders) {
      if (outcome.probes.size() >= criteria.limit) break;
      const std::string search = "UID SEARCH HEADER " + std::string(kTokenHeader) + " \"\" NOT HEADER " +
                                 kTokenHeader + " " + criteria.current_token + " FROM " + *sender;
      const Transfer found = curl_.perform(url().folder_url(folder), search, false, kReplyLimit, deadline);
      if (!found.ok()) {
        outcome.error = error_of(found, MailboxPhase::cleanup, "searching " + folder + " for stale probes");
        return outcome;
      }
      selected_ = folder;
      auto uids = parse_search_reply(found.body, criteria.limit - outcome.probes.size()).uids;
      if (uids.empty()) continue;
      const Transfer dated = curl_.perform(url().folder_url(folder), "UID FETCH " + uid_set(uids) + " (UID INTERNALDATE)",
                                           false, kReplyLimit, deadline);
      if (!dated.ok()) {
        outcome.error = error_of(dated, MailboxPhase::cleanup, "reading arrival times in " + folder);
        return outcome;
      }
      std::vector<std::uint32_t> doomed;
      for (const auto& date : parse_internal_dates(dated.body, uids.size())) {
        if (std::find(uids.begin(), uids.end(), date.uid) == uids.end() || date.time >= criteria.older_than) continue;
        // Our own look at its headers, whatever the server's SEARCH said.
        const Transfer header = curl_.perform(
            url().section_url(folder, date.uid,
                             "HEADER.FIELDS (FROM MESSAGE-ID " + std::string(kTokenHeader) + " " + kSentHeader + ")"),
            "", false, kHeaderLimit, deadline);
        if (!header.ok()) continue;
        const ProbeHeaders probe = probe_headers(header.body);
        if (!is_stale_probe(probe, criteria)) continue;
        outcome.probes.push_back(StaleProbe{{folder, date.uid, {}}, date.time, probe.sent_ms, false, false});
        doomed.push_back(date.uid);
      }
      if (doomed.empty()) continue;
      const auto result = delete_uids(folder, doomed, deadline);
      for (auto& probe : outcome.probes)
        if (probe.location.folder == folder &&
            std::find(doomed.begin(), doomed.end(), probe.location.id) != doomed.end()) {
          probe.removed = result.removed;
          probe.flagged_only = result.flagged_only;
        }
      if (result.error) {
        outcome.error = result.error;
        return outcome;
      }
    }
    return outcome;
  }

  bool has_uidplus() const noexcept override { return capabilities_.count("UIDPLUS") > 0; }

  void close() noexcept override { curl_.disconnect(); }

 private:
  const MailboxUrl& url() const { return account_.url; }

  // UID STORE +FLAGS.SILENT (\Deleted), then UID EXPUNGE of exactly those UIDs
  // when the server has UIDPLUS. Never a plain EXPUNGE: it would also remove
  // the user's own messages marked \Deleted.
  CleanupOutcome delete_uids(const std::string& folder, const std::vector<std::uint32_t>& uids, const Deadline& deadline) {
    CleanupOutcome outcome;
    const std::string set = uid_set(uids);
    const Transfer stored =
        curl_.perform(url().folder_url(folder), "UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", false, kReplyLimit, deadline);
    selected_ = folder;
    if (!stored.ok()) {
      outcome.error = error_of(stored, MailboxPhase::cleanup, "flagging UID " + set + " \\Deleted");
      return outcome;
    }
    if (!has_uidplus()) {
      outcome.flagged_only = true;
      return outcome;
    }
    const Transfer expunged = curl_.perform(url().folder_url(folder), "UID EXPUNGE " + set, false, kReplyLimit, deadline);
    if (!expunged.ok()) {
      outcome.flagged_only = true;
      outcome.error = error_of(expunged, MailboxPhase::cleanup, "UID EXPUNGE " + set);
      return outcome;
    }
    outcome.removed = true;
    return outcome;
  }

  MailboxAccount account_;
  CurlEasyHandle curl_;
  std::set<std::string> capabilities_;
  std::string selected_;
};

// ---------------------------------------------------------------- POP3

// A POP3 maildrop is fixed at login (RFC 1939; Dovecot too): each search after
// the first logs in again to see new mail. Messages are told apart by UIDL;
// their headers (TOP n 0) are read once per run.
class CurlPop3Client final : public MailboxClient {
 public:
  explicit CurlPop3Client(const MailboxAccount& account) : account_(account), curl_(account_) {}

  std::optional<MailboxError> do_open(const Deadline& deadline) override {
    const Transfer reply = curl_.perform(account_.url.base(), "NOOP", true, kReplyLimit, deadline);
    if (!reply.ok()) return error_of(reply, MailboxPhase::login, "logging in to " + account_.url.base());
    fresh_session_ = true;
    return std::nullopt;
  }

  FolderList do_folders(const Deadline&) override {
    FolderList list;
    list.all = {"INBOX"};
    return list;
  }

  SearchOutcome do_search(const std::string& token, const std::vector<std::string>&, const Deadline& deadline) override {
    SearchOutcome outcome;
    if (!fresh_session_) curl_.disconnect();  // QUIT; the next request logs in and sees new mail
    fresh_session_ = false;
    if (auto error = read_maildrop(MailboxPhase::search, deadline)) {
      outcome.error = std::move(error);
      return outcome;
    }
    std::size_t matches = 0;
    std::size_t examined = 0;  // TOP requests this search: the probe is among the newest
    for (auto message = numbers_.rbegin(); message != numbers_.rend(); ++message) {
      if (!seen_.count(message->second) && ++examined > kPop3NewPerSearch) break;
      const auto headers = headers_of(message->first, message->second, deadline, outcome.error);
      if (outcome.error) return outcome;
      if (headers && headers->token == token) {
        ++matches;
        if (!outcome.found) outcome.found = MessageLocation{"INBOX", message->first, message->second};
      }
    }
    outcome.matches = matches;
    return outcome;
  }

  FetchOutcome do_fetch(const MessageLocation& where, const Deadline& deadline) override {
    FetchOutcome outcome;
    const std::string what = "retrieving message " + std::to_string(where.id);
    const Transfer reply = curl_.perform(account_.url.message_url("INBOX", where.id), "", false,
                                         account_.max_message_size, deadline);
    if (!reply.ok()) {
      outcome.error = error_of(reply, MailboxPhase::fetch, what);
      return outcome;
    }
    // libcurl 7.88 reports a RETR cut short by a closed connection as success:
    // the size the server announced (RETR's "+OK n octets", else LIST's) tells.
    std::optional<std::uint64_t> announced = parse_pop3_octets(reply.headers);
    if (const auto size = sizes_.find(where.id); !announced && size != sizes_.end()) announced = size->second;
    if (announced && reply.body.size() < *announced) {
      outcome.error = own_error(MailboxPhase::fetch, MailboxErrorKind::truncated, reply,
                                what + ": " + std::to_string(reply.body.size()) + " of " + std::to_string(*announced) +
                                    " octets");
      return outcome;
    }
    if (reply.body.size() < 2 || reply.body.compare(reply.body.size() - 2, 2, "\r\n") != 0) {
      outcome.error = own_error(MailboxPhase::fetch, MailboxErrorKind::truncated, reply,
                                what + ": the message does not end with a line ending");
      return outcome;
    }
    outcome.content = reply.body;
    return outcome;
  }

  CleanupOutcome do_remove(const MessageLocation& where, const Deadline& deadline) override {
    CleanupOutcome outcome;
    if (auto error = dele(where.id, deadline)) {
      outcome.error = std::move(error);
      return outcome;
    }
    curl_.disconnect();  // QUIT: when DELE takes effect
    fresh_session_ = false;
    outcome.removed = true;
    return outcome;
  }

  StaleOutcome do_remove_stale(const StaleProbeCriteria& criteria, const Deadline& deadline) override {
    StaleOutcome outcome;
    if (criteria.sender.empty() || criteria.current_token.empty()) {
      outcome.error = MailboxError{MailboxPhase::cleanup, MailboxErrorKind::other, 0, {}, "no usable sender or token"};
      return outcome;
    }
    if (!fresh_session_) curl_.disconnect();
    fresh_session_ = false;
    if (auto error = read_maildrop(MailboxPhase::cleanup, deadline)) {
      outcome.error = std::move(error);
      return outcome;
    }
    for (const auto& [number, uidl] : numbers_) {
      if (outcome.probes.size() >= criteria.limit) break;
      std::optional<MailboxError> error;
      const auto headers = headers_of(number, uidl, deadline, error);
      if (error) {
        outcome.error = std::move(error);
        return outcome;
      }
      // POP3 has no arrival time: our own X-Smtp-Ping-Sent stands for it.
      if (!headers || !is_stale_probe(*headers, criteria) || !headers->sent_ms ||
          *headers->sent_ms >= criteria.older_than * 1000)
        continue;
      StaleProbe probe{{"INBOX", number, uidl}, std::nullopt, headers->sent_ms, false, false};
      if (auto dele_error = dele(number, deadline)) {
        outcome.error = std::move(dele_error);
        outcome.probes.push_back(probe);
        return outcome;
      }
      probe.removed = true;
      outcome.probes.push_back(probe);
    }
    if (!outcome.probes.empty()) curl_.disconnect();  // QUIT commits the DELEs
    return outcome;
  }

  bool has_uidplus() const noexcept override { return false; }
  void close() noexcept override { curl_.disconnect(); }

 private:
  std::optional<MailboxError> read_maildrop(MailboxPhase phase, const Deadline& deadline) {
    const Transfer uidl = curl_.perform(account_.url.base(), "UIDL", false, kReplyLimit, deadline);
    if (!uidl.ok()) return error_of(uidl, phase, "UIDL");
    const Transfer list = curl_.perform(account_.url.base(), "", false, kReplyLimit, deadline);
    if (!list.ok()) return error_of(list, phase, "LIST");
    numbers_.clear();
    sizes_.clear();
    for (auto& entry : parse_pop3_listing(uidl.body, kPop3Messages)) numbers_[entry.number] = std::move(entry.value);
    for (const auto& entry : parse_pop3_listing(list.body, kPop3Messages))
      if (const auto size = std::strtoull(entry.value.c_str(), nullptr, 10); size > 0) sizes_[entry.number] = size;
    return std::nullopt;
  }

  std::optional<ProbeHeaders> headers_of(std::uint32_t number, const std::string& uidl, const Deadline& deadline,
                                         std::optional<MailboxError>& error) {
    if (const auto known = seen_.find(uidl); known != seen_.end()) return known->second;
    const Transfer top = curl_.perform(account_.url.base(), "TOP " + std::to_string(number) + " 0", false, kHeaderLimit,
                                       deadline);
    if (!top.ok()) {
      if (top.body_overflow) return std::nullopt;  // a giant header section: not our probe
      error = error_of(top, MailboxPhase::search, "TOP " + std::to_string(number));
      return std::nullopt;
    }
    const ProbeHeaders headers = probe_headers(top.body);
    if (seen_.size() < 10 * kPop3Messages) seen_[uidl] = headers;
    return headers;
  }

  std::optional<MailboxError> dele(std::uint32_t number, const Deadline& deadline) {
    const Transfer reply = curl_.perform(account_.url.message_url("INBOX", number), "DELE", true, kReplyLimit, deadline);
    if (!reply.ok()) return error_of(reply, MailboxPhase::cleanup, "DELE " + std::to_string(number));
    return std::nullopt;
  }

  MailboxAccount account_;
  CurlEasyHandle curl_;
  bool fresh_session_ = false;
  std::map<std::uint32_t, std::string> numbers_;  // message number -> UIDL, this session
  std::map<std::uint32_t, std::uint64_t> sizes_;  // message number -> LIST size
  std::map<std::string, ProbeHeaders> seen_;      // UIDL -> its headers
};

bool libcurl_speaks(const MailboxUrl& url) {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if (!info || !info->protocols) return false;
  const std::string wanted = url.scheme();
  for (const char* const* protocol = info->protocols; *protocol; ++protocol)
    if (wanted == *protocol) return true;
  return false;
}

}  // namespace

bool start_curl_mailbox_support() noexcept { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }

void stop_curl_mailbox_support() noexcept { curl_global_cleanup(); }

std::unique_ptr<MailboxClient> make_curl_mailbox_client(const MailboxAccount& account, MailboxError& error) {
  if (!libcurl_speaks(account.url)) {
    error = MailboxError{MailboxPhase::connect, MailboxErrorKind::unsupported, 0, {},
                         "this libcurl cannot speak " + account.url.scheme() +
                             " (a minimal libcurl? install one with IMAP and POP3)"};
    return nullptr;
  }
  try {
    if (account.url.protocol == MailProtocol::imap) return std::make_unique<CurlImapClient>(account);
    return std::make_unique<CurlPop3Client>(account);
  } catch (const std::exception& failure) {
    error = MailboxError{MailboxPhase::connect, MailboxErrorKind::other, 0, {}, failure.what()};
    return nullptr;
  }
}

}  // namespace smtp_ping::mailbox
