#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/deadline.hpp"
#include "common/phase.hpp"
#include "smtp/capabilities.hpp"
#include "smtp/message_submission.hpp"
#include "smtp/relay_test.hpp"
#include "smtp/reply.hpp"
#include "tls/tls_facts.hpp"

namespace smtp_ping {

// Measured duration of one phase. Repeated phases (rcpt, command) are summed.
struct PhaseTiming {
  Phase phase;
  Clock::duration started{};  // offset from the start of the check
  Clock::duration elapsed{};
};

// One command sent and the reply it got, for transcripts. Secrets are already
// masked when the entry is made: `sent` never carries a password or AUTH payload.
struct TranscriptEntry {
  Phase phase;
  std::string sent;               // empty for the greeting
  std::optional<Reply> reply;     // missing when none arrived
  Clock::duration started{};      // offset from the start of the check
  Clock::duration elapsed{};
  bool cleanup = false;           // QUIT sent after a failure, not part of the verdict
  std::vector<std::string> broken_reply = {};  // lines that made no valid reply, as received
};

enum class FailureKind {
  resolve,          // name does not resolve
  connect,          // refused, unreachable ...
  timeout,          // the deadline ran out in `phase`
  closed,           // the server closed the connection (EOF / reset)
  protocol,         // not an SMTP reply: garbage, overlong line, bad continuation
  reply,            // a complete reply with an unwanted code
  expect_mismatch,  // -e string not in the greeting
  response_mismatch,// -R regex did not match a -C reply
  tls,              // handshake failed
  tls_verify,       // certificate not trusted / expired / wrong name ...
  tls_policy,       // e.g. protocol below --tls-min
  not_offered,      // STARTTLS / AUTH / mechanism not advertised
  auth,             // credentials rejected
  local,            // local error: socket(), bind(), bad configuration seen at run time
  interrupted,      // a signal ended the check (check_smtp_ping: SIGTERM, SIGINT)
  not_delivered,    // --mailbox: the probe did not arrive within the deadline
  altered,          // --mailbox: it arrived, but not as sent
  junk,             // --mailbox: it arrived in a junk folder
};

std::string_view failure_kind_name(FailureKind kind);

// Why the check failed: the phase, the server's words, and what we wanted.
struct Failure {
  Phase phase;
  FailureKind kind;
  std::string message;          // human text, e.g. "connection refused"
  std::optional<Reply> reply;   // the server's reply when one was received
  std::string command;          // the command that got it (masked)
  std::string expected;         // e.g. "2xx", "regex '^252'"
};

// The one phase-summing rule: a phase that runs again (RCPT per recipient, -C
// per command) adds its time to its first entry, which keeps its start.
void add_timing(std::vector<PhaseTiming>& phases, const PhaseTiming& timing);

// What the SMTP dialog recorded, step by step; the probe adds where it went.
struct DialogRecord {
  std::vector<PhaseTiming> phases;  // in the order they ran
  std::vector<TranscriptEntry> transcript;
  std::optional<Reply> greeting;
  Capabilities capabilities;        // from the last EHLO/LHLO answered
  bool used_helo_fallback = false;  // EHLO rejected, HELO accepted
  std::optional<Failure> failure;   // the first failure; none means every step passed
  std::optional<Failure> quit_failure;  // QUIT's own failure when -q says to ignore it
  std::optional<TlsFacts> tls;      // set once a TLS handshake completed (or its certificate was seen)
  std::string auth_mechanism;       // the SASL mechanism used, when AUTH ran
  std::optional<SentMessage> sent;  // --send: the probe message, once DATA was answered with 354
  std::optional<RelayTestRecord> relay;  // --relay-test: every form tried, with its replies

  // Duration of one phase, if it ran.
  std::optional<Clock::duration> elapsed(Phase phase) const;
};

}  // namespace smtp_ping
