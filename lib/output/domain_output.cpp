#include "output/domain_output.hpp"

#include <algorithm>

#include "common/number_text.hpp"
#include "output/domain_json.hpp"
#include "output/domain_words.hpp"
#include "output/json_text.hpp"
#include "output/plugin_output.hpp"
#include "output/policy_words.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

using resolver::Answer;

constexpr int kWaterfallColumns = 50;

std::string safe(const std::string& text) { return safe_text(text, 1024); }

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

}  // namespace

std::string render_domain(const DomainResult& result, const OutputOptions& options) {
  if (options.output == OutputFormat::json) return json_text(domain_to_json(result, options.notes)) + "\n";
  Verdict verdict = describe_domain(result);
  if (options.omit_unreached_perfdata)
    verdict.perfdata.erase(std::remove_if(verdict.perfdata.begin(), verdict.perfdata.end(),
                                          [](const PerfDatum& datum) { return datum.undetermined; }),
                           verdict.perfdata.end());
  // The status line and long output as for a -H check (no probe of its own: verbosity 0).
  std::string text = render_plugin_output(Report{}, verdict, 0, {});
  std::vector<std::string> more;
  if (options.verbosity >= 1) {
    if (!options.notes.empty()) more.push_back("options:");
    for (const auto& note : options.notes) more.push_back("  " + safe(note));
    const auto dns = dns_lines(result);
    more.insert(more.end(), dns.begin(), dns.end());
    if (result.auth_records) {
      const auto records = auth_records_lines(*result.auth_records);
      more.insert(more.end(), records.begin(), records.end());
    }
  }
  if (options.verbosity >= 2) {
    const auto waterfall = waterfall_lines(result);
    more.insert(more.end(), waterfall.begin(), waterfall.end());
  }
  for (const auto& line : more) text += line + "\n";
  return text;
}

}  // namespace smtp_ping
