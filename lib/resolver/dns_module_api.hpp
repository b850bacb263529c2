#pragma once

// The DNS provider, smtp-ping-dns.so (provider::kDns): the libunbound client that
// check_smtp_ping loads through lib/provider when a check first needs DNS of its own
// (--domain), so that a plain check never maps libunbound. Module and plugin are built
// together from these headers by the same compiler; no exception crosses.

#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "provider/provider_header.hpp"
#include "resolver/answer.hpp"
#include "resolver/query.hpp"
#include "resolver/resolver_options.hpp"

namespace smtp_ping::dns_module {

struct Client;  // the module's UnboundResolver

struct Api {
  // Both sides must agree on it before anything else is called: kHeader.
  provider::Header header;

  // null on failure, with `error` set.
  Client* (*create)(const resolver::ResolverOptions& options, std::string& error) noexcept;
  // One answer per query, in order (resolver::Resolver::resolve); false only without memory.
  bool (*resolve)(Client& client, const std::vector<resolver::Query>& queries, const Deadline& deadline,
                  std::vector<resolver::Answer>& answers) noexcept;
  void (*destroy)(Client* client) noexcept;
  // resolver::Resolver::organizational_domain; false only without memory.
  bool (*organizational_domain)(const Client& client, const std::string& name, std::string& domain) noexcept;
};

inline constexpr char kBuild[] = "smtp-ping " SMTP_PING_VERSION " dns-module-2 " __VERSION__;
inline constexpr provider::Header kHeader{
    kBuild, sizeof(Api), {sizeof(resolver::ResolverOptions), sizeof(resolver::Query), sizeof(resolver::Answer), sizeof(Deadline)}};

}  // namespace smtp_ping::dns_module
