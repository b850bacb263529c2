#include "output/domain_words.hpp"

#include "common/text.hpp"
#include "output/describe.hpp"
#include "output/policy_words.hpp"
#include "output/safe_text.hpp"
#include "output/tls_policy_words.hpp"

namespace smtp_ping {
namespace {

std::string safe(const std::string& text) { return safe_text(text, 1024); }

std::string exchange_dns_problems(const ResultNode& exchange) {
  std::vector<std::string> parts;
  for (const auto& finding : exchange.findings) parts.push_back(finding_text(finding));
  return join(parts, "; ");
}

// A policy node's parts: "spf: no SPF record at ..." per finding, the policy's own findings too.
std::vector<Subcheck> policy_findings(const ResultNode& policy) {
  std::vector<Subcheck> lines;
  for (const auto& finding : policy.findings) lines.push_back({finding.state, finding_text(finding)});
  for (const auto& part : policy.children)
    for (const auto& finding : part.findings) lines.push_back({finding.state, part.name + ": " + finding_text(finding)});
  return lines;
}

// The SPF and DMARC node (--auth-records); the other policy nodes are the TLS policies.
bool is_auth_records(const ResultNode& policy) {
  for (const auto& part : policy.children)
    if (fact_of<SpfFacts>(part) || fact_of<DmarcFacts>(part)) return true;
  return false;
}

std::string policy_line(const ResultNode& part) {
  if (const auto* spf = fact_of<SpfFacts>(part)) return "SPF " + spf_text(*spf);
  if (const auto* dmarc = fact_of<DmarcFacts>(part)) return "DMARC " + dmarc_text(*dmarc);
  return safe(part.name);
}

std::string summary(const DomainResult& result) {
  const ResultNode& domain = result.tree;
  const std::string name = safe(result.domain);
  if (!domain.findings.empty() && domain.children.empty()) {
    std::vector<std::string> parts;
    for (const auto& finding : domain.findings) parts.push_back(finding_text(finding));
    return name + ": " + join(parts, "; ");
  }
  const std::size_t serving = serving_targets(domain);
  std::vector<std::string> problems;
  std::vector<std::string> policies;
  std::size_t exchanges = 0;
  for (const auto& exchange : domain.children) {
    if (exchange.policy) {
      if (!is_auth_records(exchange)) {
        // TLS-RPT comes along with --dane and --mta-sts: in the summary when asked for or not OK.
        if (exchange.name != "tls-rpt" || exchange.state != State::ok || result.tls_policies.options.tls_rpt)
          policies.push_back(tls_policy_summary(exchange));
      } else {
        for (const auto& line : policy_findings(exchange))
          if (line.state != State::ok) problems.push_back(line.text);
      }
      continue;
    }
    ++exchanges;
    if (!exchange.findings.empty()) problems.push_back(safe(exchange.name) + " " + exchange_dns_problems(exchange));
    for (const auto& address : exchange.children) {
      if (address.state != State::ok) problems.push_back(safe(exchange.name) + " " + address_summary(address));
    }
  }
  std::string text = name + ": ";
  if (result.targets.empty()) text += "no target to probe";
  else if (serving == 0) text += "no target takes mail (" + std::to_string(result.targets.size()) + " probed)";
  else
    text += std::to_string(serving) + " of " + std::to_string(result.targets.size()) + " targets take mail";
  text += ", " + std::to_string(exchanges) + (exchanges == 1 ? " exchange" : " exchanges");
  if (result.dns && result.dns->mx.kind == resolver::MxKind::implicit) text += " (no MX: the domain itself, RFC 5321)";
  if (result.addresses_found > result.targets.size())
    text += " (the first " + std::to_string(result.targets.size()) + " of " + std::to_string(result.addresses_found) +
            " exchange addresses)";
  for (const auto& problem : problems) text += "; " + problem;
  for (const auto& policy : policies) text += "; " + policy;
  return text;
}

std::vector<Subcheck> details(const DomainResult& result) {
  std::vector<Subcheck> lines;
  for (const auto& finding : result.tree.findings) lines.push_back({finding.state, finding_text(finding)});
  for (std::size_t i = 0; i < result.tree.children.size(); ++i) {
    const ResultNode& exchange = result.tree.children[i];
    if (exchange.policy) {
      if (!is_auth_records(exchange)) {
        const auto policy = tls_policy_lines(exchange);
        lines.insert(lines.end(), policy.begin(), policy.end());
        continue;
      }
      for (const auto& part : exchange.children) {
        lines.push_back({part.state, policy_line(part)});
        for (const auto& finding : part.findings) lines.push_back({finding.state, "  " + finding_text(finding)});
      }
      continue;
    }
    std::string text = "MX " + safe(exchange.name);
    if (result.dns && i < result.dns->exchanges.size())
      text += " (preference " + std::to_string(result.dns->exchanges[i].exchange.preference) + ")";
    if (!exchange.findings.empty()) text += ": " + exchange_dns_problems(exchange);
    lines.push_back({exchange.state, text});
    for (const auto& address : exchange.children) lines.push_back({address.state, "  " + address_summary(address)});
  }
  return lines;
}

}  // namespace

std::size_t serving_targets(const ResultNode& domain) {
  std::size_t serving = 0;
  for (const auto& exchange : domain.children)
    if (!exchange.policy)
      for (const auto& address : exchange.children)
        if (serves(address)) ++serving;
  return serving;
}

std::string address_summary(const ResultNode& address) {
  std::vector<std::string> parts;
  for (const auto& child : address.children) parts.push_back(describe(child).summary);
  for (const auto& finding : address.findings) parts.push_back(finding_text(finding));
  return safe(address.name) + ": " + join(parts, "; ");
}

Verdict describe_domain(const DomainResult& result) {
  return Verdict{result.tree.state, summary(result), details(result), result.tree.perfdata};
}

}  // namespace smtp_ping
