#include "output/plugin_output.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/number_text.hpp"
#include "output/safe_text.hpp"
#include "common/text.hpp"

namespace smtp_ping {
namespace {

// Verdict text is assembled from safe pieces already; this second pass keeps
// the one-'|' rule even for a verdict built elsewhere.
constexpr std::size_t kLineCap = 8192;
constexpr int kWaterfallColumns = 50;

// ---- perfdata -------------------------------------------------------------

// Always quoted ('banner'=...), which every consumer takes; '=' is not allowed
// at all and a quote inside the label is doubled.
std::string perf_label(const std::string& label) {
  std::string clean = safe_text(label, 256);
  std::replace(clean.begin(), clean.end(), '=', '_');
  std::string quoted = "'";
  for (const char c : clean) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

// Thresholds come from parsed ranges, but keep ';', ' ' and '|' out regardless.
std::string perf_field(const std::string& text) {
  std::string clean = safe_text(text, 256);
  clean.erase(std::remove_if(clean.begin(), clean.end(), [](char c) { return c == ';' || c == ' '; }),
              clean.end());
  return clean;
}

// "U" (undetermined, without a unit) for a phase not reached: see docs/design.md, "Perfdata".
std::string perf_value(const PerfDatum& datum) {
  if (datum.undetermined) return "U";
  const std::string value = datum.unit == "s" ? number_text(datum.value, 6) : shortest_number_text(datum.value);
  return value + perf_field(datum.unit);
}

std::string perf_item(const PerfDatum& datum) {
  std::vector<std::string> fields{
      perf_value(datum),
      perf_field(datum.warning),
      perf_field(datum.critical),
      datum.min ? shortest_number_text(*datum.min) : std::string(),
      datum.max ? shortest_number_text(*datum.max) : std::string(),
  };
  while (fields.size() > 1 && fields.back().empty()) fields.pop_back();
  std::string item = perf_label(datum.label) + "=" + fields.front();
  for (std::size_t i = 1; i < fields.size(); ++i) item += ";" + fields[i];
  return item;
}

// ---- sections -------------------------------------------------------------

std::string one_line(std::string_view text) { return safe_text(text, kLineCap); }

std::string status_line(const Verdict& verdict) {
  std::string line = "SMTP " + std::string(state_name(verdict.state)) + " - " + one_line(verdict.summary);
  const std::string perfdata = render_perfdata(verdict);
  if (!perfdata.empty()) line += " | " + perfdata;
  return line;
}

std::string subcheck_line(const Subcheck& subcheck) {
  std::string text = one_line(subcheck.text);
  if (subcheck.state == State::ok) return text;
  return "[" + std::string(state_name(subcheck.state)) + "] " + text;
}

// "250-first", "250 last": one entry per line as the server sent it.
std::vector<std::string> reply_lines(const Reply& reply) {
  const std::string code = std::to_string(reply.code);
  if (reply.lines.empty()) return {code};
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < reply.lines.size(); ++i)
    lines.push_back(code + (i + 1 == reply.lines.size() ? " " : "-") + reply.lines[i]);
  return lines;
}

std::string offset(Clock::duration at) { return "+" + number_text(to_seconds(at), 6) + "s"; }

void add_transcript(const Report& report, std::vector<std::string>& lines) {
  lines.push_back("transcript:");
  for (const auto& entry : report.transcript) {
    const std::string cleanup = entry.cleanup ? " (cleanup)" : "";
    if (!entry.sent.empty())
      lines.push_back("  " + offset(entry.started) + " C: " + safe_text(entry.sent) + cleanup);
    const std::string replied_at = offset(entry.started + entry.elapsed);
    if (!entry.reply) {
      lines.push_back("  " + replied_at + " S: (no reply)");
      continue;
    }
    for (const auto& reply_line : reply_lines(*entry.reply))
      lines.push_back("  " + replied_at + " S: " + safe_text(reply_line));
  }
}

std::string bar(const PhaseTiming& timing, double total) {
  const double start = to_seconds(timing.started);
  const double stop = start + to_seconds(timing.elapsed);
  // Columns are never negative, so truncation is floor (no libm: see CMakeLists).
  auto position = [&](double at) {
    return total > 0 ? std::clamp(at / total * kWaterfallColumns, 0.0, double{kWaterfallColumns}) : 0.0;
  };
  const double from = position(start), to = position(stop);
  const int first = std::min(static_cast<int>(from), kWaterfallColumns - 1);
  const int last = std::max(static_cast<int>(to) + (to > static_cast<int>(to) ? 1 : 0), first + 1);
  std::string text(kWaterfallColumns, ' ');
  for (int i = first; i < last; ++i) text[static_cast<std::size_t>(i)] = '#';
  return text;
}

// "banner   [   #######          ] +0.0003s 0.0021s": no '|', it is reserved for perfdata.
void add_waterfall(const Report& report, std::vector<std::string>& lines) {
  lines.push_back("waterfall:");
  std::size_t width = 5;  // "total"
  for (const auto& timing : report.phases) width = std::max(width, phase_name(timing.phase).size());
  auto padded = [&](std::string_view name) { return std::string(name) + std::string(width - name.size(), ' '); };
  const double total = to_seconds(report.total);
  for (const auto& timing : report.phases)
    lines.push_back("  " + padded(phase_name(timing.phase)) + " [" + bar(timing, total) + "] " +
                    offset(timing.started) + " " + number_text(to_seconds(timing.elapsed), 6) + "s");
  lines.push_back("  " + padded("total") + " [" + std::string(kWaterfallColumns, '#') + "] +" + number_text(0, 6) +
                  "s " + number_text(total, 6) + "s");
}

void add_capabilities(const Report& report, std::vector<std::string>& lines) {
  const Capabilities& caps = report.capabilities;
  lines.push_back("capabilities:");
  lines.push_back("  server: " + safe_text(caps.server_name) + (caps.esmtp ? " (ESMTP)" : " (no ESMTP)"));
  if (report.used_helo_fallback) lines.push_back("  EHLO rejected, HELO accepted");
  for (const auto& keyword : caps.keywords) lines.push_back("  keyword: " + safe_text(keyword));
  lines.push_back("  auth: " + (caps.auth_mechanisms.empty() ? "none" : safe_text(join(caps.auth_mechanisms, " "))));
  if (caps.size)
    lines.push_back("  size: " + (*caps.size == 0 ? std::string("no fixed limit") : std::to_string(*caps.size)));
  lines.push_back("connect attempts:");
  if (report.connect_attempts.empty()) lines.push_back("  none");
  for (const auto& attempt : report.connect_attempts) lines.push_back("  " + safe_text(attempt));
}

}  // namespace

std::string render_perfdata(const Verdict& verdict) {
  std::string text;
  for (const auto& datum : verdict.perfdata) text += (text.empty() ? "" : " ") + perf_item(datum);
  return text;
}

std::string render_plugin_output(const Report& report, const Verdict& verdict, int verbosity,
                                 const std::vector<std::string>& notes) {
  std::vector<std::string> lines{status_line(verdict)};
  for (const auto& subcheck : verdict.details) lines.push_back(subcheck_line(subcheck));
  if (verbosity >= 1 && !notes.empty()) {
    lines.push_back("options:");
    for (const auto& note : notes) lines.push_back("  " + one_line(note));
  }
  if (verbosity >= 1) add_transcript(report, lines);
  if (verbosity >= 2) add_waterfall(report, lines);
  if (verbosity >= 3) add_capabilities(report, lines);
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

}  // namespace smtp_ping
