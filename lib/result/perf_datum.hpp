#pragma once

#include <optional>
#include <string>

namespace smtp_ping {

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

}  // namespace smtp_ping
