#include "probe/secret_redaction.hpp"

namespace smtp_ping {
namespace {

constexpr const char* kMask = "***";

class Redactor {
 public:
  explicit Redactor(const std::vector<std::string>& forms) : forms_(forms) {}

  // One pass per form, building the result: linear in the text however
  // often the form occurs (replace() in place would be quadratic).
  void text(std::string& value) const {
    for (const auto& form : forms_) {
      if (form.empty()) continue;
      std::size_t from = 0;
      std::string out;
      for (auto at = value.find(form); at != std::string::npos; at = value.find(form, from)) {
        out.append(value, from, at - from);
        out += kMask;
        from = at + form.size();
      }
      if (from == 0) continue;
      out.append(value, from, std::string::npos);
      value = std::move(out);
    }
  }
  void texts(std::vector<std::string>& values) const {
    for (auto& value : values) text(value);
  }
  void reply(std::optional<Reply>& value) const {
    if (value) texts(value->lines);
  }
  void failure(std::optional<Failure>& value) const {
    if (!value) return;
    text(value->message);
    text(value->command);
    text(value->expected);
    reply(value->reply);
  }
  void tls(std::optional<TlsFacts>& value) const {
    if (!value) return;
    for (std::string* field : {&value->subject, &value->issuer, &value->chain_min_subject, &value->sni,
                               &value->verify_name})
      text(*field);
    texts(value->subject_alt_names);
    texts(value->verify_errors);
    texts(value->announced_names);
  }

 private:
  const std::vector<std::string>& forms_;
};

}  // namespace

void redact_secrets(Report& report, const std::vector<std::string>& forms) {
  if (forms.empty()) return;
  const Redactor redact(forms);
  for (auto& entry : report.transcript) {
    redact.text(entry.sent);
    redact.reply(entry.reply);
  }
  redact.reply(report.greeting);
  redact.text(report.capabilities.server_name);
  redact.texts(report.capabilities.keywords);
  redact.texts(report.capabilities.auth_mechanisms);
  redact.failure(report.failure);
  redact.failure(report.quit_failure);
  redact.tls(report.tls);
  redact.texts(report.connect_attempts);
}

}  // namespace smtp_ping
