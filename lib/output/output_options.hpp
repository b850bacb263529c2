#pragma once

#include <string>
#include <vector>

namespace smtp_ping {

enum class OutputFormat { plugin, json };

// How a check is shown (the options layer fills it from the command line).
struct OutputOptions {
  int verbosity = 0;
  OutputFormat output = OutputFormat::plugin;
  // --perfdata-unreached=omit: leave out the "U" items of phases not reached
  // (Icinga 2's metric writers log a warning for each; see docs/design.md).
  bool omit_unreached_perfdata = false;
  // What the option parser decided on its own for check_smtp's sake (ignored
  // words, -D turning STARTTLS on, -t 0 capped): shown at -v and in JSON.
  std::vector<std::string> notes;
};

}  // namespace smtp_ping
