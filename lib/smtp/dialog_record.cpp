#include "smtp/dialog_record.hpp"

namespace smtp_ping {

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::resolve: return "resolve";
    case FailureKind::connect: return "connect";
    case FailureKind::timeout: return "timeout";
    case FailureKind::closed: return "closed";
    case FailureKind::protocol: return "protocol";
    case FailureKind::reply: return "reply";
    case FailureKind::expect_mismatch: return "expect_mismatch";
    case FailureKind::response_mismatch: return "response_mismatch";
    case FailureKind::tls: return "tls";
    case FailureKind::tls_verify: return "tls_verify";
    case FailureKind::tls_policy: return "tls_policy";
    case FailureKind::not_offered: return "not_offered";
    case FailureKind::auth: return "auth";
    case FailureKind::local: return "local";
    case FailureKind::interrupted: return "interrupted";
    case FailureKind::not_delivered: return "not_delivered";
    case FailureKind::altered: return "altered";
    case FailureKind::junk: return "junk";
  }
  return "unknown";
}

void add_timing(std::vector<PhaseTiming>& phases, const PhaseTiming& timing) {
  for (auto& known : phases)
    if (known.phase == timing.phase) {
      known.elapsed += timing.elapsed;
      return;
    }
  phases.push_back(timing);
}

std::optional<Clock::duration> DialogRecord::elapsed(Phase phase) const {
  for (const auto& timing : phases)
    if (timing.phase == phase) return timing.elapsed;
  return std::nullopt;
}

}  // namespace smtp_ping
