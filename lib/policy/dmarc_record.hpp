#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::policy {

// One DMARC record (RFC 7489 §6.3, §6.4), parsed strictly: "v=DMARC1" first, tag=value pairs
// separated by ";", the known tags' values checked, unknown tags kept (and ignored, §6.3).

enum class DmarcPolicy { none, quarantine, reject };

enum class DmarcProblem {
  no_policy,          // no p= tag (§6.6.3: a receiver then acts as p=none only with a valid rua)
  bad_policy,         // p= is not none, quarantine or reject
  bad_subdomain_policy,  // sp= likewise
  bad_percent,        // pct= not 0..100
  bad_alignment,      // adkim/aspf not r or s
  bad_report_uri,     // rua/ruf: an entry that is not a URI [!size]
  bad_interval,       // ri= not digits
  bad_failure_options,  // fo= not 0, 1, d, s separated by ":"
  bad_tag,            // a pair without "=", an empty or malformed tag name
  duplicate_tag,      // a tag given twice
};

struct DmarcTagProblem {
  DmarcProblem problem = DmarcProblem::bad_tag;
  std::string tag;    // as published ("p", "rua"; empty for a pair without a name)
  std::string value;  // the offending value
};

struct DmarcRecord {
  std::optional<DmarcPolicy> policy;            // p=
  std::optional<DmarcPolicy> subdomain_policy;  // sp= (default: p)
  int percent = 100;                            // pct=
  std::vector<std::string> rua;                 // aggregate report URIs
  std::vector<std::string> ruf;                 // failure report URIs
  char adkim = 'r';
  char aspf = 'r';
  std::vector<std::string> unknown_tags;        // ignored by receivers, reported
  std::vector<DmarcTagProblem> problems;        // empty: valid

  bool valid() const { return problems.empty(); }
};

// Whether a TXT string is a DMARC record: it begins with "v=DMARC1" then optional space and
// ";" or its end (§6.6.3: others are discarded).
bool is_dmarc_record(std::string_view text);

DmarcRecord parse_dmarc_record(std::string_view text);

const char* dmarc_policy_name(DmarcPolicy policy);  // "none", "quarantine", "reject"
std::optional<DmarcPolicy> parse_dmarc_policy(std::string_view text);
const char* dmarc_problem_name(DmarcProblem problem);

}  // namespace smtp_ping::policy
