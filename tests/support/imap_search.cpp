#include "imap_search.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "message_text.hpp"

namespace smtp_ping::test {

// A node of the search program: a test of one message, with its sub-criteria.
struct SearchProgram::Criterion {
  std::function<bool(const SearchSubject&, const std::vector<Criterion>&)> test;
  std::vector<Criterion> children;
  bool matches(const SearchSubject& subject) const { return test(subject, children); }
};

namespace {

using Criterion = SearchProgram::Criterion;
using Values = std::vector<ImapValue>;

bool has_flag(const SearchSubject& s, const std::string& flag) { return s.message->flags.count(flag) != 0; }

Criterion leaf(std::function<bool(const SearchSubject&)> test) {
  return {[test = std::move(test)](const SearchSubject& s, const std::vector<Criterion>&) { return test(s); }, {}};
}

Criterion all_of(std::vector<Criterion> children) {
  return {[](const SearchSubject& s, const std::vector<Criterion>& c) {
            return std::all_of(c.begin(), c.end(), [&](const Criterion& x) { return x.matches(s); });
          },
          std::move(children)};
}

Criterion flag_key(const std::string& flag, bool wanted) {
  return leaf([flag, wanted](const SearchSubject& s) { return has_flag(s, flag) == wanted; });
}

Criterion header_contains(std::string field, std::string value) {
  return leaf([field = std::move(field), value = std::move(value)](const SearchSubject& s) {
    const auto values = header_values(s.message->content, field);
    // RFC 3501: an empty string matches every message that has the field.
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return contains_ignoring_case(v, value); });
  });
}

Criterion date_key(const std::string& key, long day) {
  return leaf([key, day](const SearchSubject& s) {
    const long internal = day_of(s.message->internal_date);
    if (key == "SINCE") return internal >= day;
    if (key == "BEFORE") return internal < day;
    return internal == day;
  });
}

class Parser {
 public:
  Parser(const Values& values, std::string& error) : values_(values), error_(error) {}

  std::optional<Criterion> program() {
    if (at_ + 1 < values_.size() && values_[at_].is_atom("CHARSET")) at_ += 2;
    std::vector<Criterion> keys;
    while (at_ < values_.size()) {
      auto key = next();
      if (!key) return std::nullopt;
      keys.push_back(std::move(*key));
    }
    if (keys.empty()) return fail("no search criteria");
    return all_of(std::move(keys));
  }

 private:
  std::optional<Criterion> fail(const std::string& why) {
    if (error_.empty()) error_ = why;
    return std::nullopt;
  }

  const ImapValue* argument() { return at_ < values_.size() ? &values_[at_++] : nullptr; }

  std::optional<std::string> text_argument() {
    const auto* value = argument();
    if (!value || value->is_list()) return std::nullopt;
    return value->text;
  }

  std::optional<Criterion> next() {
    const ImapValue& value = values_[at_++];
    if (value.is_list()) return Parser(value.items, error_).program();
    const auto key = upper_case(value.text);
    if (auto simple = flag_criterion(key)) return simple;
    if (key == "ALL") return leaf([](const SearchSubject&) { return true; });
    if (key == "RECENT" || key == "NEW") return leaf([](const SearchSubject&) { return false; });
    if (key == "OLD") return leaf([](const SearchSubject&) { return true; });
    if (key == "NOT") return negated();
    if (key == "OR") return either();
    if (key == "UID") return sequence_key(true);
    if (key == "HEADER") return header_key();
    if (key == "FROM" || key == "TO" || key == "CC" || key == "BCC" || key == "SUBJECT") return field_key(key);
    if (key == "BODY" || key == "TEXT") return text_key(key);
    if (key == "SINCE" || key == "BEFORE" || key == "ON") return date_criterion(key);
    if (key == "LARGER" || key == "SMALLER") return size_key(key);
    if (key == "KEYWORD" || key == "UNKEYWORD") return keyword_key(key == "KEYWORD");
    --at_;
    if (SequenceSet::parse(value.text)) return sequence_key(false);
    return fail("unknown search key " + value.text);
  }

  std::optional<Criterion> flag_criterion(const std::string& key) {
    static const std::vector<std::pair<std::string, std::string>> flags{{"ANSWERED", "\\Answered"},
                                                                        {"DELETED", "\\Deleted"},
                                                                        {"FLAGGED", "\\Flagged"},
                                                                        {"SEEN", "\\Seen"},
                                                                        {"DRAFT", "\\Draft"}};
    for (const auto& [name, flag] : flags) {
      if (key == name) return flag_key(flag, true);
      if (key == "UN" + name) return flag_key(flag, false);
    }
    return std::nullopt;
  }

  std::optional<Criterion> negated() {
    if (at_ >= values_.size()) return fail("NOT without a key");
    auto inner = next();
    if (!inner) return std::nullopt;
    return Criterion{[](const SearchSubject& s, const std::vector<Criterion>& c) { return !c[0].matches(s); },
                     {std::move(*inner)}};
  }

  std::optional<Criterion> either() {
    if (at_ + 1 >= values_.size()) return fail("OR needs two keys");
    auto first = next();
    if (!first || at_ >= values_.size()) return first ? fail("OR needs two keys") : std::nullopt;
    auto second = next();
    if (!second) return std::nullopt;
    return Criterion{
        [](const SearchSubject& s, const std::vector<Criterion>& c) { return c[0].matches(s) || c[1].matches(s); },
        {std::move(*first), std::move(*second)}};
  }

  std::optional<Criterion> sequence_key(bool by_uid) {
    const auto text = text_argument();
    const auto set = text ? SequenceSet::parse(*text) : std::nullopt;
    if (!set) return fail("bad sequence set");
    return leaf([set = *set, by_uid](const SearchSubject& s) {
      return by_uid ? set.contains(s.message->uid, s.largest_uid) : set.contains(s.sequence, s.largest_sequence);
    });
  }

  std::optional<Criterion> header_key() {
    const auto field = text_argument();
    const auto value = field ? text_argument() : std::nullopt;
    if (!value) return fail("HEADER needs a field name and a value");
    return header_contains(*field, *value);
  }

  std::optional<Criterion> field_key(const std::string& key) {
    const auto value = text_argument();
    if (!value) return fail(key + " needs a value");
    return header_contains(key, *value);
  }

  std::optional<Criterion> text_key(const std::string& key) {
    const auto value = text_argument();
    if (!value) return fail(key + " needs a value");
    const bool whole = key == "TEXT";
    return leaf([value = *value, whole](const SearchSubject& s) {
      const std::string_view content = s.message->content;
      return contains_ignoring_case(whole ? content : body_section(content), value);
    });
  }

  std::optional<Criterion> date_criterion(const std::string& key) {
    const auto text = text_argument();
    const auto day = text ? parse_imap_date(*text) : std::nullopt;
    if (!day) return fail(key + " needs a date like 1-Feb-1994");
    return date_key(key, *day);
  }

  std::optional<Criterion> size_key(const std::string& key) {
    const auto text = text_argument();
    std::size_t size = 0;
    if (!text || std::from_chars(text->data(), text->data() + text->size(), size).ec != std::errc{})
      return fail(key + " needs a number");
    const bool larger = key == "LARGER";
    return leaf([size, larger](const SearchSubject& s) {
      return larger ? s.message->content.size() > size : s.message->content.size() < size;
    });
  }

  std::optional<Criterion> keyword_key(bool wanted) {
    const auto flag = text_argument();
    if (!flag) return fail("KEYWORD needs a flag");
    return flag_key(canonical_flag(*flag), wanted);
  }

  const Values& values_;
  std::string& error_;
  std::size_t at_ = 0;
};

}  // namespace

std::optional<SearchProgram> SearchProgram::parse(const std::vector<ImapValue>& arguments, std::string& error) {
  auto root = Parser(arguments, error).program();
  if (!root) return std::nullopt;
  SearchProgram program;
  program.all_of_ = std::make_shared<const Criterion>(std::move(*root));
  return program;
}

bool SearchProgram::matches(const SearchSubject& subject) const { return all_of_->matches(subject); }

}  // namespace smtp_ping::test
