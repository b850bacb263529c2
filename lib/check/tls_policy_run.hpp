#pragma once

#include <string>

#include "common/deadline.hpp"
#include "probe/probe_options.hpp"
#include "resolver/mail_exchangers.hpp"
#include "resolver/resolver.hpp"
#include "result/tls_policies.hpp"

namespace smtp_ping {

// The policies' DNS questions in one batch, by the deadline: TLSA at _PORT._tcp.EXCHANGE of
// every exchange (--dane), _mta-sts.DOMAIN TXT and mta-sts.DOMAIN A/AAAA (--mta-sts),
// _smtp._tls.DOMAIN TXT (TLS-RPT). Whether DANE applies to each exchange is decided here,
// before the probes, because it changes how they verify.
TlsPolicies look_up_tls_policies(resolver::Resolver& resolver, const TlsPolicyOptions& options,
                                 const std::string& domain, const resolver::MailDomain& mail, int port,
                                 const Deadline& deadline);

// One target's probe options under the policies: verification by DANE when its exchange's
// TLSA set applies (RFC 7672: then STARTTLS is required, so a probe without a TLS mode uses
// STARTTLS), and STARTTLS on every target with --mta-sts (each MX must present a certificate
// valid for its name, RFC 8461 §4.2).
ProbeOptions with_tls_policies(ProbeOptions options, const TlsPolicies& policies, const std::string& exchange,
                               const std::string& domain);

// The MTA-STS policy over HTTPS when the _mta-sts record is one valid v=STSv1 record and the
// host has an address: through our own DNS answers (CURLOPT_RESOLVE), with the probes' trust
// store, by the deadline. Otherwise nothing is fetched.
void fetch_mta_sts_policy(MtaStsLookup& lookup, const TlsOptions& trust, const Deadline& deadline);

}  // namespace smtp_ping
