// smtp-ping-dns.so: the libunbound DNS client behind resolver/dns_module_api.hpp.
#include <new>

#include "resolver/dns_module_api.hpp"
#include "resolver/unbound/unbound_resolver.hpp"

namespace smtp_ping::dns_module {

struct Client {
  std::unique_ptr<resolver::UnboundResolver> resolver;
};

namespace {

Client* create(const resolver::ResolverOptions& options, std::string& error) noexcept {
  try {
    auto created = resolver::UnboundResolver::create(options);
    if (!created.resolver) {
      error = created.error;
      return nullptr;
    }
    return new Client{std::move(created.resolver)};
  } catch (...) {
    error = "out of memory";
    return nullptr;
  }
}

bool resolve(Client& client, const std::vector<resolver::Query>& queries, const Deadline& deadline,
             std::vector<resolver::Answer>& answers) noexcept {
  try {
    answers = client.resolver->resolve(queries, deadline);
    return true;
  } catch (...) {
    return false;
  }
}

void destroy(Client* client) noexcept { delete client; }

bool organizational_domain(const Client& client, const std::string& name, std::string& domain) noexcept {
  try {
    domain = client.resolver->organizational_domain(name);
    return true;
  } catch (...) {
    return false;
  }
}

constexpr Api kApi{kHeader, create, resolve, destroy, organizational_domain};

}  // namespace
}  // namespace smtp_ping::dns_module

extern "C" __attribute__((visibility("default"))) const smtp_ping::provider::Header* smtp_ping_dns_module() {
  return &smtp_ping::dns_module::kApi.header;
}
