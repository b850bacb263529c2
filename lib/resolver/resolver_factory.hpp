#pragma once

#include <memory>
#include <string>

#include "resolver/resolver.hpp"
#include "resolver/resolver_options.hpp"

namespace smtp_ping::resolver {

struct CreatedResolver {
  std::unique_ptr<Resolver> resolver;  // null when none could be made
  std::string error;                   // why not: the DNS provider is missing, a trust anchor unreadable ...
};

// The DNS client the program was built with: check_smtp_ping loads it from the DNS provider
// (smtp-ping-dns.so, resolver/dns_loader.cpp) on first use, so that a check without DNS of
// its own never maps libunbound; the Zabbix module and the tests link it in
// (resolver/unbound/dns_linked.cpp). Never throws.
CreatedResolver create_resolver(const ResolverOptions& options) noexcept;

}  // namespace smtp_ping::resolver
