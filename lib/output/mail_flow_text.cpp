#include "output/mail_flow_text.hpp"

#include "mail/mail_time.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;

constexpr std::size_t kTextCap = 1024;

std::string safe(std::string_view text) { return safe_text(text, kTextCap); }

json optional_text(const std::optional<std::string>& text) { return text ? json(safe(*text)) : json(nullptr); }
json optional_number(const std::optional<std::int64_t>& number) { return number ? json(*number) : json(nullptr); }

std::string sent_time_text(std::int64_t sent_ms) {
  return format_sent_stamp(SystemTime(std::chrono::milliseconds(sent_ms)));
}

// Seconds from sending to arrival, the sending time truncated to its second as INTERNALDATE is.
std::optional<std::int64_t> arrival_delay(const std::optional<std::int64_t>& sent_ms,
                                          const std::optional<std::int64_t>& arrived) {
  if (!sent_ms || !arrived) return std::nullopt;
  return *arrived - (*sent_ms >= 0 ? *sent_ms / 1000 : (*sent_ms - 999) / 1000);
}

std::string removal_text(bool removed, bool flagged_only) {
  if (removed) return "removed";
  if (flagged_only) return "flagged \\Deleted (no UIDPLUS: not expunged)";
  return "not removed";
}

std::string hop_text(std::size_t number, const ReceivedHop& hop) {
  std::string text = "  hop " + std::to_string(number) + " by " + (hop.by.empty() ? "(unnamed)" : safe(hop.by));
  if (!hop.with.empty()) text += " with " + safe(hop.with);
  if (!hop.id.empty()) text += " id " + safe(hop.id);
  if (!hop.time) return text + ": no readable time";
  if (!hop.delay) return text + ": at " + std::to_string(*hop.time);
  text += std::string(": ") + (*hop.delay >= 0 ? "+" : "") + std::to_string(*hop.delay) + "s";
  if (hop.clock_skew) text += " (the hosts' clocks disagree)";
  return text;
}

std::string result_text(const char* method, const std::optional<std::string>& result) {
  return std::string(method) + "=" + (result ? safe(*result) : std::string("(not reported)"));
}

}  // namespace

std::string late_probe_text(const LateProbe& late) {
  std::string text = "probe of " + (late.sent_ms ? sent_time_text(*late.sent_ms) : std::string("an unknown time"));
  if (const auto delay = arrival_delay(late.sent_ms, late.arrived))
    text += " arrived after " + std::to_string(*delay) + "s (second precision)";
  else
    text += " was left in the mailbox by an earlier run";
  return text + " in " + safe(late.folder) + ", " + removal_text(late.removed, late.flagged_only);
}

std::string authentication_shortfall_text(const AuthenticationShortfall& shortfall) {
  if (!shortfall.result) return "Authentication-Results report no " + safe(shortfall.method) + ", required pass";
  return "Authentication-Results " + safe(shortfall.method) + "=" + safe(*shortfall.result) + ", required pass";
}

void add_mail_flow_lines(const RoundTripRecord& record, int verbosity, std::vector<std::string>& lines) {
  if (verbosity < 1) return;
  lines.push_back("mail flow (Received: hops, second precision, from sending):");
  const auto& hops = record.received.hops;
  if (hops.empty()) lines.push_back("  no Received: fields");
  for (std::size_t i = 0; i < hops.size(); ++i) lines.push_back(hop_text(i + 1, hops[i]));
  if (record.received.total) lines.push_back("  total " + std::to_string(*record.received.total) + "s");
  const AuthenticationSummary& auth = record.authentication;
  if (!auth.source) {
    lines.push_back("  Authentication-Results: none");
  } else {
    lines.push_back("  Authentication-Results (" + safe(auth.source->authserv_id) + "): " + result_text("spf", auth.spf) +
                    " " + result_text("dkim", auth.dkim) + " " + result_text("dmarc", auth.dmarc));
  }
  if (verbosity < 2) return;
  std::string added;
  for (const auto& name : record.added_headers) added += (added.empty() ? "" : ", ") + safe(name);
  lines.push_back("  added in transit: " + (added.empty() ? std::string("none") : added));
}

json received_chain_json(const ReceivedChain& chain) {
  json hops = json::array();
  for (const auto& hop : chain.hops)
    hops.push_back({{"from", safe(hop.from)},
                    {"by", safe(hop.by)},
                    {"with", safe(hop.with)},
                    {"id", safe(hop.id)},
                    {"time", optional_number(hop.time)},
                    {"delay", optional_number(hop.delay)},
                    {"clock_skew", hop.clock_skew}});
  return {{"hops", hops}, {"total", optional_number(chain.total)}, {"precision", 1}};
}

json authentication_json(const AuthenticationSummary& summary) {
  json results = json::array();
  if (summary.source)
    for (const auto& result : summary.source->results)
      results.push_back({{"method", safe(result.method)}, {"result", safe(result.result)}, {"reason", safe(result.reason)}});
  return {{"authserv_id", summary.source ? json(safe(summary.source->authserv_id)) : json(nullptr)},
          {"spf", optional_text(summary.spf)},
          {"dkim", optional_text(summary.dkim)},
          {"dmarc", optional_text(summary.dmarc)},
          {"results", results}};
}

json stale_probes_json(const std::vector<StaleProbeRecord>& probes) {
  json out = json::array();
  for (const auto& probe : probes)
    out.push_back({{"folder", safe(probe.folder)},
                   {"sent", probe.sent_ms ? json(sent_time_text(*probe.sent_ms)) : json(nullptr)},
                   {"arrived", optional_number(probe.arrived)},
                   {"after_seconds", optional_number(arrival_delay(probe.sent_ms, probe.arrived))},
                   {"removed", probe.removed},
                   {"flagged_only", probe.flagged_only}});
  return out;
}

}  // namespace smtp_ping
