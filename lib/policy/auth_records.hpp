#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "policy/dmarc_record.hpp"
#include "policy/spf_record.hpp"
#include "resolver/answer.hpp"
#include "resolver/resolver.hpp"

namespace smtp_ping::policy {

// The bounds of following include/redirect (besides the one deadline).
inline constexpr int kMaxSpfDepth = 10;        // nested include/redirect levels followed
inline constexpr int kMaxSpfQueries = 60;      // DNS queries for one domain's SPF tree
inline constexpr int kSpfLookupLimit = 10;     // RFC 7208 §4.6.4
inline constexpr int kSpfVoidLookupLimit = 2;  // RFC 7208 §4.6.4

// How one record of the SPF tree was found.
enum class SpfNodeProblem {
  none,
  no_record,        // no "v=spf1" TXT record (NXDOMAIN, NODATA or other TXT only)
  several_records,  // more than one "v=spf1" record (§4.5: permerror)
  syntax,           // the one record is not valid SPF
  lookup_failed,    // no usable answer (timeout, SERVFAIL, bogus, REFUSED)
  loop,             // the name includes itself through the chain above it: not looked up again
  macro_target,     // the target has macros, which need a message to expand: counted, not followed
  not_followed,     // a bound (depth, queries, deadline) stopped the walk before this name
};

struct SpfNode {
  std::string domain;                 // the name whose TXT was asked for
  std::optional<SpfTermKind> via;     // include or redirect; none: the checked domain itself
  std::string parent;                 // the domain whose record names it
  int depth = 0;
  std::optional<resolver::Answer> answer;  // none when not looked up (loop, macro, bound)
  std::vector<std::string> records;   // the "v=spf1" TXT strings found (joined)
  std::optional<SpfRecord> record;    // parsed when exactly one
  SpfNodeProblem problem = SpfNodeProblem::none;
  int lookups = 0;                    // DNS-querying terms of this record itself
};

// A lookup of an a/mx/exists target made to count void lookups (§4.6.4).
struct SpfTargetLookup {
  SpfTermKind term = SpfTermKind::a;  // a (A and AAAA), mx (MX) or exists (A)
  std::string target;
  std::vector<resolver::Answer> answers;
  bool is_void = false;               // every answer NXDOMAIN or NODATA
};

struct SpfCheck {
  std::vector<SpfNode> nodes;         // [0]: the domain's own; then by depth, in term order
  std::vector<SpfTargetLookup> targets;
  int lookups = 0;                    // DNS-querying terms over the whole tree (§4.6.4)
  int void_lookups = 0;
  bool complete = true;               // every include/redirect followed: `lookups` is exact, else a lower bound
  int queries = 0;                    // DNS queries made
};

struct DmarcCheck {
  std::string name;                   // _dmarc.DOMAIN, or _dmarc.ORGANIZATIONAL-DOMAIN when inherited
  std::optional<resolver::Answer> answer;
  std::vector<std::string> records;   // the "v=DMARC1" TXT strings found
  std::optional<DmarcRecord> record;  // parsed when exactly one
  // RFC 7489 §3.2 by the public suffix list; empty when the DNS client has no list.
  std::string organizational_domain;
  // The domain has no record of its own and the one(s) above are its organizational domain's
  // (§6.6.3): for the domain its sp= applies, else its p= (§6.3).
  bool inherited = false;
  // none, when the domain is not its own organizational domain: also none there
  bool organizational_looked_up = false;

  // Whether the inherited record's sp= is what applies (else p=).
  bool subdomain_policy_applies() const { return inherited && record && record->subdomain_policy; }
  const char* effective_tag() const { return subdomain_policy_applies() ? "sp" : "p"; }
  // The policy a receiver applies to mail from the domain: p=, or sp= when inherited.
  std::optional<DmarcPolicy> effective_policy() const {
    if (!record || !record->valid()) return std::nullopt;
    return subdomain_policy_applies() ? record->subdomain_policy : record->policy;
  }
};

struct AuthRecords {
  std::string domain;
  SpfCheck spf;
  DmarcCheck dmarc;
};

// The SPF record of `domain` with every include/redirect target followed through `resolver`
// (one batch per level; bounded by kMaxSpfDepth, kMaxSpfQueries and the deadline; a name in
// its own chain is a loop, not asked again), and the DMARC record at _dmarc.DOMAIN, else (none
// there, and the lookup did not fail) at _dmarc of its organizational domain (RFC 7489 §6.6.3,
// the resolver's public suffix list). Never throws
// past what the resolver reports as data.
AuthRecords look_up_auth_records(resolver::Resolver& resolver, const std::string& domain, const Deadline& deadline);

// The TXT strings of an answer that are SPF (or DMARC) records, joined (RFC 7208 §3.3).
std::vector<std::string> spf_records_of(const resolver::Answer& answer);
std::vector<std::string> dmarc_records_of(const resolver::Answer& answer);

const char* spf_node_problem_name(SpfNodeProblem problem);

}  // namespace smtp_ping::policy
