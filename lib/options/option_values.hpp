#pragma once

#include <string>

#include <boost/program_options/variables_map.hpp>

namespace smtp_ping {

// Whether a switch was given: present and, for a bool_switch, true. A key the
// option table left out (options/mentioned_options) is simply absent.
inline bool flag(const boost::program_options::variables_map& values, const char* key) {
  if (!values.count(key)) return false;
  const auto* on = boost::any_cast<bool>(&values[key].value());
  return on ? *on : true;
}

// An option's text, empty when it was not given.
inline std::string text_value(const boost::program_options::variables_map& values, const char* key) {
  return values.count(key) ? values[key].as<std::string>() : std::string();
}

}  // namespace smtp_ping
