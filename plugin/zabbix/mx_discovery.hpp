#pragma once

#include <string>

#include "item_request.hpp"
#include "resolver/mail_exchangers.hpp"

namespace smtp_ping::zabbix {

// The mail domain of a discovery key: MX, then every exchange's A and AAAA, all by the
// request's deadline, through a libunbound context made for this call (it validates DNSSEC
// itself). A null MX gives no exchanges. Throws ItemError naming the DNS query when the MX
// answer is unusable (NXDOMAIN, SERVFAIL, bogus, REFUSED, no answer in time) or the
// resolver cannot be set up (an unreadable trust anchor).
resolver::MailDomain discover_mail_domain(const MxDiscoveryRequest& request);

// Low-level discovery value of smtp.mx.discovery: a top-level JSON array with one object
// per mail exchange (not per address), every value a string:
//   [{"{#MX.HOST}":"mx1.example.org","{#MX.PREFERENCE}":"10",
//     "{#MX.ADDRESSES}":"192.0.2.1,2001:db8::1","{#MX.DNSSEC}":"secure",
//     "{#MX.DNS.PROBLEMS}":"AAAA mx1.example.org: SERVFAIL (...)"}]
// {#MX.ADDRESSES} holds the addresses that did resolve; {#MX.DNS.PROBLEMS} names every
// address lookup of the exchange that failed ("; " between them; empty when none).
std::string mx_discovery_json(const resolver::MailDomain& domain);

// Low-level discovery value of smtp.mx.targets.discovery: one object per exchange x address:
//   [{"{#MX.HOST}":"mx1.example.org","{#MX.PREFERENCE}":"10","{#MX.ADDRESS}":"192.0.2.1",
//     "{#MX.FAMILY}":"ipv4","{#MX.DNSSEC}":"secure","{#MX.DNS.PROBLEMS}":""}]
// {#MX.DNSSEC} is the weaker of the MX answer's and the address answer's status
// (secure > insecure > indeterminate > bogus).
std::string mx_targets_json(const resolver::MailDomain& domain);

}  // namespace smtp_ping::zabbix
