#include "evaluation/certificate_lifetime.hpp"

#include "evaluation/threshold_check.hpp"

namespace smtp_ping {
namespace {

// Half away from zero, as std::round, without libm (docs/benchmarks.md: mapping
// libm costs every check 0.3 MB). Certificate days are far inside long long.
double hundredths(double value) {
  const double scaled = value * 100;
  return static_cast<double>(static_cast<long long>(scaled < 0 ? scaled - 0.5 : scaled + 0.5)) / 100;
}

// "30:" alerts below 30 in every range parser; a bare "30" would mean above 30.
std::string at_least(int days) { return std::to_string(days) + ":"; }

PerfDatum days_datum(bool known, double days, const Thresholds& thresholds) {
  const double rounded = hundredths(days);
  PerfDatum datum = perf_datum("cert_days", known ? &rounded : nullptr, "", nullptr, std::nullopt);
  if (thresholds.cert_days_warning) datum.warning = at_least(*thresholds.cert_days_warning);
  if (thresholds.cert_days_critical) datum.critical = at_least(*thresholds.cert_days_critical);
  return datum;
}

}  // namespace

std::optional<CertificateLifetime> judge_certificate_lifetime(TlsMode mode, const std::optional<TlsFacts>& tls,
                                                              const Thresholds& thresholds) {
  // A bool and a double, not an optional: GCC's -Os sees it "maybe uninitialized".
  const bool known = tls && tls->cert_days;
  const double left = known ? *tls->cert_days : 0;
  if (mode == TlsMode::none && !known) return std::nullopt;
  CertificateLifetime judged;
  judged.datum = days_datum(known, left, thresholds);
  if (!known || !thresholds.cert_days_warning) return judged;

  const int critical = thresholds.cert_days_critical.value_or(0);
  State state = State::ok;
  if (left < critical)
    state = State::critical;
  else if (left < *thresholds.cert_days_warning)
    state = State::warning;
  if (state != State::ok) judged.expiry = Finding{state, CertificateExpiry{left, tls->not_after}};
  return judged;
}

}  // namespace smtp_ping
