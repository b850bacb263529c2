#pragma once

// What a judgement found, as data: each kind is worded in one place
// (output/describe) and dumped field by field in JSON (output/json_report).

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/phase.hpp"
#include "common/range.hpp"
#include "common/state.hpp"
#include "result/tls_policy_result.hpp"
#include "smtp/dialog_record.hpp"

namespace smtp_ping {

// The step that failed, with the server's reply and what was expected.
struct FailedStep {
  Failure failure;
};

// QUIT failed, and -q says that does not count.
struct IgnoredQuitFailure {
  Failure failure;
};

// A value that crossed a range: which one, its value and unit, and the range.
struct ThresholdViolation {
  std::string subject;  // "total", "banner", "rta", "banner avg"
  double value = 0;
  std::string unit;     // "s"
  Range range;          // the range it crossed (critical before warning)
};

// -D: the leaf certificate expires within the warning or critical days (or has expired).
struct CertificateExpiry {
  double days_left = 0;  // negative when expired
  std::string not_after;
};

// -H is an address, and the certificate names neither it nor a name the server announced.
struct CertificateNameMismatch {
  std::vector<std::string> certificate_names;  // SANs, or the subject without SANs
  std::vector<std::string> announced_names;    // "mx.example.org (greeting)"
  std::string host;                            // -H
};

// A series lost more probes than allowed (or none answered).
struct SeriesLoss {
  double loss_percent = 0;
  std::optional<double> limit;  // the --loss-* it reached; none when no probe answered
};

// A probe of a series the server did not serve (counted as loss, judged through SeriesLoss).
struct LostProbe {
  int sequence = 0;
};

// A signal ended the check: between two probes of a series, or during `phase`.
struct SignalStop {
  std::string what;             // "interrupted by SIGTERM"
  std::optional<Phase> phase;   // none: between probes
};

// A load run's failed sessions reached --errors-warning/--errors-critical (or none succeeded).
struct ErrorRate {
  double error_percent = 0;
  std::optional<double> limit;  // the --errors-* it reached; none when no session succeeded
};

// A series with no probe at all (nothing to judge).
struct NoProbeRan {};

// A mail exchange's address without forward-confirmed reverse DNS matching the name its
// server announces (--fcrdns makes it count): receivers reject mail from such hosts.
struct FcrdnsMismatch {
  std::string address;
  std::string verdict;                  // fcrdns_verdict_name(): "forward-confirmed", "no PTR", ...
  bool forward_confirmed = false;       // then only the announced name differs
  std::vector<std::string> ptr_names;   // as the PTR records have them
  std::optional<std::string> announced; // the greeting/EHLO name, when the server announced one
};

// --auth-records: an SPF or DMARC record missing, broken, or beyond a limit of its RFC.
struct AuthRecordProblem {
  enum class Record { spf, dmarc };
  enum class Kind {
    missing,                // no record at the name (`subject`)
    several,                // `count` records where one is allowed
    syntax,                 // not valid: `detail` is the offending term or tag=value, `reason` its problem's name
    lookup_failed,          // no usable DNS answer: `detail` is its summary
    too_many_lookups,       // SPF: `count` DNS-querying terms, over RFC 7208's 10
    too_many_void_lookups,  // SPF: `count` lookups with no answer, over 2
    incomplete_count,       // SPF: a bound or the deadline stopped the walk: at least `count`
    include_problem,        // SPF: an include/redirect target (`subject`) is `reason` (no_record, loop ...)
  };
  Record record = Record::spf;
  Kind kind = Kind::missing;
  std::string subject;  // the name concerned
  std::string detail;
  std::string reason;
  int count = 0;
};

// --require-dmarc: the published DMARC policy is below the floor (or applies to less than 100 %).
struct DmarcBelowFloor {
  std::string floor;                  // "quarantine", "reject"
  std::optional<std::string> policy;  // the policy applied ("none" ...); none: no usable record
  int percent = 100;
  std::string tag = "p";              // "sp" when the organizational domain's sp= applied
};

// --relay-test: the server accepted a recipient outside its domains.
struct OpenRelay {
  std::string form;       // the relay form's name ("percent hack")
  std::string mail_from;  // the envelope as sent
  std::string rcpt_to;
  Reply reply;            // the 2xx that accepted it
};

// --mailbox: a probe of an earlier run found in the mailbox, older than --stale-after: it
// arrived after that run gave up (or its cleanup failed). Removed unless --keep.
struct LateProbe {
  std::string folder;
  std::optional<std::int64_t> sent_ms;  // its X-Smtp-Ping-Sent, Unix milliseconds
  std::optional<std::int64_t> arrived;  // IMAP INTERNALDATE, Unix seconds (second precision)
  bool removed = false;
  bool flagged_only = false;
};

// --require-auth-results: a listed method's Authentication-Results result is not "pass".
struct AuthenticationShortfall {
  std::string method;                 // "dkim"
  std::optional<std::string> result;  // "fail", "none"; nullopt: the method is not reported
};

using FindingDetail = std::variant<FailedStep, IgnoredQuitFailure, ThresholdViolation, CertificateExpiry,
                                   CertificateNameMismatch, SeriesLoss, LostProbe, SignalStop, NoProbeRan,
                                   ErrorRate, FcrdnsMismatch, TlsPolicyFinding, AuthRecordProblem, DmarcBelowFloor, OpenRelay,
                                   LateProbe, AuthenticationShortfall>;

struct Finding {
  State state = State::ok;  // what it contributes to its node
  FindingDetail detail;
};

}  // namespace smtp_ping
