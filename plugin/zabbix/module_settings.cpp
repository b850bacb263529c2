#include "module_settings.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sstream>

namespace smtp_ping::zabbix {
namespace {

constexpr std::size_t kSettingsFileBytes = 64 * 1024;

std::string settings_file() {
  const char* chosen = std::getenv("SMTP_PING_MODULE_CONFIG");
  return chosen != nullptr && *chosen != '\0' ? chosen : SMTP_PING_ZABBIX_MODULE_CONFIG;
}

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

ModuleSettings defaults(const std::string& source) {
  ModuleSettings settings;
  settings.files.only_below = SMTP_PING_ZABBIX_ALLOWED_DIR;
  settings.files.where_set = "AllowedFileDirectory in " + source;
  return settings;
}

ModuleSettings refusing(const std::string& source, const std::string& why) {
  ModuleSettings settings = defaults(source);
  settings.files.refusal = "smtp_ping.so reads no files: " + why;
  return settings;
}

}  // namespace

ModuleSettings module_settings_from(const std::string& text, const std::string& source) {
  ModuleSettings settings = defaults(source);
  std::istringstream lines(text);
  int number = 0;
  for (std::string line; std::getline(lines, line) && number < 10'000;) {
    ++number;
    const std::string content = trimmed(line);
    if (content.empty() || content.front() == '#') continue;
    const auto equals = content.find('=');
    const std::string name = trimmed(content.substr(0, equals));
    const std::string where = source + " line " + std::to_string(number);
    if (equals == std::string::npos) return refusing(source, where + " has no '='");
    if (name != "AllowedFileDirectory") return refusing(source, where + ": unknown setting '" + name + "'");
    const std::string directory = trimmed(content.substr(equals + 1));
    if (directory.empty())
      return refusing(source, "AllowedFileDirectory is empty in " + source + " (no file may be named in a key)");
    if (directory.front() != '/') return refusing(source, where + ": AllowedFileDirectory must be an absolute path");
    settings.files.only_below = directory;
  }
  return settings;
}

ModuleSettings load_module_settings() {
  const std::string source = settings_file();
  try {
    struct stat seen {};
    if (::stat(source.c_str(), &seen) != 0 && errno == ENOENT) return defaults(source);
    const FileContent content =
        read_user_file(source, kSettingsFileBytes, FileAccess{}, Deadline::after(std::chrono::seconds(2)));
    if (!content.complete) return refusing(source, source + " is larger than 64 KiB");
    return module_settings_from(content.bytes, source);
  } catch (const std::exception& error) {
    return refusing(source, error.what());
  } catch (...) {
    return refusing(source, "cannot read " + source);
  }
}

}  // namespace smtp_ping::zabbix
