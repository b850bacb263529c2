// The TLS policies' parsers (lib/policy): the MTA-STS policy file, its mx patterns, the
// _mta-sts and _smtp._tls TXT records.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "policy/mta_sts_policy.hpp"
#include "policy/mta_sts_record.hpp"
#include "policy/tls_rpt_record.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;
using namespace smtp_ping::policy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);

  const MtaStsPolicy policy = parse_mta_sts_policy(input);
  require(policy.valid == policy.problems.empty(), "valid while problems were found", input);
  if (policy.valid) {
    require(policy.version == std::string("STSv1") && policy.mode && policy.max_age, "valid without a required key",
            input);
    require(*policy.max_age <= kMaxMtaStsMaxAge, "max_age above its bound", input);
    require(policy.mode == MtaStsMode::none || !policy.mx.empty(), "no pattern outside mode none", input);
  }
  for (const auto& pattern : policy.mx) {
    require(pattern.find("*", 1) == std::string::npos, "a wildcard that is not the leftmost label", input);
    if (pattern.rfind("*.", 0) != 0) require(mx_pattern_matches(pattern, pattern), "a pattern that misses itself", input);
  }

  const MtaStsRecord record = parse_mta_sts_record(input);
  require(record.valid == record.problems.empty(), "an MTA-STS record valid with problems", input);
  if (record.valid) require(is_mta_sts_record(input) && !record.id.empty() && record.id.size() <= 32, "a bad id", input);

  const TlsRptRecord rpt = parse_tls_rpt_record(input);
  require(rpt.valid == rpt.problems.empty(), "a TLS-RPT record valid with problems", input);
  if (rpt.valid) require(is_tls_rpt_record(input) && !rpt.rua.empty(), "valid without rua", input);

  const std::size_t half = input.size() / 2;
  (void)mx_pattern_matches(input.substr(0, half), input.substr(half));
  return 0;
}
