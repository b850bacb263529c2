#include "options/extra_opts.hpp"

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <unistd.h>

#include "options/check_config.hpp"

namespace po = boost::program_options;

namespace smtp_ping {
namespace {

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// isspace() in the C locale, as parse_ini uses it.
bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::string trim(const std::string& text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && blank(text[begin])) ++begin;
  while (end > begin && blank(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// "[ name ]" -> "name"; nullopt when the line is no section header.
std::optional<std::string> section_header(const std::string& line) {
  if (line.empty() || line.front() != '[') return std::nullopt;
  const auto close = line.find(']');
  if (close == std::string::npos) return std::string("\n");  // never matches a name
  return trim(line.substr(1, close - 1));
}

IniOption option_line(const std::string& line, const std::string& file) {
  const auto equals = line.find('=');
  if (equals == std::string::npos)
    throw UsageError("config file '" + file + "': line without '=': " + line.substr(0, 200));
  IniOption option{trim(line.substr(0, equals)), trim(line.substr(equals + 1))};
  if (option.key.empty()) throw UsageError("config file '" + file + "': line without a key: " + line.substr(0, 200));
  return option;
}

// One ini option as command-line tokens: "--key=value", "--flag", or "-k" "value"
// (monitoring-plugins would make "-k=value" of a one-character key, which no
// plugin can use).
void append_tokens(const IniOption& option, const po::options_description& known, std::vector<std::string>& tokens) {
  const bool short_key = option.key.size() == 1;
  // Boost names short options "-S" in its lookup.
  const auto* description = known.find_nothrow(short_key ? "-" + option.key : option.key, false);
  const bool is_flag = description && description->semantic()->max_tokens() == 0;
  if (short_key) {
    tokens.push_back("-" + option.key);
    if (!is_flag) tokens.push_back(option.value);
  } else {
    tokens.push_back(is_flag ? "--" + option.key : "--" + option.key + "=" + option.value);
  }
}

// An ini file of monitoring-plugins is a few lines; this keeps a mistaken path
// (a log) from being read for ever.
constexpr std::size_t kIniFileBytes = 1024 * 1024;

// Through the bounded reader (lib/common/user_file.hpp); "-" is standard input.
std::string read_ini_file(const std::string& file, const FileAccess& files) {
  try {
    const Deadline deadline = Deadline::after(std::chrono::seconds(10));
    FileContent content = file == "-" ? read_standard_input(kIniFileBytes, files, deadline)
                                      : read_user_file(file, kIniFileBytes, files, deadline);
    if (!content.complete)
      throw FileError("config file '" + file + "' is larger than 1 MiB");
    return std::move(content.bytes);
  } catch (const FileError& error) {
    throw UsageError(std::string("--extra-opts: ") + error.what());
  }
}

}  // namespace

std::optional<std::vector<IniOption>> ini_section(const std::string& text, const std::string& section,
                                                  const std::string& file) {
  std::vector<IniOption> options;
  bool found = false;
  enum class Where { before_any, other, ours } where = Where::before_any;
  std::istringstream lines(text);
  std::string raw;
  for (int count = 0; std::getline(lines, raw) && count < 100'000; ++count) {
    const std::string line = trim(raw);
    if (line.empty() || line.front() == ';' || line.front() == '#') continue;
    if (const auto name = section_header(line)) {
      where = *name == section ? Where::ours : Where::other;
      found = found || where == Where::ours;
      continue;
    }
    if (where == Where::before_any)
      throw UsageError("config file '" + file + "' has options before its first [section]");
    if (where == Where::ours) options.push_back(option_line(line, file));
  }
  if (!found) return std::nullopt;
  return options;
}

std::optional<std::string> default_extra_opts_file() {
  if (const char* file = std::getenv("MP_CONFIG_FILE")) return std::string(file);
  if (const char* dirs = std::getenv("NAGIOS_CONFIG_PATH")) {
    std::stringstream list(dirs);
    for (std::string dir; std::getline(list, dir, ':');) {
      if (dir.empty()) continue;  // strtok() skips empty entries
      for (const char* name : {"monitoring-plugins.ini", "plugins.ini", "nagios-plugins.ini"})
        if (exists(dir + "/" + name)) return dir + "/" + name;
    }
  }
  for (const char* path : {"/usr/local/etc/monitoring-plugins/monitoring-plugins.ini",
                           "/usr/local/etc/monitoring-plugins.ini", "/etc/monitoring-plugins/monitoring-plugins.ini",
                           "/etc/monitoring-plugins.ini", "/etc/nagios/plugins.ini", "/usr/local/nagios/etc/plugins.ini",
                           "/usr/local/etc/nagios/plugins.ini", "/etc/opt/nagios/plugins.ini", "/etc/nagios-plugins.ini",
                           "/usr/local/etc/nagios-plugins.ini", "/etc/opt/nagios-plugins.ini"})
    if (exists(path)) return std::string(path);
  return std::nullopt;
}

std::vector<std::string> extra_opts_tokens(const std::string& spec, const std::string& program,
                                           const po::options_description& known, const FileAccess& files) {
  const auto at = spec.find('@');
  std::string section = spec.substr(0, at);
  if (section.empty()) section = program;
  std::string file;
  if (at != std::string::npos) {
    file = spec.substr(at + 1);
  } else if (auto found = default_extra_opts_file()) {
    file = *found;
  }
  if (file.empty())
    throw UsageError("--extra-opts: no config file found in any standard location (give one as --extra-opts=" +
                     section + "@FILE)");

  const auto options = ini_section(read_ini_file(file, files), section, file);
  if (!options) throw UsageError("--extra-opts: invalid section '" + section + "' in config file '" + file + "'");
  std::vector<std::string> tokens;
  for (const auto& option : *options) append_tokens(option, known, tokens);
  return tokens;
}

}  // namespace smtp_ping
