#pragma once

#include <optional>
#include <string>
#include <vector>

#include "resolver/forwarder.hpp"

namespace smtp_ping::resolver {

// dns-root-data's copy of the root zone's key-signing key (Debian, Ubuntu; Fedora's
// dnssec-trust-anchors has it too, at its own path).
inline constexpr char kRootTrustAnchorFile[] = "/usr/share/dns/root.key";

enum class TcpUse {
  fallback,  // UDP, and TCP when an answer is truncated
  always,    // TCP only (a network that drops DNS over UDP)
};

struct ResolverOptions {
  // Where queries go: a given resolver (--dns-server), else the nameservers of
  // /etc/resolv.conf. Either way the answers are validated here, not trusted by their AD bit.
  std::optional<Forwarder> forwarder;
  std::string resolv_conf = "/etc/resolv.conf";
  // Trust anchors: the root's (from a file) and any more (--trust-anchor: private or test
  // zones; DS or DNSKEY records in zone-file format). With none at all, every answer's
  // DNSSEC status is indeterminate.
  bool root_trust_anchor = true;
  std::string root_trust_anchor_file = kRootTrustAnchorFile;
  std::vector<std::string> trust_anchor_files;
  TcpUse tcp = TcpUse::fallback;
  // Built-in local zones (RFC 6761 names such as "test." and "invalid.", the reverse zones of
  // 127/8 and ::1 ...) to drop so their queries go to the forwarder like any other.
  std::vector<std::string> nodefault_zones;
};

}  // namespace smtp_ping::resolver
