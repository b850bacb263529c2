#include "output/load_progress.hpp"

#include "common/number_text.hpp"
#include "output/describe.hpp"

namespace smtp_ping {

std::string load_progress_line(const LoadProgress& progress) {
  const double seconds = std::chrono::duration<double>(progress.elapsed).count();
  const double rate = seconds > 0 ? progress.finished / seconds : 0;
  const std::string what = progress.ramp_step ? "ramp step " + std::to_string(progress.ramp_step_number) + " (" +
                                                    step_pace(*progress.ramp_step) + ")"
                                              : std::string("load");
  return what + " +" + number_text(seconds, 0) + "s: " + std::to_string(progress.finished) + " sessions ended (" +
         number_text(rate, 1) + "/s), " + std::to_string(progress.failed) + " failed, " +
         std::to_string(progress.started - progress.finished) + " running\n";
}

}  // namespace smtp_ping
