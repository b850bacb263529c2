#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smtp_ping {

// One TLSA record (RFC 6698) handed to the handshake: usage, selector, matching type, data.
struct DaneRecord {
  std::uint8_t usage = 0;
  std::uint8_t selector = 0;
  std::uint8_t matching_type = 0;
  std::string data;  // raw bytes
};

// SMTP's DANE usages (RFC 7672 §3.1): DANE-TA(2) and DANE-EE(3); PKIX-TA(0)/PKIX-EE(1) do not count.
inline bool dane_usable_for_smtp(const DaneRecord& record) {
  return (record.usage == 2 || record.usage == 3) && record.selector <= 1 && record.matching_type <= 2;
}

// Authenticate the server by DANE instead of the CA store (RFC 7672 §3.2): the records of a
// DNSSEC-secure TLSA RRset, the TLSA base domain (the exchange: the reference identifier of a
// DANE-TA(2) match) and further acceptable names (the next-hop domain). DANE-EE(3) matches
// check neither names nor dates.
struct DaneRequest {
  std::string base_domain;
  std::vector<std::string> more_names;
  std::vector<DaneRecord> records;
};

// One certificate of the chain the server presented, as TLSA records name it.
struct PresentedCertificate {
  int depth = 0;
  std::string subject;      // RFC 2253
  std::string spki_sha256;  // lower-case hex: what "x 1 1" would carry
  std::string cert_sha256;  // lower-case hex: what "x 0 1" would carry
};

// What DANE verification showed.
struct DaneOutcome {
  bool authenticated = false;           // OpenSSL's DANE verification succeeded
  std::optional<std::size_t> matched;   // the record it authenticated with (index into DaneRequest::records)
  int matched_depth = -1;               // the chain depth of that match
  std::vector<int> record_depths;       // per record: the depth of a presented certificate it matches, -1 none
  std::vector<PresentedCertificate> chain;
};

}  // namespace smtp_ping
