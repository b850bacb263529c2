// The strict SPF parser (lib/policy/spf_record): any text, no crash, and what it accepts holds.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "policy/spf_record.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const policy::SpfRecord record = policy::parse_spf_record(input);
  if (!policy::is_spf_record(input)) {
    require(!record.valid(), "a record without v=spf1 accepted", input);
    return 0;
  }
  if (record.error) {
    require(record.error->term_index >= 1, "an error before the first term", input);
    require(input.find(record.error->term) != std::string_view::npos, "an error term not in the record", input);
    return 0;
  }
  int redirects = 0;
  for (const auto& term : record.terms) {
    require(!term.text.empty() && input.find(term.text) != std::string_view::npos, "a term not in the record", input);
    for (char c : term.text) require(c > 0x20 && c < 0x7f, "a term with a character outside the syntax", input);
    redirects += term.kind == policy::SpfTermKind::redirect ? 1 : 0;
  }
  require(redirects <= 1, "two redirects accepted", input);
  return 0;
}
