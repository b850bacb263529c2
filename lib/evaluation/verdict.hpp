#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/state.hpp"

namespace smtp_ping {

// One line of long output: a partial judgement (a phase, the TLS session ...).
struct Subcheck {
  State state = State::ok;
  std::string text;
};

// One perfdata item; times in seconds with unit "s".
struct PerfDatum {
  std::string label;
  double value = 0;
  std::string unit;
  std::string warning;   // range text or empty
  std::string critical;
  std::optional<double> min;
  std::optional<double> max;
  bool undetermined = false;  // value "U": a phase not reached (the guidelines' undetermined value)
};

// The result of judging a report: what the front-ends render.
struct Verdict {
  State state = State::ok;
  std::string summary;               // status line text after "SMTP STATE - "
  std::vector<Subcheck> details;     // long output, one per line
  std::vector<PerfDatum> perfdata;
};

}  // namespace smtp_ping
