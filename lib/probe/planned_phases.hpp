#pragma once

#include <vector>

#include "common/phase.hpp"
#include "probe/probe_options.hpp"

namespace smtp_ping {

// The phases a probe with these options goes through when every step passes,
// in dialog order. Perfdata names all of them whatever happens, so that a
// grapher with a fixed set of data sources (RRD, PNP4Nagios) sees the same
// labels for a good run and a refused one.
std::vector<Phase> planned_phases(const ProbeOptions& options);

}  // namespace smtp_ping
