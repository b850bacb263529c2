// The strict DMARC parser (lib/policy/dmarc_record): any text, no crash, and what it accepts holds.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "policy/dmarc_record.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const policy::DmarcRecord record = policy::parse_dmarc_record(input);
  if (!policy::is_dmarc_record(input)) {
    require(!record.valid(), "a record without v=DMARC1 accepted", input);
    return 0;
  }
  if (!record.valid()) return 0;
  require(record.policy.has_value(), "a valid record without p=", input);
  require(record.percent >= 0 && record.percent <= 100, "pct out of range", input);
  require(record.adkim == 'r' || record.adkim == 's', "adkim neither r nor s", input);
  for (const auto& uri : record.rua) require(uri.find(':') != std::string::npos, "a report URI without a scheme", input);
  return 0;
}
