#include "output/plugin_output.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/number_text.hpp"
#include "output/mail_flow_text.hpp"
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
void append_perf_label(std::string& out, const std::string& label) {
  const std::size_t start = out.size();
  out += '\'';
  append_safe_text(out, label, 256);
  for (std::size_t i = start + 1; i < out.size(); ++i) {
    if (out[i] == '=') out[i] = '_';
    if (out[i] == '\'') out.insert(i++, 1, '\'');
  }
  out += '\'';
}

// Thresholds come from parsed ranges, but keep ';', ' ' and '|' out regardless.
void append_perf_field(std::string& out, const std::string& text) {
  const std::size_t start = out.size();
  append_safe_text(out, text, 256);
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(start), out.end(),
                           [](char c) { return c == ';' || c == ' '; }),
            out.end());
}

// "U" (undetermined, without a unit) for a phase not reached: see docs/design.md, "Perfdata".
void append_perf_value(std::string& out, const PerfDatum& datum) {
  if (datum.undetermined) {
    out += 'U';
    return;
  }
  if (datum.unit == "s")
    append_number_text(out, datum.value, 6);
  else
    append_shortest_number_text(out, datum.value);
  append_perf_field(out, datum.unit);
}

// label=value;warn;crit;min;max without the trailing empty fields.
void append_perf_item(std::string& out, const PerfDatum& datum) {
  append_perf_label(out, datum.label);
  out += '=';
  append_perf_value(out, datum);
  std::size_t kept = out.size();
  auto field = [&](auto&& append) {
    out += ';';
    const std::size_t before = out.size();
    append();
    if (out.size() > before) kept = out.size();
  };
  field([&] { append_perf_field(out, datum.warning); });
  field([&] { append_perf_field(out, datum.critical); });
  field([&] { if (datum.min) append_shortest_number_text(out, *datum.min); });
  field([&] { if (datum.max) append_shortest_number_text(out, *datum.max); });
  out.resize(kept);
}

// ---- sections -------------------------------------------------------------

void append_line(std::string& out, std::string_view text) {
  append_safe_text(out, text, kLineCap);
  out += '\n';
}

void append_status_line(std::string& out, const Verdict& verdict) {
  out += "SMTP ";
  out += state_name(verdict.state);
  out += " - ";
  append_safe_text(out, verdict.summary, kLineCap);
  if (!verdict.perfdata.empty()) {
    out += " | ";
    append_perfdata(out, verdict.perfdata);
  }
  out += '\n';
}

void append_subcheck_line(std::string& out, const Subcheck& subcheck) {
  if (subcheck.state != State::ok) {
    out += '[';
    out += state_name(subcheck.state);
    out += "] ";
  }
  append_line(out, subcheck.text);
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
    if (!entry.broken_reply.empty()) {
      for (const auto& line : entry.broken_reply) lines.push_back("  " + replied_at + " S: " + safe_text(line));
      lines.push_back("  " + replied_at + " (not a valid reply)");
      continue;
    }
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

void append_perfdata(std::string& out, const std::vector<PerfDatum>& perfdata) {
  for (std::size_t i = 0; i < perfdata.size(); ++i) {
    if (i > 0) out += ' ';
    append_perf_item(out, perfdata[i]);
  }
}

std::string render_perfdata(const Verdict& verdict) {
  std::string text;
  append_perfdata(text, verdict.perfdata);
  return text;
}

std::string render_plugin_output(const Report& report, const Verdict& verdict, int verbosity,
                                 const std::vector<std::string>& notes) {
  std::string text;
  text.reserve(1024);
  append_status_line(text, verdict);
  for (const auto& subcheck : verdict.details)
    if (subcheck.verbosity <= verbosity) append_subcheck_line(text, subcheck);
  if (verbosity >= 1 && !notes.empty()) {
    text += "options:\n";
    for (const auto& note : notes) {
      text += "  ";
      append_line(text, note);
    }
  }
  // These sections are made of safe pieces already.
  std::vector<std::string> lines;
  // A load run or a domain check has no one session to show: its lines say it all.
  const bool one_session = !report.transcript.empty() || !report.connect_attempts.empty() || !report.phases.empty();
  if (verbosity >= 1 && one_session) add_transcript(report, lines);
  if (report.round_trip) add_mail_flow_lines(*report.round_trip, verbosity, lines);
  if (verbosity >= 2 && one_session) add_waterfall(report, lines);
  if (verbosity >= 3 && one_session) add_capabilities(report, lines);
  for (const auto& line : lines) {
    text += line;
    text += '\n';
  }
  return text;
}

}  // namespace smtp_ping
