#pragma once

// The TLS policies' facts and findings (issue 17) as data: output/tls_policy_words words them,
// output/tls_policy_json dumps them field by field. Each policy is a node beside the domain's
// exchanges (ResultNode::policy): "dane" (one child per exchange), "mta-sts", "tls-rpt".

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/state.hpp"
#include "policy/dane_applicability.hpp"
#include "policy/mta_sts_policy.hpp"
#include "policy/tls_rpt_record.hpp"
#include "tls/dane.hpp"

namespace smtp_ping {

// One address of an exchange under DANE: what its handshake showed.
struct DaneTargetResult {
  std::string address;
  bool probed_tls = false;            // a handshake with DANE ran
  std::optional<DaneOutcome> outcome;
  std::string error;                  // the verifier's or the dialog's words when it failed
};

// An exchange's TLSA set and what the handshakes made of it.
struct DaneExchangeFacts {
  std::string exchange;
  std::string tlsa_name;                  // _25._tcp.EXCHANGE
  policy::DaneApplies applies = policy::DaneApplies::failed;
  std::string dnssec;                     // the TLSA answer's DNSSEC status
  std::string answer;                     // the TLSA answer in one line (rcode, why bogus)
  std::vector<DaneRecord> records;        // every TLSA record of the answer, usable or not
  std::vector<DaneTargetResult> targets;
  // Whether the set survives a change of the server's key or certificate: another usable
  // record that does not depend on the current leaf (a DANE-TA(2) record, or a DANE-EE(3)
  // record matching none of the presented keys: the next key, published ahead).
  std::optional<bool> rollover_ready;     // none: nothing was presented to compare with
};

struct MtaStsMxMatch {
  std::string exchange;
  std::optional<std::string> pattern;  // the first pattern that matches it
  std::optional<bool> certificate_valid;  // none: no handshake with this exchange
  std::string certificate_error;
  State state = State::ok;  // this exchange's own verdict under the policy (per-MX monitoring items)
};

struct MtaStsFacts {
  std::string record_text;                // the v=STSv1 record (the first, when several)
  std::string id;
  std::string url;
  std::optional<long> http_status;
  std::string content_type;
  std::size_t policy_bytes = 0;
  double fetch_seconds = 0;
  std::optional<policy::MtaStsPolicy> policy;
  std::vector<MtaStsMxMatch> mx;
};

struct TlsRptFacts {
  std::vector<std::string> records;       // the v=TLSRPTv1 records
  std::vector<std::string> rua;
};

struct TlsPolicyFacts {
  std::variant<DaneExchangeFacts, MtaStsFacts, TlsRptFacts> detail;
};

// ---- findings ----------------------------------------------------------------

struct DaneFinding {
  enum class Kind {
    matched,          // OK: a record authenticated the server (which one: record, depth)
    mismatch,         // CRITICAL: no record matches what the server presented
    handshake_failed, // CRITICAL: DANE applies, but no verified TLS session (no STARTTLS, handshake failed)
    bogus,            // CRITICAL: the TLSA answer is bogus
    lookup_failed,    // CRITICAL: the TLSA lookup failed (DANE senders defer)
    no_dane,          // OK, or CRITICAL with --require-dane: no TLSA, insecure, or only unusable records
    not_rollover_ready,  // OK: one usable record, tied to the current key
  };
  Kind kind = Kind::no_dane;
  std::string exchange;
  std::string address;
  policy::DaneApplies applies = policy::DaneApplies::failed;
  std::vector<DaneRecord> records;            // the usable set (mismatch), or the matched record
  std::vector<PresentedCertificate> presented;
  int depth = -1;                             // of the match
  std::string detail;                         // the verifier's error, the validator's reason, the answer
};

struct MtaStsFinding {
  enum class Kind {
    no_record,            // no v=STSv1 record: no MTA-STS (OK, CRITICAL with --require-mta-sts)
    several_records,      // more than one v=STSv1 record (RFC 8461 §3.1: no policy)
    malformed_record,
    lookup_failed,
    no_policy_host,       // mta-sts.DOMAIN has no address
    fetch_failed,         // HTTPS failed: certificate, connection, timeout
    redirect,             // a 3xx (never followed)
    too_large,            // past 64 KB
    http_status,          // another non-200 status
    content_type,         // not text/plain
    invalid_policy,       // the policy did not parse
    mx_not_covered,       // an MX matches no pattern
    certificate_invalid,  // an MX's certificate is not valid for its name
    unknown_keys,         // OK: reported
    ip_literals,          // OK: reported
    mode_none,            // OK: the domain withdrew its policy
  };
  Kind kind = Kind::no_record;
  std::string subject;                  // the MX, the URL, the record
  std::vector<std::string> items;       // patterns, problems, keys
  std::string detail;                   // libcurl's words, the status, the location
  std::optional<policy::MtaStsMode> mode;
};

struct TlsRptFinding {
  enum class Kind { missing, several_records, malformed, lookup_failed };
  Kind kind = Kind::missing;
  std::vector<std::string> problems;
  std::string detail;
};

struct TlsPolicyFinding {
  std::variant<DaneFinding, MtaStsFinding, TlsRptFinding> detail;
};

}  // namespace smtp_ping
