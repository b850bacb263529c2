#pragma once

#include <optional>
#include <string>

#include "common/state.hpp"
#include "evaluation/thresholds.hpp"
#include "result/findings.hpp"
#include "result/perf_datum.hpp"
#include "probe/report.hpp"

namespace smtp_ping {

// -D WARN[,CRIT] on the leaf certificate, as check_smtp judges it: WARNING
// below WARN days, CRITICAL below CRIT (below 0, that is expired, when only
// WARN is given).
struct CertificateLifetime {
  std::optional<Finding> expiry;  // a CertificateExpiry, WARNING or CRITICAL; none when OK
  PerfDatum datum;                // 'cert_days'=V;WARN:;CRIT: (ranges: alert below), "U" without a certificate

  State state() const { return expiry ? expiry->state : State::ok; }
};

// Judges `tls` (the certificate seen, if any). nullopt when the check uses no
// TLS and saw no certificate: then there is no cert_days to report.
std::optional<CertificateLifetime> judge_certificate_lifetime(TlsMode mode, const std::optional<TlsFacts>& tls,
                                                              const Thresholds& thresholds);

}  // namespace smtp_ping
