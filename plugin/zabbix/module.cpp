// smtp_ping.so: the Zabbix agent's key table over the same probe, evaluation
// and JSON rendering as check_smtp_ping. Every handler catches everything (an
// escaping exception would kill the listener and stop the agent) and reports
// failures as "not supported" with a reason. No process-wide state besides the
// agent Timeout; nothing is initialised before the agent forks its listeners.
// MX discovery makes a libunbound context (and its resolving thread) per call and
// deletes it before answering.

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agent_result.hpp"
#include "check/check_run.hpp"
#include "output/check_output.hpp"
#include "common/whole_message_error.hpp"
#include "output/json_text.hpp"
#include "output/safe_text.hpp"
#include "config_cache.hpp"
#include "item_request.hpp"
#include "module_settings.hpp"
#include "check/domain_run.hpp"
#include "mx_discovery.hpp"
#include "output/domain_json.hpp"
#include "zabbix_abi.hpp"

#define SMTP_PING_EXPORT extern "C" __attribute__((visibility("default")))

namespace smtp_ping::zabbix {
namespace {

using std::chrono::milliseconds;

// The module's own state: the agent's Timeout, as told by
// zbx_module_item_timeout (default 3 s), the admin's settings (read in
// zbx_module_init), and each listener's parsed keys.
constexpr std::size_t kReasonCap = 2048;

milliseconds agent_timeout{3'000};
// No file at all until zbx_module_init has read the admin's settings.
ModuleSettings settings{FileAccess{{}, {}, "smtp_ping.so reads no files: its settings were not read yet"}};
ConfigCache config_cache;

// Blocks SIGPIPE while a probe runs and discards one raised meanwhile, so a peer
// that closes early cannot kill a listener whose SIGPIPE disposition is default.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_only_);
    sigaddset(&pipe_only_, SIGPIPE);
    was_pending_ = sigpipe_pending();
    blocked_ = pthread_sigmask(SIG_BLOCK, &pipe_only_, &previous_) == 0;
  }
  ~SigpipeBlock() {
    if (!blocked_) return;
    if (!was_pending_ && sigpipe_pending()) {
      const timespec no_wait{};
      sigtimedwait(&pipe_only_, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  static bool sigpipe_pending() {
    sigset_t pending;
    sigemptyset(&pending);
    return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
  }

  sigset_t pipe_only_{};
  sigset_t previous_{};
  bool was_pending_ = false;
  bool blocked_ = false;
};

std::vector<KeyParameter> key_parameters(const AgentRequest& request) {
  std::vector<KeyParameter> parameters;
  for (int index = 0; index < request.nparam; ++index) {
    const char* text = request.params[index];
    const bool is_array = request.types != nullptr && request.types[index] == kParameterArray;
    parameters.push_back({text != nullptr ? text : "", is_array});
  }
  return parameters;
}

enum class Judged { yes, no };

// The same check as check_smtp_ping (a series too, with -n), bounded by the
// agent's Timeout as a whole; Judged::no leaves the verdict out.
CheckResult run_item_check(const AgentRequest& request, Judged judged = Judged::yes) {
  const CheckConfig& config = config_cache.get(key_parameters(request), agent_timeout, settings.files);
  // Plain sockets send with MSG_NOSIGNAL; only OpenSSL's write(2) can raise it.
  std::optional<SigpipeBlock> sigpipe_block;
  if (config.probe.tls.mode != TlsMode::none) sigpipe_block.emplace();
  const auto budget = call_budget(agent_timeout, agent_timeout);
  return judged == Judged::yes ? run_check(config, budget) : measure_check(config, budget);
}

// "Not supported" with a reason that may quote the key or DNS data: one
// safe line, like every other text the module hands the agent.
int not_supported(AgentResult* result, const std::string& reason) noexcept {
  try {
    return fail_with_message(result, safe_text(reason, kReasonCap).c_str());
  } catch (...) {
    return fail_with_message(result, "smtp_ping: out of memory");
  }
}

// Runs `body` and turns every exception into "not supported".
template <typename Body>
int guarded(AgentResult* result, Body body) noexcept {
  try {
    return body();
  } catch (const ItemError& error) {
    return not_supported(result, error.what());
  } catch (const WholeMessageError& error) {
    return not_supported(result, "smtp_ping internal error: " + error.message());
  } catch (const std::exception& error) {
    return not_supported(result, std::string("smtp_ping internal error: ") + error.what());
  } catch (...) {
    return fail_with_message(result, "smtp_ping internal error: unknown exception");
  }
}

int check_item(AgentRequest* request, AgentResult* result) {
  return guarded(result, [&] {
    const CheckResult outcome = run_item_check(*request);
    return succeed_with_text(result, json_text(check_to_json(outcome)));
  });
}

// Seconds the whole dialog took (rta in a series); 0 when it failed, like
// net.tcp.service.perf.
int ping_item(AgentRequest* request, AgentResult* result) {
  return guarded(result, [&] {
    const CheckResult outcome = run_item_check(*request, Judged::no);
    double seconds = 0.0;
    if (outcome.series)
      seconds = outcome.series->rta.value_or(0.0);
    else if (!outcome.reports.empty() && !outcome.reports.front().failure)
      seconds = to_seconds(outcome.reports.front().total);
    return succeed_with_double(result, seconds);
  });
}

// The state check_smtp_ping would exit with: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
int status_item(AgentRequest* request, AgentResult* result) {
  return guarded(result, [&] {
    const CheckResult outcome = run_item_check(*request);
    return succeed_with_uint64(result, static_cast<std::uint64_t>(outcome.tree.state));
  });
}

int mx_discovery_item(AgentRequest* request, AgentResult* result) {
  return guarded(result, [&] {
    const MxDiscoveryRequest discovery = mx_discovery_request(key_parameters(*request), agent_timeout, settings.files);
    return succeed_with_text(result, mx_discovery_json(discover_mail_domain(discovery)));
  });
}

int mx_targets_discovery_item(AgentRequest* request, AgentResult* result) {
  return guarded(result, [&] {
    const MxDiscoveryRequest discovery = mx_discovery_request(key_parameters(*request), agent_timeout, settings.files);
    return succeed_with_text(result, mx_targets_json(discover_mail_domain(discovery)));
  });
}

// The --domain check: every MX x every address in parallel within the item's budget, as JSON.
int domain_item(AgentRequest* request, AgentResult* result) {
  return guarded(result, [&] {
    const CheckConfig config = domain_check_config(key_parameters(*request), agent_timeout, settings.files);
    // Set before the probing threads start: they inherit the blocked SIGPIPE.
    std::optional<SigpipeBlock> sigpipe_block;
    if (config.probe.tls.mode != TlsMode::none) sigpipe_block.emplace();
    return succeed_with_text(result, json_text(domain_to_json(run_domain_check(config), config.notes)));
  });
}

// Writable: the agent rewrites `flags` in place while loading (P6).
char check_key[] = "smtp.check";
char ping_key[] = "smtp.ping";
char status_key[] = "smtp.status";
char mx_discovery_key[] = "smtp.mx.discovery";
char mx_targets_discovery_key[] = "smtp.mx.targets.discovery";
char domain_key[] = "smtp.domain";

// test_param is null: `zabbix_agentd -p` then calls each key without parameters,
// which fails fast with "host is required" instead of probing anything (P8).
Metric item_table[] = {
    {check_key, kFlagHaveParams, check_item, nullptr},
    {ping_key, kFlagHaveParams, ping_item, nullptr},
    {status_key, kFlagHaveParams, status_item, nullptr},
    {mx_discovery_key, kFlagHaveParams, mx_discovery_item, nullptr},
    {mx_targets_discovery_key, kFlagHaveParams, mx_targets_discovery_item, nullptr},
    {domain_key, kFlagHaveParams, domain_item, nullptr},
    {nullptr, 0, nullptr, nullptr},
};

}  // namespace
}  // namespace smtp_ping::zabbix

SMTP_PING_EXPORT int zbx_module_api_version() { return smtp_ping::zabbix::kModuleApiVersion; }

// No signal handler, no thread: the agent's process is the agent's.
SMTP_PING_EXPORT int zbx_module_init() {
  try {
    smtp_ping::zabbix::settings = smtp_ping::zabbix::load_module_settings();
  } catch (...) {
    smtp_ping::zabbix::settings.files.refusal = "smtp_ping.so reads no files: its settings could not be read";
  }
  return smtp_ping::zabbix::kModuleOk;
}

SMTP_PING_EXPORT int zbx_module_uninit() { return smtp_ping::zabbix::kModuleOk; }

SMTP_PING_EXPORT void zbx_module_item_timeout(int timeout) {
  if (timeout > 0) smtp_ping::zabbix::agent_timeout = std::chrono::seconds(timeout);
}

SMTP_PING_EXPORT smtp_ping::zabbix::Metric* zbx_module_item_list() { return smtp_ping::zabbix::item_table; }
