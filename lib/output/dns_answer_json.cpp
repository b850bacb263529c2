#include "output/dns_answer_json.hpp"

#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

std::string safe(const std::string& text) { return safe_text(text, 1024); }

}  // namespace

nlohmann::json dns_answer_json(const resolver::Answer& answer) {
  nlohmann::json records = nlohmann::json::array();
  for (const auto& record : answer.records) {
    if (const auto* address = std::get_if<resolver::AddressRecord>(&record)) records.push_back(safe(address->address));
    if (const auto* ptr = std::get_if<resolver::PtrRecord>(&record)) records.push_back(safe(ptr->name));
    if (const auto* mx = std::get_if<resolver::MxRecord>(&record))
      records.push_back(std::to_string(mx->preference) + " " + safe(mx->exchange.empty() ? "." : mx->exchange));
    if (const auto* txt = std::get_if<resolver::TxtRecord>(&record)) records.push_back(safe(txt->joined()));
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

}  // namespace smtp_ping
