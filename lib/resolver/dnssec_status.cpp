#include "resolver/dnssec_status.hpp"

namespace smtp_ping::resolver {

const char* dnssec_status_name(DnssecStatus status) {
  switch (status) {
    case DnssecStatus::secure: return "secure";
    case DnssecStatus::insecure: return "insecure";
    case DnssecStatus::bogus: return "bogus";
    case DnssecStatus::indeterminate: return "indeterminate";
  }
  return "?";
}

}  // namespace smtp_ping::resolver
