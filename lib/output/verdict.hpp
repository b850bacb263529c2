#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/state.hpp"
#include "result/perf_datum.hpp"

namespace smtp_ping {

// One line of long output: a partial judgement (a phase, the TLS session ...).
struct Subcheck {
  State state = State::ok;
  std::string text;
  int verbosity = 0;  // shown from this many -v on
};

// A judged tree in words (output/describe): what the plugin text and JSON v1 fields show.
struct Verdict {
  State state = State::ok;
  std::string summary;               // status line text after "SMTP STATE - "
  std::vector<Subcheck> details;     // long output, one per line
  std::vector<PerfDatum> perfdata;
};

}  // namespace smtp_ping
