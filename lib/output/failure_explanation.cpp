#include "output/failure_explanation.hpp"

#include "output/safe_text.hpp"

namespace smtp_ping {

std::optional<Explanation> failure_explanation(const Failure& failure) {
  if (!failure.reply || (failure.reply->klass() != 4 && failure.reply->klass() != 5)) return std::nullopt;
  return explain_reply(*failure.reply);
}

std::string explanation_brief(const Explanation& explanation) {
  return explanation.kind == ReplyReason::unknown ? std::string() : explanation.reason;
}

std::string explanation_line(const Explanation& explanation) {
  std::string codes = std::to_string(explanation.code);
  if (!explanation.enhanced.empty()) codes += " " + explanation.enhanced;
  return safe_text(codes + ": " + explanation.meaning + "; " + explanation.reason + ": " + explanation.hint, 1024);
}

nlohmann::json explanation_json(const Explanation& explanation) {
  return {{"code", explanation.code},
          {"enhanced", explanation.enhanced.empty() ? nlohmann::json(nullptr) : nlohmann::json(explanation.enhanced)},
          {"enhanced_trusted", explanation.enhanced_trusted},
          {"meaning", safe_text(explanation.meaning, 1024)},
          {"reason", explanation.reason},
          {"reason_key", reason_key(explanation.kind)},
          {"hint", explanation.hint}};
}

}  // namespace smtp_ping
