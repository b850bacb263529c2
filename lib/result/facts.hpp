#pragma once

// What a node measured, as data (no text): output words it, JSON dumps it.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/phase.hpp"
#include "load/load_errors.hpp"
#include "load/load_plan.hpp"
#include "load/load_stats.hpp"
#include "mail/queue_id.hpp"
#include "policy/auth_records.hpp"
#include "probe/report.hpp"
#include "probe/series_stats.hpp"
#include "result/tls_policy_result.hpp"
#include "smtp/relay_test.hpp"
#include "smtp/reply.hpp"
#include "tls/tls_facts.hpp"

namespace smtp_ping {

// One probe: where it went and how long it took.
struct ProbeFacts {
  Target target;
  double total_seconds = 0;
};

// One phase of a dialog: how long, and the reply that decided it.
struct PhaseFacts {
  Phase phase = Phase::connect;
  double seconds = 0;
  std::optional<Reply> reply;     // the last reply the dialog itself received in this phase
  std::string auth_mechanism;     // the SASL mechanism, for the auth phase
};

// A series: where it went and its ping-like figures.
struct SeriesFacts {
  Target target;
  SeriesStats stats;
  std::vector<Phase> phases;  // the phases averaged, in plan order
};

// A load run (--load): how it was paced, what it achieved, how sessions failed.
struct LoadFacts {
  Target target;
  LoadPlan plan;
  LoadStats stats;
  LoadErrors errors;
  std::vector<Phase> phases;  // the phases with figures, in plan order
};

// A ramp of load steps (--ramp): its children are the steps run, in order.
struct RampFacts {
  LoadPlan::Pacing pacing = LoadPlan::Pacing::concurrency;
  std::optional<int> last_good_step;  // index into the children; none when no step was OK
  double ramp_to = 0;
};

// --send: the probe message of the data phase and how the server took it.
struct SentMessageFacts {
  std::string token;                // X-Smtp-Ping-Token
  std::size_t payload_bytes = 0;    // on the wire
  bool accepted = false;            // the final reply was 2xx
  std::optional<QueueId> queue_id;  // from the final reply: grep the server's log for it
};

// --auth-records: the SPF tree as looked up (every answer with its DNSSEC status).
struct SpfFacts {
  std::string domain;
  policy::SpfCheck spf;
};

// --auth-records: the DMARC record as looked up, and the floor it was judged against.
struct DmarcFacts {
  std::string domain;
  policy::DmarcCheck dmarc;
  std::optional<policy::DmarcPolicy> floor;  // --require-dmarc
};

using Fact = std::variant<ProbeFacts, PhaseFacts, TlsFacts, SeriesFacts, SentMessageFacts, RoundTripRecord,
                          LoadFacts, RampFacts, TlsPolicyFacts, SpfFacts, DmarcFacts, RelayTestRecord>;

}  // namespace smtp_ping
