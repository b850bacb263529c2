#include "common/phase.hpp"

#include <array>
#include <utility>

namespace smtp_ping {
namespace {

constexpr std::array<std::pair<Phase, std::string_view>, 16> kPhaseNames{{
    {Phase::dns, "dns"},
    {Phase::connect, "connect"},
    {Phase::banner, "banner"},
    {Phase::ehlo, "ehlo"},
    {Phase::starttls, "starttls"},
    {Phase::tls, "tls"},
    {Phase::ehlo_tls, "ehlo_tls"},
    {Phase::auth, "auth"},
    {Phase::mail, "mail"},
    {Phase::rcpt, "rcpt"},
    {Phase::data, "data"},
    {Phase::command, "command"},
    {Phase::quit, "quit"},
    {Phase::delivery, "delivery"},
    {Phase::fetch, "fetch"},
    {Phase::relay, "relay"},
}};

}  // namespace

std::string_view phase_name(Phase phase) {
  for (const auto& [p, name] : kPhaseNames)
    if (p == phase) return name;
  return "unknown";
}

std::optional<Phase> parse_phase(std::string_view name) {
  for (const auto& [p, known] : kPhaseNames)
    if (known == name) return p;
  return std::nullopt;
}

}  // namespace smtp_ping
