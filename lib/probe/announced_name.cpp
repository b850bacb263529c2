#include "probe/announced_name.hpp"

namespace smtp_ping {
namespace {

std::optional<std::string> first_word(const std::string& line) {
  const auto start = line.find_first_not_of(' ');
  if (start == std::string::npos) return std::nullopt;
  return line.substr(start, line.find(' ', start) - start);
}

}  // namespace

std::optional<std::string> announced_name(const Report& report) {
  if (!report.capabilities.server_name.empty()) return report.capabilities.server_name;
  if (report.greeting && !report.greeting->lines.empty()) return first_word(report.greeting->lines.front());
  return std::nullopt;
}

}  // namespace smtp_ping
