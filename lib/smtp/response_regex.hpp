#pragma once

#include <regex.h>

#include <stdexcept>
#include <string>

namespace smtp_ping {

// A pattern -R cannot take; what() says why.
class RegexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One compiled -R expectation: a POSIX extended regex (check_smtp's semantics:
// REG_EXTENDED | REG_NEWLINE, matched anywhere in the reply). Before regcomp()
// sees it, a pattern must stay within limits that keep compiling and matching
// bounded in time, memory and stack: glibc's regcomp recurses once per nesting
// level (16,000 nested groups overflow the stack), copies a group once per
// repetition count ((a{1,255}){1,255} took minutes and gigabytes), and its
// regexec costs about text length squared times pattern states for an
// unanchored pattern ('.{1,1000}x' against 256 KiB ran for minutes). Hence the
// limits below, and a match against the reply's first kMatchedBytes only
// (check_smtp matched the first 8191 bytes it received).
class ResponseRegex {
 public:
  static constexpr std::size_t kMaxBytes = 1024;
  static constexpr int kMaxNesting = 32;        // levels of ( )
  static constexpr long kMaxExpansion = 256;    // atoms once bounded repetitions are unrolled
  static constexpr std::size_t kMatchedBytes = 4096;

  // Throws RegexError.
  explicit ResponseRegex(const std::string& pattern);
  ~ResponseRegex();
  ResponseRegex(const ResponseRegex&) = delete;
  ResponseRegex& operator=(const ResponseRegex&) = delete;

  // Whether the regex matches in the first kMatchedBytes of `text`, NUL bytes included.
  bool matches(const std::string& text) const;

 private:
  regex_t regex_{};
};

}  // namespace smtp_ping
