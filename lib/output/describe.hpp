#pragma once

#include <string>

#include "evaluation/threshold_check.hpp"

namespace smtp_ping {

// The one wording of a threshold violation, right for every range form:
// "banner 0.051s > 0.01", "rta 0.004s < 0.01", "total 0.004s in @0:1".
std::string violation_text(const ThresholdViolation& violation);

}  // namespace smtp_ping
