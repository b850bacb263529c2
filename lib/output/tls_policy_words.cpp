#include "output/tls_policy_words.hpp"

#include "common/overloaded.hpp"
#include "common/text.hpp"
#include "output/describe.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

using policy::DaneApplies;

std::string safe(const std::string& text) { return safe_text(text, 1024); }

std::string hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0x0f];
  }
  return out;
}

std::string records_text(const std::vector<DaneRecord>& records) {
  std::vector<std::string> parts;
  for (const auto& record : records) parts.push_back(tlsa_text(record));
  return join(parts, ", ");
}

std::string list(const std::vector<std::string>& items) {
  std::vector<std::string> parts;
  for (const auto& item : items) parts.push_back(safe(item));
  return join(parts, ", ");
}

std::string presented_text(const std::vector<PresentedCertificate>& chain) {
  std::vector<std::string> parts;
  for (const auto& cert : chain)
    parts.push_back("depth " + std::to_string(cert.depth) + " " + safe(cert.subject) + " (SPKI SHA-256 " +
                    cert.spki_sha256 + ")");
  return parts.empty() ? "no certificate" : join(parts, "; ");
}

std::string no_dane_reason(DaneApplies applies) {
  switch (applies) {
    case DaneApplies::no_tlsa: return "no TLSA record";
    case DaneApplies::insecure: return "TLSA (or the MX/address records) not DNSSEC-secure";
    case DaneApplies::unusable: return "only TLSA usages SMTP ignores (PKIX-TA/PKIX-EE or unknown parameters, RFC 7672 §3.1)";
    default: return dane_applies_name(applies);
  }
}

std::string dane_text(const DaneFinding& finding) {
  const std::string exchange = safe(finding.exchange);
  const std::string at = finding.address.empty() ? exchange : exchange + " " + safe(finding.address);
  switch (finding.kind) {
    case DaneFinding::Kind::matched:
      return "DANE " + at + ": TLSA " + records_text(finding.records) + " matched (certificate depth " +
             std::to_string(finding.depth) + ")";
    case DaneFinding::Kind::mismatch:
      return "DANE " + at + ": no TLSA record matches; records " + records_text(finding.records) + "; presented " +
             presented_text(finding.presented);
    case DaneFinding::Kind::handshake_failed:
      return "DANE " + at + ": TLSA published but no DANE-verified TLS session: " + safe(finding.detail);
    case DaneFinding::Kind::bogus:
      return "DANE " + exchange + ": the TLSA answer is DNSSEC-bogus" +
             (finding.detail.empty() ? "" : " (" + safe(finding.detail) + ")") + ": DANE senders defer mail";
    case DaneFinding::Kind::lookup_failed:
      return "DANE " + exchange + ": TLSA lookup failed" + (finding.detail.empty() ? "" : " (" + safe(finding.detail) + ")") +
             ": DANE senders defer mail";
    case DaneFinding::Kind::no_dane:
      return "no DANE for " + exchange + ": " + no_dane_reason(finding.applies);
    case DaneFinding::Kind::not_rollover_ready:
      return "DANE " + exchange + ": not ready for a key change (every usable record matches the current key: "
             "publish the next key's 3 1 1 or a 2 x x record)";
  }
  return "DANE";
}

std::string mode_text(const std::optional<policy::MtaStsMode>& mode) {
  return mode ? std::string(" (") + policy::mta_sts_mode_name(*mode) + ")" : "";
}

std::string mta_sts_text(const MtaStsFinding& finding) {
  const std::string subject = safe(finding.subject);
  switch (finding.kind) {
    case MtaStsFinding::Kind::no_record: return "no MTA-STS policy (no v=STSv1 record at " + subject + ")";
    case MtaStsFinding::Kind::several_records:
      return "MTA-STS: " + std::to_string(finding.items.size()) + " v=STSv1 records at " + subject +
             " (RFC 8461 §3.1: then none applies)";
    case MtaStsFinding::Kind::malformed_record:
      return "MTA-STS record at " + subject + " malformed: " + list(finding.items) + " ('" + safe(finding.detail) + "')";
    case MtaStsFinding::Kind::lookup_failed: return "MTA-STS: TXT lookup failed: " + safe(finding.detail);
    case MtaStsFinding::Kind::no_policy_host: return "MTA-STS: the policy host of " + subject + " has no address";
    case MtaStsFinding::Kind::fetch_failed: return "MTA-STS policy " + subject + " not fetched: " + safe(finding.detail);
    case MtaStsFinding::Kind::redirect:
      return "MTA-STS policy " + subject + " answered with a redirect (" + safe(finding.detail) +
             "), which RFC 8461 §3.3 forbids following";
    case MtaStsFinding::Kind::too_large:
      return "MTA-STS policy " + subject + " is larger than " + finding.detail + " bytes (RFC 8461 §3.3): not read";
    case MtaStsFinding::Kind::http_status: return "MTA-STS policy " + subject + ": HTTP status " + safe(finding.detail);
    case MtaStsFinding::Kind::content_type:
      return "MTA-STS policy " + subject + " served as '" + safe(finding.detail) + "', not text/plain";
    case MtaStsFinding::Kind::invalid_policy: return "MTA-STS policy " + subject + " invalid: " + list(finding.items);
    case MtaStsFinding::Kind::mx_not_covered:
      return "MTA-STS" + mode_text(finding.mode) + ": MX " + subject + " matches no policy pattern (" +
             list(finding.items) + ")";
    case MtaStsFinding::Kind::certificate_invalid:
      return "MTA-STS" + mode_text(finding.mode) + ": MX " + subject +
             " presents no certificate valid for its name: " + safe(finding.detail);
    case MtaStsFinding::Kind::unknown_keys:
      return "MTA-STS policy has unknown keys (ignored): " + list(finding.items);
    case MtaStsFinding::Kind::ip_literals:
      return "MTA-STS policy lists IP literals as mx (no pattern, ignored): " + list(finding.items);
    case MtaStsFinding::Kind::mode_none: return "MTA-STS policy mode none: the domain withdrew its policy";
  }
  return "MTA-STS";
}

std::string tls_rpt_text(const TlsRptFinding& finding) {
  switch (finding.kind) {
    case TlsRptFinding::Kind::missing: return "no TLS-RPT record (v=TLSRPTv1 at _smtp._tls)";
    case TlsRptFinding::Kind::several_records:
      return "TLS-RPT: " + std::to_string(finding.problems.size()) + " v=TLSRPTv1 records (RFC 8460 §3: exactly one)";
    case TlsRptFinding::Kind::malformed:
      return "TLS-RPT record malformed: " + list(finding.problems) + " ('" + safe(finding.detail) + "')";
    case TlsRptFinding::Kind::lookup_failed: return "TLS-RPT: TXT lookup failed: " + safe(finding.detail);
  }
  return "TLS-RPT";
}

template <typename T>
const T* policy_facts(const ResultNode& node) {
  for (const auto& fact : node.facts)
    if (const auto* facts = std::get_if<TlsPolicyFacts>(&fact))
      if (const auto* detail = std::get_if<T>(&facts->detail)) return detail;
  return nullptr;
}

std::string dane_exchange_ok(const ResultNode& exchange) {
  for (const auto& finding : exchange.findings) {
    const auto* policy = std::get_if<TlsPolicyFinding>(&finding.detail);
    const auto* dane = policy ? std::get_if<DaneFinding>(&policy->detail) : nullptr;
    if (!dane) continue;
    if (dane->kind == DaneFinding::Kind::matched)
      return "DANE " + safe(dane->exchange) + ": " + records_text(dane->records) + " matched";
    if (dane->kind == DaneFinding::Kind::no_dane) return "no DANE for " + safe(dane->exchange);
  }
  return "DANE " + safe(exchange.name) + " OK";
}

std::string ok_summary(const ResultNode& node) {
  if (node.name == "dane") {
    std::vector<std::string> parts;
    for (const auto& exchange : node.children) parts.push_back(dane_exchange_ok(exchange));
    return parts.empty() ? "DANE: no exchange" : join(parts, ", ");
  }
  if (const auto* facts = policy_facts<MtaStsFacts>(node)) {
    if (!facts->policy) return "no MTA-STS policy";
    std::string text = "MTA-STS";
    if (facts->policy->mode) text += std::string(" ") + policy::mta_sts_mode_name(*facts->policy->mode);
    if (facts->policy->mode != policy::MtaStsMode::none)
      text += ": " + std::to_string(facts->mx.size()) + (facts->mx.size() == 1 ? " MX matches" : " MX match");
    return text;
  }
  if (const auto* facts = policy_facts<TlsRptFacts>(node))
    return facts->rua.empty() ? "no TLS-RPT record" : "TLS-RPT to " + list(facts->rua);
  return safe(node.name) + " OK";
}

void add_findings(const ResultNode& node, std::vector<std::string>& parts) {
  for (const auto& finding : node.findings)
    if (finding.state != State::ok) parts.push_back(finding_text(finding));
  for (const auto& child : node.children) add_findings(child, parts);
}

std::string head_line(const ResultNode& node) {
  if (const auto* facts = policy_facts<MtaStsFacts>(node)) {
    std::string text = "MTA-STS " + safe(facts->url);
    if (!facts->id.empty()) text += " id " + safe(facts->id);
    if (facts->policy) {
      if (facts->policy->mode) text += std::string(", mode ") + policy::mta_sts_mode_name(*facts->policy->mode);
      if (facts->policy->max_age) text += ", max_age " + std::to_string(*facts->policy->max_age);
      if (!facts->policy->mx.empty()) text += ", mx " + list(facts->policy->mx);
    }
    return text;
  }
  if (const auto* facts = policy_facts<TlsRptFacts>(node))
    return facts->records.empty() ? "TLS-RPT: no record" : "TLS-RPT " + list(facts->records);
  return node.name == "dane" ? "DANE" : safe(node.name);
}

}  // namespace

std::string tlsa_text(const DaneRecord& record) {
  return std::to_string(record.usage) + " " + std::to_string(record.selector) + " " +
         std::to_string(record.matching_type) + " " + hex(record.data);
}

std::string tls_policy_finding_text(const TlsPolicyFinding& finding) {
  return std::visit(Overloaded{[](const DaneFinding& dane) { return dane_text(dane); },
                               [](const MtaStsFinding& sts) { return mta_sts_text(sts); },
                               [](const TlsRptFinding& rpt) { return tls_rpt_text(rpt); }},
                    finding.detail);
}

std::string tls_policy_summary(const ResultNode& node) {
  if (node.state == State::ok) return ok_summary(node);
  std::vector<std::string> parts;
  add_findings(node, parts);
  return join(parts, "; ");
}

std::vector<Subcheck> tls_policy_lines(const ResultNode& node) {
  std::vector<Subcheck> lines{{node.state, head_line(node)}};
  for (const auto& finding : node.findings) lines.push_back({finding.state, "  " + finding_text(finding)});
  for (const auto& exchange : node.children) {
    std::string text = "  " + safe(exchange.name);
    if (const auto* facts = policy_facts<DaneExchangeFacts>(exchange)) {
      text += ": " + safe(facts->tlsa_name) + " " + (facts->dnssec.empty() ? "not looked up" : facts->dnssec);
      if (!facts->records.empty()) text += ", " + records_text(facts->records);
      if (facts->rollover_ready) text += *facts->rollover_ready ? ", rollover-ready" : ", not rollover-ready";
    }
    lines.push_back({exchange.state, text});
    for (const auto& finding : exchange.findings) lines.push_back({finding.state, "    " + finding_text(finding)});
  }
  return lines;
}

}  // namespace smtp_ping
