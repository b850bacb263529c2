#pragma once

#include <cstddef>
#include <functional>

namespace smtp_ping {

// Runs work(0) ... work(count - 1) on at most `parallel` threads (the caller's among them) and
// returns when every one has returned: every thread is joined, also when fewer could be
// started. `work` must not throw; it is called at most once per index.
void run_in_parallel(std::size_t count, int parallel, const std::function<void(std::size_t)>& work) noexcept;

}  // namespace smtp_ping
