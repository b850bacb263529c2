// The libcurl mailbox client of the mail-flow check (lib/mailbox, issue 15)
// against a real Dovecot (Debian 12: 2.3.19): a private instance this test
// starts on loopback ports of its own (its own base_dir, Maildir and
// passwd-file under a temporary directory; the system's Dovecot is not
// touched), with STARTTLS, IMAPS and a \Junk folder. Messages are delivered
// the way an MDA does: written into Maildir/new. Needs root (Dovecot drops to
// `nobody` for the mail), dovecot-imapd and the openssl CLI; skipped without them.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "mail/message_integrity.hpp"
#include "mail/probe_message.hpp"
#include "mail/probe_token.hpp"
#include "mailbox/mailbox_client.hpp"
#include "mailbox/mailbox_wait.hpp"
#include "message_text.hpp"

#ifndef SMTP_PING_MAKE_TEST_CERTS
#error "SMTP_PING_MAKE_TEST_CERTS: the path of tests/interop/make-test-certs"
#endif

namespace smtp_ping {
namespace {

namespace fs = std::filesystem;
using Millis = std::chrono::milliseconds;
constexpr char kUser[] = "probe@smtp-ping.test";
constexpr char kPassword[] = "dovecot-interop-secret";
const char* const kDovecot = "/usr/sbin/dovecot";

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const std::uint16_t port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

bool accepts(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

class PrivateDovecot {
 public:
  PrivateDovecot() {
    char pattern[] = "/tmp/smtp-ping-dovecot.XXXXXX";
    if (!::mkdtemp(pattern)) return;
    dir_ = pattern;
    ::chmod(dir_.c_str(), 0755);
    fs::create_directories(dir_ / "run");
    fs::create_directories(dir_ / "home");
    const std::string certs = (dir_ / "certs").string();
    if (std::system((std::string(SMTP_PING_MAKE_TEST_CERTS) + " " + certs + " >/dev/null 2>&1").c_str()) != 0) return;
    ::chown((dir_ / "home").c_str(), 65534, 65534);  // nobody:nogroup
    std::ofstream(dir_ / "users") << kUser << ":{PLAIN}" << kPassword << "::::::\n";
    imap_port_ = free_port();
    imaps_port_ = free_port();
    pop3_port_ = has_pop3() ? free_port() : 0;
    const std::string d = dir_.string();
    std::ofstream(dir_ / "dovecot.conf")
        << "protocols = imap" << (pop3_port_ ? " pop3" : "") << "\nlisten = 127.0.0.1\nbase_dir = " << d << "/run\nstate_dir = " << d
        << "\nlog_path = " << d << "/dovecot.log\nssl = required\nssl_cert = <" << certs << "/valid.crt\nssl_key = <"
        << certs << "/valid.key\nauth_mechanisms = plain\nmail_location = maildir:" << d << "/home/Maildir\n"
        << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << d << "/users\n}\n"
        << "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=" << d << "/home\n}\n"
        << "namespace inbox {\n  inbox = yes\n  mailbox Junk {\n    special_use = \\Junk\n    auto = create\n  }\n}\n"
        << "service imap-login {\n  chroot =\n  inet_listener imap {\n    port = " << imap_port_
        << "\n  }\n  inet_listener imaps {\n    port = " << imaps_port_ << "\n    ssl = yes\n  }\n}\n"
        << "service anvil {\n  chroot =\n}\n";
    if (pop3_port_)
      std::ofstream(dir_ / "dovecot.conf", std::ios::app)
          << "service pop3-login {\n  chroot =\n  inet_listener pop3 {\n    port = " << pop3_port_ << "\n  }\n}\n";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kDovecot, kDovecot, "-F", "-c", (dir_ / "dovecot.conf").c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto listening = [this] {
      return accepts(imap_port_) && accepts(imaps_port_) && (pop3_port_ == 0 || accepts(pop3_port_));
    };
    for (int i = 0; i < 100 && !listening(); ++i) std::this_thread::sleep_for(Millis(50));
    ready_ = listening();
  }
  ~PrivateDovecot() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 100 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(Millis(50));
      if (::waitpid(pid_, &status, WNOHANG) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }
  PrivateDovecot(const PrivateDovecot&) = delete;
  PrivateDovecot& operator=(const PrivateDovecot&) = delete;

  static bool has_pop3() { return ::access("/usr/lib/dovecot/pop3", X_OK) == 0; }
  bool ready() const { return ready_; }
  std::string ca_file() const { return (dir_ / "certs" / "ca.crt").string(); }
  std::string url(const std::string& scheme) const {
    if (scheme == "pop3") return "pop3://127.0.0.1:" + std::to_string(pop3_port_) + "/";
    return scheme + "://127.0.0.1:" + std::to_string(scheme == "imaps" ? imaps_port_ : imap_port_) + "/INBOX";
  }
  // As an MDA delivers: written into tmp/, renamed into new/ (readable by Dovecot's `nobody`).
  void deliver(const std::string& folder, const std::string& text) {
    const fs::path maildir = dir_ / "home" / "Maildir" / (folder == "INBOX" ? "" : "." + folder);
    static int counter = 0;
    const std::string name = std::to_string(::time(nullptr)) + ".smtp-ping" + std::to_string(++counter) + ".interop";
    // An MDA creates a folder it delivers into when Dovecot has not yet (as dovecot-lda does);
    // Dovecot's own creation of an auto = create folder is not always on disk by now.
    for (const char* sub : {"tmp", "new", "cur"}) {
      if (fs::exists(maildir / sub)) continue;
      fs::create_directories(maildir / sub);
      if (::chown(maildir.c_str(), 65534, 65534) != 0 || ::chown((maildir / sub).c_str(), 65534, 65534) != 0)
        ADD_FAILURE() << "cannot give " << maildir / sub << " to nobody";
    }
    std::ofstream(maildir / "tmp" / name, std::ios::binary) << text;
    ::chmod((maildir / "tmp" / name).c_str(), 0644);
    fs::rename(maildir / "tmp" / name, maildir / "new" / name);
  }
  std::size_t stored(const std::string& folder) const {
    const fs::path maildir = dir_ / "home" / "Maildir" / (folder == "INBOX" ? "" : "." + folder);
    std::size_t count = 0;
    for (const char* sub : {"new", "cur"}) {
      std::error_code error;
      for (auto it = fs::directory_iterator(maildir / sub, error); !error && it != fs::directory_iterator(); ++it)
        ++count;
    }
    return count;
  }

 private:
  fs::path dir_;
  std::uint16_t imap_port_ = 0;
  std::uint16_t imaps_port_ = 0;
  std::uint16_t pop3_port_ = 0;
  pid_t pid_ = -1;
  bool ready_ = false;
};

class DovecotMailbox : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    curl_ready_ = mailbox::start_curl_mailbox_support();
    if (::geteuid() == 0 && ::access(kDovecot, X_OK) == 0 && ::access("/usr/lib/dovecot/imap", X_OK) == 0)
      dovecot_ = new PrivateDovecot();
  }
  static void TearDownTestSuite() {
    delete dovecot_;
    dovecot_ = nullptr;
    if (curl_ready_) mailbox::stop_curl_mailbox_support();
  }
  void SetUp() override {
    if (!dovecot_) GTEST_SKIP() << "needs root, dovecot-imapd and openssl";
    ASSERT_TRUE(dovecot_->ready()) << "the private Dovecot did not start";
  }

  std::unique_ptr<mailbox::MailboxClient> client(const std::string& scheme) {
    std::string problem;
    const auto url = mailbox::parse_mailbox_url(dovecot_->url(scheme), problem);
    EXPECT_TRUE(url) << problem;
    account_.url = *url;
    account_.user = kUser;
    account_.password = kPassword;
    account_.ca_file = dovecot_->ca_file();
    mailbox::MailboxError error;
    auto made = mailbox::make_curl_mailbox_client(account_, error);
    EXPECT_TRUE(made) << error.message;
    return made;
  }
  static ProbeMessage probe(const std::string& body_extra = {}) {
    ProbeMessageSpec spec;
    spec.from = kUser;
    spec.recipients = {kUser};
    spec.token = random_probe_token();
    spec.sent = std::chrono::system_clock::now();
    ProbeMessage message = compose_probe_message(spec);
    if (!body_extra.empty()) {
      message.body += body_extra;
      message.text += body_extra;
      message.digest = probe_body_digest(message.body);
    }
    return message;
  }
  static Deadline seconds(int count) { return Deadline::after(std::chrono::seconds(count)); }

  static inline PrivateDovecot* dovecot_ = nullptr;
  static inline bool curl_ready_ = false;
  mailbox::MailboxAccount account_;
};

TEST_F(DovecotMailbox, StartTlsRoundTripFindsADelayedDeliveryAndLeavesNoTrace) {
  auto imap = client("imap");
  ASSERT_FALSE(imap->open(seconds(5)));
  EXPECT_TRUE(imap->has_uidplus());
  const auto folders = imap->folders(seconds(5));
  ASSERT_FALSE(folders.error) << folders.error->message;
  EXPECT_EQ(folders.junk, std::vector<std::string>{"Junk"});

  const std::size_t before = dovecot_->stored("INBOX");
  const ProbeMessage sent = probe();
  Clock::time_point delivered{}, stored{};
  std::thread mda([&] {
    std::this_thread::sleep_for(Millis(700));
    delivered = Clock::now();
    dovecot_->deliver("INBOX", sent.text);
    stored = Clock::now();
  });
  const auto waited = mailbox::wait_for_probe(*imap, sent.token, {"INBOX", "Junk"}, seconds(10));
  mda.join();
  ASSERT_TRUE(waited.found) << (waited.error ? waited.error->message : "not found");
  EXPECT_EQ(waited.found->folder, "INBOX");
  // Found at the first search that could see it (Dovecot sees it thanks to the NOOP): the one
  // before began before the message was stored, and the finding one at most a poll interval after
  // the store. A search that began a moment before the delivery and sent its SEARCH after the store
  // finds it too: that race is why the bound is on the store, not on the delivery's start.
  EXPECT_LT(waited.previous_search_started, stored);
  EXPECT_LE(waited.found_search_started, stored + waited.resolution + Millis(250));
  RecordProperty("searches", waited.searches);
  RecordProperty("resolution_ms", static_cast<int>(waited.resolution.count()));
  RecordProperty("found_after_delivery_ms",
                 static_cast<int>(std::chrono::duration_cast<Millis>(waited.found_search_started - delivered).count()));

  const auto fetched = imap->fetch(*waited.found, seconds(5));
  ASSERT_FALSE(fetched.error) << fetched.error->message;
  const auto report = check_integrity(sent, parse_mail_message(fetched.content));
  EXPECT_TRUE(report.intact()) << (report.first_difference ? report.first_difference->line : 0);
  EXPECT_TRUE(fetched.internal_date);
  const auto removed = imap->remove(*waited.found, seconds(5));
  ASSERT_FALSE(removed.error) << removed.error->message;
  EXPECT_TRUE(removed.removed);
  imap->close();
  EXPECT_EQ(dovecot_->stored("INBOX"), before);
}

TEST_F(DovecotMailbox, ImapsJunkAndAProtocolLikeBody) {
  auto imap = client("imaps");
  ASSERT_FALSE(imap->open(seconds(5)));
  ASSERT_EQ(imap->folders(seconds(5)).junk, std::vector<std::string>{"Junk"});  // LIST creates it (auto = create)
  const ProbeMessage sent = probe(test::protocol_like_body());
  dovecot_->deliver("Junk", sent.text);
  const auto found = imap->search(sent.token, {"INBOX", "Junk"}, seconds(5));
  ASSERT_TRUE(found.found) << (found.error ? found.error->message : "not found");
  EXPECT_EQ(found.found->folder, "Junk");
  const auto fetched = imap->fetch(*found.found, seconds(5));
  ASSERT_FALSE(fetched.error) << fetched.error->message;
  EXPECT_TRUE(check_integrity(sent, parse_mail_message(fetched.content)).intact());
  EXPECT_TRUE(imap->remove(*found.found, seconds(5)).removed);
  // Still in step after the tricky body.
  EXPECT_FALSE(imap->search(sent.token, {"INBOX", "Junk"}, seconds(5)).found);
}

TEST_F(DovecotMailbox, StaleProbesGoOthersStay) {
  auto imap = client("imap");
  ASSERT_FALSE(imap->open(seconds(5)));
  const ProbeMessage stale = probe();
  const ProbeMessage current = probe();
  std::string foreign = probe().text;
  foreign.replace(foreign.find(std::string("From: ") + kUser), 6 + std::string(kUser).size(), "From: other@example.org");
  dovecot_->deliver("INBOX", stale.text);
  dovecot_->deliver("INBOX", current.text);
  dovecot_->deliver("INBOX", foreign);
  ASSERT_TRUE(imap->search(current.token, {"INBOX"}, seconds(5)).found);  // all three visible now
  const std::size_t before = dovecot_->stored("INBOX");
  mailbox::StaleProbeCriteria criteria;
  criteria.sender = kUser;
  criteria.current_token = current.token;
  criteria.older_than = ::time(nullptr) + 3600;  // everything counts as old here
  criteria.folders = {"INBOX", "Junk"};
  const auto removed = imap->remove_stale(criteria, seconds(5));
  ASSERT_FALSE(removed.error) << removed.error->message;
  std::size_t ours = 0;
  for (const auto& probe_found : removed.probes) {
    EXPECT_TRUE(probe_found.removed);
    ++ours;
  }
  EXPECT_GE(ours, 1u);  // the stale one (and any left by an earlier failed run)
  EXPECT_TRUE(imap->search(current.token, {"INBOX"}, seconds(5)).found);
  EXPECT_FALSE(imap->search(stale.token, {"INBOX"}, seconds(5)).found);
  EXPECT_EQ(dovecot_->stored("INBOX"), before - ours);
}

TEST_F(DovecotMailbox, Pop3StlsRoundTrip) {
  if (!PrivateDovecot::has_pop3()) GTEST_SKIP() << "needs dovecot-pop3d (scripts/deps test)";
  const std::size_t before = dovecot_->stored("INBOX");
  auto pop3 = client("pop3");
  ASSERT_FALSE(pop3->open(seconds(5)));
  const ProbeMessage sent = probe(test::protocol_like_body());
  std::thread mda([&] {
    std::this_thread::sleep_for(Millis(500));
    dovecot_->deliver("INBOX", sent.text);
  });
  const auto waited = mailbox::wait_for_probe(*pop3, sent.token, {"INBOX"}, seconds(10));
  mda.join();
  ASSERT_TRUE(waited.found) << (waited.error ? waited.error->message : "not found");
  RecordProperty("pop3_searches", waited.searches);
  const auto fetched = pop3->fetch(*waited.found, seconds(5));
  ASSERT_FALSE(fetched.error) << fetched.error->message;
  EXPECT_TRUE(check_integrity(sent, parse_mail_message(fetched.content)).intact());
  const auto removed = pop3->remove(*waited.found, seconds(5));
  ASSERT_FALSE(removed.error) << removed.error->message;
  EXPECT_TRUE(removed.removed);
  pop3.reset();
  for (int i = 0; i < 50 && dovecot_->stored("INBOX") != before; ++i) std::this_thread::sleep_for(Millis(50));
  EXPECT_EQ(dovecot_->stored("INBOX"), before);  // DELE took effect at QUIT
}

}  // namespace
}  // namespace smtp_ping
