#include "policy/mta_sts_record.hpp"

#include <cctype>

#include "policy/policy_fields.hpp"

namespace smtp_ping::policy {
namespace {

bool is_sts_id(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

bool is_mta_sts_record(std::string_view text) {
  const auto fields = split_tag_values(text);
  return !fields.empty() && fields.front().name == "v" && fields.front().value == "STSv1";
}

MtaStsRecord parse_mta_sts_record(std::string_view text) {
  MtaStsRecord record;
  const auto fields = split_tag_values(text);
  if (fields.empty() || fields.front().name != "v" || fields.front().value != "STSv1") {
    record.problems.push_back("does not start with v=STSv1");
    return record;
  }
  bool has_id = false;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    const TagValue& field = fields[i];
    if (field.name == "id") {
      if (has_id) record.problems.push_back("more than one id");
      has_id = true;
      record.id = field.value;
      if (!is_sts_id(field.value)) record.problems.push_back("id '" + field.value + "' is not 1-32 letters and digits");
    } else if (!field.has_equals || !is_extension_name(field.name)) {
      record.problems.push_back("malformed field '" + field.name + "'");
    } else {
      record.extensions.push_back(field.name);
    }
  }
  if (!has_id) record.problems.push_back("no id");
  record.valid = record.problems.empty();
  return record;
}

}  // namespace smtp_ping::policy
