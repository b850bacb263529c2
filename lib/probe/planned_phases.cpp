#include "probe/planned_phases.hpp"

namespace smtp_ping {

std::vector<Phase> planned_phases(const ProbeOptions& options) {
  std::vector<Phase> phases;
  if (!options.unix_socket()) phases.push_back(Phase::dns);
  phases.push_back(Phase::connect);
  if (options.tls.mode == TlsMode::implicit) phases.push_back(Phase::tls);
  phases.push_back(Phase::banner);
  if (options.banner_only) {
    phases.push_back(Phase::quit);
    return phases;
  }
  phases.push_back(Phase::ehlo);
  if (options.tls.mode == TlsMode::starttls)
    for (const Phase phase : {Phase::starttls, Phase::tls, Phase::ehlo_tls}) phases.push_back(phase);
  if (options.relay_test) {  // instead of AUTH and the envelope (the options refuse the rest)
    phases.push_back(Phase::relay);
    phases.push_back(Phase::quit);
    return phases;
  }
  if (!options.auth.mechanism.empty()) phases.push_back(Phase::auth);
  if (options.mail_from || !options.rcpt_to.empty()) phases.push_back(Phase::mail);
  if (!options.rcpt_to.empty()) phases.push_back(Phase::rcpt);
  if (options.send) phases.push_back(Phase::data);
  if (!options.commands.empty()) phases.push_back(Phase::command);
  phases.push_back(Phase::quit);
  if (options.mailbox)
    for (const Phase phase : {Phase::delivery, Phase::fetch}) phases.push_back(phase);
  return phases;
}

}  // namespace smtp_ping
