#include "server_script.hpp"

namespace smtp_ping::test {

Step reply(std::string_view text) {
  Step step;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    step.lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return step;
}

Step default_reply_after(Millis delay) { return Step{}.after(delay); }

Step fault(Fault f) {
  Step step;
  step.fault = std::move(f);
  return step;
}

ServerScript& ServerScript::on(const std::string& verb, Step step) {
  commands[verb] = std::move(step);
  return *this;
}

ServerScript& ServerScript::on_line_starting(const std::string& prefix, Step step) {
  lines_starting.emplace_back(prefix, std::move(step));
  return *this;
}

ServerScript& ServerScript::greet(Step step) {
  greeting = std::move(step);
  return *this;
}

ServerScript& ServerScript::connection(int index, ConnectionFault what) {
  connection_faults[index] = what;
  return *this;
}

}  // namespace smtp_ping::test
