#include "sasl/sasl_mechanism.hpp"

#include <algorithm>
#include <cctype>

#include "sasl/sasl_crypto.hpp"
#include "common/text.hpp"

namespace smtp_ping {
namespace {

class PlainMechanism : public SaslMechanism {
 public:
  PlainMechanism(std::string user, std::string secret) : user_(std::move(user)), secret_(std::move(secret)) {}
  std::string name() const override { return "PLAIN"; }
  std::optional<std::string> initial_response() const override {
    return std::string(1, '\0') + user_ + std::string(1, '\0') + secret_;
  }
  // A server that ignored the initial response and asks: the same once more.
  std::optional<std::string> respond(std::string_view) override {
    if (asked_++ > 0) return std::nullopt;
    return initial_response();
  }
  bool done() const override { return true; }

 private:
  std::string user_, secret_;
  int asked_ = 0;
};

class LoginMechanism : public SaslMechanism {
 public:
  LoginMechanism(std::string user, std::string secret) : user_(std::move(user)), secret_(std::move(secret)) {}
  std::string name() const override { return "LOGIN"; }
  std::optional<std::string> initial_response() const override { return std::nullopt; }
  // Servers ask "Username:" then "Password:"; go by the order, not the words.
  std::optional<std::string> respond(std::string_view) override {
    switch (step_++) {
      case 0: return user_;
      case 1: return secret_;
      default: return std::nullopt;
    }
  }
  bool done() const override { return step_ >= 2; }

 private:
  std::string user_, secret_;
  int step_ = 0;
};

class CramMd5Mechanism : public SaslMechanism {
 public:
  CramMd5Mechanism(std::string user, std::string secret) : user_(std::move(user)), secret_(std::move(secret)) {}
  std::string name() const override { return "CRAM-MD5"; }
  std::optional<std::string> initial_response() const override { return std::nullopt; }
  std::optional<std::string> respond(std::string_view challenge) override {
    if (answered_) return std::nullopt;
    answered_ = true;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (const char byte : hmac_md5(secret_, challenge)) {
      const auto value = static_cast<unsigned char>(byte);
      hex += kHex[value >> 4];
      hex += kHex[value & 0x0f];
    }
    return user_ + " " + hex;
  }
  bool done() const override { return answered_; }

 private:
  std::string user_, secret_;
  bool answered_ = false;
};

// Google/Microsoft XOAUTH2; on failure the server sends a JSON challenge that
// must be answered with an empty response before its final 535.
class XOAuth2Mechanism : public SaslMechanism {
 public:
  XOAuth2Mechanism(std::string user, std::string token) : user_(std::move(user)), token_(std::move(token)) {}
  std::string name() const override { return "XOAUTH2"; }
  std::optional<std::string> initial_response() const override {
    return "user=" + user_ + "\x01" "auth=Bearer " + token_ + "\x01\x01";
  }
  std::optional<std::string> respond(std::string_view) override {
    if (answered_error_) return std::nullopt;
    answered_error_ = true;
    return std::string();
  }
  bool done() const override { return true; }

 private:
  std::string user_, token_;
  bool answered_error_ = false;
};

// RFC 7628; an error challenge is answered with a single %x01.
class OAuthBearerMechanism : public SaslMechanism {
 public:
  OAuthBearerMechanism(std::string user, std::string token, std::string host, unsigned port)
      : user_(std::move(user)), token_(std::move(token)), host_(std::move(host)), port_(port) {}
  std::string name() const override { return "OAUTHBEARER"; }
  std::optional<std::string> initial_response() const override {
    std::string gs2 = "n,a=" + escape_authzid(user_) + ",";
    return gs2 + "\x01" "host=" + host_ + "\x01" "port=" + std::to_string(port_) + "\x01" "auth=Bearer " + token_ +
           "\x01\x01";
  }
  std::optional<std::string> respond(std::string_view) override {
    if (answered_error_) return std::nullopt;
    answered_error_ = true;
    return std::string("\x01");
  }
  bool done() const override { return true; }

 private:
  static std::string escape_authzid(const std::string& user) {
    std::string out;
    for (char c : user) out += c == ',' ? "=2C" : c == '=' ? "=3D" : std::string(1, c);
    return out;
  }
  std::string user_, token_, host_;
  unsigned port_;
  bool answered_error_ = false;
};

}  // namespace

const std::vector<std::string>& supported_sasl_mechanisms() {
  static const std::vector<std::string> kMechanisms{"CRAM-MD5", "PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"};
  return kMechanisms;
}

std::unique_ptr<SaslMechanism> make_sasl_mechanism(const std::string& name, const std::string& user,
                                                   const std::string& secret, const std::string& host,
                                                   unsigned port) {
  const std::string wanted = upper(name);
  if (wanted == "PLAIN") return std::make_unique<PlainMechanism>(user, secret);
  if (wanted == "LOGIN") return std::make_unique<LoginMechanism>(user, secret);
  if (wanted == "CRAM-MD5") return std::make_unique<CramMd5Mechanism>(user, secret);
  if (wanted == "XOAUTH2") return std::make_unique<XOAuth2Mechanism>(user, secret);
  if (wanted == "OAUTHBEARER") return std::make_unique<OAuthBearerMechanism>(user, secret, host, port);
  return nullptr;
}

}  // namespace smtp_ping
