#include "policy/spf_record.hpp"

#include <arpa/inet.h>

#include <cctype>

namespace smtp_ping::policy {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alphanum(char c) { return is_alpha(c) || is_digit(c); }
bool is_visible(char c) { return c >= 0x21 && c <= 0x7e; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// A macro-string (§7.1) and whether it ends with a macro-expand; nullopt when malformed.
struct MacroString {
  bool ends_with_expand = false;
  bool has_macros = false;  // a %{...} (which needs the message's context to expand)
};

std::optional<MacroString> read_macro_string(std::string_view text, bool explanation) {
  MacroString result;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (!is_visible(c)) return std::nullopt;
    if (c != '%') {
      result.ends_with_expand = false;
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) return std::nullopt;
    const char next = text[i + 1];
    if (next == '%' || next == '_' || next == '-') {
      result.ends_with_expand = true;
      i += 2;
      continue;
    }
    if (next != '{') return std::nullopt;
    std::size_t j = i + 2;
    if (j >= text.size()) return std::nullopt;
    const char letter = lower(text[j]);
    const std::string_view letters = explanation ? "slodiphcrtv" : "slodiphv";
    if (letters.find(letter) == std::string_view::npos) return std::nullopt;
    ++j;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j < text.size() && lower(text[j]) == 'r') ++j;
    while (j < text.size() && std::string_view(".-+,/_=").find(text[j]) != std::string_view::npos) ++j;
    if (j >= text.size() || text[j] != '}') return std::nullopt;
    result.ends_with_expand = true;
    result.has_macros = true;
    i = j + 1;
  }
  return result;
}

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
bool is_top_label(std::string_view label) {
  if (label.empty()) return false;
  bool alpha = false;
  for (char c : label) {
    if (is_alpha(c)) alpha = true;
    else if (!is_digit(c) && c != '-') return false;
  }
  if (label.find('-') == std::string_view::npos) return alpha;
  return is_alphanum(label.front()) && is_alphanum(label.back());
}

// The literal labels of a domain-spec without macros: none empty (but a trailing dot), none over 63.
bool labels_usable(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::size_t length = (dot == std::string_view::npos ? domain.size() : dot) - start;
    if (length == 0 || length > 63) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
std::optional<SpfSyntaxProblem> domain_spec_problem(std::string_view spec, bool explanation, bool& has_macros) {
  if (spec.empty()) return SpfSyntaxProblem::bad_domain_spec;
  const auto macro = read_macro_string(spec, explanation);
  if (!macro) return SpfSyntaxProblem::bad_macro;
  has_macros = macro->has_macros;
  if (macro->ends_with_expand) return std::nullopt;
  std::string_view rest = spec;
  if (rest.back() == '.') rest.remove_suffix(1);
  const std::size_t dot = rest.rfind('.');
  if (dot == std::string_view::npos || !is_top_label(rest.substr(dot + 1))) return SpfSyntaxProblem::bad_domain_spec;
  if (!has_macros && spec.find('%') == std::string_view::npos && !labels_usable(spec))
    return SpfSyntaxProblem::bad_domain_spec;
  return std::nullopt;
}

// "0" / %x31-39 0*(digits-1)DIGIT, at most `max`.
bool cidr_length(std::string_view digits, int max) {
  if (digits.empty() || digits.size() > 3) return false;
  for (char c : digits)
    if (!is_digit(c)) return false;
  if (digits.size() > 1 && digits.front() == '0') return false;
  return std::stoi(std::string(digits)) <= max;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!is_digit(c)) return false;
  return true;
}

// Splits a trailing dual-cidr-length ("/24", "//64", "/24//64") off `body`; false when malformed.
bool split_dual_cidr(std::string_view& body) {
  std::string_view rest = body;
  if (const std::size_t at = rest.rfind("//"); at != std::string_view::npos && all_digits(rest.substr(at + 2))) {
    if (!cidr_length(rest.substr(at + 2), 128)) return false;
    rest = rest.substr(0, at);
  }
  if (const std::size_t at = rest.rfind('/'); at != std::string_view::npos && all_digits(rest.substr(at + 1))) {
    if (!cidr_length(rest.substr(at + 1), 32)) return false;
    rest = rest.substr(0, at);
  }
  body = rest;
  return true;
}

bool ip_network(std::string_view text, int family, int max_length) {
  std::string_view address = text;
  if (const std::size_t slash = text.find('/'); slash != std::string_view::npos) {
    if (!cidr_length(text.substr(slash + 1), max_length)) return false;
    address = text.substr(0, slash);
  }
  unsigned char buffer[16];
  return !address.empty() && inet_pton(family, std::string(address).c_str(), buffer) == 1;
}

struct MechanismName {
  std::string_view name;
  SpfTermKind kind;
};

constexpr MechanismName kMechanisms[] = {
    {"all", SpfTermKind::all},   {"include", SpfTermKind::include}, {"a", SpfTermKind::a},
    {"mx", SpfTermKind::mx},     {"ptr", SpfTermKind::ptr},         {"ip4", SpfTermKind::ip4},
    {"ip6", SpfTermKind::ip6},   {"exists", SpfTermKind::exists},
};

bool modifier_name(std::string_view name) {
  if (name.empty() || !is_alpha(name.front())) return false;
  for (char c : name)
    if (!is_alphanum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

class TermParser {
 public:
  TermParser(std::string_view text, SpfRecord& record) : text_(text), record_(record) {}

  // One term; false with record_.error set when it is not valid.
  std::optional<SpfSyntaxProblem> parse(SpfTerm& term) {
    term.text = std::string(text_);
    for (char c : text_)
      if (!is_visible(c)) return SpfSyntaxProblem::bad_character;
    std::string_view body = text_;
    const std::size_t name_end = body.find_first_of(":/=");
    if (name_end != std::string_view::npos && body[name_end] == '=') return modifier(term, body, name_end);
    if (body.front() == '+' || body.front() == '-' || body.front() == '~' || body.front() == '?') {
      term.qualifier = body.front() == '-'   ? SpfQualifier::fail
                       : body.front() == '~' ? SpfQualifier::softfail
                       : body.front() == '?' ? SpfQualifier::neutral
                                             : SpfQualifier::pass;
      body.remove_prefix(1);
    }
    const std::size_t end = body.find_first_of(":/");
    const std::string_view name = body.substr(0, end);
    const std::string_view argument = end == std::string_view::npos ? std::string_view() : body.substr(end);
    for (const auto& mechanism : kMechanisms)
      if (equals_ignoring_case(name, mechanism.name)) {
        term.kind = mechanism.kind;
        return mechanism_argument(term, argument);
      }
    return SpfSyntaxProblem::unknown_mechanism;
  }

 private:
  std::optional<SpfSyntaxProblem> modifier(SpfTerm& term, std::string_view body, std::size_t equals) {
    const std::string_view name = body.substr(0, equals);
    const std::string_view value = body.substr(equals + 1);
    if (!modifier_name(name)) return SpfSyntaxProblem::bad_modifier_name;
    if (equals_ignoring_case(name, "redirect") || equals_ignoring_case(name, "exp")) {
      term.kind = equals_ignoring_case(name, "redirect") ? SpfTermKind::redirect : SpfTermKind::exp;
      for (const auto& earlier : record_.terms)
        if (earlier.kind == term.kind) return SpfSyntaxProblem::duplicate_modifier;
      if (value.empty()) return SpfSyntaxProblem::missing_argument;
      term.domain_spec = std::string(value);
      return domain_spec_problem(value, false, term.has_macros);
    }
    term.kind = SpfTermKind::unknown_modifier;
    if (!read_macro_string(value, false)) return SpfSyntaxProblem::bad_macro;
    return std::nullopt;
  }

  std::optional<SpfSyntaxProblem> domain_argument(SpfTerm& term, std::string_view argument, bool required) {
    if (argument.empty()) return required ? std::optional(SpfSyntaxProblem::missing_argument) : std::nullopt;
    if (argument.front() != ':') return SpfSyntaxProblem::unknown_mechanism;
    term.domain_spec = std::string(argument.substr(1));
    return domain_spec_problem(argument.substr(1), false, term.has_macros);
  }

  std::optional<SpfSyntaxProblem> mechanism_argument(SpfTerm& term, std::string_view argument) {
    switch (term.kind) {
      case SpfTermKind::all:
        return argument.empty() ? std::nullopt : std::optional(SpfSyntaxProblem::unexpected_argument);
      case SpfTermKind::include:
      case SpfTermKind::exists:
        return domain_argument(term, argument, true);
      case SpfTermKind::ptr:
        return domain_argument(term, argument, false);
      case SpfTermKind::a:
      case SpfTermKind::mx:
        if (!split_dual_cidr(argument)) return SpfSyntaxProblem::bad_cidr;
        return domain_argument(term, argument, false);
      case SpfTermKind::ip4:
      case SpfTermKind::ip6: {
        const bool v4 = term.kind == SpfTermKind::ip4;
        if (argument.size() < 2 || argument.front() != ':') return SpfSyntaxProblem::missing_argument;
        const std::string_view network = argument.substr(1);
        if (const std::size_t slash = network.find('/');
            slash != std::string_view::npos && !cidr_length(network.substr(slash + 1), v4 ? 32 : 128))
          return SpfSyntaxProblem::bad_cidr;
        if (!ip_network(network, v4 ? AF_INET : AF_INET6, v4 ? 32 : 128))
          return v4 ? SpfSyntaxProblem::bad_ip4 : SpfSyntaxProblem::bad_ip6;
        return std::nullopt;
      }
      default:
        return SpfSyntaxProblem::unknown_mechanism;
    }
  }

  std::string_view text_;
  SpfRecord& record_;
};

}  // namespace

bool SpfRecord::has_all() const {
  for (const auto& term : terms)
    if (term.kind == SpfTermKind::all) return true;
  return false;
}

bool is_spf_record(std::string_view text) {
  constexpr std::string_view kVersion = "v=spf1";
  if (text.size() < kVersion.size() || !equals_ignoring_case(text.substr(0, kVersion.size()), kVersion)) return false;
  return text.size() == kVersion.size() || text[kVersion.size()] == ' ';
}

SpfRecord parse_spf_record(std::string_view text) {
  SpfRecord record;
  if (!is_spf_record(text)) {
    record.error = SpfSyntaxError{SpfSyntaxProblem::unknown_mechanism, 0, std::string(text.substr(0, 64))};
    return record;
  }
  std::string_view rest = text.substr(6);
  std::size_t index = 0;
  while (!rest.empty()) {
    const std::size_t start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::size_t end = rest.find(' ');
    const std::string_view piece = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    ++index;
    SpfTerm term;
    if (const auto problem = TermParser(piece, record).parse(term)) {
      record.error = SpfSyntaxError{*problem, index, std::string(piece)};
      return record;
    }
    record.terms.push_back(std::move(term));
  }
  return record;
}

bool counts_as_lookup(const SpfTerm& term) {
  switch (term.kind) {
    case SpfTermKind::include:
    case SpfTermKind::a:
    case SpfTermKind::mx:
    case SpfTermKind::ptr:
    case SpfTermKind::exists:
    case SpfTermKind::redirect:
      return true;
    default:
      return false;
  }
}

const char* spf_term_kind_name(SpfTermKind kind) {
  switch (kind) {
    case SpfTermKind::all: return "all";
    case SpfTermKind::include: return "include";
    case SpfTermKind::a: return "a";
    case SpfTermKind::mx: return "mx";
    case SpfTermKind::ptr: return "ptr";
    case SpfTermKind::ip4: return "ip4";
    case SpfTermKind::ip6: return "ip6";
    case SpfTermKind::exists: return "exists";
    case SpfTermKind::redirect: return "redirect";
    case SpfTermKind::exp: return "exp";
    case SpfTermKind::unknown_modifier: return "unknown_modifier";
  }
  return "unknown";
}

const char* spf_syntax_problem_name(SpfSyntaxProblem problem) {
  switch (problem) {
    case SpfSyntaxProblem::unknown_mechanism: return "unknown_mechanism";
    case SpfSyntaxProblem::missing_argument: return "missing_argument";
    case SpfSyntaxProblem::unexpected_argument: return "unexpected_argument";
    case SpfSyntaxProblem::bad_domain_spec: return "bad_domain_spec";
    case SpfSyntaxProblem::bad_macro: return "bad_macro";
    case SpfSyntaxProblem::bad_ip4: return "bad_ip4";
    case SpfSyntaxProblem::bad_ip6: return "bad_ip6";
    case SpfSyntaxProblem::bad_cidr: return "bad_cidr";
    case SpfSyntaxProblem::duplicate_modifier: return "duplicate_modifier";
    case SpfSyntaxProblem::bad_modifier_name: return "bad_modifier_name";
    case SpfSyntaxProblem::bad_character: return "bad_character";
  }
  return "unknown";
}

}  // namespace smtp_ping::policy
