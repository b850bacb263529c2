#pragma once

#include <string>
#include <vector>

#include "output/verdict.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// The text a Nagios/Icinga plugin prints (Monitoring Plugins guidelines):
//   SMTP <STATE> - <summary> | <perfdata>
//   <one line per subcheck>
// verbosity 1 adds the option parser's `notes` and the dialog transcript, 2 a
// waterfall of the phases, 3 the capabilities and connection attempts. Exactly
// one '|' in the whole output; every byte that came from the server passes
// through safe_text().
std::string render_plugin_output(const Report& report, const Verdict& verdict, int verbosity,
                                 const std::vector<std::string>& notes = {});

// Perfdata items joined by ' ', each as 'label'=value[unit];warn;crit;min;max.
std::string render_perfdata(const Verdict& verdict);
void append_perfdata(std::string& out, const std::vector<PerfDatum>& perfdata);

}  // namespace smtp_ping
