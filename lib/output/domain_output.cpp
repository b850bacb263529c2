#include "output/domain_output.hpp"

#include <algorithm>

#include "common/number_text.hpp"
#include "common/text.hpp"
#include "output/describe.hpp"
#include "output/json_report.hpp"
#include "output/json_text.hpp"
#include "output/plugin_output.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;
using resolver::Answer;

constexpr int kWaterfallColumns = 50;

std::string safe(const std::string& text) { return safe_text(text, 1024); }

const DomainTarget* target_of(const DomainResult& result, const std::string& exchange, const std::string& address) {
  for (const auto& target : result.targets)
    if (target.exchange.exchange == exchange && target.address == address) return &target;
  return nullptr;
}

// "127.0.0.11: mx1.example.org:25 answered in 0.012s", "127.0.0.19: connect failed: ...".
std::string address_summary(const ResultNode& address) {
  std::vector<std::string> parts;
  for (const auto& child : address.children) parts.push_back(describe(child).summary);
  for (const auto& finding : address.findings) parts.push_back(finding_text(finding));
  return safe(address.name) + ": " + join(parts, "; ");
}

std::string exchange_dns_problems(const ResultNode& exchange) {
  std::vector<std::string> parts;
  for (const auto& finding : exchange.findings) parts.push_back(finding_text(finding));
  return join(parts, "; ");
}

std::size_t serving_targets(const ResultNode& domain) {
  std::size_t serving = 0;
  for (const auto& exchange : domain.children)
    for (const auto& address : exchange.children)
      if (serves(address)) ++serving;
  return serving;
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
  for (const auto& exchange : domain.children) {
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
  text += ", " + std::to_string(domain.children.size()) + (domain.children.size() == 1 ? " exchange" : " exchanges");
  if (result.dns && result.dns->mx.kind == resolver::MxKind::implicit) text += " (no MX: the domain itself, RFC 5321)";
  for (const auto& problem : problems) text += "; " + problem;
  return text;
}

std::vector<Subcheck> details(const DomainResult& result) {
  std::vector<Subcheck> lines;
  for (const auto& finding : result.tree.findings) lines.push_back({finding.state, finding_text(finding)});
  for (std::size_t i = 0; i < result.tree.children.size(); ++i) {
    const ResultNode& exchange = result.tree.children[i];
    std::string text = "MX " + safe(exchange.name);
    if (result.dns && i < result.dns->exchanges.size())
      text += " (preference " + std::to_string(result.dns->exchanges[i].exchange.preference) + ")";
    if (!exchange.findings.empty()) text += ": " + exchange_dns_problems(exchange);
    lines.push_back({exchange.state, text});
    for (const auto& address : exchange.children) lines.push_back({address.state, "  " + address_summary(address)});
  }
  return lines;
}

// ---- -v: DNS answers and FCrDNS --------------------------------------------

std::vector<std::string> dns_lines(const DomainResult& result) {
  std::vector<std::string> lines{"dns:"};
  if (!result.dns) return {"dns: " + safe(result.dns_setup_error)};
  lines.push_back("  " + safe(result.dns->mx.answer.summary()));
  for (const auto& exchange : result.dns->exchanges)
    for (const std::optional<Answer>* answer : {&exchange.a, &exchange.aaaa})
      if (*answer) lines.push_back("  " + safe((*answer)->summary()));
  lines.push_back(result.targets.empty() ? "fcrdns: no address" : "fcrdns:");
  for (const auto& target : result.targets) {
    if (!target.fcrdns) {
      lines.push_back("  " + target.address + ": not looked up");
      continue;
    }
    const auto& fcrdns = *target.fcrdns;
    std::string line = "  " + target.address + ": " + resolver::fcrdns_verdict_name(fcrdns.verdict);
    if (fcrdns.confirmed_name) line += " " + *fcrdns.confirmed_name;
    if (fcrdns.announced) line += ", announced " + *fcrdns.announced;
    if (fcrdns.matches_announced) line += *fcrdns.matches_announced ? " (matches)" : " (does not match)";
    lines.push_back(safe(line));
  }
  return lines;
}

// ---- -vv: the targets on one time axis --------------------------------------

std::string bar(double from, double to, double total) {
  auto column = [&](double at) {
    return total > 0 ? static_cast<int>(std::clamp(at / total * kWaterfallColumns, 0.0, double{kWaterfallColumns})) : 0;
  };
  const int first = std::min(column(from), kWaterfallColumns - 1);
  const int last = std::max(column(to), first + 1);
  std::string text(kWaterfallColumns, ' ');
  for (int i = first; i < last; ++i) text[static_cast<std::size_t>(i)] = '#';
  return text;
}

std::vector<std::string> waterfall_lines(const DomainResult& result) {
  std::vector<std::pair<std::string, std::pair<double, double>>> rows;
  rows.push_back({"dns (MX, A, AAAA)", {0.0, to_seconds(result.dns_elapsed)}});
  for (const auto& target : result.targets) {
    const double start = to_seconds(target.started);
    const double length = target.report ? to_seconds(target.report->total) : 0.0;
    rows.push_back({target.exchange.exchange + " " + target.address, {start, start + length}});
  }
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  const double total = to_seconds(result.total);
  std::vector<std::string> lines{"waterfall:"};
  for (const auto& [name, span] : rows)
    lines.push_back("  " + safe(name) + std::string(width - name.size(), ' ') + " [" +
                    bar(span.first, span.second, total) + "] +" + number_text(span.first, 6) + "s " +
                    number_text(span.second - span.first, 6) + "s");
  lines.push_back("  " + std::string("total") + std::string(width > 5 ? width - 5 : 0, ' ') + " [" +
                  std::string(kWaterfallColumns, '#') + "] +" + number_text(0, 6) + "s " + number_text(total, 6) + "s");
  return lines;
}

// ---- JSON ---------------------------------------------------------------------

json answer_json(const Answer& answer) {
  json records = json::array();
  for (const auto& record : answer.records) {
    if (const auto* address = std::get_if<resolver::AddressRecord>(&record)) records.push_back(safe(address->address));
    if (const auto* ptr = std::get_if<resolver::PtrRecord>(&record)) records.push_back(safe(ptr->name));
    if (const auto* mx = std::get_if<resolver::MxRecord>(&record))
      records.push_back(std::to_string(mx->preference) + " " + safe(mx->exchange.empty() ? "." : mx->exchange));
  }
  return {{"query", safe(resolver::describe(answer.query))},
          {"outcome", resolver::outcome_name(answer.outcome)},
          {"rcode", resolver::rcode_name(answer.rcode)},
          {"records", records},
          {"ttl", answer.ttl},
          {"dnssec", resolver::dnssec_status_name(answer.dnssec)},
          {"why_bogus", safe(answer.why_bogus)},
          {"error", safe(answer.error)},
          {"seconds", answer.seconds},
          {"summary", safe(answer.summary())}};
}

json optional_answer(const std::optional<Answer>& answer) { return answer ? answer_json(*answer) : json(nullptr); }

json fcrdns_json(const std::optional<resolver::Fcrdns>& fcrdns) {
  if (!fcrdns) return nullptr;
  json names = json::array();
  for (const auto& name : fcrdns->names)
    names.push_back({{"name", safe(name.name)}, {"confirms", name.confirms}, {"forward", answer_json(name.forward)}});
  return {{"verdict", resolver::fcrdns_verdict_name(fcrdns->verdict)},
          {"ptr", answer_json(fcrdns->ptr)},
          {"names", names},
          {"confirmed_name", fcrdns->confirmed_name ? json(safe(*fcrdns->confirmed_name)) : json(nullptr)},
          {"announced", fcrdns->announced ? json(safe(*fcrdns->announced)) : json(nullptr)},
          {"matches_announced", fcrdns->matches_announced ? json(*fcrdns->matches_announced) : json(nullptr)}};
}

json findings_json(const ResultNode& node) {
  json findings = json::array();
  for (const auto& finding : node.findings)
    findings.push_back({{"state", state_name(finding.state)}, {"text", finding_text(finding)}});
  return findings;
}

json address_json(const DomainResult& result, const std::string& exchange, const ResultNode& address) {
  const DomainTarget* target = target_of(result, exchange, address.name);
  json probe = nullptr;
  if (target && target->report) {
    ResultNode check;
    check.name = "check";
    check.children = address.children;
    settle(check);
    probe = report_to_json(*target->report, check);
  }
  return {{"address", safe(address.name)},
          {"state", state_name(address.state)},
          {"serves", serves(address)},
          {"findings", findings_json(address)},
          {"started", target ? to_seconds(target->started) : 0.0},
          {"fcrdns", target ? fcrdns_json(target->fcrdns) : json(nullptr)},
          {"probe", probe}};
}

json exchanges_json(const DomainResult& result) {
  json exchanges = json::array();
  for (std::size_t i = 0; i < result.tree.children.size(); ++i) {
    const ResultNode& node = result.tree.children[i];
    json addresses = json::array();
    for (const auto& address : node.children) addresses.push_back(address_json(result, node.name, address));
    json entry = {{"exchange", safe(node.name)}, {"state", state_name(node.state)}, {"findings", findings_json(node)},
                  {"addresses", addresses}};
    if (result.dns && i < result.dns->exchanges.size()) {
      const auto& dns = result.dns->exchanges[i];
      entry["preference"] = dns.exchange.preference;
      entry["dns"] = {{"a", optional_answer(dns.a)}, {"aaaa", optional_answer(dns.aaaa)}};
    }
    exchanges.push_back(entry);
  }
  return exchanges;
}

json dns_json(const DomainResult& result) {
  if (!result.dns) return {{"error", safe(result.dns_setup_error)}};
  return {{"mx_kind", resolver::mx_kind_name(result.dns->mx.kind)},
          {"null_mx_among_others", result.dns->mx.null_mx_among_others},
          {"mx", answer_json(result.dns->mx.answer)},
          {"seconds", to_seconds(result.dns_elapsed)}};
}

Verdict verdict_of(const DomainResult& result) {
  return Verdict{result.tree.state, summary(result), details(result), result.tree.perfdata};
}

}  // namespace

json domain_to_json(const DomainResult& result, const std::vector<std::string>& notes) {
  const Verdict verdict = verdict_of(result);
  json safe_notes = json::array();
  for (const auto& note : notes) safe_notes.push_back(safe(note));
  return {{"schema", 2},
          {"kind", "domain"},
          {"domain", safe(result.domain)},
          {"state", state_name(verdict.state)},
          {"status", static_cast<int>(verdict.state)},
          {"summary", safe(verdict.summary)},
          {"findings", findings_json(result.tree)},
          {"aggregation", result.tree.aggregation.rule == Aggregation::Rule::redundant ? "redundant" : "worst_of"},
          {"targets", result.targets.size()},
          {"targets_ok", serving_targets(result.tree)},
          {"dns", dns_json(result)},
          {"exchanges", exchanges_json(result)},
          {"total", to_seconds(result.total)},
          {"perfdata", perfdata_to_json(verdict.perfdata)},
          {"notes", safe_notes}};
}

std::string render_domain(const DomainResult& result, const OutputOptions& options) {
  if (options.output == OutputFormat::json) return json_text(domain_to_json(result, options.notes)) + "\n";
  Verdict verdict = verdict_of(result);
  if (options.omit_unreached_perfdata)
    verdict.perfdata.erase(std::remove_if(verdict.perfdata.begin(), verdict.perfdata.end(),
                                          [](const PerfDatum& datum) { return datum.undetermined; }),
                           verdict.perfdata.end());
  std::string text = "SMTP " + std::string(state_name(verdict.state)) + " - " + safe_text(verdict.summary, 8192);
  const std::string perfdata = render_perfdata(verdict);
  if (!perfdata.empty()) text += " | " + perfdata;
  text += "\n";
  for (const auto& line : verdict.details)
    text += (line.state == State::ok ? "" : "[" + std::string(state_name(line.state)) + "] ") + safe_text(line.text, 8192) + "\n";
  std::vector<std::string> more;
  if (options.verbosity >= 1) {
    if (!options.notes.empty()) more.push_back("options:");
    for (const auto& note : options.notes) more.push_back("  " + safe(note));
    const auto dns = dns_lines(result);
    more.insert(more.end(), dns.begin(), dns.end());
  }
  if (options.verbosity >= 2) {
    const auto waterfall = waterfall_lines(result);
    more.insert(more.end(), waterfall.begin(), waterfall.end());
  }
  for (const auto& line : more) text += line + "\n";
  return text;
}

}  // namespace smtp_ping
