#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>

#include "common/user_file.hpp"

namespace smtp_ping {

// One "key = value" line of an ini section. `value` is trimmed; empty for "key=".
struct IniOption {
  std::string key;
  std::string value;
};

// The options of `section` in ini text, read as monitoring-plugins' parse_ini
// reads them: comments are lines starting with ';' or '#' (a '#' inside a value
// is part of it), "[ name ]" headers, "key = value" trimmed; lines of other
// sections are skipped unread; text before the first header is an error, so is
// a line without '=' in the section. nullopt when the section is absent (a
// present, empty section is fine). `file` names the file in errors. Throws UsageError.
std::optional<std::vector<IniOption>> ini_section(const std::string& text, const std::string& section,
                                                  const std::string& file);

// --extra-opts=[section][@file] (Monitoring Plugins): the named section of an
// ini file becomes command-line tokens, placed before the real arguments so
// that the command line wins. `spec` is what followed "--extra-opts=" (may be
// empty); without a section, `program` (the name the plugin was called by) is
// the section. The file is read through read_user_file() as `files` allows
// (at most 1 MiB, a regular file; "-" is standard input). Throws UsageError
// for a missing or refused file or section.
std::vector<std::string> extra_opts_tokens(const std::string& spec, const std::string& program,
                                           const boost::program_options::options_description& known,
                                           const FileAccess& files = {});

// The default ini file, as monitoring-plugins looks for it: $MP_CONFIG_FILE
// when set, else the first existing monitoring-plugins.ini, plugins.ini or
// nagios-plugins.ini in the directories of $NAGIOS_CONFIG_PATH, else the first
// existing standard location. An empty string when MP_CONFIG_FILE is set empty.
std::optional<std::string> default_extra_opts_file();

}  // namespace smtp_ping
