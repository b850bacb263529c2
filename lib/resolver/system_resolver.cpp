#include "resolver/system_resolver.hpp"

#include <unistd.h>

namespace smtp_ping::resolver {

ResolverOptions for_the_system(ResolverOptions options) {
  // The loopback reverse zones too: the admin's resolver answers them as well as libunbound
  // would, and a test hierarchy can publish PTR records for its exchanges there.
  options.nodefault_zones = {"test.", "home.arpa.", "127.in-addr.arpa.",
                             "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa."};
  options.root_trust_anchor =
      options.root_trust_anchor && ::access(options.root_trust_anchor_file.c_str(), R_OK) == 0;
  return options;
}

bool resolver_gives_no_dnssec(const MailDomain& domain, const ResolverOptions& options) {
  const Answer& mx = domain.mx.answer;
  return options.root_trust_anchor && options.trust_anchor_files.empty() && mx.dnssec == DnssecStatus::bogus &&
         mx.why_bogus.find("no DNSKEY rrset for trust anchor .") != std::string::npos;
}

}  // namespace smtp_ping::resolver
