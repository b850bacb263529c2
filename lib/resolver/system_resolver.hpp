#pragma once

#include <string>
#include <vector>

#include "resolver/mail_exchangers.hpp"
#include "resolver/resolver_options.hpp"

namespace smtp_ping::resolver {

// The options as the admin's system resolves: the built-in local zones the admin's resolver
// may well serve ("test.", RFC 6761; "home.arpa.", RFC 8375) go to it, and without
// dns-root-data answers are still used, with DNSSEC status indeterminate.
ResolverOptions for_the_system(ResolverOptions options);

// A resolver that passes no DNSSEC data at all (dnsmasq without proxy-dnssec, many home and
// office forwarders) makes every answer bogus from the root down. That says nothing about the
// domain: unless the admin named trust anchors, ask again without validation.
bool resolver_gives_no_dnssec(const MailDomain& domain, const ResolverOptions& options);

}  // namespace smtp_ping::resolver
