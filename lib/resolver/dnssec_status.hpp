#pragma once

namespace smtp_ping::resolver {

// What DNSSEC validation (RFC 4035 §4.3) says about one answer.
//   secure         the chain of trust from an anchor proves the data (or its absence);
//   insecure       the chain proves the zone is unsigned: the data is as any resolver saw it;
//   bogus          signatures are missing, wrong or expired where the chain says they must be;
//   indeterminate  nothing was validated: no trust anchor, or no answer to validate.
enum class DnssecStatus { secure, insecure, bogus, indeterminate };

// "secure", "insecure", "bogus", "indeterminate".
const char* dnssec_status_name(DnssecStatus status);

}  // namespace smtp_ping::resolver
