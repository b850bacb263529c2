#include "smtp/relay_test.hpp"

namespace smtp_ping {

std::vector<RelayForm> relay_forms(const std::string& local, const std::string& outside,
                                   const std::string& literal) {
  const std::string user = kRelayTestUser;
  const std::string local_sender = user + "@" + local;
  const std::string outside_address = user + "@" + outside;
  std::vector<RelayForm> forms{
      {"outside sender", outside_address, outside_address},
      {"local sender", local_sender, outside_address},
      {"null sender", "", outside_address},
      {"percent hack", local_sender, user + "%" + outside + "@" + local},
      {"bang path", local_sender, outside + "!" + user + "@" + local},
      {"source route", local_sender, "@" + local + ":" + outside_address},
      {"quoted local part", local_sender, "\"" + outside_address + "\"@" + local},
  };
  if (!literal.empty()) {
    forms.push_back({"address-literal sender", user + "@" + literal, outside_address});
    forms.push_back({"percent hack at the address literal", local_sender, user + "%" + outside + "@" + literal});
    forms.push_back({"quoted local part at the address literal", local_sender, "\"" + outside_address + "\"@" + literal});
  }
  return forms;
}

std::string address_literal(const std::string& address) {
  if (address.empty()) return {};
  return address.find(':') == std::string::npos ? "[" + address + "]" : "[IPv6:" + address + "]";
}

const RelayAttempt* RelayTestRecord::first_accepted() const {
  for (const auto& attempt : attempts)
    if (attempt.accepted()) return &attempt;
  return nullptr;
}

}  // namespace smtp_ping
