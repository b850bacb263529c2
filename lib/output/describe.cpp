#include "output/describe.hpp"

#include "common/number_text.hpp"

namespace smtp_ping {

std::string violation_text(const ThresholdViolation& violation) {
  const Range& range = violation.range;
  std::string bound;
  if (range.inside)
    bound = "in @" + range.text.substr(1);
  else if (violation.value > range.end)
    bound = "> " + shortest_number_text(range.end);
  else
    bound = "< " + shortest_number_text(range.start);
  // Sub-millisecond times need more digits to show why they crossed a bound.
  const int decimals = violation.unit == "s" && violation.value < 0.001 ? 6 : 3;
  return violation.subject + " " + number_text(violation.value, decimals) + violation.unit + " " + bound;
}

}  // namespace smtp_ping
