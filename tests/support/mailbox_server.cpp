#include "mailbox_server.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "channel.hpp"
#include "imap_session.hpp"
#include "listen_socket.hpp"
#include "pop3_session.hpp"
#include "tls_server_context.hpp"

namespace smtp_ping::test {
namespace {

struct Listener {
  MailProtocol protocol = MailProtocol::imap;
  bool implicit_tls = false;
  UniqueFd fd;
  std::uint16_t port = 0;
};

Listener open_listener(const std::string& address, std::uint16_t port, MailProtocol protocol, bool implicit_tls) {
  Listener listener{protocol, implicit_tls, bind_tcp(address, port), 0};
  if (::listen(listener.fd.get(), 64) != 0) throw std::system_error(errno, std::generic_category(), "listen");
  listener.port = local_endpoint(listener.fd.get()).port;
  return listener;
}

}  // namespace

class MailboxServer::Impl {
 public:
  Impl(MailboxScript script, const MailboxListen& where)
      : script_(std::move(script)),
        address_(where.address),
        deadline_(SteadyClock::now() + script_.lifetime),
        mailbox_(script_.folders, script_.uid_validity, script_.faults.never_delivers) {
    if (!is_loopback(address_)) throw std::invalid_argument("the mailbox server listens on loopback only: " + address_);
    if (script_.tls) tls_.emplace(script_.tls->cert_file, script_.tls->key_file);
    listeners_.push_back(open_listener(address_, where.imap, MailProtocol::imap, false));
    listeners_.push_back(open_listener(address_, where.pop3, MailProtocol::pop3, false));
    if (tls_) {
      listeners_.push_back(open_listener(address_, where.imaps, MailProtocol::imap, true));
      listeners_.push_back(open_listener(address_, where.pop3s, MailProtocol::pop3, true));
    }
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~Impl() {
    stop();
    acceptor_.join();
    std::vector<std::thread> sessions;
    {
      std::lock_guard lock(sessions_mutex_);
      sessions.swap(sessions_);
    }
    for (auto& session : sessions) session.join();
  }

  void stop() {
    stop_.raise();
    book_.notify();
  }

  Mailbox& mailbox() { return mailbox_; }
  const MailboxScript& script() const { return script_; }
  const MailRecordBook& book() const { return book_; }
  int accepted() const { return accepted_; }
  bool stopped() const { return stop_.raised(); }

  std::uint16_t port(MailProtocol protocol, bool implicit_tls) const {
    for (const auto& listener : listeners_)
      if (listener.protocol == protocol && listener.implicit_tls == implicit_tls) return listener.port;
    return 0;
  }

  std::string host() const { return address_.find(':') != std::string::npos ? "[" + address_ + "]" : address_; }

 private:
  void accept_loop() {
    block_sigpipe_in_this_thread();
    for (;;) {
      std::vector<pollfd> entries;
      for (const auto& listener : listeners_) entries.push_back({listener.fd.get(), POLLIN, 0});
      entries.push_back({stop_.fd(), POLLIN, 0});
      const auto left = std::chrono::ceil<Millis>(deadline_ - SteadyClock::now()).count();
      if (left <= 0) break;
      if (::poll(entries.data(), entries.size(), static_cast<int>(std::min<long long>(left, 60'000))) < 0 &&
          errno != EINTR)
        break;
      if (entries.back().revents != 0) return;
      for (std::size_t i = 0; i < listeners_.size(); ++i)
        if (entries[i].revents != 0) accept_one(listeners_[i]);
    }
    stop();
  }

  void accept_one(const Listener& listener) {
    UniqueFd fd(::accept4(listener.fd.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!fd.valid()) return;
    MailConnectionRecord record;
    record.protocol = listener.protocol;
    record.implicit_tls = listener.implicit_tls;
    const auto peer = peer_endpoint(fd.get());
    record.peer_address = peer.address;
    record.peer_port = peer.port;
    record.local_port = listener.port;
    const int index = book_.open(std::move(record));
    ++accepted_;
    std::lock_guard lock(sessions_mutex_);
    sessions_.emplace_back(
        [this, index, protocol = listener.protocol, implicit = listener.implicit_tls,
         connection = std::move(fd)]() mutable { serve(index, protocol, implicit, std::move(connection)); });
  }

  void serve(int index, MailProtocol protocol, bool implicit_tls, UniqueFd fd) {
    block_sigpipe_in_this_thread();
    MailConnectionLog log(book_, index);
    try {
      Channel channel(std::move(fd), stop_, script_.idle_timeout);
      SSL_CTX* context = tls_ ? tls_->get() : nullptr;
      if (protocol == MailProtocol::imap)
        ImapSession(script_, mailbox_, channel, log, context, implicit_tls).run();
      else
        Pop3Session(script_, mailbox_, channel, log, context, implicit_tls).run();
    } catch (const ConnectionOver&) {
    } catch (const std::exception&) {
    }
    log.update([](MailConnectionRecord& r) { r.finished = true; });
  }

  const MailboxScript script_;
  const std::string address_;
  const SteadyClock::time_point deadline_;
  Mailbox mailbox_;
  std::optional<TlsServerContext> tls_;
  std::vector<Listener> listeners_;
  StopSignal stop_;
  MailRecordBook book_;
  std::atomic<int> accepted_{0};
  std::mutex sessions_mutex_;
  std::vector<std::thread> sessions_;
  std::thread acceptor_;
};

MailboxServer::MailboxServer(MailboxScript script, MailboxListen where)
    : impl_(std::make_unique<Impl>(std::move(script), where)) {}

MailboxServer::~MailboxServer() = default;

Mailbox& MailboxServer::mailbox() { return impl_->mailbox(); }
const MailboxScript& MailboxServer::script() const { return impl_->script(); }
std::uint16_t MailboxServer::port(MailProtocol protocol, bool implicit_tls) const {
  return impl_->port(protocol, implicit_tls);
}

std::string MailboxServer::url(const std::string& scheme, const std::string& path) const {
  std::uint16_t port = 0;
  if (scheme == "imap")
    port = impl_->port(MailProtocol::imap, false);
  else if (scheme == "imaps")
    port = impl_->port(MailProtocol::imap, true);
  else if (scheme == "pop3")
    port = impl_->port(MailProtocol::pop3, false);
  else if (scheme == "pop3s")
    port = impl_->port(MailProtocol::pop3, true);
  else
    throw std::invalid_argument("not a mailbox scheme: " + scheme);
  if (port == 0) throw std::invalid_argument(scheme + ": the server has no TLS");
  return scheme + "://" + impl_->host() + ":" + std::to_string(port) + "/" + path;
}

std::vector<MailConnectionRecord> MailboxServer::connections() const { return impl_->book().snapshot(); }
int MailboxServer::accepted() const { return impl_->accepted(); }
void MailboxServer::stop() { impl_->stop(); }
bool MailboxServer::done() const { return impl_->stopped(); }

bool MailboxServer::wait_for_finished(int count, Millis timeout) const {
  return impl_->book().wait_until(timeout, [count](const std::vector<MailConnectionRecord>& records) {
    return std::count_if(records.begin(), records.end(), [](const auto& r) { return r.finished; }) >= count;
  });
}

MailConnectionRecord MailboxServer::first_connection(Millis timeout) const {
  wait_for_finished(1, timeout);
  const auto records = connections();
  return records.empty() ? MailConnectionRecord{} : records.front();
}

}  // namespace smtp_ping::test
