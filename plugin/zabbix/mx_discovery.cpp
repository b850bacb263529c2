#include "mx_discovery.hpp"

#include <nlohmann/json.hpp>

#include "output/json_text.hpp"

namespace smtp_ping::zabbix {
namespace {

std::string comma_list(const std::vector<std::string>& items) {
  std::string list;
  for (const std::string& item : items) {
    if (!list.empty()) list += ',';
    list += item;
  }
  return list;
}

nlohmann::json discovery_row(const MailExchange& exchange) {
  return {{"{#MX.HOST}", exchange.host},
          {"{#MX.PREFERENCE}", std::to_string(exchange.preference)},
          {"{#MX.ADDRESSES}", comma_list(exchange.addresses)}};
}

}  // namespace

std::string mx_discovery_json(const std::vector<MailExchange>& exchanges) {
  nlohmann::json rows = nlohmann::json::array();
  for (const MailExchange& exchange : exchanges) rows.push_back(discovery_row(exchange));
  return json_text(rows);
}

}  // namespace smtp_ping::zabbix
