#include "policy/dane_applicability.hpp"

namespace smtp_ping::policy {

const char* dane_applies_name(DaneApplies applies) {
  switch (applies) {
    case DaneApplies::yes: return "dane";
    case DaneApplies::no_tlsa: return "no_tlsa";
    case DaneApplies::insecure: return "insecure";
    case DaneApplies::unusable: return "unusable";
    case DaneApplies::bogus: return "bogus";
    case DaneApplies::failed: return "failed";
  }
  return "?";
}

DaneDecision decide_dane(const std::optional<resolver::Answer>& tlsa, bool addresses_secure) {
  DaneDecision decision;
  if (!tlsa) return decision;
  if (tlsa->dnssec == resolver::DnssecStatus::bogus) {
    decision.applies = DaneApplies::bogus;
    return decision;
  }
  if (!tlsa->answered() || (tlsa->rcode != resolver::rcode::noerror && tlsa->rcode != resolver::rcode::nxdomain)) return decision;
  if (tlsa->dnssec != resolver::DnssecStatus::secure || !addresses_secure) {
    decision.applies = DaneApplies::insecure;
    return decision;
  }
  if (!tlsa->has_records()) {
    decision.applies = DaneApplies::no_tlsa;
    return decision;
  }
  for (const auto& record : tlsa->records)
    if (const auto* tlsa_record = std::get_if<resolver::TlsaRecord>(&record)) {
      DaneRecord dane{tlsa_record->usage, tlsa_record->selector, tlsa_record->matching_type, tlsa_record->data};
      if (dane_usable_for_smtp(dane)) decision.usable.push_back(std::move(dane));
    }
  decision.applies = decision.usable.empty() ? DaneApplies::unusable : DaneApplies::yes;
  return decision;
}

std::string tlsa_name(int port, const std::string& exchange) {
  return "_" + std::to_string(port) + "._tcp." + exchange;
}

}  // namespace smtp_ping::policy
