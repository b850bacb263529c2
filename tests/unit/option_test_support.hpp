#pragma once

// What the option-language tests share: parsing helpers, a cleared
// environment and temporary files, each undone when the test ends.
#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "options/check_config.hpp"

namespace smtp_ping::option_test {

using Args = std::vector<std::string>;
using Strings = std::vector<std::string>;

inline CheckConfig parse(const Args& args) {
  const auto parsed = parse_command_line(args);
  EXPECT_EQ(parsed.action, CommandAction::run);
  return parsed.config;
}

// The UsageError message for args; fails the test when they parse.
inline std::string usage_error(const Args& args) {
  try {
    parse_command_line(args);
  } catch (const UsageError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no UsageError";
  return {};
}

inline bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Unsets `names` for its lifetime and puts back what was there.
class ClearedEnvironment {
 public:
  explicit ClearedEnvironment(std::initializer_list<const char*> names) {
    for (const char* name : names) {
      const char* value = std::getenv(name);
      saved_.push_back({name, value ? std::optional<std::string>(value) : std::nullopt});
      ::unsetenv(name);
    }
  }
  ~ClearedEnvironment() {
    for (const auto& [name, value] : saved_) {
      if (value) ::setenv(name.c_str(), value->c_str(), 1);
      else ::unsetenv(name.c_str());
    }
  }
  ClearedEnvironment(const ClearedEnvironment&) = delete;
  ClearedEnvironment& operator=(const ClearedEnvironment&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// Files in the test's temp dir, removed with this object.
class TempFiles {
 public:
  TempFiles() = default;
  ~TempFiles() {
    for (const auto& path : paths_) std::remove(path.c_str());
  }
  TempFiles(const TempFiles&) = delete;
  TempFiles& operator=(const TempFiles&) = delete;

  std::string create(const std::string& content) {
    std::string path = ::testing::TempDir() + "smtp_ping_options_XXXXXX";
    const int fd = ::mkstemp(path.data());
    EXPECT_GE(fd, 0);
    if (fd >= 0) ::close(fd);
    std::ofstream(path, std::ios::binary) << content;
    paths_.push_back(path);
    return path;
  }

 private:
  std::vector<std::string> paths_;
};

}  // namespace smtp_ping::option_test
