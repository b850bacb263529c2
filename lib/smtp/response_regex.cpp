#include "smtp/response_regex.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace smtp_ping {
namespace {

// Counts what glibc's regcomp() would build: every atom once, a group as its
// content, and a bounded repetition as that many copies of its atom ("+" is
// two: glibc rewrites a+ as aa*). Saturates just above the limit.
class ExpansionEstimate {
 public:
  explicit ExpansionEstimate(long limit) : limit_(limit) { levels_.push_back({}); }

  void atom(long weight = 1) {
    Level& level = levels_.back();
    level.last = std::min(weight, limit_ + 1);
    level.sum = std::min(level.sum + level.last, limit_ + 1);
  }
  void repeat(long times) {
    Level& level = levels_.back();
    const long grown = std::min(level.last * std::max(times, 1L), limit_ + 1);
    level.sum = std::min(level.sum - level.last + grown, limit_ + 1);
    level.last = grown;
  }
  void open_group() { levels_.push_back({}); }
  bool close_group() {
    if (levels_.size() < 2) return false;  // an unmatched ')' is an ordinary character in ERE
    const long content = levels_.back().sum;
    levels_.pop_back();
    atom(content + 1);
    return true;
  }
  int depth() const { return static_cast<int>(levels_.size()) - 1; }
  long total() const {
    long sum = 0;
    for (const auto& level : levels_) sum = std::min(sum + level.sum, limit_ + 1);
    return sum;
  }

 private:
  struct Level {
    long sum = 0;   // this group's content so far
    long last = 0;  // the last atom, which a repetition applies to
  };
  long limit_;
  std::vector<Level> levels_;
};

// Index just past the bracket expression that starts at `at` ('['), or npos.
std::size_t bracket_end(const std::string& pattern, std::size_t at) {
  std::size_t i = at + 1;
  if (i < pattern.size() && pattern[i] == '^') ++i;
  if (i < pattern.size() && pattern[i] == ']') ++i;  // a leading ']' is a member
  while (i < pattern.size() && pattern[i] != ']') {
    if (pattern[i] == '[' && i + 1 < pattern.size() && (pattern[i + 1] == ':' || pattern[i + 1] == '=' || pattern[i + 1] == '.')) {
      const std::string close = std::string(1, pattern[i + 1]) + "]";
      const std::size_t end = pattern.find(close, i + 2);
      if (end == std::string::npos) return std::string::npos;
      i = end + 2;
      continue;
    }
    ++i;
  }
  return i < pattern.size() ? i + 1 : std::string::npos;
}

// "{m}", "{m,}" or "{m,n}" at `at`: the largest count it unrolls to, and where it ends.
bool interval_at(const std::string& pattern, std::size_t at, long& times, std::size_t& end) {
  const std::size_t close = pattern.find('}', at);
  if (close == std::string::npos || close - at > 16) return false;
  const std::string body = pattern.substr(at + 1, close - at - 1);
  const auto comma = body.find(',');
  const std::string low = body.substr(0, comma);
  const std::string high = comma == std::string::npos ? low : body.substr(comma + 1);
  auto number = [](const std::string& digits) {
    return digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ? -1L
                                                                                          : std::atol(digits.c_str());
  };
  const long m = low.empty() && comma != std::string::npos ? 0 : number(low);  // glibc takes {,n}
  const long n = high.empty() ? m + 1 : number(high);
  if (m < 0 || n < 0) return false;
  times = std::max(m, n);
  end = close + 1;
  return true;
}

void check_limits(const std::string& pattern) {
  if (pattern.size() > ResponseRegex::kMaxBytes)
    throw RegexError("longer than " + std::to_string(ResponseRegex::kMaxBytes) + " bytes");
  ExpansionEstimate estimate(ResponseRegex::kMaxExpansion);
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9')
        throw RegexError("back-references (\\1 ...) are not supported: matching them can take exponential time");
      estimate.atom();
      i += 2;
    } else if (c == '[') {
      const std::size_t end = bracket_end(pattern, i);
      if (end == std::string::npos) break;  // regcomp() names the error
      estimate.atom();
      i = end;
    } else if (c == '(') {
      estimate.open_group();
      if (estimate.depth() > ResponseRegex::kMaxNesting)
        throw RegexError("groups nested deeper than " + std::to_string(ResponseRegex::kMaxNesting) + " levels");
      ++i;
    } else if (c == ')') {
      if (!estimate.close_group()) estimate.atom();
      ++i;
    } else if (c == '{') {
      long times = 0;
      std::size_t end = 0;
      if (!interval_at(pattern, i, times, end)) {
        estimate.atom();
        ++i;
        continue;
      }
      estimate.repeat(times);
      i = end;
    } else if (c == '+') {
      estimate.repeat(2);
      ++i;
    } else {
      if (c != '*' && c != '?' && c != '|') estimate.atom();
      ++i;
    }
    if (estimate.total() > ResponseRegex::kMaxExpansion)
      throw RegexError("its repetitions unroll to more than " + std::to_string(ResponseRegex::kMaxExpansion) +
                       " elements");
  }
}

}  // namespace

ResponseRegex::ResponseRegex(const std::string& pattern) {
  check_limits(pattern);
  if (pattern.find('\0') != std::string::npos) throw RegexError("contains a NUL byte");
  const int rc = regcomp(&regex_, pattern.c_str(), REG_EXTENDED | REG_NOSUB | REG_NEWLINE);
  if (rc != 0) {
    char why[256] = {};
    regerror(rc, &regex_, why, sizeof why);
    throw RegexError(why);
  }
}

ResponseRegex::~ResponseRegex() { regfree(&regex_); }

// REG_STARTEND: the whole reply, also past a NUL byte in it.
bool ResponseRegex::matches(const std::string& text) const {
  regmatch_t range{0, static_cast<regoff_t>(std::min(text.size(), kMatchedBytes))};
  return regexec(&regex_, text.c_str(), 1, &range, REG_STARTEND) == 0;
}

}  // namespace smtp_ping
