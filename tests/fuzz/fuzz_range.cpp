// parse_range(), Range::alerts() and Range::perfdata_text().
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "common/range.hpp"
#include "fuzz_support.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  std::string why;
  const auto range = parse_range(input, &why);
  if (!range) {
    require(!why.empty(), "a refused range without a reason", input);
    return 0;
  }
  require(range->text == input, "text is not the range as given", input);
  require(!std::isnan(range->start) && !std::isnan(range->end), "NaN bound", input);
  require(range->start <= range->end, "start > end accepted", input);

  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double probes[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1e-9, 1e300, -1e300, kInf, -kInf, range->start, range->end,
                           std::nextafter(range->start, -kInf), std::nextafter(range->end, kInf)};
  for (const double value : probes) {
    const bool alert = range->alerts(value);
    const bool within = value >= range->start && value <= range->end;
    require(alert == (range->inside ? within : !within), "alerts() disagrees with the bounds", input);
  }
  const std::string perfdata = range->perfdata_text();
  require(!perfdata.empty(), "empty perfdata text", input);
  return 0;
}
