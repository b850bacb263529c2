#include "dns_fixture_env.hpp"

#include <cstdlib>
#include <fstream>

namespace smtp_ping::test {

const DnsFixtureEnv& DnsFixtureEnv::get() {
  static const DnsFixtureEnv env = [] {
    DnsFixtureEnv loaded;
    const char* path = std::getenv("SMTP_PING_DNS_ENV_FILE");
    if (!path || !*path) {
      loaded.problem_ = "SMTP_PING_DNS_ENV_FILE is not set (run through ctest: FIXTURES_REQUIRED dns)";
      return loaded;
    }
    std::ifstream file(path);
    if (!file) {
      loaded.problem_ = std::string("cannot read ") + path + " (is the dns fixture up?)";
      return loaded;
    }
    std::string line;
    for (int lines = 0; lines < 10000 && std::getline(file, line); ++lines) {
      if (line.empty() || line[0] == '#') continue;
      const auto equals = line.find('=');
      if (equals != std::string::npos) loaded.values_[line.substr(0, equals)] = line.substr(equals + 1);
    }
    return loaded;
  }();
  return env;
}

std::string DnsFixtureEnv::operator[](const std::string& key) const {
  const auto found = values_.find("SMTP_PING_DNS_" + key);
  return found == values_.end() ? std::string() : found->second;
}

std::vector<std::string> DnsFixtureEnv::list(const std::string& key) const {
  std::vector<std::string> items;
  const std::string text = (*this)[key];
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > start) items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

}  // namespace smtp_ping::test
