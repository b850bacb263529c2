#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>

#include "common/user_file.hpp"

namespace smtp_ping {

// --extra-opts=[section][@file] (Monitoring Plugins): the named section of an
// ini file becomes command-line tokens, placed before the real arguments so
// that the command line wins. `spec` is what followed "--extra-opts=" (may be
// empty). The file is read through read_user_file() as `files` allows (at
// most 1 MiB, a regular file; "-" is standard input). Throws UsageError for a
// missing or refused file or section.
std::vector<std::string> extra_opts_tokens(const std::string& spec, const std::string& program,
                                           const boost::program_options::options_description& known,
                                           const FileAccess& files = {});

// The default ini file: $MP_CONFIG_FILE, $NAGIOS_CONFIG_PATH, then the
// standard locations of monitoring-plugins.
std::optional<std::string> default_extra_opts_file();

}  // namespace smtp_ping
