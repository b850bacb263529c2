// The DNS client linked in (the Zabbix module, the tests): libunbound directly.
#include "resolver/resolver_factory.hpp"
#include "resolver/unbound/unbound_resolver.hpp"

namespace smtp_ping::resolver {

CreatedResolver create_resolver(const ResolverOptions& options) noexcept {
  CreatedResolver created;
  try {
    auto made = UnboundResolver::create(options);
    created.resolver = std::move(made.resolver);
    created.error = std::move(made.error);
  } catch (...) {
    created.error = "out of memory";
  }
  return created;
}

}  // namespace smtp_ping::resolver
