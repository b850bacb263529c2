#pragma once

#include <string>

#include "load/load_run.hpp"

namespace smtp_ping {

// One line for a person watching a load run on a terminal:
// "load +12s: 1200 sessions ended (100.0/s), 3 failed, 20 running".
std::string load_progress_line(const LoadProgress& progress);

}  // namespace smtp_ping
