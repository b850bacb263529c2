#include "policy/tls_rpt_record.hpp"

#include "policy/policy_fields.hpp"

namespace smtp_ping::policy {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) { return text.compare(0, prefix.size(), prefix) == 0; }

// mailto:LOCAL@DOMAIN or https://HOST...: the two schemes RFC 8460 §3 defines.
bool is_report_uri(const std::string& uri) {
  const std::string scheme_part = lower(uri.substr(0, 8));
  if (starts_with(scheme_part, "mailto:")) {
    const std::size_t at = uri.find('@', 7);
    return at != std::string::npos && at > 7 && at + 1 < uri.size();
  }
  if (starts_with(scheme_part, "https://")) return uri.size() > 8 && uri[8] != '/';
  return false;
}

std::vector<std::string> split_uris(const std::string& value) {
  std::vector<std::string> uris;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = value.find(',', start);
    std::string uri = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!uri.empty() && (uri.front() == ' ' || uri.front() == '\t')) uri.erase(0, 1);
    while (!uri.empty() && (uri.back() == ' ' || uri.back() == '\t')) uri.pop_back();
    uris.push_back(uri);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return uris;
}

}  // namespace

bool is_tls_rpt_record(std::string_view text) {
  const auto fields = split_tag_values(text);
  return !fields.empty() && fields.front().name == "v" && fields.front().value == "TLSRPTv1";
}

TlsRptRecord parse_tls_rpt_record(std::string_view text) {
  TlsRptRecord record;
  const auto fields = split_tag_values(text);
  if (fields.empty() || fields.front().name != "v" || fields.front().value != "TLSRPTv1") {
    record.problems.push_back("does not start with v=TLSRPTv1");
    return record;
  }
  bool has_rua = false;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    const TagValue& field = fields[i];
    if (field.name == "rua") {
      if (has_rua) record.problems.push_back("more than one rua");
      has_rua = true;
      for (const auto& uri : split_uris(field.value)) {
        if (is_report_uri(uri)) record.rua.push_back(uri);
        else record.problems.push_back("rua '" + uri + "' is not a mailto: or https: URI");
      }
    } else if (!field.has_equals || !is_extension_name(field.name)) {
      record.problems.push_back("malformed field '" + field.name + "'");
    } else {
      record.extensions.push_back(field.name);
    }
  }
  if (!has_rua) record.problems.push_back("no rua");
  record.valid = record.problems.empty();
  return record;
}

}  // namespace smtp_ping::policy
