#include "resolver/unbound/unbound_resolver.hpp"

#include <poll.h>
#include <unbound.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>

#include "resolver/rdata.hpp"
#include "resolver/reverse_name.hpp"
#include "resolver/unbound/public_suffix.hpp"

namespace smtp_ping::resolver {
namespace {

constexpr int kClassIn = 1;
// libunbound asks a server first with a 376 ms timeout and doubles it on every loss; once the
// timeout reaches infra-cache-max-rtt it gives the server up and answers SERVFAIL. Capped at
// the time the first batch has, a server that never answers is retried with that backoff
// until our deadline, and reported as such, not as a SERVFAIL of its own.
constexpr auto kShortestGiveUp = std::chrono::milliseconds(400);
constexpr auto kLongestGiveUp = std::chrono::milliseconds(120'000);  // libunbound's default

std::string library_error(const char* what, int code) { return std::string(what) + ": " + ::ub_strerror(code); }

std::string seconds_text(Clock::duration duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", to_seconds(duration));
  return text;
}

}  // namespace

// One resolve() call: an Answer per Query, and what each open query needs for its callback.
struct UnboundResolver::Batch {
  struct Slot {
    Batch* batch = nullptr;
    std::size_t index = 0;
    int async_id = 0;
    bool open = false;
  };
  bool validating = false;
  Clock::time_point started;
  std::vector<Answer> answers;
  std::vector<Slot> slots;  // never resized while queries are open: callbacks hold pointers
  std::size_t open = 0;
};

namespace {

// The answer libunbound gives for one query, as data.
void fill_answer(Answer& answer, const ub_result& result, bool validating) {
  answer.outcome = Outcome::answered;
  answer.rcode = result.rcode;
  answer.ttl = static_cast<std::uint32_t>(std::max(result.ttl, 0));
  // libunbound names the query itself (with a trailing dot) when there is no alias.
  if (result.canonname && !same_name(result.canonname, answer.query.name)) {
    answer.canonical_name = result.canonname;
    if (!answer.canonical_name.empty() && answer.canonical_name.back() == '.') answer.canonical_name.pop_back();
  }
  if (result.secure)
    answer.dnssec = DnssecStatus::secure;
  else if (result.bogus)
    answer.dnssec = DnssecStatus::bogus;
  else if (validating && (result.rcode == rcode::noerror || result.rcode == rcode::nxdomain))
    answer.dnssec = DnssecStatus::insecure;
  else
    answer.dnssec = DnssecStatus::indeterminate;  // no anchor, or no answer that was validated
  if (answer.dnssec == DnssecStatus::bogus) {
    // As a validating resolver answers it (RFC 4035 §5.5): SERVFAIL, and no data reaches a check.
    answer.rcode = rcode::servfail;
    answer.why_bogus = result.why_bogus ? result.why_bogus : "validation failed (no reason given)";
    return;
  }
  if (!result.havedata || !result.data) return;
  for (int i = 0; result.data[i] != nullptr; ++i) {
    const std::string_view rdata(result.data[i], static_cast<std::size_t>(result.len[i]));
    ParsedRdata parsed = parse_rdata(answer.query.type, rdata);
    if (!parsed.record) {
      answer.outcome = Outcome::failed;
      answer.error = std::string("a malformed ") + record_type_name(answer.query.type) + " record: " + parsed.error;
      answer.records.clear();
      return;
    }
    answer.records.push_back(std::move(*parsed.record));
  }
}

void on_result(void* data, int error, ub_result* result) {
  auto& slot = *static_cast<UnboundResolver::Batch::Slot*>(data);
  Answer& answer = slot.batch->answers[slot.index];
  answer.seconds = to_seconds(Clock::now() - slot.batch->started);
  if (error != 0)
    answer.error = library_error("the resolver library failed", error);
  else if (result)
    fill_answer(answer, *result, slot.batch->validating);
  else
    answer.error = "the resolver library returned no result";
  if (result) ::ub_resolve_free(result);
  slot.open = false;
  --slot.batch->open;
}

}  // namespace

void UnboundResolver::ContextDeleter::operator()(ub_ctx* context) const noexcept { ::ub_ctx_delete(context); }

void UnboundResolver::FileCloser::operator()(std::FILE* file) const noexcept { std::fclose(file); }

UnboundResolver::UnboundResolver(std::unique_ptr<std::FILE, FileCloser> log)
    : log_(std::move(log)), context_(::ub_ctx_create()) {}

UnboundResolver::~UnboundResolver() = default;

UnboundResolver::Created UnboundResolver::create(const ResolverOptions& options) noexcept {
  try {
    std::unique_ptr<std::FILE, FileCloser> log(std::fopen("/dev/null", "we"));
    if (!log) return {nullptr, "cannot open /dev/null for the resolver library's log"};
    std::unique_ptr<UnboundResolver> resolver(new UnboundResolver(std::move(log)));
    if (!resolver->context_) return {nullptr, "the resolver library could not create a context"};
    std::string error = resolver->configure(options);
    if (!error.empty()) return {nullptr, std::move(error)};
    return {std::move(resolver), {}};
  } catch (const std::exception& error) {
    return {nullptr, std::string("cannot set up the resolver: ") + error.what()};
  }
}

std::string UnboundResolver::configure(const ResolverOptions& options) {
  ub_ctx* context = context_.get();
  // Answers come back through ub_fd() from a thread of the library (not a forked process).
  if (const int error = ::ub_ctx_async(context, 1)) return library_error("threaded resolution", error);
  ::ub_ctx_debugout(context, log_.get());
  ::ub_ctx_debuglevel(context, 0);
  const std::pair<const char*, const char*> settings[] = {
      {"do-not-query-localhost:", "no"},  // a forwarder on loopback (a local resolver) is normal
      {"val-log-level:", "2"},            // the validator keeps why an answer is bogus
      {"infra-keep-probing:", "yes"},     // a server that timed out is asked again, not skipped
      {"tcp-upstream:", options.tcp == TcpUse::always ? "yes" : "no"},
  };
  for (const auto& [name, value] : settings)
    if (const int error = ::ub_ctx_set_option(context, name, value))
      return library_error((std::string("option ") + name + " " + value).c_str(), error);
  for (const std::string& zone : options.nodefault_zones) {
    if (zone.find_first_of(" \t\n\"") != std::string::npos) return "invalid zone name '" + zone + "'";
    // "transparent", not "nodefault": libunbound 1.17 takes "nodefault" through
    // ub_ctx_set_option() without error but keeps the built-in zone. A transparent zone
    // without local data replaces the built-in one and resolves like any other name.
    if (const int error = ::ub_ctx_set_option(context, "local-zone:", (zone + " transparent").c_str()))
      return library_error(("local zone " + zone).c_str(), error);
  }

  if (options.forwarder) {
    upstream_ = options.forwarder->host_port();
    const std::string target = options.forwarder->address + "@" + std::to_string(options.forwarder->port);
    if (const int error = ::ub_ctx_set_fwd(context, target.c_str()))
      return library_error(("DNS server " + upstream_).c_str(), error);
  } else {
    upstream_ = "the nameservers of " + options.resolv_conf;
    if (const int error = ::ub_ctx_resolvconf(context, options.resolv_conf.c_str()))
      return library_error(("reading " + options.resolv_conf).c_str(), error);
  }

  std::vector<std::string> anchors = options.trust_anchor_files;
  if (options.root_trust_anchor) anchors.insert(anchors.begin(), options.root_trust_anchor_file);
  for (const std::string& file : anchors) {
    // The library reads anchors only on the first query; a missing file is reported now.
    if (::access(file.c_str(), R_OK) != 0) return "cannot read the trust anchor file " + file;
    if (const int error = ::ub_ctx_add_ta_file(context, file.c_str()))
      return library_error(("trust anchor file " + file).c_str(), error);
  }
  validating_ = !anchors.empty();
  return {};
}

bool UnboundResolver::start(Batch& batch, std::size_t index) {
  Answer& answer = batch.answers[index];
  const std::string& name = answer.query.name;
  if (name.empty() || name.find('\0') != std::string::npos) {
    answer.error = "not a domain name";
    return false;
  }
  Batch::Slot& slot = batch.slots[index];
  slot = {&batch, index, 0, true};
  const int error = ::ub_resolve_async(context_.get(), name.c_str(), static_cast<int>(answer.query.type), kClassIn,
                                       &slot, on_result, &slot.async_id);
  if (error != 0) {
    slot.open = false;
    answer.error = library_error("the query could not be sent", error);
    return false;
  }
  ++batch.open;
  return true;
}

void UnboundResolver::collect(Batch& batch, const Deadline& deadline) {
  // Each turn waits for the library's fd (or a signal) until the deadline; the count bound
  // only guards against a library that keeps its fd readable without progress.
  const std::size_t max_turns = 64 + 16 * batch.slots.size();
  for (std::size_t turn = 0; batch.open > 0 && turn < max_turns; ++turn) {
    if (deadline.interrupted() || deadline.expired()) return;
    pollfd fds[2] = {{::ub_fd(context_.get()), POLLIN, 0}, {deadline.wake_fd(), POLLIN, 0}};
    const int ready = ::poll(fds, fds[1].fd >= 0 ? 2 : 1, deadline.poll_timeout_ms());
    if (ready > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) != 0) ::ub_process(context_.get());
  }
}

void UnboundResolver::cancel_open(Batch& batch, Outcome outcome, const std::string& why) {
  for (Batch::Slot& slot : batch.slots) {
    if (!slot.open) continue;
    ::ub_cancel(context_.get(), slot.async_id);
    slot.open = false;
    Answer& answer = batch.answers[slot.index];
    answer.outcome = outcome;
    answer.error = why;
    answer.seconds = to_seconds(Clock::now() - batch.started);
  }
  batch.open = 0;
}

std::vector<Answer> UnboundResolver::resolve(const std::vector<Query>& queries, const Deadline& deadline) noexcept {
  Batch batch;
  try {
    batch.validating = validating_;
    batch.started = Clock::now();
    batch.answers.resize(queries.size());
    batch.slots.resize(queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i) batch.answers[i].query = queries[i];

    if (!give_up_set_) {
      const auto give_up = std::clamp(std::chrono::ceil<std::chrono::milliseconds>(deadline.remaining()),
                                      std::chrono::milliseconds(kShortestGiveUp), std::chrono::milliseconds(kLongestGiveUp));
      ::ub_ctx_set_option(context_.get(), "infra-cache-max-rtt:", std::to_string(give_up.count()).c_str());
      give_up_set_ = true;
    }
    for (std::size_t i = 0; i < queries.size(); ++i) start(batch, i);
    collect(batch, deadline);
    if (deadline.interrupted())
      cancel_open(batch, Outcome::interrupted, "interrupted by signal " + std::to_string(deadline.interrupting_signal()));
    else
      cancel_open(batch, Outcome::timed_out,
                  "no answer from " + upstream_ + " within " + seconds_text(Clock::now() - batch.started));
    return std::move(batch.answers);
  } catch (const std::exception& error) {
    // Out of memory: nothing the library holds may point into `batch` once it is gone.
    for (Batch::Slot& slot : batch.slots)
      if (slot.open) ::ub_cancel(context_.get(), slot.async_id);
    std::vector<Answer> answers(queries.size());
    for (std::size_t i = 0; i < answers.size(); ++i) {
      answers[i].query = queries[i];
      answers[i].error = std::string("the resolver failed: ") + error.what();
    }
    return answers;
  }
}

std::string UnboundResolver::organizational_domain(const std::string& name) const noexcept {
  return registrable_domain(name);
}

}  // namespace smtp_ping::resolver
