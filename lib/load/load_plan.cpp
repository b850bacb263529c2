#include "load/load_plan.hpp"

#include <algorithm>

namespace smtp_ping {

std::vector<LoadPlan> ramp_steps(const LoadPlan& plan) {
  std::vector<LoadPlan> steps{plan};
  if (!plan.ramp_to) return steps;
  const bool by_rate = plan.pacing == LoadPlan::Pacing::rate;
  double value = by_rate ? plan.rate : plan.concurrency;
  while (value < *plan.ramp_to && static_cast<int>(steps.size()) < kMaxRampSteps) {
    value = std::min(value * 2, *plan.ramp_to);
    LoadPlan step = plan;
    if (by_rate)
      step.rate = value;
    else
      step.concurrency = static_cast<int>(value);
    steps.push_back(step);
  }
  return steps;
}

}  // namespace smtp_ping
