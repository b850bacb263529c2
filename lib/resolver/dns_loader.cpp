// The DNS client of check_smtp_ping: libunbound lives in smtp-ping-dns.so, loaded through
// lib/provider the first time a check needs DNS of its own (--domain). A check of one host
// resolves it with getaddrinfo (so /etc/hosts keeps working) and never maps libunbound.
#include "provider/provider_loader.hpp"
#include "resolver/dns_module_api.hpp"
#include "resolver/resolver_factory.hpp"

namespace smtp_ping::resolver {
namespace {

using dns_module::Api;

// Once per process.
const provider::Loaded& loaded() noexcept {
  static const provider::Loaded module = provider::load(provider::kDns, dns_module::kHeader);
  return module;
}

class LoadedResolver final : public Resolver {
 public:
  LoadedResolver(const Api& api, dns_module::Client* client) : api_(api), client_(client) {}
  ~LoadedResolver() override { api_.destroy(client_); }
  LoadedResolver(const LoadedResolver&) = delete;
  LoadedResolver& operator=(const LoadedResolver&) = delete;

  std::vector<Answer> resolve(const std::vector<Query>& queries, const Deadline& deadline) noexcept override {
    std::vector<Answer> answers;
    if (api_.resolve(*client_, queries, deadline, answers)) return answers;
    answers.clear();  // no memory in the module: every query failed, and says so
    for (const Query& query : queries) {
      Answer failed;
      failed.query = query;
      failed.error = "the DNS client ran out of memory";
      answers.push_back(std::move(failed));
    }
    return answers;
  }

  std::string organizational_domain(const std::string& name) const noexcept override {
    try {
      std::string domain;
      return api_.organizational_domain(*client_, name, domain) ? domain : std::string();
    } catch (...) {
      return {};
    }
  }

 private:
  const Api& api_;
  dns_module::Client* client_;
};

}  // namespace

CreatedResolver create_resolver(const ResolverOptions& options) noexcept {
  CreatedResolver created;
  try {
    if (!loaded().table) {
      created.error = "DNS support is not available: " + loaded().problem;
      return created;
    }
    const Api* api = reinterpret_cast<const Api*>(loaded().table);  // the header is the table's first member
    dns_module::Client* client = api->create(options, created.error);
    if (client) created.resolver = std::make_unique<LoadedResolver>(*api, client);
  } catch (...) {
    created.resolver.reset();
    created.error = "DNS support is not available: out of memory";
  }
  return created;
}

}  // namespace smtp_ping::resolver
