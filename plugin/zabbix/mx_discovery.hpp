#pragma once

#include <string>
#include <vector>

#include "dns/mx.hpp"

namespace smtp_ping::zabbix {

// Low-level discovery value of smtp.mx.discovery: a top-level JSON array with one
// object per mail exchange (not per address), every value a string:
//   [{"{#MX.HOST}":"mx1.example.org","{#MX.PREFERENCE}":"10",
//     "{#MX.ADDRESSES}":"192.0.2.1,2001:db8::1"}]
// One object per exchange, because the item prototypes probe a host name.
std::string mx_discovery_json(const std::vector<MailExchange>& exchanges);

}  // namespace smtp_ping::zabbix
