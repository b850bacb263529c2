#pragma once

#include <optional>
#include <string>

#include "policy/dmarc_record.hpp"
#include "resolver/resolver_options.hpp"
#include "result/tls_policies.hpp"

namespace smtp_ping {

// --domain: every MX x every address of a mail domain, probed like one -H check each.
struct DomainOptions {
  std::string domain;                  // A-labels, without the trailing dot
  int parallel = 8;                    // --parallel: targets probed at once
  bool all_must_pass = false;          // --all-must-pass: the strict worst of all targets
  bool fcrdns_required = false;        // --fcrdns: an address without matching FCrDNS is WARNING
  resolver::ResolverOptions dns;       // --dns-server, --trust-anchor, --no-dnssec
  TlsPolicyOptions tls_policies;       // --dane, --mta-sts, --tls-rpt, --require-*
  bool auth_records = false;           // --auth-records: SPF and DMARC of the domain
  std::optional<policy::DmarcPolicy> dmarc_floor;  // --require-dmarc=quarantine|reject
};

inline constexpr int kMaxParallel = 64;

}  // namespace smtp_ping
