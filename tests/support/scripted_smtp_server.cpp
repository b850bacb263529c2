#include "scripted_smtp_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <system_error>
#include <thread>

#include "channel.hpp"
#include "listen_socket.hpp"
#include "record_book.hpp"
#include "smtp_session.hpp"
#include "tls_server_context.hpp"

namespace smtp_ping::test {
namespace {

[[noreturn]] void throw_errno(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

}  // namespace

class ScriptedSmtpServer::Impl {
 public:
  Impl(ServerScript script, ListenAddress where)
      : script_(std::move(script)), where_(std::move(where)), deadline_(SteadyClock::now() + script_.lifetime) {
    if (script_.tls) tls_.emplace(script_.tls->cert_file, script_.tls->key_file);
    listener_ = where_.unix_path.empty() ? bind_tcp(where_.address, where_.port) : bind_unix(where_.unix_path);
    if (::listen(listener_.get(), 64) != 0) throw_errno("listen");
    port_ = local_endpoint(listener_.get()).port;
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
    if (!where_.unix_path.empty()) ::unlink(where_.unix_path.c_str());
  }

  void stop() {
    stop_.raise();
    book_.notify();
  }

  std::uint16_t port() const { return port_; }
  std::string address() const {
    if (!where_.unix_path.empty()) return where_.unix_path;
    const bool v6 = where_.address.find(':') != std::string::npos;
    return (v6 ? "[" + where_.address + "]" : where_.address) + ":" + std::to_string(port_);
  }
  const RecordBook& book() const { return book_; }
  int accepted() const { return accepted_; }
  const StopSignal& stop_signal() const { return stop_; }
  bool served_all() const {
    return script_.max_connections > 0 && accepted_ >= script_.max_connections &&
           book_.wait_until(Millis(0), [](const std::vector<ConnectionRecord>& records) {
             return std::all_of(records.begin(), records.end(), [](const auto& r) { return r.finished; });
           });
  }

 private:
  void accept_loop() {
    block_sigpipe_in_this_thread();
    while (script_.max_connections == 0 || accepted_ < script_.max_connections) {
      std::array<pollfd, 2> entries{{{listener_.get(), POLLIN, 0}, {stop_.fd(), POLLIN, 0}}};
      const auto left = std::chrono::ceil<Millis>(deadline_ - SteadyClock::now()).count();
      if (left <= 0) break;
      if (::poll(entries.data(), entries.size(), static_cast<int>(std::min<long long>(left, 60'000))) < 0 &&
          errno != EINTR)
        break;
      if (entries[1].revents != 0) return;
      if (entries[0].revents != 0) accept_one();
    }
    if (SteadyClock::now() >= deadline_) stop();
  }

  void accept_one() {
    UniqueFd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!fd.valid()) return;
    ConnectionRecord record;
    const auto peer = peer_endpoint(fd.get());
    record.peer_address = peer.address;
    record.peer_port = peer.port;
    record.local_port = local_endpoint(fd.get()).port;
    const int index = book_.open(std::move(record));
    ++accepted_;
    std::lock_guard lock(sessions_mutex_);
    sessions_.emplace_back([this, index, connection = std::move(fd)]() mutable { serve(index, std::move(connection)); });
  }

  void serve(int index, UniqueFd fd) {
    block_sigpipe_in_this_thread();
    const int others_open = open_++;
    ConnectionLog log(book_, index);
    try {
      Channel channel(std::move(fd), stop_, script_.idle_timeout);
      if (others_open > 0 && script_.delay_per_open_connection > Millis(0))
        channel.pause(script_.delay_per_open_connection * others_open);
      if (serve_channel(index, channel, log) == SmtpSession::Ending::reset) channel.reset();
    } catch (const ConnectionOver&) {
    } catch (const std::exception&) {
    }
    log.update([](ConnectionRecord& r) { r.finished = true; });
    --open_;
  }

  SmtpSession::Ending serve_channel(int index, Channel& channel, ConnectionLog log) {
    const auto fault = script_.connection_faults.find(index);
    if (fault != script_.connection_faults.end()) {
      if (fault->second == ConnectionFault::stall) channel.stall();
      return fault->second == ConnectionFault::reset ? SmtpSession::Ending::reset : SmtpSession::Ending::close;
    }
    if (script_.throttle_after > 0 && index > script_.throttle_after) {
      channel.write("421 4.7.0 " + script_.hostname + " Error: too many connections from 127.0.0.1\r\n");
      return SmtpSession::Ending::close;
    }
    if (picked_for_451(index)) {
      ServerScript tweaked = script_;
      tweaked.on("RCPT", reply("451 4.3.0 Temporary local problem - please try later"));
      SmtpSession session(tweaked, channel, log, tls_ ? tls_->get() : nullptr);
      return session.run();
    }
    SmtpSession session(script_, channel, log, tls_ ? tls_->get() : nullptr);
    return session.run();
  }

  bool picked_for_451(int index) const {
    if (script_.random_451_percent <= 0) return false;
    const std::uint32_t hash = static_cast<std::uint32_t>(index) * 2654435761u;  // Knuth's multiplicative hash
    return static_cast<int>((hash >> 16) % 100) < script_.random_451_percent;
  }

  const ServerScript script_;
  const ListenAddress where_;
  const SteadyClock::time_point deadline_;
  std::optional<TlsServerContext> tls_;
  UniqueFd listener_;
  std::uint16_t port_ = 0;
  StopSignal stop_;
  RecordBook book_;
  std::atomic<int> accepted_{0};
  std::atomic<int> open_{0};
  std::mutex sessions_mutex_;
  std::vector<std::thread> sessions_;
  std::thread acceptor_;
};

bool ConnectionRecord::received(std::string_view line) const {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

bool ConnectionRecord::received_prefix(std::string_view prefix) const {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.compare(0, prefix.size(), prefix) == 0; });
}

ScriptedSmtpServer::ScriptedSmtpServer(ServerScript script, ListenAddress where)
    : impl_(std::make_unique<Impl>(std::move(script), std::move(where))) {}

ScriptedSmtpServer::~ScriptedSmtpServer() = default;

std::uint16_t ScriptedSmtpServer::port() const { return impl_->port(); }
std::string ScriptedSmtpServer::address() const { return impl_->address(); }
std::vector<ConnectionRecord> ScriptedSmtpServer::connections() const { return impl_->book().snapshot(); }
int ScriptedSmtpServer::accepted() const { return impl_->accepted(); }
void ScriptedSmtpServer::stop() { impl_->stop(); }

bool ScriptedSmtpServer::wait_for_finished(int count, Millis timeout) const {
  return impl_->book().wait_until(timeout, [count](const std::vector<ConnectionRecord>& records) {
    const auto finished = std::count_if(records.begin(), records.end(), [](const auto& r) { return r.finished; });
    return finished >= count;
  });
}

ConnectionRecord ScriptedSmtpServer::first_connection(Millis timeout) const {
  wait_for_finished(1, timeout);
  const auto records = connections();
  return records.empty() ? ConnectionRecord{} : records.front();
}

bool ScriptedSmtpServer::done() const { return impl_->stop_signal().raised() || impl_->served_all(); }

void ScriptedSmtpServer::wait_until_stopped() const {
  while (!done()) {
    impl_->book().wait_until(Millis(100), [](const std::vector<ConnectionRecord>&) { return false; });
  }
}

}  // namespace smtp_ping::test
