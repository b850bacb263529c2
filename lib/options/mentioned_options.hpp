#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/value_semantic.hpp>

namespace smtp_ping {

// Whether any argument could name the option with Boost.Program_options'
// `names` ("starttls,S", "ssl,tls,s") under unix_style: a long name the typed
// "--name" is a prefix of (guessing), or a short letter anywhere in a "-xyz"
// bundle. A superset of what the parser will match: an option it says no to
// is one the parser cannot reach.
bool could_name(std::string_view names, const std::vector<std::string>& args);

// Boost.Program_options costs a few thousand instructions for every option it
// knows (each description's names go through an istringstream, each argument
// is matched against every option), while a check names a handful of its
// options. This table takes ("names", semantic) like add_options() but keeps
// only what the arguments could name (every option when `mentioned` is null):
// the parse is the same, at a fraction, and new options cost a check nothing.
class OptionTable {
 public:
  explicit OptionTable(const std::vector<std::string>* mentioned) : mentioned_(mentioned) {}
  OptionTable& operator()(const char* names, const boost::program_options::value_semantic* semantic) {
    std::unique_ptr<const boost::program_options::value_semantic> owned(semantic);
    if (!mentioned_ || could_name(names, *mentioned_)) table_.add_options()(names, owned.release());
    return *this;
  }
  // For an option no argument names: the positional words.
  void always(const char* names, const boost::program_options::value_semantic* semantic) {
    table_.add_options()(names, semantic);
  }
  boost::program_options::options_description take() { return std::move(table_); }

 private:
  const std::vector<std::string>* mentioned_;
  boost::program_options::options_description table_;
};

}  // namespace smtp_ping
