#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/value_semantic.hpp>

#include "option_test_support.hpp"
#include "options/check_config.hpp"
#include "options/extra_opts.hpp"

namespace smtp_ping {
namespace {

using namespace option_test;

// --extra-opts through parse_command_line, with ini files in the test's temp dir.
// The environment variables that choose a default ini file are cleared, so
// a stray file on the machine never leaks into a test.
class ExtraOpts : public ::testing::Test {
 protected:
  std::string ini(const std::string& content) { return files_.create(content); }

 private:
  ClearedEnvironment environment_{"MP_CONFIG_FILE", "NAGIOS_CONFIG_PATH", "SMTP_PING_PASSWORD"};
  TempFiles files_;
};

TEST_F(ExtraOpts, NamedSectionAndFile) {
  const auto file = ini(
      "[other]\n"
      "port=1\n"
      "[smtp_relay]\n"
      "hostname=relay.example.org\n"
      "port=2525\n"
      "expect=ESMTP Postfix\n");
  const auto config = parse({"--extra-opts=smtp_relay@" + file});
  EXPECT_EQ(config.probe.host, "relay.example.org");
  EXPECT_EQ(config.probe.port, 2525);
  EXPECT_EQ(config.probe.expect, std::string("ESMTP Postfix"));
}

TEST_F(ExtraOpts, FileAloneUsesTheProgramSection) {
  const auto file = ini(
      "[check_smtp]\n"
      "port=1\n"
      "[check_smtp_ping]\n"
      "hostname=mx.example.org\n"
      "port=587\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.host, "mx.example.org");
  EXPECT_EQ(config.probe.port, 587);
}

TEST_F(ExtraOpts, DefaultFileFromMpConfigFile) {
  const auto file = ini("[check_smtp_ping]\nhostname=from-default.example.org\n");
  ::setenv("MP_CONFIG_FILE", file.c_str(), 1);
  EXPECT_EQ(parse({"--extra-opts"}).probe.host, "from-default.example.org");
  EXPECT_EQ(parse({"--extra-opts="}).probe.host, "from-default.example.org");
}

TEST_F(ExtraOpts, SectionInTheDefaultFile) {
  const auto file = ini("[mine]\nhostname=mine.example.org\n");
  ::setenv("MP_CONFIG_FILE", file.c_str(), 1);
  EXPECT_EQ(parse({"--extra-opts=mine"}).probe.host, "mine.example.org");
}

TEST_F(ExtraOpts, CommentsAndBlankLines) {
  const auto file = ini(
      "# a comment\n"
      "; another comment\n"
      "\n"
      "[check_smtp_ping]\n"
      "  # indented comment\n"
      "  ; indented comment\n"
      "hostname=mx.example.org\n"
      "\n"
      "; port=1\n"
      "# port=2\n"
      "port=3\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.host, "mx.example.org");
  EXPECT_EQ(config.probe.port, 3);
}

TEST_F(ExtraOpts, WhitespaceAroundKeysValuesAndSectionNames) {
  const auto file = ini("[ check_smtp_ping ]\n  hostname = mx.example.org  \n\tport\t=\t2525\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.host, "mx.example.org");
  EXPECT_EQ(config.probe.port, 2525);
}

TEST_F(ExtraOpts, CrlfFile) {
  const auto file = ini("[check_smtp_ping]\r\nhostname=mx.example.org\r\nport=26\r\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.host, "mx.example.org");
  EXPECT_EQ(config.probe.port, 26);
}

TEST_F(ExtraOpts, LongKeys) {
  const auto file = ini(
      "[check_smtp_ping]\n"
      "hostname=mx.example.org\n"
      "fqdn=probe.example.org\n"
      "from=probe@example.org\n"
      "rcpt=postmaster@example.org\n"
      "timeout=2.5\n"
      "timeout-state=unknown\n"
      "warning=banner=0.5\n"
      "critical=3\n"
      "command=NOOP\n"
      "response=^250\n"
      "output=json\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.hello_name, "probe.example.org");
  EXPECT_EQ(config.probe.mail_from, std::string("probe@example.org"));
  EXPECT_EQ(config.probe.rcpt_to, (Strings{"postmaster@example.org"}));
  EXPECT_EQ(config.probe.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(config.policy.timeout_state, State::unknown);
  ASSERT_EQ(config.policy.thresholds.phases.count(Phase::banner), 1u);
  EXPECT_DOUBLE_EQ(config.policy.thresholds.phases.at(Phase::banner).warning->end, 0.5);
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.critical->end, 3);
  ASSERT_EQ(config.probe.commands.size(), 1u);
  EXPECT_EQ(config.probe.commands[0].command, "NOOP");
  EXPECT_EQ(config.probe.commands[0].expect_regex, std::string("^250"));
  EXPECT_EQ(config.output, OutputFormat::json);
}

TEST_F(ExtraOpts, OneCharKeysWithValues) {
  const auto file = ini("[check_smtp_ping]\nH=mx.example.org\np=2525\ne=ESMTP\nt=7\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.host, "mx.example.org");
  EXPECT_EQ(config.probe.port, 2525);
  EXPECT_EQ(config.probe.expect, std::string("ESMTP"));
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(7));
}

TEST_F(ExtraOpts, LongFlagKeysWithEmptyValue) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nstarttls=\nlmtp=\nignore-quit-failure=\nproxy=\nverbose=\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.tls.mode, TlsMode::starttls);
  EXPECT_EQ(config.probe.hello_verb, HelloVerb::lhlo);
  EXPECT_TRUE(config.probe.ignore_quit_failure);
  EXPECT_TRUE(config.probe.proxy_header);
  EXPECT_EQ(config.verbosity, 1);
}

TEST_F(ExtraOpts, LongAliasFlagKey) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\ntls=\n");
  EXPECT_EQ(parse({"--extra-opts=@" + file}).probe.tls.mode, TlsMode::implicit);
}

// Regression (fixed): a one-character key of a flag ("S=", "v=", "q=") becomes two tokens,
// "-S" and "" (an empty positional host), so a host on the command line gives
// "unexpected argument: give the host once, with -H" and without one the host is
// "". extra_opts_tokens() (lib/options/extra_opts.cpp) asks
// known.find_nothrow(key, false) with key "S", but Boost stores short names
// as "-S", so the flag is not found and is_flag is false. Expected tokens: {"-S"}
// (monitoring-plugins turns "S=" into "-S"). See ExtraOptsTokens below.
TEST_F(ExtraOpts, OneCharFlagKeysWithEmptyValue) {
  const auto file = ini("[check_smtp_ping]\nH=mx.example.org\nS=\nq=\n");
  CheckConfig config;
  try {
    config = parse({"--extra-opts=@" + file});
  } catch (const UsageError& error) {
    FAIL() << "UsageError: " << error.what();
  }
  EXPECT_EQ(config.probe.host, "mx.example.org");
  EXPECT_EQ(config.probe.tls.mode, TlsMode::starttls);
  EXPECT_TRUE(config.probe.ignore_quit_failure);
}

// Regression (fixed): same cause as OneCharFlagKeysWithEmptyValue.
TEST_F(ExtraOpts, OneCharFlagKeyWithHostOnTheCommandLine) {
  const auto file = ini("[check_smtp_ping]\nv=\n");
  CheckConfig config;
  try {
    config = parse({"--extra-opts=@" + file, "mx.example.org"});
  } catch (const UsageError& error) {
    FAIL() << "UsageError: " << error.what();
  }
  EXPECT_EQ(config.probe.host, "mx.example.org");
  EXPECT_EQ(config.verbosity, 1);
}

TEST_F(ExtraOpts, RepeatedKeysRepeatTheOption) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nrcpt=a@example.org\nrcpt=b@example.org\nC=NOOP\nC=RSET\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.rcpt_to, (Strings{"a@example.org", "b@example.org"}));
  ASSERT_EQ(config.probe.commands.size(), 2u);
  EXPECT_EQ(config.probe.commands[1].command, "RSET");
}

TEST_F(ExtraOpts, CommandLineOverridesTheIni) {
  const auto file = ini("[check_smtp_ping]\nhostname=ini.example.org\nport=2525\ntimeout=30\nexpect=ini\n");
  const auto config = parse({"--extra-opts=@" + file, "-H", "cli.example.org", "-p", "587"});
  EXPECT_EQ(config.probe.host, "cli.example.org");
  EXPECT_EQ(config.probe.port, 587);
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(30));  // not overridden
  EXPECT_EQ(config.probe.expect, std::string("ini"));
}

TEST_F(ExtraOpts, CommandLineBeforeExtraOptsStillWins) {
  const auto file = ini("[check_smtp_ping]\nport=2525\n");
  EXPECT_EQ(parse({"-H", "mx", "-p", "587", "--extra-opts=@" + file}).probe.port, 587);
}

// check_smtp takes a word as the host only without -H; the ini's hostname is a -H.
TEST_F(ExtraOpts, IniHostWinsOverAPositionalWord) {
  const auto file = ini("[check_smtp_ping]\nhostname=ini.example.org\n");
  const auto config = parse({"--extra-opts=@" + file, "cli.example.org"});
  EXPECT_EQ(config.probe.host, "ini.example.org");
  ASSERT_EQ(config.notes.size(), 1u);
  EXPECT_TRUE(mentions(config.notes.front(), "cli.example.org"));
}

TEST_F(ExtraOpts, RepeatableOptionsAddUp) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nrcpt=ini@example.org\n");
  EXPECT_EQ(parse({"--extra-opts=@" + file, "--rcpt", "cli@example.org"}).probe.rcpt_to,
            (Strings{"ini@example.org", "cli@example.org"}));
}

TEST_F(ExtraOpts, TwoExtraOptsInOrder) {
  const auto file = ini("[a]\nhostname=a.example.org\nport=1025\n[b]\nport=2025\n");
  const auto config = parse({"--extra-opts=a@" + file, "--extra-opts=b@" + file});
  EXPECT_EQ(config.probe.host, "a.example.org");
  EXPECT_EQ(config.probe.port, 2025);
}

TEST_F(ExtraOpts, ValueWithEqualsSign) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nauthuser=u\nauthpass=a=b==\n");
  EXPECT_EQ(parse({"--extra-opts=@" + file}).probe.auth.secret, "a=b==");
}

TEST_F(ExtraOpts, EmptySectionIsFine) {
  const auto file = ini("[check_smtp_ping]\n[other]\nport=1\n");
  const auto config = parse({"--extra-opts=@" + file, "-H", "mx"});
  EXPECT_EQ(config.probe.host, "mx");
  EXPECT_FALSE(config.probe.port);
}

TEST_F(ExtraOpts, MissingSectionIsAnError) {
  const auto file = ini("[other]\nport=1\n");
  const auto message = usage_error({"--extra-opts=nosuch@" + file, "-H", "mx"});
  EXPECT_TRUE(mentions(message, "nosuch")) << message;
  EXPECT_TRUE(mentions(message, file)) << message;
}

TEST_F(ExtraOpts, MissingDefaultSectionIsAnError) {
  const auto file = ini("[check_smtp]\nport=1\n");
  EXPECT_TRUE(mentions(usage_error({"--extra-opts=@" + file, "-H", "mx"}), "check_smtp_ping"));
}

TEST_F(ExtraOpts, OptionsBeforeTheFirstSectionAreAnError) {
  const auto file = ini("port=1\n[check_smtp_ping]\nhostname=mx\n");
  const auto message = usage_error({"--extra-opts=@" + file});
  EXPECT_TRUE(mentions(message, file)) << message;
  EXPECT_TRUE(mentions(message, "section")) << message;
}

TEST_F(ExtraOpts, LineWithoutEqualsIsAnError) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nstarttls\n");
  EXPECT_TRUE(mentions(usage_error({"--extra-opts=@" + file}), "starttls"));
}

TEST_F(ExtraOpts, MissingFileIsAnError) {
  const std::string missing = ::testing::TempDir() + "smtp_ping_no_such_ini";
  const auto message = usage_error({"--extra-opts=@" + missing, "-H", "mx"});
  EXPECT_TRUE(mentions(message, missing)) << message;
}

TEST_F(ExtraOpts, NoDefaultFileIsAnErrorOrUsesOneOnTheMachine) {
  // Without MP_CONFIG_FILE and NAGIOS_CONFIG_PATH only the standard locations
  // remain; on a test machine they normally do not exist.
  for (const char* path : {"/etc/monitoring-plugins/monitoring-plugins.ini", "/etc/monitoring-plugins.ini",
                           "/etc/nagios/plugins.ini", "/etc/nagios-plugins.ini",
                           "/usr/local/etc/monitoring-plugins/monitoring-plugins.ini"})
    if (::access(path, R_OK) == 0) GTEST_SKIP() << path << " exists on this machine";
  EXPECT_TRUE(mentions(usage_error({"--extra-opts", "-H", "mx"}), "--extra-opts"));
}

TEST_F(ExtraOpts, DefaultFileFromNagiosConfigPath) {
  const std::string dir = ::testing::TempDir() + "smtp_ping_ncp_XXXXXX";
  std::string made = dir;
  ASSERT_NE(::mkdtemp(made.data()), nullptr);
  const std::string file = made + "/plugins.ini";
  std::ofstream(file) << "[check_smtp_ping]\nhostname=ncp.example.org\n";
  ::setenv("NAGIOS_CONFIG_PATH", ("/nonexistent:" + made).c_str(), 1);
  const auto host = parse({"--extra-opts"}).probe.host;
  std::remove(file.c_str());
  ::rmdir(made.c_str());
  EXPECT_EQ(host, "ncp.example.org");
}

TEST_F(ExtraOpts, UnknownKeyIsAnErrorNamingIt) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nfrobnicate=1\n");
  EXPECT_TRUE(mentions(usage_error({"--extra-opts=@" + file}), "frobnicate"));
}

TEST_F(ExtraOpts, BadValueInIniIsAnErrorNamingTheOption) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nport=99999\n");
  EXPECT_TRUE(mentions(usage_error({"--extra-opts=@" + file}), "-p/--port"));
}

TEST_F(ExtraOpts, ValidCommandLineValueReplacesABadIniValue) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nport=99999\n");
  EXPECT_EQ(parse({"--extra-opts=@" + file, "-p", "25"}).probe.port, 25);
}

TEST_F(ExtraOpts, PasswordFromIni) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nauthtype=PLAIN\nauthuser=alice\nauthpass=s3cret\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.auth.user, "alice");
  EXPECT_EQ(config.probe.auth.secret, "s3cret");
}

// monitoring-plugins' parse_ini takes ';' and '#' as comments only at the start
// of a line: a password or an -e text may hold them (check_smtp -e "a # b" does).
TEST_F(ExtraOpts, HashInsideAValueIsPartOfItAsInMonitoringPlugins) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\nexpect=ESMTP # Postfix ; really\nauthuser=u\n"
                        "authpass=pa#ss;word\n  # a comment\n\t; another\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.expect, std::string("ESMTP # Postfix ; really"));
  EXPECT_EQ(config.probe.auth.secret, "pa#ss;word");
}

// A shared ini: another plugin's section may hold lines we could not parse.
TEST_F(ExtraOpts, OtherSectionsAreNeverParsed) {
  const auto file = ini("[check_imap]\nodd line without equals\n=no key\n[check_smtp_ping]\nhostname=mx\n"
                        "[check_pop]\nanother odd line\n");
  EXPECT_EQ(parse({"--extra-opts=@" + file}).probe.host, "mx");
}

TEST_F(ExtraOpts, BadLineInOurSectionIsAnError) {
  for (const char* line : {"starttls", "= value"}) {
    const auto file = ini(std::string("[check_smtp_ping]\nhostname=mx\n") + line + "\n");
    EXPECT_TRUE(mentions(usage_error({"--extra-opts=@" + file}), file)) << line;
  }
}

TEST_F(ExtraOpts, SectionAppearingTwiceAddsUp) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx\n[other]\nport=1\n[ check_smtp_ping ]\nport=2525\n");
  const auto config = parse({"--extra-opts=@" + file});
  EXPECT_EQ(config.probe.host, "mx");
  EXPECT_EQ(config.probe.port, 2525);
}

// A link named check_smtp reads [check_smtp], as check_smtp did.
TEST_F(ExtraOpts, DefaultSectionIsTheNameWeWereCalledBy) {
  const auto file = ini("[check_smtp_ping]\nport=1\n[check_smtp]\nhostname=mx\nport=587\n");
  const auto parsed = parse_command_line({"--extra-opts=@" + file}, "check_smtp");
  EXPECT_EQ(parsed.config.probe.host, "mx");
  EXPECT_EQ(parsed.config.probe.port, 587);
  EXPECT_EQ(parse({"--extra-opts=@" + file, "-H", "mx"}).probe.port, 1);
}

// Icinga 2 renders "--extra-opts" and its value as two arguments.
TEST_F(ExtraOpts, ValueAsTheNextArgument) {
  const auto file = ini("[smtp]\nhostname=mx\nport=2525\n");
  EXPECT_EQ(parse({"--extra-opts", "smtp@" + file, "-t", "5"}).probe.port, 2525);
  // The next argument is an option: a bare --extra-opts (default section and file).
  ::setenv("MP_CONFIG_FILE", ini("[check_smtp_ping]\nport=2526\n").c_str(), 1);
  EXPECT_EQ(parse({"--extra-opts", "-H", "mx"}).probe.port, 2526);
  EXPECT_EQ(parse({"-H", "mx", "--extra-opts"}).probe.port, 2526);
}

TEST_F(ExtraOpts, BareExtraOptsAddsToTheOthers) {
  ::setenv("MP_CONFIG_FILE", ini("[check_smtp_ping]\nport=2526\n").c_str(), 1);
  const auto named = ini("[named]\nhostname=mx\nexpect=ESMTP\n");
  const auto config = parse({"--extra-opts=named@" + named, "--extra-opts"});
  EXPECT_EQ(config.probe.host, "mx");
  EXPECT_EQ(config.probe.expect, std::string("ESMTP"));
  EXPECT_EQ(config.probe.port, 2526);
}

// Issue 13's bounded, confinable reader under issue 12's rules (the program's
// section, SECTION@FILE as two arguments, a default file from MP_CONFIG_FILE).
TEST_F(ExtraOpts, FilesGoThroughTheBoundedReaderWithTheSectionRules) {
  EXPECT_TRUE(mentions(usage_error({"--extra-opts", "smtp@/dev/zero", "-H", "mx"}), "not a regular file"));
  const auto file = ini("[check_smtp]\nhostname=relay.example.org\n[smtp]\nport=2525\n");
  FileAccess here;
  here.only_below = std::filesystem::path(file).parent_path().string();
  EXPECT_EQ(parse_command_line({"--extra-opts", "@" + file}, "check_smtp", here).config.probe.host,
            "relay.example.org");
  EXPECT_EQ(parse_command_line({"--extra-opts", "smtp@" + file, "-H", "mx"}, "check_smtp", here).config.probe.port,
            2525);
  ::setenv("MP_CONFIG_FILE", file.c_str(), 1);
  FileAccess elsewhere;
  elsewhere.only_below = "/nonexistent-smtp-ping-dir";
  for (const Args& args : {Args{"--extra-opts", "@" + file}, Args{"--extra-opts", "-H", "mx"}}) {
    try {
      parse_command_line(args, "check_smtp", elsewhere);
      ADD_FAILURE() << "read a file outside: " << args[1];
    } catch (const UsageError& error) {
      EXPECT_TRUE(mentions(error.what(), "is outside /nonexistent-smtp-ping-dir")) << error.what();
    }
  }
}

// monitoring-plugins takes MP_CONFIG_FILE whenever it is set.
TEST_F(ExtraOpts, EmptyMpConfigFileFindsNoFile) {
  ::setenv("MP_CONFIG_FILE", "", 1);
  EXPECT_TRUE(mentions(usage_error({"--extra-opts", "-H", "mx"}), "no config file"));
}

// An existing file counts even when it cannot be read (access(F_OK), as monitoring-plugins).
TEST_F(ExtraOpts, NagiosConfigPathSkipsEmptyEntriesAndTakesTheFirstExistingName) {
  std::string made = ::testing::TempDir() + "smtp_ping_ncp2_XXXXXX";
  ASSERT_NE(::mkdtemp(made.data()), nullptr);
  std::ofstream(made + "/nagios-plugins.ini") << "[check_smtp_ping]\nport=3\n";
  std::ofstream(made + "/monitoring-plugins.ini") << "[check_smtp_ping]\nport=1\n";
  ::setenv("NAGIOS_CONFIG_PATH", ("::/nonexistent::" + made + ":").c_str(), 1);
  const auto found = default_extra_opts_file();
  const auto port = parse({"--extra-opts", "-H", "mx"}).probe.port;
  std::remove((made + "/nagios-plugins.ini").c_str());
  std::remove((made + "/monitoring-plugins.ini").c_str());
  ::rmdir(made.c_str());
  EXPECT_EQ(found, made + "/monitoring-plugins.ini");
  EXPECT_EQ(port, 1);
}

TEST(IniSection, ReadsLikeParseIni) {
  const std::string text =
      "; comment\n# comment\n[a]\n key = value with spaces \nempty=\n[ b ]\nx=1\n[a]\nk2=v=2\r\n";
  const auto a = ini_section(text, "a", "f");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ((*a)[0].key, "key");
  EXPECT_EQ((*a)[0].value, "value with spaces");
  EXPECT_EQ((*a)[1].key, "empty");
  EXPECT_EQ((*a)[1].value, "");
  EXPECT_EQ((*a)[2].value, "v=2");
  const auto b = ini_section(text, "b", "f");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->size(), 1u);
  EXPECT_FALSE(ini_section(text, "c", "f"));
  EXPECT_FALSE(ini_section("[a\nk=v\n", "a", "f"));  // a header needs its ']'
  EXPECT_TRUE(ini_section("[a]\n", "a", "f"));
  EXPECT_THROW(ini_section("k=v\n[a]\n", "a", "f"), UsageError);
}

}  // namespace
}  // namespace smtp_ping

namespace smtp_ping {
namespace {

// The tokens extra_opts_tokens() makes, with a small option table like the real one.
class ExtraOptsTokens : public ExtraOpts {
 protected:
  static boost::program_options::options_description table() {
    namespace po = boost::program_options;
    po::options_description known;
    known.add_options()
        ("hostname,H", po::value<std::string>())
        ("port,p", po::value<std::string>())
        ("starttls,S", po::bool_switch())
        ("ssl,tls,s", po::bool_switch())
        ("verbose,v", po::bool_switch());
    return known;
  }
};

TEST_F(ExtraOptsTokens, LongKeys) {
  const auto file = ini("[check_smtp_ping]\nhostname=mx example\nport=25\nstarttls=\ntls=\n");
  EXPECT_EQ(extra_opts_tokens("@" + file, "check_smtp_ping", table()),
            (Strings{"--hostname=mx example", "--port=25", "--starttls", "--tls"}));
}

TEST_F(ExtraOptsTokens, OneCharKeyWithValue) {
  const auto file = ini("[s]\nH=mx\np=25\n");
  EXPECT_EQ(extra_opts_tokens("s@" + file, "check_smtp_ping", table()), (Strings{"-H", "mx", "-p", "25"}));
}

// Regression (fixed): see ExtraOpts.OneCharFlagKeysWithEmptyValue; actual {"-S", "", "-v", ""}.
TEST_F(ExtraOptsTokens, OneCharFlagKey) {
  const auto file = ini("[s]\nS=\nv=\n");
  EXPECT_EQ(extra_opts_tokens("s@" + file, "check_smtp_ping", table()), (Strings{"-S", "-v"}));
}

TEST_F(ExtraOptsTokens, EmptySection) {
  const auto file = ini("[s]\n[t]\nport=1\n");
  EXPECT_TRUE(extra_opts_tokens("s@" + file, "check_smtp_ping", table()).empty());
}

TEST_F(ExtraOptsTokens, DefaultSectionIsTheProgram) {
  const auto file = ini("[check_smtp_ping]\nport=1\n[prog]\nport=2\n");
  EXPECT_EQ(extra_opts_tokens("@" + file, "prog", table()), (Strings{"--port=2"}));
}

TEST_F(ExtraOptsTokens, DefaultFileFunction) {
  const auto file = ini("[x]\n");
  ::setenv("MP_CONFIG_FILE", file.c_str(), 1);
  EXPECT_EQ(default_extra_opts_file(), file);
}

}  // namespace
}  // namespace smtp_ping
