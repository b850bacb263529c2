#pragma once

// The DNS client over libunbound: it validates DNSSEC in-process from its own trust anchors,
// so an answer's status does not rest on a resolver's AD bit. Meant to live in the DNS
// provider (smtp-ping-dns.so) so that a plain check never maps libunbound.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "resolver/resolver.hpp"
#include "resolver/resolver_options.hpp"

struct ub_ctx;

namespace smtp_ping::resolver {

class UnboundResolver final : public Resolver {
 public:
  struct Created;
  // A resolver with these options, or why not (an unreadable trust anchor, an option the
  // library refuses). Never throws.
  static Created create(const ResolverOptions& options) noexcept;

  ~UnboundResolver() override;
  UnboundResolver(const UnboundResolver&) = delete;
  UnboundResolver& operator=(const UnboundResolver&) = delete;

  // All queries at once (ub_resolve_async), answers collected from ub_fd() with poll() until
  // the last one or the deadline; what is still open then is cancelled and timed out. The
  // library retries a lost query after 376 ms, then with a doubling timeout; the first batch
  // sets how long it keeps at it to the time that batch has, so an unanswering server shows
  // as timed out at the deadline. A bogus answer is SERVFAIL without records.
  std::vector<Answer> resolve(const std::vector<Query>& queries, const Deadline& deadline) noexcept override;
  // By libpsl (the system's public suffix list, else the one built into the library).
  std::string organizational_domain(const std::string& name) const noexcept override;

  struct Batch;  // one resolve() call (unbound_resolver.cpp)

 private:
  struct ContextDeleter {
    void operator()(ub_ctx* context) const noexcept;
  };
  struct FileCloser {
    void operator()(std::FILE* file) const noexcept;
  };
  explicit UnboundResolver(std::unique_ptr<std::FILE, FileCloser> log);
  std::string configure(const ResolverOptions& options);
  bool start(Batch& batch, std::size_t index);
  void collect(Batch& batch, const Deadline& deadline);
  void cancel_open(Batch& batch, Outcome outcome, const std::string& why);

  std::unique_ptr<std::FILE, FileCloser> log_;   // libunbound's log: nowhere (declared first: outlives context_)
  std::unique_ptr<ub_ctx, ContextDeleter> context_;
  bool validating_ = false;                      // at least one trust anchor
  bool give_up_set_ = false;
  std::string upstream_;                         // "127.0.0.1:53", or the resolv.conf it read
};

struct UnboundResolver::Created {
  std::unique_ptr<UnboundResolver> resolver;
  std::string error;
};

}  // namespace smtp_ping::resolver
