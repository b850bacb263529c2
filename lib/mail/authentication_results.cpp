#include "mail/authentication_results.hpp"

#include <cctype>

namespace smtp_ping {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Tokens of an RFC 8601 value: comments dropped, quoted strings kept as one
// token (unquoted), and the specials ';' and '=' as tokens of their own.
struct Token {
  std::string text;
  bool special = false;
};

std::vector<Token> tokenize(std::string_view value) {
  std::vector<Token> tokens;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) tokens.push_back({std::move(word), false});
    word.clear();
  };
  for (std::size_t i = 0; i < value.size() && tokens.size() < 4096; ++i) {
    const char c = value[i];
    if (c == '(') {
      flush();
      int depth = 1;
      for (++i; i < value.size() && depth > 0; ++i) {
        if (value[i] == '\\') ++i;
        else if (value[i] == '(') ++depth;
        else if (value[i] == ')') --depth;
      }
      --i;
    } else if (c == '"') {
      flush();
      std::string quoted;
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        quoted += value[i];
      }
      tokens.push_back({std::move(quoted), false});
    } else if (c == ';' || c == '=') {
      flush();
      tokens.push_back({std::string(1, c), true});
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return tokens;
}

bool is(const Token& token, char special) { return token.special && token.text.size() == 1 && token.text[0] == special; }

// One resinfo: method[/version]=result [reason=value] {ptype.property=value}; tokens up to ';'.
std::optional<AuthenticationResult> resinfo(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  std::size_t at = begin;
  if (at >= end || tokens[at].special) return std::nullopt;
  AuthenticationResult result;
  result.method = lowercase(tokens[at++].text);
  if (const auto slash = result.method.find('/'); slash != std::string::npos) result.method.resize(slash);  // a version
  if (at + 1 >= end || !is(tokens[at], '=') || tokens[at + 1].special) return std::nullopt;
  result.result = lowercase(tokens[at + 1].text);
  if (result.method.empty() || result.result.empty()) return std::nullopt;  // "" quoted
  at += 2;
  while (at + 2 < end) {
    if (tokens[at].special || !is(tokens[at + 1], '=') || tokens[at + 2].special) {
      ++at;
      continue;
    }
    const std::string name = lowercase(tokens[at].text);
    if (name == "reason") result.reason = tokens[at + 2].text;
    else if (result.properties.size() < 32) result.properties.emplace_back(name, tokens[at + 2].text);
    at += 3;
  }
  return result;
}

}  // namespace

std::optional<AuthenticationResults> parse_authentication_results(std::string_view value) {
  const auto tokens = tokenize(value.substr(0, 16384));
  if (tokens.empty() || tokens[0].special || tokens[0].text.empty()) return std::nullopt;
  AuthenticationResults parsed;
  parsed.authserv_id = tokens[0].text;
  std::size_t at = 1;
  while (at < tokens.size() && !is(tokens[at], ';')) ++at;  // an optional version
  while (at < tokens.size() && parsed.results.size() < kMaximumAuthenticationResults) {
    const std::size_t begin = at + 1;
    std::size_t end = begin;
    while (end < tokens.size() && !is(tokens[end], ';')) ++end;
    if (end > begin && !(end == begin + 1 && lowercase(tokens[begin].text) == "none"))
      if (auto result = resinfo(tokens, begin, end)) parsed.results.push_back(std::move(*result));
    at = end;
  }
  return parsed;
}

std::optional<std::string> method_result(const AuthenticationResults& results, std::string_view method) {
  std::optional<std::string> first;
  for (const auto& result : results.results) {
    if (result.method != method) continue;
    if (result.result == "pass") return result.result;
    if (!first) first = result.result;
  }
  return first;
}

AuthenticationSummary summarize_authentication(const MailMessage& message) {
  AuthenticationSummary summary;
  const HeaderField* top = message.field("Authentication-Results");
  if (!top) return summary;
  summary.source = parse_authentication_results(top->value);
  if (!summary.source) return summary;
  summary.spf = method_result(*summary.source, "spf");
  summary.dkim = method_result(*summary.source, "dkim");
  summary.dmarc = method_result(*summary.source, "dmarc");
  return summary;
}

}  // namespace smtp_ping
