#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "item_request.hpp"

namespace smtp_ping::zabbix {

// Parsed CheckConfigs by key parameters, per listener process. Parsing the
// option language was most of a cheap item's cost (docs/benchmarks.md);
// entries expire so that a changed --password-file or --extra-opts file is
// read again within a minute.
class ConfigCache {
 public:
  // Valid until the next get(): a listener serves one item at a time.
  const CheckConfig& get(const std::vector<KeyParameter>& parameters, std::chrono::milliseconds agent_timeout,
                         const FileAccess& files);

 private:
  struct Entry {
    CheckConfig config;
    std::chrono::steady_clock::time_point parsed;
  };
  static constexpr std::size_t kMaxEntries = 256;
  static constexpr std::chrono::seconds kLifetime{60};

  std::map<std::string, Entry> entries_;
};

}  // namespace smtp_ping::zabbix
