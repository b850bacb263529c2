// 10,000 calls through one listener: the agent stays up, and the listener's
// memory and descriptors stay flat (leaks accumulate in long-lived listeners).

#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

#include "agent_harness.hpp"
#include "scripted_smtp_server.hpp"

namespace smtp_ping::zabbix_test {
namespace {

constexpr int kWarmupCalls = 1'000;
constexpr int kTotalCalls = 10'000;
constexpr int kFailingEvery = 10;    // every 10th call takes the "not supported" path
constexpr long kRssSlackKilobytes = 512;

struct Usage {
  long rss_kilobytes = 0;
  int descriptors = 0;
};

// The fewest descriptors over a few samples: one the listener is just closing
// (or the ASan runtime briefly opens) is not a leak; a leaked one stays.
int steady_descriptors(pid_t pid) {
  int fewest = open_descriptors(pid);
  for (int sample = 0; sample < 5; ++sample) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    fewest = std::min(fewest, open_descriptors(pid));
  }
  return fewest;
}

Usage usage_of(pid_t pid) { return {resident_kilobytes(pid), steady_descriptors(pid)}; }

class Soak : public testing::Test {
 protected:
  void call(int index) {
    const bool failing = index % kFailingEvery == 0;
    const AgentAnswer answer = agent_.query(failing ? bad_key_ : good_key_);
    ASSERT_EQ(answer.supported, !failing) << "call " << index << ": " << answer.value;
  }

  RunningAgent agent_{AgentSettings{1, 3, {}}};
  test::ScriptedSmtpServer server_{[] {
    test::ServerScript script;
    script.lifetime = std::chrono::minutes(30);
    return script;
  }()};
  std::string good_key_ = "smtp.check[127.0.0.1," + std::to_string(server_.port()) + ",,--fqdn=probe.test]";
  std::string bad_key_ = "smtp.check[127.0.0.1,99999]";
};

TEST_F(Soak, TenThousandCallsKeepTheListenerFlat) {
  const std::vector<pid_t> listeners = agent_.listener_pids();
  ASSERT_EQ(listeners.size(), 1u);
  const pid_t listener = listeners.front();
  int index = 0;
  for (; index < kWarmupCalls; ++index) ASSERT_NO_FATAL_FAILURE(call(index));
  const Usage warm = usage_of(listener);
  for (; index < kTotalCalls; ++index) ASSERT_NO_FATAL_FAILURE(call(index));
  const Usage done = usage_of(listener);
  ASSERT_TRUE(agent_.alive()) << agent_.log();
  EXPECT_EQ(agent_.listener_pids(), listeners) << "the listener was restarted";
  // ASan's quarantine and allocator keep freed memory resident: there the run
  // checks memory errors, descriptors and survival, not RSS.
  if (std::string(SMTP_PING_ASAN_RUNTIME).empty()) {
    EXPECT_LE(done.rss_kilobytes, warm.rss_kilobytes + kRssSlackKilobytes)
        << "VmRSS after " << kWarmupCalls << " calls: " << warm.rss_kilobytes << " kB, after " << kTotalCalls
        << ": " << done.rss_kilobytes << " kB";
  }
  EXPECT_LE(done.descriptors, warm.descriptors);
  RecordProperty("rss_kb_after_1000", std::to_string(warm.rss_kilobytes));
  RecordProperty("rss_kb_after_10000", std::to_string(done.rss_kilobytes));
  std::cout << "listener VmRSS " << warm.rss_kilobytes << " kB -> " << done.rss_kilobytes << " kB, fds "
            << warm.descriptors << " -> " << done.descriptors << "\n";
}

}  // namespace
}  // namespace smtp_ping::zabbix_test
