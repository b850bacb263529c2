#include "probe/probe.hpp"

#include "common/number_text.hpp"

#include <exception>
#include <optional>

#include "dns/resolve.hpp"
#include "probe/planned_phases.hpp"
#include "probe/round_trip.hpp"
#include "probe/secret_redaction.hpp"
#include "sasl/secret_forms.hpp"
#include "smtp/dialog.hpp"
#include "net/connection.hpp"
#include "net/proxy_header.hpp"
#include "net/socket_connect.hpp"
#include "net/transport_error.hpp"

namespace smtp_ping {
namespace {

class PhaseClock {
 public:
  PhaseClock(Report& report, Phase phase, Clock::time_point check_start)
      : report_(report), phase_(phase), check_start_(check_start), began_(Clock::now()) {}
  ~PhaseClock() { report_.phases.push_back({phase_, began_ - check_start_, Clock::now() - began_}); }
  PhaseClock(const PhaseClock&) = delete;
  PhaseClock& operator=(const PhaseClock&) = delete;

 private:
  Report& report_;
  Phase phase_;
  Clock::time_point check_start_;
  Clock::time_point began_;
};

Failure failure(Phase phase, FailureKind kind, std::string message) {
  return Failure{phase, kind, std::move(message), std::nullopt, {}, {}};
}

std::vector<SocketAddress> resolve(const ProbeOptions& options, const Deadline& deadline, Report& report,
                                   Clock::time_point start) {
  if (options.unix_socket()) return {unix_socket_address(options.host)};
  PhaseClock clock(report, Phase::dns, start);
  if (options.connect_address) return {numeric_address(*options.connect_address, options.effective_port())};
  return resolve_host(options.host, options.effective_port(), options.family, deadline);
}

// Tries each address in turn; each try may spend an equal share of the time
// left, so one black-holed address cannot eat the whole deadline.
std::optional<Connection> connect_any(const std::vector<SocketAddress>& addresses, const ProbeOptions& options,
                                      const Deadline& deadline, Report& report) {
  std::optional<SocketAddress> source;
  try {
    if (options.bind_address) source = numeric_address(*options.bind_address);
  } catch (const ResolveError& error) {
    report.failure = failure(Phase::connect, FailureKind::local, "--bind: " + error.message());
    return std::nullopt;
  }
  std::string last_error;
  bool last_timed_out = false;
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    const auto share = deadline.remaining() / static_cast<long>(addresses.size() - i);
    const Deadline attempt = deadline.earlier(Deadline::after(share));
    try {
      Connection connection(connect_socket(addresses[i], source, attempt));
      report.target.address = addresses[i].host();
      report.target.local_address = local_address_of(connection.fd()).host_port();
      return connection;
    } catch (const TransportError& error) {
      if (error.kind() == TransportError::Kind::interrupted) {
        report.failure = failure(Phase::connect, FailureKind::interrupted, error.message());
        return std::nullopt;
      }
      last_timed_out = error.kind() == TransportError::Kind::timeout;
      last_error = error.message();
      report.connect_attempts.push_back(addresses[i].host_port() + ": " + last_error);
    }
  }
  std::string message;
  for (const auto& attempt : report.connect_attempts) message += (message.empty() ? "" : "; ") + attempt;
  if (addresses.size() == 1) message = last_error;
  const bool timed_out = last_timed_out && deadline.expired();
  report.failure = failure(Phase::connect, timed_out ? FailureKind::timeout : FailureKind::connect,
                           timed_out ? "timeout after " + timeout_text(options.timeout) + " connecting (" + message + ")"
                                     : message);
  return std::nullopt;
}

void probe(const ProbeOptions& requested, const Deadline& deadline, Clock::time_point start, Report& report) {
  std::vector<SocketAddress> addresses;
  try {
    addresses = resolve(requested, deadline, report, start);
  } catch (const ResolveError& error) {
    if (error.interrupted()) {
      report.failure = failure(Phase::dns, FailureKind::interrupted, error.message());
      return;
    }
    report.failure = failure(Phase::dns, error.timed_out() ? FailureKind::timeout : FailureKind::resolve,
                             error.timed_out() ? "timeout after " + timeout_text(requested.timeout) + " resolving " +
                                                     requested.host
                                               : "cannot resolve " + requested.host + ": " + error.message());
    return;
  }

  std::optional<Connection> connection;
  {
    PhaseClock clock(report, Phase::connect, start);
    connection = connect_any(addresses, requested, deadline, report);
    if (connection && requested.proxy_header) {
      try {
        connection->send(proxy_v1_header(local_address_of(connection->fd()), peer_address_of(connection->fd())),
                         deadline);
      } catch (const TransportError& error) {
        const bool interrupted = error.kind() == TransportError::Kind::interrupted;
        report.failure = failure(Phase::connect, interrupted ? FailureKind::interrupted : FailureKind::closed,
                                 interrupted ? error.message() : "cannot send the PROXY header: " + error.message());
        return;
      }
    }
  }
  if (!connection) return;
  if (requested.relay_test) {  // the address-literal relay forms name the address connected to
    ProbeOptions with_address = requested;
    if (!requested.unix_socket()) with_address.relay_test->server_address = report.target.address;
    run_dialog(*connection, with_address, deadline, start, report);
  } else {
    run_dialog(*connection, requested, deadline, start, report);
  }
  connection.reset();
  if (requested.mailbox) run_round_trip(*requested.mailbox, deadline, start, report);
}

// The server's words may quote the credentials: none of their forms may reach
// any output. The base64 forms only when AUTH ran (then the TLS module that
// encodes them is loaded already); it cannot fail the check.
void hide_secrets(const ProbeOptions& options, Report& report) {
  std::vector<std::string> forms;
  if (!options.auth.secret.empty()) {
    forms = {options.auth.secret};
    try {
      forms = secret_forms(options.auth, options.host, options.effective_port(), !report.auth_mechanism.empty());
    } catch (const std::exception&) {
      // no base64 without the TLS module: the secret itself is still hidden
    }
  }
  if (options.mailbox && !options.mailbox->account.password.empty()) forms.push_back(options.mailbox->account.password);
  if (!forms.empty()) redact_secrets(report, forms);
}

}  // namespace

Report run_probe(const ProbeOptions& options) {
  const auto start = Clock::now();
  const Deadline deadline(start + options.timeout, current_interruption());
  Report report;
  report.target.host = options.host;
  report.target.unix_socket = options.unix_socket();
  report.target.port = options.unix_socket() ? 0 : options.effective_port();
  report.target.tls = options.tls.mode;
  report.planned_phases = planned_phases(options);
  try {
    probe(options, deadline, start, report);
  } catch (const std::exception& error) {
    report.failure = failure(report.phases.empty() ? Phase::dns : report.phases.back().phase, FailureKind::local,
                             std::string("internal error: ") + error.what());
  } catch (...) {
    report.failure = failure(Phase::dns, FailureKind::local, "internal error");
  }
  report.total = Clock::now() - start;
  hide_secrets(options, report);
  return report;
}

}  // namespace smtp_ping
