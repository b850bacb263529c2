#pragma once

#include "probe/probe_options.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// Runs one complete check within options.timeout and returns what happened.
// Never throws for anything the network or the server does; never prints.
Report run_probe(const ProbeOptions& options);

}  // namespace smtp_ping
