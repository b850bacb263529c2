#pragma once

// What the domain's TLS policies showed (issue 17): DANE per exchange, MTA-STS, TLS-RPT. The DNS
// answers and the fetched policy as they came; evaluation (judge_tls_policies) judges them.

#include <optional>
#include <string>
#include <vector>

#include "mailbox/https_fetch.hpp"
#include "policy/dane_applicability.hpp"
#include "policy/mta_sts_policy.hpp"
#include "resolver/answer.hpp"
#include "tls/dane.hpp"

namespace smtp_ping {

// --dane, --mta-sts, --tls-rpt and their --require-* forms.
struct TlsPolicyOptions {
  bool dane = false;
  bool require_dane = false;
  bool mta_sts = false;
  bool require_mta_sts = false;
  bool tls_rpt = false;
  bool require_tls_rpt = false;
  bool any() const { return dane || mta_sts || tls_rpt; }
};

// One exchange's TLSA lookup at _PORT._tcp.EXCHANGE.
struct DaneLookup {
  std::string exchange;
  int port = 25;
  std::optional<resolver::Answer> tlsa;  // none: not looked up (no time)
  policy::DaneApplies applies = policy::DaneApplies::failed;
  std::vector<DaneRecord> records;       // the usable ones (DANE-TA/DANE-EE), as the probes got them
};

// The MTA-STS discovery and policy (RFC 8461 §3).
struct MtaStsLookup {
  std::optional<resolver::Answer> txt;          // _mta-sts.DOMAIN
  std::optional<resolver::Answer> host_a;       // mta-sts.DOMAIN
  std::optional<resolver::Answer> host_aaaa;
  std::string url;                              // https://mta-sts.DOMAIN/.well-known/mta-sts.txt
  std::optional<mailbox::HttpsResponse> fetched;  // none: not fetched (no valid record, no address)
};

struct TlsRptLookup {
  std::optional<resolver::Answer> txt;  // _smtp._tls.DOMAIN
};

struct TlsPolicies {
  TlsPolicyOptions options;
  std::vector<DaneLookup> dane;             // per exchange, when --dane
  std::optional<MtaStsLookup> mta_sts;      // when --mta-sts
  std::optional<TlsRptLookup> tls_rpt;      // with --tls-rpt, --mta-sts or --dane
};

}  // namespace smtp_ping
