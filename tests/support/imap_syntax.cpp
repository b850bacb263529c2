#include "imap_syntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <ctime>

#include "message_text.hpp"

namespace smtp_ping::test {
namespace {

constexpr std::array<const char*, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 6> system_flags{"\\Answered", "\\Flagged", "\\Deleted",
                                                  "\\Seen",     "\\Draft",   "\\Recent"};

std::optional<std::uint32_t> number_of(std::string_view text) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  std::optional<std::vector<ImapValue>> values(bool in_list) {
    std::vector<ImapValue> values;
    for (;;) {
      while (at_ < text_.size() && text_[at_] == ' ') ++at_;
      if (at_ == text_.size()) return in_list ? std::nullopt : std::optional(values);
      const char c = text_[at_];
      if (c == ')') {
        if (!in_list) return std::nullopt;
        ++at_;
        return values;
      }
      auto value = c == '(' ? list() : c == '"' ? quoted() : c == '{' ? literal() : atom();
      if (!value) return std::nullopt;
      values.push_back(std::move(*value));
    }
  }

 private:
  std::optional<ImapValue> list() {
    ++at_;
    auto items = values(true);
    if (!items) return std::nullopt;
    ImapValue value;
    value.kind = ImapValue::Kind::list;
    value.items = std::move(*items);
    return value;
  }

  std::optional<ImapValue> quoted() {
    ImapValue value;
    value.kind = ImapValue::Kind::string;
    for (++at_; at_ < text_.size(); ++at_) {
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        return value;
      }
      if (c == '\\' && ++at_ == text_.size()) break;
      value.text += text_[at_];
    }
    return std::nullopt;
  }

  std::optional<ImapValue> literal() {
    const auto close = text_.find('}', at_);
    if (close == std::string_view::npos) return std::nullopt;
    auto digits = text_.substr(at_ + 1, close - at_ - 1);
    if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);  // LITERAL+
    const auto size = number_of(digits);
    if (!size || text_.substr(close + 1, 2) != "\r\n" || close + 3 + *size > text_.size()) return std::nullopt;
    ImapValue value;
    value.kind = ImapValue::Kind::string;
    value.text = std::string(text_.substr(close + 3, *size));
    at_ = close + 3 + *size;
    return value;
  }

  // Atoms stop at a space or parenthesis, except inside "[...]" (BODY[HEADER.FIELDS (A B)]).
  std::optional<ImapValue> atom() {
    ImapValue value;
    int brackets = 0;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (brackets == 0 && (c == ' ' || c == '(' || c == ')' || c == '"' || c == '{')) break;
      if (c == '[') ++brackets;
      if (c == ']' && --brackets < 0) return std::nullopt;
      value.text += c;
      ++at_;
    }
    if (brackets != 0 || value.text.empty()) return std::nullopt;
    return value;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

bool ImapValue::is_atom(std::string_view word) const { return kind == Kind::atom && equal_ignoring_case(text, word); }

std::optional<std::vector<ImapValue>> parse_imap_arguments(std::string_view text) {
  return Tokenizer(text).values(false);
}

std::string imap_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string imap_astring(std::string_view text) {
  const bool atom = !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return c > ' ' && c < 0x7f && std::string_view("(){ %*\"\\]").find(static_cast<char>(c)) == std::string_view::npos;
  });
  return atom ? std::string(text) : imap_quoted(text);
}

std::optional<SequenceSet> SequenceSet::parse(std::string_view text) {
  SequenceSet set;
  auto bound = [](std::string_view part) -> std::optional<std::uint32_t> {
    if (part == "*") return star;
    const auto n = number_of(part);
    if (!n || *n == 0) return std::nullopt;
    return n;
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    const auto part = text.substr(start, end - start);
    const auto colon = part.find(':');
    const auto low = bound(part.substr(0, colon));
    const auto high = colon == std::string_view::npos ? low : bound(part.substr(colon + 1));
    if (!low || !high) return std::nullopt;
    set.ranges_.emplace_back(*low, *high);
    start = end + 1;
  }
  return set;
}

bool SequenceSet::contains(std::uint32_t number, std::uint32_t largest) const {
  return std::any_of(ranges_.begin(), ranges_.end(), [&](const auto& range) {
    const auto a = range.first == star ? largest : range.first;
    const auto b = range.second == star ? largest : range.second;
    return number >= std::min(a, b) && number <= std::max(a, b);
  });
}

std::optional<long> parse_imap_date(std::string_view text) {
  const auto first = text.find('-');
  const auto second = text.find('-', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return std::nullopt;
  const auto day = number_of(text.substr(0, first));
  const auto year = number_of(text.substr(second + 1));
  const auto month_name = text.substr(first + 1, second - first - 1);
  const auto month = std::find_if(month_names.begin(), month_names.end(),
                                  [&](const char* name) { return equal_ignoring_case(name, month_name); });
  if (!day || !year || month == month_names.end() || *day < 1 || *day > 31) return std::nullopt;
  return days_from_civil(*year, static_cast<unsigned>(month - month_names.begin() + 1), *day);
}

long day_of(SystemClock::time_point when) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
  return static_cast<long>(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
}

std::string format_internal_date(SystemClock::time_point when) {
  const std::time_t seconds = SystemClock::to_time_t(when);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%02d-%s-%04d %02d:%02d:%02d +0000", utc.tm_mday, month_names[utc.tm_mon],
                utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text.data();
}

std::string canonical_flag(std::string_view flag) {
  for (const char* known : system_flags)
    if (equal_ignoring_case(known, flag)) return known;
  return std::string(flag);
}

std::string flag_list(const std::set<std::string>& flags) {
  std::string out = "(";
  for (const auto& flag : flags) out += (out.size() > 1 ? " " : "") + flag;
  return out + ")";
}

}  // namespace smtp_ping::test
