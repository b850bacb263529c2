#pragma once

#include "../support/valid_utf8.hpp"
// Shared helpers of the hostile-server suite: run the real check with -t 2
// against a misbehaving scripted server and check the invariants every run
// must keep, whatever the server did (docs/limits.md).

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "check_runner.hpp"
#include "scripted_smtp_server.hpp"
#include "temp_dir.hpp"
#include "test_certificate.hpp"

namespace smtp_ping::test::hostile {

inline constexpr int exit_ok = 0;
inline constexpr int exit_warning = 1;
inline constexpr int exit_critical = 2;
inline constexpr int exit_unknown = 3;

// Every hostile check runs with -t 2 and must be over (process start to exit)
// within t + 0.2 s; the runner kills it after the hard limit.
inline constexpr const char* kTimeoutArgument = "2";
inline constexpr Millis kDeadlineBound{2'200};
inline constexpr Millis kHardLimit{8'000};

inline std::vector<std::string> arguments_for(const ScriptedSmtpServer& server, std::initializer_list<std::string> extra) {
  std::vector<std::string> args{"-H", "127.0.0.1", "-p", std::to_string(server.port()), "-F", "me", "-t",
                                kTimeoutArgument};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

inline CheckRun hostile_check(const ScriptedSmtpServer& server, std::initializer_list<std::string> extra = {}) {
  return run_check(arguments_for(server, extra), kHardLimit);
}

inline bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

inline std::size_t count_of(std::string_view text, char c) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), c));
}


// C1 controls (U+0080..U+009F) encoded as UTF-8: 0xC2 0x80..0x9F. A terminal
// takes U+009B as CSI, so they are as dangerous as ESC.
inline bool has_c1_control(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) == 0xC2 && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return true;
  return false;
}

// Control bytes other than the line feeds that end the output's lines.
inline bool has_control_byte(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\n') || byte == 0x7F;
  });
}

// A string literal with its embedded NUL bytes kept.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

inline std::size_t line_count(std::string_view text) { return count_of(text, '\n'); }

// The plugin-output invariants: one status line with exactly one '|', every
// line ended by LF, no ESC, NUL, CR or other control byte, valid UTF-8.
inline void expect_safe_plugin_output(const CheckRun& run) {
  SCOPED_TRACE("plugin output safety");
  EXPECT_FALSE(run.out.empty()) << run.describe();
  EXPECT_EQ(count_of(run.out, '|'), 1u) << run.describe();
  EXPECT_FALSE(run.first_line().find('|') == std::string::npos) << "the '|' is not on the first line\n" << run.describe();
  EXPECT_TRUE(run.out.empty() || run.out.back() == '\n') << run.describe();
  EXPECT_FALSE(contains(run.out, "\x1b")) << "ESC in the output\n" << run.describe();
  EXPECT_FALSE(contains(run.out, std::string(1, '\0'))) << "NUL in the output\n" << run.describe();
  EXPECT_FALSE(contains(run.out, "\r")) << "raw CR in the output\n" << run.describe();
  EXPECT_FALSE(has_control_byte(run.out)) << run.describe();
  EXPECT_FALSE(has_c1_control(run.out)) << run.describe();
  EXPECT_TRUE(valid_utf8(run.out)) << "invalid UTF-8 in the output\n" << run.describe();
  EXPECT_TRUE(run.err.empty()) << run.describe();
}

inline void expect_safe_json_strings(const nlohmann::json& value, std::vector<std::string>& bad) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (has_control_byte(text) || contains(text, "\n") || has_c1_control(text) || !valid_utf8(text)) bad.push_back(text);
    return;
  }
  if (value.is_structured())
    for (const auto& item : value) expect_safe_json_strings(item, bad);
}

// The JSON-output invariants: exactly one line, one parseable document, and
// no string in it carries control characters (escaped or not), invalid UTF-8
// or a C1 control.
inline nlohmann::json expect_safe_json_output(const CheckRun& run) {
  SCOPED_TRACE("JSON output safety");
  EXPECT_EQ(line_count(run.out), 1u) << run.describe();
  EXPECT_TRUE(valid_utf8(run.out)) << run.describe();
  EXPECT_FALSE(has_control_byte(run.out)) << run.describe();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(run.out);
  } catch (const nlohmann::json::exception& error) {
    ADD_FAILURE() << "JSON does not parse: " << error.what() << "\n" << run.describe();
    return document;
  }
  std::vector<std::string> bad;
  expect_safe_json_strings(document, bad);
  EXPECT_TRUE(bad.empty()) << bad.size() << " unsafe string(s) in the JSON, first: '" << (bad.empty() ? "" : bad[0])
                           << "'\n"
                           << run.describe();
  // Server text must not turn into perfdata items.
  if (document.contains("perfdata") && document["perfdata"].is_array())
    for (const auto& item : document["perfdata"]) {
      const std::string label = item.value("label", "");
      EXPECT_TRUE(label == "dns" || label == "connect" || label == "tls" || label == "banner" || label == "ehlo" ||
                  label == "starttls" || label == "ehlo_tls" || label == "auth" || label == "mail" ||
                  label == "rcpt" || label == "data" || label == "command" || label == "quit" || label == "total" ||
                  label == "cert_days")
          << "unexpected perfdata label '" << label << "'\n"
          << run.describe();
    }
  return document;
}

// Over within the deadline (t + 0.2 s from process start), never killed.
inline void expect_within_deadline(const CheckRun& run) {
  EXPECT_FALSE(run.killed) << run.describe();
  EXPECT_EQ(run.signal, 0) << run.describe();
  EXPECT_LE(run.wall, kDeadlineBound) << run.describe();
}

// "SMTP CRITICAL - 127.0.0.1:PORT: banner failed: ..."
inline void expect_failed_in(const CheckRun& run, const std::string& phase) {
  EXPECT_TRUE(contains(run.first_line(), ": " + phase + " failed: ")) << "expected phase " << phase << "\n"
                                                                        << run.describe();
}

inline void expect_state(const CheckRun& run, int exit_code, const char* state_word) {
  EXPECT_EQ(run.exit_code, exit_code) << run.describe();
  EXPECT_EQ(run.first_line().rfind(std::string("SMTP ") + state_word + " - ", 0), 0u) << run.describe();
}

// The whole contract of a hostile case that ends in a failure.
inline void expect_hostile_failure(const CheckRun& run, int exit_code, const char* state_word,
                                   const std::string& phase) {
  expect_within_deadline(run);
  expect_state(run, exit_code, state_word);
  expect_failed_in(run, phase);
  expect_safe_plugin_output(run);
}

// A reply text of `lines` lines joined by '\n' for reply(), each "CODE-text",
// the last "CODE text".
inline std::string multi_line(const std::string& code, const std::vector<std::string>& texts) {
  std::string joined;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i) joined += '\n';
    joined += code + (i + 1 == texts.size() ? " " : "-") + texts[i];
  }
  return joined;
}

// A server with TLS (a fresh self-signed certificate) and the given fault.
struct TlsServerFiles {
  TempDir directory;
  CertificateFiles files = make_self_signed_certificate(directory.path().string(), "hostile");

  TlsSettings settings(bool implicit, TlsFault fault) const {
    TlsSettings tls;
    tls.cert_file = files.cert_file;
    tls.key_file = files.key_file;
    tls.implicit = implicit;
    tls.fault = fault;
    return tls;
  }
};

}  // namespace smtp_ping::test::hostile
