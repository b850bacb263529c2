#pragma once

#include <optional>
#include <vector>

#include "resolver/answer.hpp"
#include "tls/dane.hpp"

namespace smtp_ping::policy {

// Whether an exchange's TLSA set makes DANE apply (RFC 7672 §2.2).
enum class DaneApplies {
  yes,       // secure TLSA with a usable record: the probes verify by it
  no_tlsa,   // secure denial, or no records: "no DANE"
  insecure,  // the TLSA or the exchange's addresses not DNSSEC-secure: "no DANE" (§2.2.2)
  unusable,  // secure, but only PKIX-TA/PKIX-EE or unknown parameters: "no DANE" (§3.1)
  bogus,     // DNSSEC says the TLSA data is forged or broken: CRITICAL
  failed,    // no usable answer (SERVFAIL without bogus, timeout): DANE cannot be decided
};

const char* dane_applies_name(DaneApplies applies);

struct DaneDecision {
  DaneApplies applies = DaneApplies::failed;
  std::vector<DaneRecord> usable;  // the DANE-TA/DANE-EE records, when it applies
};

// From the TLSA answer and whether the exchange's address answers were secure. Pure.
DaneDecision decide_dane(const std::optional<resolver::Answer>& tlsa, bool addresses_secure);

// "_25._tcp.mx.example.org"
std::string tlsa_name(int port, const std::string& exchange);

}  // namespace smtp_ping::policy
