#include "options/extra_opts.hpp"

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <unistd.h>

#include <boost/program_options/parsers.hpp>

#include "options/check_config.hpp"

namespace po = boost::program_options;

namespace smtp_ping {
namespace {

bool readable(const std::string& path) { return ::access(path.c_str(), R_OK) == 0; }

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// Boost's ini reader knows '#' comments only; monitoring-plugins also takes ';'.
// It also accepts keys before any section, which monitoring-plugins rejects.
std::string normalized_ini(std::istream& in, const std::string& file) {
  std::string out, line;
  bool in_section = false;
  for (int count = 0; std::getline(in, line) && count < 100'000; ++count) {
    const std::string text = trim(line);
    if (text.empty() || text.front() == ';' || text.front() == '#') continue;
    if (text.front() == '[') {
      in_section = true;
      const auto close = text.find(']');
      out += "[" + trim(text.substr(1, close == std::string::npos ? std::string::npos : close - 1)) + "]\n";
      continue;
    }
    if (!in_section) throw UsageError("config file '" + file + "' has options before its first [section]");
    if (text.find('=') == std::string::npos)
      throw UsageError("config file '" + file + "': line without '=': " + text);
    out += text + "\n";
  }
  return out;
}

constexpr std::size_t kIniFileBytes = 1024 * 1024;

// "-" is standard input.
std::string read_ini_file(const std::string& file, const FileAccess& files) {
  try {
    const Deadline deadline = Deadline::after(std::chrono::seconds(10));
    FileContent content = file == "-" ? read_standard_input(kIniFileBytes, files, deadline)
                                      : read_user_file(file, kIniFileBytes, files, deadline);
    if (!content.complete)
      throw FileError("config file '" + file + "' is larger than " + std::to_string(kIniFileBytes) + " bytes");
    return std::move(content.bytes);
  } catch (const FileError& error) {
    throw UsageError(std::string("--extra-opts: ") + error.what());
  }
}

}  // namespace

std::optional<std::string> default_extra_opts_file() {
  if (const char* file = std::getenv("MP_CONFIG_FILE"); file && *file) return std::string(file);
  if (const char* dirs = std::getenv("NAGIOS_CONFIG_PATH"); dirs && *dirs) {
    std::stringstream list(dirs);
    for (std::string dir; std::getline(list, dir, ':');)
      for (const char* name : {"monitoring-plugins.ini", "plugins.ini", "nagios-plugins.ini"})
        if (readable(dir + "/" + name)) return dir + "/" + name;
  }
  for (const char* path : {"/usr/local/etc/monitoring-plugins/monitoring-plugins.ini",
                           "/usr/local/etc/monitoring-plugins.ini", "/etc/monitoring-plugins/monitoring-plugins.ini",
                           "/etc/monitoring-plugins.ini", "/etc/nagios/plugins.ini", "/usr/local/nagios/etc/plugins.ini",
                           "/usr/local/etc/nagios/plugins.ini", "/etc/opt/nagios/plugins.ini", "/etc/nagios-plugins.ini",
                           "/usr/local/etc/nagios-plugins.ini", "/etc/opt/nagios-plugins.ini"})
    if (readable(path)) return std::string(path);
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
  } else {
    throw UsageError("--extra-opts: no config file found (give one as --extra-opts=" + section + "@FILE)");
  }

  std::istringstream stream(read_ini_file(file, files));
  std::istringstream ini(normalized_ini(stream, file));
  const po::parsed_options parsed = po::parse_config_file(ini, po::options_description(), true);

  std::vector<std::string> tokens;
  bool section_found = false;
  const std::string prefix = section + ".";
  for (const auto& option : parsed.options) {
    if (option.string_key.rfind(prefix, 0) != 0) continue;
    section_found = true;
    const std::string key = option.string_key.substr(prefix.size());
    const std::string value = option.value.empty() ? std::string() : option.value.front();
    // Boost names short options "-S" in its lookup.
    const auto* description = known.find_nothrow(key.size() == 1 ? "-" + key : key, false);
    const bool is_flag = description && description->semantic()->max_tokens() == 0;
    if (key.size() == 1) {
      tokens.push_back("-" + key);
      if (!is_flag) tokens.push_back(value);
    } else {
      tokens.push_back(is_flag ? "--" + key : "--" + key + "=" + value);
    }
  }
  if (!section_found) {
    // An empty section is fine; a missing one is an error, as in monitoring-plugins.
    bool header_present = false;
    std::istringstream copy(ini.str());
    for (std::string line; std::getline(copy, line);) header_present = header_present || line == "[" + section + "]";
    if (!header_present) throw UsageError("--extra-opts: invalid section '" + section + "' in config file '" + file + "'");
  }
  return tokens;
}

}  // namespace smtp_ping
