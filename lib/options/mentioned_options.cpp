#include "options/mentioned_options.hpp"

namespace smtp_ping {
namespace {

// The long names and the short letters of "long,other-long,x".
struct Names {
  std::vector<std::string_view> long_names;
  std::string letters;
};

Names split_names(std::string_view names) {
  Names split;
  while (!names.empty()) {
    const auto comma = names.find(',');
    const std::string_view name = names.substr(0, comma);
    if (name.size() == 1)
      split.letters += name.front();
    else if (!name.empty())
      split.long_names.push_back(name);
    names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
  }
  return split;
}

bool names_long(const Names& names, std::string_view typed) {
  for (const auto name : names.long_names)
    if (name.substr(0, typed.size()) == typed) return true;
  return false;
}

bool names_short(const Names& names, std::string_view bundle) {
  return !names.letters.empty() && bundle.find_first_of(names.letters) != std::string_view::npos;
}

}  // namespace

bool could_name(std::string_view names, const std::vector<std::string>& args) {
  const Names split = split_names(names);
  for (const std::string& arg : args) {
    const std::string_view text = arg;
    if (text.size() > 2 && text.substr(0, 2) == "--") {
      if (names_long(split, text.substr(2, text.find('=') == std::string_view::npos ? std::string_view::npos
                                                                                     : text.find('=') - 2)))
        return true;
    } else if (text.size() > 1 && text.front() == '-' && text[1] != '-') {
      if (names_short(split, text.substr(1))) return true;
    }
  }
  return false;
}

}  // namespace smtp_ping
