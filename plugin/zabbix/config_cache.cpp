#include "config_cache.hpp"

namespace smtp_ping::zabbix {
namespace {

std::string cache_key(const std::vector<KeyParameter>& parameters, std::chrono::milliseconds agent_timeout) {
  std::string key = std::to_string(agent_timeout.count());
  for (const auto& parameter : parameters) {
    key += parameter.is_array ? '\x02' : '\x01';
    key += parameter.text;
  }
  return key;
}

}  // namespace

const CheckConfig& ConfigCache::get(const std::vector<KeyParameter>& parameters,
                                    std::chrono::milliseconds agent_timeout, const FileAccess& files) {
  const auto now = std::chrono::steady_clock::now();
  const std::string key = cache_key(parameters, agent_timeout);
  if (const auto found = entries_.find(key); found != entries_.end() && now - found->second.parsed < kLifetime)
    return found->second.config;
  CheckConfig config = check_config(parameters, agent_timeout, files);  // throws ItemError: nothing cached
  if (entries_.size() >= kMaxEntries) entries_.clear();
  return (entries_[key] = Entry{std::move(config), now}).config;
}

}  // namespace smtp_ping::zabbix
