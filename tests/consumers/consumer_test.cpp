// The stock consumers of check_smtp, for real: Debian's nagios4 with its stock
// templates and /etc/nagios-plugins/config/mail.cfg, and Icinga 2 with its ITL
// CheckCommand "smtp". Each core runs a stand-in check_smtp that records the
// exact argv it executes and then runs ours, through a link named check_smtp,
// against the scripted test server on loopback.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <gtest/gtest.h>

#include "check_runner.hpp"
#include "consumer_support.hpp"
#include "scripted_smtp_server.hpp"
#include "temp_dir.hpp"
#include "test_certificate.hpp"

namespace smtp_ping::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kName = "demo.smtp-ping.test";
constexpr const char* kUser = "probe@smtp-ping.test";
constexpr const char* kSecret = "s3cret-Pa55word";
constexpr auto kCaptureWait = 90s;  // the cores schedule, fork and run; sanitizer builds are slow

using Strings = std::vector<std::string>;

bool contains_text(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Strings operator+(Strings first, const Strings& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

// The captures and the end of the core's log, for a failure message.
std::string describe(const std::vector<Capture>& captures, const std::string& log) {
  std::string text;
  for (const auto& capture : captures) {
    text += "capture '" + capture.tag + "' exit " + std::to_string(capture.exit_code) + " argv:";
    for (const auto& arg : capture.argv) text += " [" + arg + "]";
    text += "\n" + capture.out;
  }
  const std::string log_text = read_text(log);
  return text + "--- core log (end) ---\n" + log_text.substr(log_text.size() > 4000 ? log_text.size() - 4000 : 0);
}

const Capture* find_capture(const std::vector<Capture>& captures, bool (*wanted)(const Capture&)) {
  const auto found = std::find_if(captures.begin(), captures.end(), wanted);
  return found == captures.end() ? nullptr : &*found;
}

bool has_pair(const Strings& argv, const std::string& option, const std::string& value) {
  for (std::size_t i = 0; i + 1 < argv.size(); ++i)
    if (argv[i] == option && argv[i + 1] == value) return true;
  return false;
}

// A core's world in a temp dir: the stand-in plugins and the link named check_smtp.
class Consumer : public ::testing::Test {
 protected:
  Consumer() {
    for (const char* dir : {"plugins", "capture", "bin"}) std::filesystem::create_directories(dir_.file(dir));
    for (const char* name : {"check_smtp", "check_smtp_ping"}) {
      std::filesystem::create_symlink(check_binary_path(), dir_.file(std::string("bin/") + name));
      write_capture_plugin(dir_.file("plugins"), name, dir_.file(std::string("bin/") + name), dir_.file("capture"));
    }
  }
  std::string path(const std::string& name) const { return dir_.file(name); }
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(dir_.file(name)) << content;
    return dir_.file(name);
  }

  TempDir dir_;
};

// ---- Nagios 4: Debian's mail.cfg and classic macro command lines ----

class Nagios : public Consumer {
 protected:
  // nagios.cfg over Debian's stock object files; mail.cfg with its plugin path
  // pointed at the stand-ins, every other byte as shipped.
  std::string configure(const std::string& objects) {
    std::string mail = read_text(DEBIAN_MAIL_CFG);
    mail = std::regex_replace(mail, std::regex("/usr/lib/nagios/plugins/"), path("plugins") + "/");
    write("mail.cfg", mail);
    write("objects.cfg", objects);
    write("resource.cfg", "$USER1$=" + path("plugins") + "\n");
    std::filesystem::create_directories(path("checkresults"));
    const std::string d = dir_.path().string();
    std::string cfg;
    for (const char* stock : {"templates.cfg", "timeperiods.cfg", "contacts.cfg", "commands.cfg"})
      cfg += "cfg_file=" NAGIOS4_OBJECTS_DIR "/" + std::string(stock) + "\n";
    cfg += "cfg_file=" DEBIAN_PING_CFG "\n";  // check-host-alive, used by the stock linux-server
    cfg += "cfg_file=" + d + "/mail.cfg\ncfg_file=" + d + "/objects.cfg\nresource_file=" + d + "/resource.cfg\n";
    for (const char* file : {"log_file=nagios.log", "status_file=status.dat", "lock_file=nagios.lock",
                             "temp_file=nagios.tmp", "check_result_path=checkresults",
                             "object_cache_file=objects.cache", "precached_object_file=objects.precache",
                             "state_retention_file=retention.dat", "command_file=nagios.cmd"}) {
      const std::string entry(file);
      const auto eq = entry.find('=');
      cfg += entry.substr(0, eq + 1) + d + "/" + entry.substr(eq + 1) + "\n";
    }
    cfg += "temp_path=" + d + "\nnagios_user=" + current_user() + "\nnagios_group=" + current_group() + "\n";
    cfg += "retain_state_information=0\ncheck_external_commands=1\nenable_environment_macros=1\n"
           "execute_host_checks=0\nenable_notifications=0\nmax_service_check_spread=1\n"
           "illegal_macro_output_chars=`~$&|'\"<>\n";  // as Debian's nagios.cfg
    return write("nagios.cfg", cfg);
  }

  // SCHEDULE_FORCED_SVC_CHECK through the command pipe, once it has a reader.
  bool force_checks(const std::string& host, const Strings& services) {
    for (int attempt = 0; attempt < 300; ++attempt) {  // bounded: 30 s
      const int fd = ::open(path("nagios.cmd").c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0) {
        std::string commands;
        const std::string now = std::to_string(std::time(nullptr));
        for (const auto& service : services)
          commands += "[" + now + "] SCHEDULE_FORCED_SVC_CHECK;" + host + ";" + service + ";" + now + "\n";
        const bool written = ::write(fd, commands.data(), commands.size()) == static_cast<ssize_t>(commands.size());
        ::close(fd);
        if (written) return true;
      }
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }
};

TEST_F(Nagios, DebianMailCfgAndMacroCommandLines) {
  ScriptedSmtpServer server;
  const std::string port = std::to_string(server.port());
  const auto config = configure(
      "define host {\n  use linux-server\n  host_name mx.example.org\n  address 127.0.0.1\n}\n"
      "define command {\n  command_name check_smtp_macros\n"
      "  command_line $USER1$/check_smtp -H $HOSTADDRESS$ -p $ARG1$ -w $ARG2$ -c $ARG3$ -e '$ARG4$' -F $HOSTNAME$ "
      "$ARG5$\n}\n"
      "define service {\n  use generic-service\n  host_name mx.example.org\n  service_description empty arg1\n"
      "  check_command check_smtp!\n}\n"
      "define service {\n  use generic-service\n  host_name mx.example.org\n  service_description option arg1\n"
      "  check_command check_smtp!-p " + port + "\n}\n"
      "define service {\n  use generic-service\n  host_name mx.example.org\n  service_description ipv4\n"
      "  check_command check_smtp_4!-p " + port + "\n}\n"
      "define service {\n  use generic-service\n  host_name mx.example.org\n  service_description macros\n"
      "  check_command check_smtp_macros!" + port + "!5!8!ESMTP smtp-ping!-t 15 -f nagios@example.org\n}\n");

  const auto verify = run_program(NAGIOS4_PROGRAM, {"-v", config}, 60s);
  ASSERT_EQ(verify.exit_code, 0) << verify.describe();
  ASSERT_TRUE(contains_text(verify.out, "Total Warnings: 0")) << verify.describe();

  Daemon nagios({NAGIOS4_PROGRAM, config}, path("daemon.log"));
  ASSERT_TRUE(force_checks("mx.example.org", {"empty arg1", "option arg1", "ipv4", "macros"}))
      << read_text(path("daemon.log")) << read_text(path("nagios.log"));
  const auto captures = wait_for_captures(path("capture"), kCaptureWait,
                                          [](const std::vector<Capture>& seen) { return seen.size() >= 4; });
  ASSERT_EQ(captures.size(), 4u) << describe(captures, path("nagios.log"));
  const std::string log = path("nagios.log");

  auto tagged = [&](const std::string& tag) {
    const auto found = std::find_if(captures.begin(), captures.end(), [&](const Capture& c) { return c.tag == tag; });
    return found == captures.end() ? Capture{} : *found;
  };
  // '$ARG1$' left empty: one empty argument. Port 25 is not ours to use here;
  // interop runs this argv against Postfix.
  EXPECT_EQ(tagged("empty arg1").argv, (Strings{"-H", "127.0.0.1", ""})) << describe(captures, log);
  EXPECT_TRUE(contains_text(tagged("empty arg1").out, "127.0.0.1:25")) << describe(captures, log);

  const Capture option = tagged("option arg1");
  EXPECT_EQ(option.argv, (Strings{"-H", "127.0.0.1", "-p " + port})) << describe(captures, log);
  EXPECT_EQ(option.exit_code, 0) << describe(captures, log);

  const Capture ipv4 = tagged("ipv4");
  EXPECT_EQ(ipv4.argv, (Strings{"-H", "127.0.0.1", "-4", "-p " + port})) << describe(captures, log);
  EXPECT_EQ(ipv4.exit_code, 0) << describe(captures, log);

  const Capture macros = tagged("macros");
  EXPECT_EQ(macros.argv, (Strings{"-H", "127.0.0.1", "-p", port, "-w", "5", "-c", "8", "-e", "ESMTP smtp-ping", "-F",
                                  "mx.example.org", "-t", "15", "-f", "nagios@example.org"}))
      << describe(captures, log);
  EXPECT_EQ(macros.exit_code, 0) << describe(captures, log);
  ASSERT_TRUE(server.wait_for_finished(3, 10s));
  bool helo_from_macro = false;
  for (const auto& record : server.connections()) helo_from_macro = helo_from_macro || record.received("EHLO mx.example.org");
  EXPECT_TRUE(helo_from_macro);
}

// ---- Icinga 2: the ITL CheckCommand "smtp" with every smtp_* variable ----

class Icinga : public Consumer {
 protected:
  Strings defines() const {
    const std::string d = dir_.path().string();
    return {"-DConfiguration.RunAsUser=" + current_user(), "-DConfiguration.RunAsGroup=" + current_group(),
            "-DConfiguration.CacheDir=" + d + "/cache",     "-DConfiguration.DataDir=" + d + "/lib",
            "-DConfiguration.LogDir=" + d + "/log",         "-DConfiguration.InitRunDir=" + d + "/run",
            "-DConfiguration.SpoolDir=" + d + "/spool"};
  }
  std::string configure(const std::string& objects) {
    for (const char* dir : {"cache", "lib", "log", "run/icinga2", "spool"}) std::filesystem::create_directories(path(dir));
    return write("icinga2.conf",
                 "const PluginDir = \"" + path("plugins") + "\"\n"
                 "const NodeName = \"localhost\"\nconst ZoneName = NodeName\n"
                 "object Endpoint NodeName {}\nobject Zone ZoneName { endpoints = [ NodeName ] }\n"
                 "include <itl>\ninclude <plugins>\n"
                 "include \"" ICINGA2_STOCK_TEMPLATES "\"\n"
                 "include \"" SMTP_PING_ICINGA2_COMMAND "\"\n"
                 "object CheckerComponent \"checker\" {}\n" +
                     objects);
  }
};

constexpr char kFullHelo[] = "itl.example";
constexpr char kOursHelo[] = "ping.example";

template <const char* helo>
bool helo_is(const Capture& capture) {
  return has_pair(capture.argv, "-F", helo);
}
bool is_minimal(const Capture& capture) { return capture.argv.size() == 4; }

// Every smtp_* variable of the ITL command, as one stock service would set them.
std::string itl_variables(const std::string& port, const std::string& helo) {
  return "  vars.smtp_port = " + port + "\n"
         "  vars.smtp_mail_from = \"<icinga@example.org>\"\n"
         "  vars.smtp_expect = \"ESMTP\"\n"
         "  vars.smtp_command = [ \"NOOP\", \"NOOP\" ]\n"
         "  vars.smtp_response = [ \"^250\", \"^2\" ]\n"
         "  vars.smtp_helo_fqdn = \"" + helo + "\"\n"
         "  vars.smtp_certificate_age = \"30,14\"\n"
         "  vars.smtp_starttls = true\n"
         "  vars.smtp_authtype = \"LOGIN\"\n"
         "  vars.smtp_authuser = \"" + std::string(kUser) + "\"\n"
         "  vars.smtp_ignore_quit = true\n"
         "  vars.smtp_warning = 5\n"
         "  vars.smtp_critical = 8\n"
         "  vars.smtp_timeout = 15\n"
         "  vars.smtp_ipv4 = true\n"
         "  vars.smtp_ipv6 = false\n";
}

TEST_F(Icinga, ItlSmtpCommandWithEverySmtpVariable) {
  CertificateRequest request;  // the name only, as real certificates carry it
  request.dns_names = {kName};
  request.ip_addresses = {};
  request.valid_days = 400;
  const auto files = make_self_signed_certificate(dir_.path().string(), "server", request);
  ServerScript script;
  script.tls = TlsSettings{files.cert_file, files.key_file, false, TlsFault::none};
  script.auth = AuthSettings{kUser, kSecret};
  ScriptedSmtpServer server(script);
  const std::string port = std::to_string(server.port());

  const std::string host = "object Host \"mx.example.org\" {\n  import \"generic-host\"\n  address = \"127.0.0.1\"\n"
                           "  check_command = \"dummy\"\n}\n";
  auto service = [&](const std::string& name, const std::string& command, const std::string& vars) {
    return "object Service \"" + name + "\" {\n  import \"generic-service\"\n  host_name = \"mx.example.org\"\n"
           "  check_command = \"" + command + "\"\n  check_interval = 2s\n  retry_interval = 2s\n" + vars + "}\n";
  };
  const auto config = configure(
      host + service("itl-full", "smtp", itl_variables(port, kFullHelo) + "  vars.smtp_authpass = \"" + kSecret + "\"\n") +
      service("itl-minimal", "smtp", "  vars.smtp_port = " + port + "\n") +
      service("smtp-ping", "smtp_ping", itl_variables(port, kOursHelo) + "  vars.smtp_ping_password = \"" + kSecret + "\"\n"));

  const auto validate = run_program(ICINGA2_PROGRAM, Strings{"daemon", "-C", "-c", config} + defines(), 120s);
  ASSERT_EQ(validate.exit_code, 0) << validate.describe();

  // The trust store as an admin sets it: the core's environment reaches the plugins.
  Daemon icinga(Strings{ICINGA2_PROGRAM, "daemon", "-c", config} + defines(), path("daemon.log"),
                {{"SSL_CERT_FILE", files.cert_file}});
  const auto captures = wait_for_captures(path("capture"), kCaptureWait, [](const std::vector<Capture>& seen) {
    return seen.size() >= 3 && find_capture(seen, helo_is<kFullHelo>) && find_capture(seen, is_minimal) &&
           find_capture(seen, helo_is<kOursHelo>);
  });
  const std::string log = path("daemon.log");

  const auto* full = find_capture(captures, helo_is<kFullHelo>);
  ASSERT_NE(full, nullptr) << describe(captures, log);
  EXPECT_EQ(full->exit_code, 0) << describe(captures, log);
  // "-q true": the ITL gives -q a value; the word must neither be the host nor end the options.
  EXPECT_TRUE(has_pair(full->argv, "-q", "true")) << describe(captures, log);
  for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
           {"-H", "127.0.0.1"}, {"-p", port}, {"-f", "<icinga@example.org>"}, {"-e", "ESMTP"}, {"-D", "30,14"},
           {"-A", "LOGIN"}, {"-U", kUser}, {"-P", kSecret}, {"-w", "5"}, {"-c", "8"}, {"-t", "15"}})
    EXPECT_TRUE(has_pair(full->argv, option, value)) << option << "\n" << describe(captures, log);
  for (const char* flag : {"-S", "-4"})
    EXPECT_NE(std::find(full->argv.begin(), full->argv.end(), flag), full->argv.end()) << flag;
  EXPECT_TRUE(std::regex_search(full->out, std::regex("'auth'=[0-9.]+s"))) << describe(captures, log);
  EXPECT_TRUE(std::regex_search(full->out, std::regex("'total'=[0-9.]+s;5;8;0"))) << describe(captures, log);
  EXPECT_TRUE(std::regex_search(full->out, std::regex(R"('cert_days'=39\d(\.\d+)?;30:;14:)"))) << describe(captures, log);

  const auto* minimal = find_capture(captures, is_minimal);
  ASSERT_NE(minimal, nullptr) << describe(captures, log);
  EXPECT_TRUE(has_pair(minimal->argv, "-H", "127.0.0.1") && has_pair(minimal->argv, "-p", port))
      << describe(captures, log);
  EXPECT_EQ(minimal->exit_code, 0) << describe(captures, log);

  // Our CheckCommand "smtp_ping" takes the same variables (and the secret in the environment).
  const auto* ours = find_capture(captures, helo_is<kOursHelo>);
  ASSERT_NE(ours, nullptr) << describe(captures, log);
  EXPECT_EQ(ours->exit_code, 0) << describe(captures, log);
  EXPECT_EQ(std::find(ours->argv.begin(), ours->argv.end(), kSecret), ours->argv.end()) << "secret in argv";
}

}  // namespace
}  // namespace smtp_ping::test
