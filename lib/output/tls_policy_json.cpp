#include "output/tls_policy_json.hpp"

#include "common/overloaded.hpp"
#include "output/describe.hpp"
#include "output/safe_text.hpp"
#include "output/tls_policy_words.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;

std::string safe(const std::string& text) { return safe_text(text, 1024); }

json safe_list(const std::vector<std::string>& items) {
  json out = json::array();
  for (const auto& item : items) out.push_back(safe(item));
  return out;
}

json records_json(const std::vector<DaneRecord>& records) {
  json out = json::array();
  for (const auto& record : records) out.push_back(tlsa_text(record));
  return out;
}

json chain_json(const std::vector<PresentedCertificate>& chain) {
  json out = json::array();
  for (const auto& cert : chain)
    out.push_back({{"depth", cert.depth}, {"subject", safe(cert.subject)}, {"spki_sha256", cert.spki_sha256},
                   {"cert_sha256", cert.cert_sha256}});
  return out;
}

const char* dane_kind(DaneFinding::Kind kind) {
  switch (kind) {
    case DaneFinding::Kind::matched: return "dane_matched";
    case DaneFinding::Kind::mismatch: return "dane_mismatch";
    case DaneFinding::Kind::handshake_failed: return "dane_handshake_failed";
    case DaneFinding::Kind::bogus: return "dane_bogus";
    case DaneFinding::Kind::lookup_failed: return "dane_lookup_failed";
    case DaneFinding::Kind::no_dane: return "no_dane";
    case DaneFinding::Kind::not_rollover_ready: return "dane_not_rollover_ready";
  }
  return "dane";
}

const char* mta_sts_kind(MtaStsFinding::Kind kind) {
  switch (kind) {
    case MtaStsFinding::Kind::no_record: return "mta_sts_no_record";
    case MtaStsFinding::Kind::several_records: return "mta_sts_several_records";
    case MtaStsFinding::Kind::malformed_record: return "mta_sts_malformed_record";
    case MtaStsFinding::Kind::lookup_failed: return "mta_sts_lookup_failed";
    case MtaStsFinding::Kind::no_policy_host: return "mta_sts_no_policy_host";
    case MtaStsFinding::Kind::fetch_failed: return "mta_sts_fetch_failed";
    case MtaStsFinding::Kind::redirect: return "mta_sts_redirect";
    case MtaStsFinding::Kind::too_large: return "mta_sts_too_large";
    case MtaStsFinding::Kind::http_status: return "mta_sts_http_status";
    case MtaStsFinding::Kind::content_type: return "mta_sts_content_type";
    case MtaStsFinding::Kind::invalid_policy: return "mta_sts_invalid_policy";
    case MtaStsFinding::Kind::mx_not_covered: return "mta_sts_mx_not_covered";
    case MtaStsFinding::Kind::certificate_invalid: return "mta_sts_certificate_invalid";
    case MtaStsFinding::Kind::unknown_keys: return "mta_sts_unknown_keys";
    case MtaStsFinding::Kind::ip_literals: return "mta_sts_ip_literals";
    case MtaStsFinding::Kind::mode_none: return "mta_sts_mode_none";
  }
  return "mta_sts";
}

const char* tls_rpt_kind(TlsRptFinding::Kind kind) {
  switch (kind) {
    case TlsRptFinding::Kind::missing: return "tls_rpt_missing";
    case TlsRptFinding::Kind::several_records: return "tls_rpt_several_records";
    case TlsRptFinding::Kind::malformed: return "tls_rpt_malformed";
    case TlsRptFinding::Kind::lookup_failed: return "tls_rpt_lookup_failed";
  }
  return "tls_rpt";
}

json mode_json(const std::optional<policy::MtaStsMode>& mode) {
  return mode ? json(policy::mta_sts_mode_name(*mode)) : json(nullptr);
}

json outcome_json(const std::optional<DaneOutcome>& outcome) {
  if (!outcome) return nullptr;
  return {{"authenticated", outcome->authenticated},
          {"matched_record", outcome->matched ? json(*outcome->matched) : json(nullptr)},
          {"matched_depth", outcome->matched_depth},
          {"record_depths", outcome->record_depths},
          {"presented", chain_json(outcome->chain)}};
}

json policy_json(const policy::MtaStsPolicy& policy) {
  return {{"valid", policy.valid},
          {"version", policy.version ? json(safe(*policy.version)) : json(nullptr)},
          {"mode", mode_json(policy.mode)},
          {"mx", safe_list(policy.mx)},
          {"max_age", policy.max_age ? json(*policy.max_age) : json(nullptr)},
          {"problems", safe_list(policy.problems)},
          {"unknown_keys", safe_list(policy.unknown_keys)},
          {"ip_literals", safe_list(policy.ip_literals)}};
}

json node_json(const ResultNode& node) {
  json findings = json::array();
  for (const auto& finding : node.findings) {
    json entry = {{"state", state_name(finding.state)}, {"text", finding_text(finding)}};
    if (const auto* policy = std::get_if<TlsPolicyFinding>(&finding.detail)) entry.update(tls_policy_finding_json(*policy));
    findings.push_back(entry);
  }
  json facts = json::object();
  for (const auto& fact : node.facts)
    if (const auto* policy = std::get_if<TlsPolicyFacts>(&fact)) facts = tls_policy_facts_json(*policy);
  json children = json::array();
  for (const auto& child : node.children) children.push_back(node_json(child));
  return {{"name", safe(node.name)}, {"state", state_name(node.state)}, {"status", static_cast<int>(node.state)},
          {"findings", findings}, {"facts", facts}, {"children", children}};
}

}  // namespace

json tls_policy_finding_json(const TlsPolicyFinding& finding) {
  return std::visit(
      Overloaded{
          [](const DaneFinding& dane) {
            return json{{"kind", dane_kind(dane.kind)},          {"exchange", safe(dane.exchange)},
                        {"address", safe(dane.address)},         {"dane", policy::dane_applies_name(dane.applies)},
                        {"records", records_json(dane.records)}, {"presented", chain_json(dane.presented)},
                        {"depth", dane.depth},                   {"detail", safe(dane.detail)}};
          },
          [](const MtaStsFinding& sts) {
            return json{{"kind", mta_sts_kind(sts.kind)}, {"subject", safe(sts.subject)}, {"items", safe_list(sts.items)},
                        {"detail", safe(sts.detail)},     {"mode", mode_json(sts.mode)}};
          },
          [](const TlsRptFinding& rpt) {
            return json{{"kind", tls_rpt_kind(rpt.kind)}, {"problems", safe_list(rpt.problems)}, {"detail", safe(rpt.detail)}};
          },
      },
      finding.detail);
}

json tls_policy_facts_json(const TlsPolicyFacts& facts) {
  return std::visit(
      Overloaded{
          [](const DaneExchangeFacts& dane) {
            json targets = json::array();
            for (const auto& target : dane.targets)
              targets.push_back({{"address", safe(target.address)}, {"dane_handshake", target.probed_tls},
                                 {"outcome", outcome_json(target.outcome)}, {"error", safe(target.error)}});
            return json{{"exchange", safe(dane.exchange)},
                        {"tlsa_name", safe(dane.tlsa_name)},
                        {"dane", policy::dane_applies_name(dane.applies)},
                        {"dnssec", dane.dnssec},
                        {"answer", safe(dane.answer)},
                        {"records", records_json(dane.records)},
                        {"targets", targets},
                        {"rollover_ready", dane.rollover_ready ? json(*dane.rollover_ready) : json(nullptr)}};
          },
          [](const MtaStsFacts& sts) {
            json mx = json::array();
            for (const auto& match : sts.mx)
              mx.push_back({{"exchange", safe(match.exchange)},
                            {"pattern", match.pattern ? json(safe(*match.pattern)) : json(nullptr)},
                            {"certificate_valid", match.certificate_valid ? json(*match.certificate_valid) : json(nullptr)},
                            {"certificate_error", safe(match.certificate_error)},
                            {"state", state_name(match.state)},
                            {"status", static_cast<int>(match.state)}});
            return json{{"record", safe(sts.record_text)},
                        {"id", safe(sts.id)},
                        {"url", safe(sts.url)},
                        {"http_status", sts.http_status ? json(*sts.http_status) : json(nullptr)},
                        {"content_type", safe(sts.content_type)},
                        {"policy_bytes", sts.policy_bytes},
                        {"fetch_seconds", sts.fetch_seconds},
                        {"policy", sts.policy ? policy_json(*sts.policy) : json(nullptr)},
                        {"mx", mx}};
          },
          [](const TlsRptFacts& rpt) { return json{{"records", safe_list(rpt.records)}, {"rua", safe_list(rpt.rua)}}; },
      },
      facts.detail);
}

json tls_policies_json(const ResultNode& domain) {
  json policies = json::array();
  for (const auto& child : domain.children)
    if (child.policy) policies.push_back(node_json(child));
  return policies;
}

json tls_policy_status_json(const ResultNode& domain) {
  json status = json::object();
  for (const auto& child : domain.children) {
    if (!child.policy) continue;
    std::string key = child.name;
    for (char& c : key)
      if (c == '-') c = '_';
    status[key] = static_cast<int>(child.state);
  }
  return status;
}

}  // namespace smtp_ping
