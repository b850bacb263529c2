#include "policy/dmarc_record.hpp"

#include <algorithm>
#include <cctype>

namespace smtp_ping::policy {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool digits(std::string_view text, std::size_t max) {
  if (text.empty() || text.size() > max) return false;
  for (char c : text)
    if (!is_digit(c)) return false;
  return true;
}

// dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]; a URI needs a scheme and more.
bool report_uri(std::string_view entry) {
  std::string_view uri = entry;
  if (const std::size_t bang = entry.rfind('!'); bang != std::string_view::npos) {
    std::string_view size = entry.substr(bang + 1);
    if (!size.empty() && std::string_view("kmgtKMGT").find(size.back()) != std::string_view::npos) size.remove_suffix(1);
    if (!digits(size, 20)) return false;
    uri = entry.substr(0, bang);
  }
  const std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= uri.size() || !is_alpha(uri.front())) return false;
  for (std::size_t i = 0; i < colon; ++i)
    if (!is_alpha(uri[i]) && !is_digit(uri[i]) && uri[i] != '+' && uri[i] != '-' && uri[i] != '.') return false;
  for (char c : uri)
    if (c <= 0x20 || c >= 0x7f || c == ',' || c == ';') return false;
  return true;
}

std::optional<std::vector<std::string>> report_uris(std::string_view value) {
  std::vector<std::string> uris;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    const std::string_view entry = trimmed(value.substr(start, comma == std::string_view::npos ? value.npos : comma - start));
    if (!report_uri(entry)) return std::nullopt;
    uris.emplace_back(entry);
    if (comma == std::string_view::npos) return uris;
    start = comma + 1;
  }
}

bool failure_options(std::string_view value) {
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = value.find(':', start);
    const std::string option = lowered(trimmed(value.substr(start, colon == std::string_view::npos ? value.npos : colon - start)));
    if (option != "0" && option != "1" && option != "d" && option != "s") return false;
    if (colon == std::string_view::npos) return true;
    start = colon + 1;
  }
}

bool tag_name(std::string_view name) {
  if (name.empty() || !is_alpha(name.front())) return false;
  for (char c : name)
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '-') return false;
  return true;
}

class TagReader {
 public:
  explicit TagReader(DmarcRecord& record) : record_(record) {}

  void read(std::string_view tag, std::string_view value) {
    const std::string name = lowered(tag);
    for (const auto& seen : seen_)
      if (seen == name) return fail(DmarcProblem::duplicate_tag, tag, value);
    seen_.push_back(name);
    if (name == "p" || name == "sp") {
      const auto policy = parse_dmarc_policy(value);
      if (!policy) return fail(name == "p" ? DmarcProblem::bad_policy : DmarcProblem::bad_subdomain_policy, tag, value);
      (name == "p" ? record_.policy : record_.subdomain_policy) = policy;
    } else if (name == "pct") {
      if (!digits(value, 3) || std::stoi(std::string(value)) > 100) return fail(DmarcProblem::bad_percent, tag, value);
      record_.percent = std::stoi(std::string(value));
    } else if (name == "rua" || name == "ruf") {
      auto uris = report_uris(value);
      if (!uris) return fail(DmarcProblem::bad_report_uri, tag, value);
      (name == "rua" ? record_.rua : record_.ruf) = std::move(*uris);
    } else if (name == "adkim" || name == "aspf") {
      const std::string mode = lowered(value);
      if (mode != "r" && mode != "s") return fail(DmarcProblem::bad_alignment, tag, value);
      (name == "adkim" ? record_.adkim : record_.aspf) = mode.front();
    } else if (name == "ri") {
      if (!digits(value, 10)) return fail(DmarcProblem::bad_interval, tag, value);
    } else if (name == "fo") {
      if (!failure_options(value)) return fail(DmarcProblem::bad_failure_options, tag, value);
    } else if (name == "rf" || name == "v") {
      // rf: report formats (keyword list; only "afrf" is registered); v: checked by the caller
    } else {
      record_.unknown_tags.emplace_back(tag);
    }
  }

  void fail(DmarcProblem problem, std::string_view tag, std::string_view value) {
    record_.problems.push_back(DmarcTagProblem{problem, std::string(tag), std::string(value.substr(0, 256))});
  }

 private:
  DmarcRecord& record_;
  std::vector<std::string> seen_;
};

}  // namespace

bool is_dmarc_record(std::string_view text) {
  text = trimmed(text);
  if (text.size() < 2 || text[0] != 'v') return false;
  text.remove_prefix(1);
  text = trimmed(text);
  if (text.empty() || text.front() != '=') return false;
  text = trimmed(text.substr(1));
  if (text.substr(0, 6) != "DMARC1") return false;
  text = trimmed(text.substr(6));
  return text.empty() || text.front() == ';';
}

DmarcRecord parse_dmarc_record(std::string_view text) {
  DmarcRecord record;
  TagReader reader(record);
  if (!is_dmarc_record(text)) {
    reader.fail(DmarcProblem::bad_tag, "v", text.substr(0, 64));
    return record;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t semicolon = text.find(';', start);
    const std::string_view pair = trimmed(text.substr(start, semicolon == std::string_view::npos ? text.npos : semicolon - start));
    start = semicolon == std::string_view::npos ? text.size() + 1 : semicolon + 1;
    if (pair.empty()) {
      if (semicolon == std::string_view::npos) break;
      continue;  // "; ;" and the trailing ";" are allowed
    }
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) {
      reader.fail(DmarcProblem::bad_tag, "", pair);
      continue;
    }
    const std::string_view tag = trimmed(pair.substr(0, equals));
    const std::string_view value = trimmed(pair.substr(equals + 1));
    if (!tag_name(tag)) {
      reader.fail(DmarcProblem::bad_tag, tag, value);
      continue;
    }
    reader.read(tag, value);
  }
  if (!record.policy && std::none_of(record.problems.begin(), record.problems.end(), [](const DmarcTagProblem& p) {
        return p.problem == DmarcProblem::bad_policy;
      }))
    reader.fail(DmarcProblem::no_policy, "p", "");
  return record;
}

const char* dmarc_policy_name(DmarcPolicy policy) {
  switch (policy) {
    case DmarcPolicy::none: return "none";
    case DmarcPolicy::quarantine: return "quarantine";
    case DmarcPolicy::reject: return "reject";
  }
  return "none";
}

std::optional<DmarcPolicy> parse_dmarc_policy(std::string_view text) {
  const std::string value = lowered(text);
  if (value == "none") return DmarcPolicy::none;
  if (value == "quarantine") return DmarcPolicy::quarantine;
  if (value == "reject") return DmarcPolicy::reject;
  return std::nullopt;
}

const char* dmarc_problem_name(DmarcProblem problem) {
  switch (problem) {
    case DmarcProblem::no_policy: return "no_policy";
    case DmarcProblem::bad_policy: return "bad_policy";
    case DmarcProblem::bad_subdomain_policy: return "bad_subdomain_policy";
    case DmarcProblem::bad_percent: return "bad_percent";
    case DmarcProblem::bad_alignment: return "bad_alignment";
    case DmarcProblem::bad_report_uri: return "bad_report_uri";
    case DmarcProblem::bad_interval: return "bad_interval";
    case DmarcProblem::bad_failure_options: return "bad_failure_options";
    case DmarcProblem::bad_tag: return "bad_tag";
    case DmarcProblem::duplicate_tag: return "duplicate_tag";
  }
  return "bad_tag";
}

}  // namespace smtp_ping::policy
