#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "check_runner.hpp"
#include "scripted_smtp_server.hpp"
#include "temp_dir.hpp"

namespace smtp_ping::test {

inline constexpr int exit_ok = 0;
inline constexpr int exit_warning = 1;
inline constexpr int exit_critical = 2;
inline constexpr int exit_unknown = 3;

inline std::vector<std::string> target_of(const ScriptedSmtpServer& server) {
  return {"-H", "127.0.0.1", "-p", std::to_string(server.port())};
}

inline std::vector<std::string> operator+(std::vector<std::string> args, std::initializer_list<std::string> more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Runs the check against `server` with the extra arguments; -F me so the
// recorded HELO lines are predictable.
inline CheckRun check(const ScriptedSmtpServer& server, std::initializer_list<std::string> extra = {},
                      std::chrono::milliseconds hard_limit = std::chrono::milliseconds(10'000)) {
  return run_check(target_of(server) + std::initializer_list<std::string>{"-F", "me", "-t", "5"} + extra, hard_limit);
}

inline std::string perfdata_of(const CheckRun& run) {
  const auto line = run.first_line();
  const auto bar = line.find('|');
  return bar == std::string::npos ? std::string{} : line.substr(bar + 1);
}

// 'label'=1.234567s[;warn;crit;min]
inline bool has_seconds_perfdata(const std::string& perfdata, const std::string& label) {
  const std::regex item("'" + label + "'=[0-9]+(\\.[0-9]+)?s(;|\\s|$)");
  return std::regex_search(perfdata, item);
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline std::size_t count_of(const std::string& text, char c) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}

// A loopback port nobody listens on (bound once, then released).
inline std::uint16_t unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace smtp_ping::test
