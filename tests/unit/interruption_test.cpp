// Issue 13: a signal ends every wait of the core at once.
#include <poll.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "common/deadline.hpp"
#include "common/interruption.hpp"
#include "common/unique_fd.hpp"
#include "net/transport_error.hpp"
#include "net/wait_for_socket.hpp"

namespace smtp_ping {
namespace {

using namespace std::chrono_literals;

struct SocketPair {
  UniqueFd a, b;
  SocketPair() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    a.reset(fds[0]);
    b.reset(fds[1]);
  }
};

TransportError::Kind wait_kind(const SocketPair& pair, const Deadline& deadline) {
  try {
    wait_for_socket(pair.a.get(), POLLIN, deadline);
  } catch (const TransportError& error) {
    return error.kind();
  }
  return TransportError::Kind::io;
}

TEST(Interruption, ASignalRaisedBeforeTheWaitEndsItAtOnce) {
  Interruption interruption;
  SocketPair pair;
  const Deadline deadline(Clock::now() + 10s, &interruption);
  interruption.raise(SIGTERM);
  const auto start = Clock::now();
  EXPECT_EQ(wait_kind(pair, deadline), TransportError::Kind::interrupted);
  EXPECT_LT(Clock::now() - start, 1s);
  EXPECT_EQ(deadline.interrupting_signal(), SIGTERM);
}

TEST(Interruption, ASignalDuringTheWaitEndsIt) {
  Interruption interruption;
  SocketPair pair;
  const Deadline deadline(Clock::now() + 10s, &interruption);
  std::thread signaller([&] {
    std::this_thread::sleep_for(50ms);
    interruption.raise(SIGINT);
  });
  EXPECT_EQ(wait_kind(pair, deadline), TransportError::Kind::interrupted);
  signaller.join();
  EXPECT_EQ(signal_name(interruption.signal()), "SIGINT");
}

TEST(Interruption, AGraceDeadlineToleratesTheSignalsSoFar) {
  Interruption interruption;
  const Deadline deadline(Clock::now() + 10s, &interruption);
  interruption.raise(SIGTERM);
  const Deadline grace = deadline.grace(200ms);
  EXPECT_TRUE(deadline.interrupted());
  EXPECT_FALSE(grace.interrupted());
  EXPECT_LE(grace.at(), Clock::now() + 200ms);
  EXPECT_EQ(grace.wake_fd(), -1) << "its pipe is readable already";
  interruption.raise(SIGTERM);
  EXPECT_TRUE(grace.interrupted()) << "a second signal ends the grace";
}

TEST(Interruption, WithoutOneDeadlinesOnlyTime) {
  SocketPair pair;
  const Deadline deadline = Deadline::after(20ms);
  EXPECT_EQ(deadline.wake_fd(), -1);
  EXPECT_EQ(wait_kind(pair, deadline), TransportError::Kind::timeout);
  EXPECT_EQ(current_interruption(), nullptr) << "nothing set one up in this process";
}

TEST(Interruption, EarlierKeepsTheInterruption) {
  Interruption interruption;
  const Deadline watched(Clock::now() + 10s, &interruption);
  const Deadline sooner = watched.earlier(Deadline::after(1s));
  interruption.raise(SIGTERM);
  EXPECT_TRUE(sooner.interrupted());
}

}  // namespace
}  // namespace smtp_ping
