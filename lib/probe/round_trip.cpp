#include "probe/round_trip.hpp"

#include <algorithm>

#include "common/number_text.hpp"
#include "mail/mail_message.hpp"
#include "mail/mail_time.hpp"
#include "mail/message_integrity.hpp"
#include "mail/probe_message.hpp"
#include "mail/probe_ownership.hpp"
#include "mailbox/mailbox_loader.hpp"
#include "mailbox/mailbox_wait.hpp"

namespace smtp_ping {
namespace {

using mailbox::MailboxError;
using mailbox::MailboxErrorKind;

FailureKind failure_kind(MailboxErrorKind kind) {
  switch (kind) {
    case MailboxErrorKind::connect: return FailureKind::connect;
    case MailboxErrorKind::tls_unavailable: return FailureKind::not_offered;
    case MailboxErrorKind::tls: return FailureKind::tls;
    case MailboxErrorKind::login_denied: return FailureKind::auth;
    case MailboxErrorKind::timeout: return FailureKind::timeout;
    case MailboxErrorKind::interrupted: return FailureKind::interrupted;
    case MailboxErrorKind::no_such_message:
    case MailboxErrorKind::too_large:
    case MailboxErrorKind::truncated:
    case MailboxErrorKind::protocol: return FailureKind::protocol;
    case MailboxErrorKind::unsupported:
    case MailboxErrorKind::no_such_folder:
    case MailboxErrorKind::other: return FailureKind::local;
  }
  return FailureKind::local;
}

std::string quoted_line(const std::optional<std::string>& line) {
  return line ? "'" + *line + "'" : std::string("(none)");
}

// "body line 12 differs: sent '...', received '...'" or "header Subject changed: ...".
std::string alteration_text(const IntegrityReport& integrity) {
  if (const auto& difference = integrity.first_difference)
    return "altered in transit: body line " + std::to_string(difference->line) + " differs: sent " +
           quoted_line(difference->sent) + ", received " + quoted_line(difference->received);
  if (!integrity.body_intact()) return "altered in transit: the body's digest differs";
  const HeaderDifference& header = integrity.changed_headers.front();
  return "altered in transit: header " + header.name + " sent '" + header.sent + "', received " +
         quoted_line(header.received);
}

class RoundTrip {
 public:
  RoundTrip(const RoundTripOptions& options, const Deadline& deadline, Clock::time_point start, Report& report)
      : options_(options), deadline_(deadline), start_(start), report_(report), sent_(*report.sent) {}

  void run() {
    MailboxError error;
    client_ = mailbox::load_mailbox_client(options_.account, error);
    if (!client_) return fail(Phase::delivery, error);
    if (const auto opened = client_->open(deadline_)) return fail(Phase::delivery, *opened);
    const auto folders = search_folders();
    if (!folders) return;
    const bool pop3 = options_.account.url.protocol == mailbox::MailProtocol::pop3;
    const mailbox::WaitOutcome waited = mailbox::wait_for_probe(
        *client_, sent_.message.token, *folders, deadline_,
        mailbox::PollSchedule(pop3 ? mailbox::pop3_poll_plan() : mailbox::imap_poll_plan()));
    const Clock::time_point accepted = start_ + sent_.accepted_at;
    const Clock::time_point arrived = waited.found ? waited.found_search_started : Clock::now();
    add_timing(report_.phases, {Phase::delivery, sent_.accepted_at, std::max(Clock::duration::zero(), arrived - accepted)});
    delivery_seconds_ = to_seconds(std::max(Clock::duration::zero(), arrived - accepted));
    if (waited.error) return fail(Phase::delivery, *waited.error);
    if (!waited.found) return not_delivered(accepted);
    RoundTripRecord record;
    record.folder = waited.found->folder;
    record.in_junk = std::find(junk_.begin(), junk_.end(), record.folder) != junk_.end();
    record.resolution = waited.resolution;
    record.searches = waited.searches;
    fetch_and_check(*waited.found, record);
  }

 private:
  void fetch_and_check(const mailbox::MessageLocation& where, RoundTripRecord& record) {
    const auto began = Clock::now();
    const mailbox::FetchOutcome fetched = client_->fetch(where, deadline_);
    add_timing(report_.phases, {Phase::fetch, began - start_, Clock::now() - began});
    if (fetched.error) return fail(Phase::fetch, *fetched.error);
    record.internal_date = fetched.internal_date;
    const MailMessage arrived = parse_mail_message(fetched.content);
    record.received = parse_received_chain(arrived, sent_stamp());
    record.authentication = summarize_authentication(arrived);
    const IntegrityReport integrity = check_integrity(sent_.message, arrived);
    record.intact = integrity.intact();
    for (const auto& field : integrity.added_headers) record.added_headers.push_back(field.name);
    clean_up(where, record);
    report_.round_trip = record;
    if (!record.intact) return fail(Phase::fetch, FailureKind::altered, alteration_text(integrity));
    if (record.in_junk)
      fail(Phase::delivery, FailureKind::junk,
           "delivered to junk folder " + record.folder + " after " + number_text(delivery_seconds_, 1) + "s");
  }

  void clean_up(const mailbox::MessageLocation& where, RoundTripRecord& record) {
    if (options_.keep) {
      record.kept = true;
    } else {
      const mailbox::CleanupOutcome cleanup = client_->remove(where, deadline_);
      record.removed = cleanup.removed;
      record.flagged_only = cleanup.flagged_only;
      if (cleanup.error) record.cleanup_problem = cleanup.error->message;
      remove_stale_probes(record);
    }
    client_->close();  // POP3: DELE takes effect at QUIT
  }

  // Earlier runs' probes (ours by every mark, lib/mail/probe_ownership) older than --stale-after:
  // a run that gave up before its probe arrived leaves it behind. Never a concurrent run's probe:
  // one that arrived within the limit was sent within it.
  void remove_stale_probes(RoundTripRecord& record) {
    if (deadline_.expired()) return;
    mailbox::StaleProbeCriteria criteria;
    criteria.sender = sender();
    criteria.current_token = sent_.message.token;
    criteria.older_than = std::chrono::duration_cast<std::chrono::seconds>(
                              (std::chrono::system_clock::now() - options_.stale_after).time_since_epoch())
                              .count();
    criteria.folders = folders_;
    const mailbox::StaleOutcome stale = client_->remove_stale(criteria, deadline_);
    for (const auto& probe : stale.probes)
      record.stale_probes.push_back(
          StaleProbeRecord{probe.location.folder, probe.sent_ms, probe.arrived, probe.removed, probe.flagged_only});
    if (stale.error) record.stale_problem = stale.error->message;
  }

  std::string sender() const {
    for (const auto& field : sent_.message.headers)
      if (header_name_equal(field.name, "From")) return from_address(field.value);
    return {};
  }

  std::optional<std::int64_t> sent_stamp() const {
    for (const auto& field : sent_.message.headers)
      if (header_name_equal(field.name, kSentHeader)) return parse_sent_stamp(field.value);
    return std::nullopt;
  }

  // The URL's folder, then the junk folders that exist (IMAP); POP3 has its one maildrop.
  std::optional<std::vector<std::string>> search_folders() {
    std::vector<std::string> folders{options_.account.url.folder};
    folders_ = folders;
    if (options_.account.url.protocol != mailbox::MailProtocol::imap) return folders;
    const mailbox::FolderList listed = client_->folders(deadline_);
    if (listed.error) {
      fail(Phase::delivery, *listed.error);
      return std::nullopt;
    }
    const auto exists = [&](const std::string& name) {
      return std::find(listed.all.begin(), listed.all.end(), name) != listed.all.end();
    };
    for (const auto& name : options_.junk_folders.empty() ? listed.junk : options_.junk_folders)
      if (exists(name) && name != folders.front()) junk_.push_back(name);
    folders.insert(folders.end(), junk_.begin(), junk_.end());
    folders_ = folders;
    return folders;
  }

  void not_delivered(Clock::time_point accepted) {
    const double waited = to_seconds(Clock::now() - accepted);
    std::string text = "not delivered within " + number_text(waited, 1) + "s";
    if (sent_.queue_id) text += " (queue id " + sent_.queue_id->id + ")";
    fail(Phase::delivery, FailureKind::not_delivered, text);
    client_->close();
  }

  void fail(Phase phase, const MailboxError& error) {
    std::string text = "mailbox " + std::string(mailbox::phase_name(error.phase)) + ": " + error.message;
    if (!error.server_text.empty()) text += " (server: " + error.server_text + ")";
    fail(phase, failure_kind(error.kind), text);
  }

  void fail(Phase phase, FailureKind kind, const std::string& message) {
    if (!report_.failure) report_.failure = Failure{phase, kind, message, std::nullopt, {}, {}};
  }

  const RoundTripOptions& options_;
  const Deadline& deadline_;
  Clock::time_point start_;
  Report& report_;
  const SentMessage& sent_;
  std::unique_ptr<mailbox::MailboxClient> client_;
  std::vector<std::string> junk_;
  double delivery_seconds_ = 0;
  std::vector<std::string> folders_;  // searched for the probe (and for stale ones)
};

}  // namespace

void run_round_trip(const RoundTripOptions& options, const Deadline& deadline, Clock::time_point check_start,
                    Report& report) {
  if (!report.sent || !report.sent->accepted || report.failure) return;
  RoundTrip(options, deadline, check_start, report).run();
}

}  // namespace smtp_ping
