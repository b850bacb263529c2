#include "imap_session.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "imap_fetch.hpp"
#include "imap_search.hpp"
#include "message_text.hpp"
#include "sasl_exchange.hpp"

namespace smtp_ping::test {
namespace {

constexpr std::size_t max_literal_bytes = 1 << 20;
constexpr const char* timing = " (0.001 + 0.000 secs).";  // Dovecot's completion suffix, as a shape
constexpr const char* hierarchy_separator = "/";

// "A001 UID FETCH 1 BODY[]" -> tag, command ("UID FETCH"), the rest.
struct CommandLine {
  std::string tag;
  std::string command;
  std::string rest;
};

std::pair<std::string, std::string> first_word(const std::string& text) {
  const auto space = text.find(' ');
  if (space == std::string::npos) return {text, {}};
  return {text.substr(0, space), text.substr(space + 1)};
}

std::optional<CommandLine> split_command(const std::string& text) {
  auto [tag, rest] = first_word(text);
  if (tag.empty() || rest.empty() || tag.find_first_of("(){%*\"\\+") != std::string::npos) return std::nullopt;
  auto [command, arguments] = first_word(rest);
  command = upper_case(command);
  if (command == "UID") {
    auto [sub, sub_arguments] = first_word(arguments);
    command += " " + upper_case(sub);
    arguments = sub_arguments;
  }
  return CommandLine{tag, command, arguments};
}

// The size in a trailing literal marker "{n}" or "{n+}"; nullopt when the line has none.
std::optional<std::pair<std::size_t, bool>> trailing_literal(const std::string& line) {
  if (line.empty() || line.back() != '}') return std::nullopt;
  const auto open = line.rfind('{');
  if (open == std::string::npos) return std::nullopt;
  std::string_view digits(line.data() + open + 1, line.size() - open - 2);
  const bool non_synchronizing = !digits.empty() && digits.back() == '+';
  if (non_synchronizing) digits.remove_suffix(1);
  std::size_t size = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
  if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return std::make_pair(size, non_synchronizing);
}

// LIST patterns: "*" matches anything, "%" anything but the hierarchy separator.
bool wildcard_match(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return name.empty();
  if (pattern.front() == '*' || pattern.front() == '%') {
    for (std::size_t i = 0; i <= name.size(); ++i) {
      if (wildcard_match(pattern.substr(1), name.substr(i))) return true;
      if (i < name.size() && pattern.front() == '%' && name[i] == hierarchy_separator[0]) break;
    }
    return false;
  }
  return !name.empty() && pattern.front() == name.front() && wildcard_match(pattern.substr(1), name.substr(1));
}

// RFC 6154 attributes for the usual names, as Dovecot's Debian configuration sets them.
std::string special_use(const std::string& folder) {
  static const std::map<std::string, std::string> uses{
      {"Junk", " \\Junk"}, {"Trash", " \\Trash"}, {"Sent", " \\Sent"}, {"Drafts", " \\Drafts"}};
  const auto found = uses.find(folder);
  return found == uses.end() ? "" : found->second;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

bool all_text(const std::vector<ImapValue>& args, std::size_t count) {
  return args.size() == count && std::all_of(args.begin(), args.end(), [](const ImapValue& v) { return !v.is_list(); });
}

}  // namespace

ImapSession::ImapSession(const MailboxScript& script, Mailbox& mailbox, Channel& channel, MailConnectionLog log,
                         SSL_CTX* tls_context, bool implicit_tls)
    : script_(script),
      mailbox_(mailbox),
      channel_(channel),
      log_(log),
      tls_context_(tls_context),
      implicit_tls_(implicit_tls),
      support_(script, channel) {}

void ImapSession::run() {
  if (implicit_tls_ && !begin_tls()) return;
  support_.pause_before("GREETING");
  if (!support_.send_scripted_reply("GREETING", "*")) {
    untagged("OK [CAPABILITY " + capabilities() + "] " + script_.hostname + " ready.");
    flush();
  }
  while (state_ != State::logout) {
    const auto text = read_command();
    if (!text) return;
    handle(*text);
  }
}

std::optional<std::string> ImapSession::read_command() {
  auto line = channel_.read_line();
  if (!line) return std::nullopt;
  log_.update([&](MailConnectionRecord& r) { r.lines.push_back(*line); });
  std::string text = *line;
  while (const auto literal = trailing_literal(*line)) {
    const auto [size, non_synchronizing] = *literal;
    if (size > max_literal_bytes) return text;  // the parser rejects it
    if (!non_synchronizing) channel_.write("+ OK\r\n");
    const auto bytes = channel_.read_exact(size);
    line = channel_.read_line();
    if (!bytes || !line) return std::nullopt;
    log_.update([&](MailConnectionRecord& r) { r.lines.push_back(*line); });
    text += "\r\n" + *bytes + *line;
  }
  return text;
}

void ImapSession::handle(const std::string& text) {
  const auto command = split_command(text);
  if (!command) {
    untagged("BAD Error in IMAP command received by server.");
    flush();
    return;
  }
  log_.update([&](MailConnectionRecord& r) { r.commands.push_back(command->command); });
  support_.pause_before(command->command);
  if (support_.send_scripted_reply(command->command, command->tag)) return;
  const auto args = parse_imap_arguments(command->rest);
  if (!args) {
    tagged(command->tag, "BAD Error in IMAP command " + command->command + ": Invalid arguments.");
    return;
  }
  dispatch(command->tag, command->command, *args);
}

void ImapSession::dispatch(const std::string& tag, const std::string& command, const Arguments& args) {
  if (dispatch_any_state(tag, command, args)) return;
  if (state_ == State::not_authenticated) {
    if (!dispatch_not_authenticated(tag, command, args))
      tagged(tag, "BAD Error in IMAP command " + command + ": Unknown command or not logged in.");
    return;
  }
  if (dispatch_authenticated(tag, command, args)) return;
  if (state_ == State::selected && dispatch_selected(tag, command, args)) return;
  const bool needs_selection =
      state_ != State::selected &&
      (command == "SEARCH" || command == "FETCH" || command == "STORE" || command == "EXPUNGE" ||
       command.rfind("UID ", 0) == 0 || command == "CLOSE" || command == "UNSELECT");
  tagged(tag,
         needs_selection ? "BAD No mailbox selected." : "BAD Error in IMAP command " + command + ": Unknown command.");
}

bool ImapSession::dispatch_any_state(const std::string& tag, const std::string& command, const Arguments&) {
  if (command == "CAPABILITY")
    capability(tag);
  else if (command == "NOOP")
    noop(tag);
  else if (command == "LOGOUT")
    logout(tag);
  else
    return false;
  return true;
}

bool ImapSession::dispatch_not_authenticated(const std::string& tag, const std::string& command,
                                             const Arguments& args) {
  if (command == "STARTTLS")
    starttls(tag);
  else if (command == "LOGIN")
    login(tag, args);
  else if (command == "AUTHENTICATE")
    authenticate(tag, args);
  else
    return false;
  return true;
}

bool ImapSession::dispatch_authenticated(const std::string& tag, const std::string& command, const Arguments& args) {
  if (command == "SELECT" || command == "EXAMINE")
    select(tag, args, command == "EXAMINE");
  else if (command == "LIST")
    list(tag, args);
  else if (command == "STATUS")
    status(tag, args);
  else if (command == "STARTTLS" || command == "LOGIN" || command == "AUTHENTICATE")
    tagged(tag, "BAD Already logged in.");
  else
    return false;
  return true;
}

bool ImapSession::dispatch_selected(const std::string& tag, const std::string& command, const Arguments& args) {
  if (command == "SEARCH" || command == "UID SEARCH")
    search(tag, args, command == "UID SEARCH");
  else if (command == "FETCH" || command == "UID FETCH")
    fetch(tag, args, command == "UID FETCH");
  else if (command == "STORE" || command == "UID STORE")
    store(tag, args, command == "UID STORE");
  else if (command == "EXPUNGE" || command == "UID EXPUNGE")
    expunge(tag, args, command == "UID EXPUNGE");
  else if (command == "CLOSE" || command == "UNSELECT")
    close_folder(tag, command == "CLOSE");
  else
    return false;
  return true;
}

void ImapSession::untagged(const std::string& line) { out_ += "* " + line + "\r\n"; }

void ImapSession::tagged(const std::string& tag, const std::string& status_and_text) {
  out_ += tag + " " + status_and_text + "\r\n";
  flush();
}

void ImapSession::flush() {
  if (out_.empty()) return;
  channel_.write(out_);
  out_.clear();
}

bool ImapSession::login_disabled() const { return script_.login_disabled_without_tls && !channel_.tls_active(); }

std::string ImapSession::capabilities() const {
  std::vector<std::string> words{"IMAP4rev1"};
  if (state_ == State::not_authenticated) {
    if (script_.sasl_ir) words.push_back("SASL-IR");
    words.push_back("LITERAL+");
    if (script_.tls && !script_.faults.no_starttls && !channel_.tls_active()) words.push_back("STARTTLS");
    if (login_disabled())
      words.push_back("LOGINDISABLED");
    else
      for (const auto& mechanism : script_.sasl_mechanisms) words.push_back("AUTH=" + mechanism);
    return joined(words);
  }
  words.insert(words.end(), {"LITERAL+", "SPECIAL-USE", "UNSELECT"});
  if (!script_.faults.no_uidplus) words.push_back("UIDPLUS");
  return joined(words);
}

bool ImapSession::begin_tls() {
  const std::string error = channel_.start_tls(tls_context_);
  log_.update([&](MailConnectionRecord& r) {
    r.tls = error.empty();
    r.tls_error = error;
    r.sni = channel_.sni();
  });
  return error.empty();
}

void ImapSession::capability(const std::string& tag) {
  untagged("CAPABILITY " + capabilities());
  tagged(tag, "OK Capability completed.");
}

void ImapSession::noop(const std::string& tag) {
  if (state_ == State::selected) sync_view(true);
  tagged(tag, "OK NOOP completed.");
}

void ImapSession::logout(const std::string& tag) {
  log_.update([](MailConnectionRecord& r) { r.logout = true; });
  untagged("BYE Logging out");
  tagged(tag, "OK Logout completed.");
  state_ = State::logout;
}

void ImapSession::starttls(const std::string& tag) {
  if (!script_.tls || script_.faults.no_starttls) return tagged(tag, "BAD TLS support isn't enabled.");
  if (channel_.tls_active()) return tagged(tag, "BAD TLS is already active.");
  tagged(tag, "OK Begin TLS negotiation now.");
  if (!begin_tls()) state_ = State::logout;
}

void ImapSession::login(const std::string& tag, const Arguments& args) {
  if (!all_text(args, 2)) return tagged(tag, "BAD Error in IMAP command LOGIN: Invalid arguments.");
  if (login_disabled())
    return tagged(tag, "NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
  logged_in(tag, "LOGIN", args[0].text == script_.user && args[1].text == script_.password);
}

void ImapSession::authenticate(const std::string& tag, const Arguments& args) {
  if (args.empty() || args.size() > 2 || !all_text(args, args.size()))
    return tagged(tag, "BAD Error in IMAP command AUTHENTICATE: Invalid arguments.");
  const auto mechanism = upper_case(args[0].text);
  const auto& offered = script_.sasl_mechanisms;
  if (login_disabled() || std::find(offered.begin(), offered.end(), mechanism) == offered.end())
    return tagged(tag, "NO Unsupported authentication mechanism.");
  std::string initial = args.size() == 2 ? args[1].text : "";
  if (initial == "=") initial.clear();  // RFC 4959: an empty initial response
  const auto ask = [this](const std::string& challenge) -> std::optional<std::string> {
    channel_.write("+ " + challenge + "\r\n");
    auto line = channel_.read_line();
    if (line) log_.update([&](MailConnectionRecord& r) { r.lines.push_back(*line); });
    return line;
  };
  const auto outcome =
      run_sasl_exchange(mechanism, initial, {script_.user, script_.password}, script_.hostname, log_.index(), ask);
  if (!outcome) {
    state_ = State::logout;
    return;
  }
  if (outcome->aborted) return tagged(tag, "BAD Authentication aborted by client.");
  logged_in(tag, mechanism, outcome->success);
}

void ImapSession::logged_in(const std::string& tag, const std::string& mechanism, bool success) {
  success = success && !script_.faults.refuse_login;
  log_.update([&](MailConnectionRecord& r) {
    r.auth_mechanism = mechanism;
    r.authenticated = success;
  });
  if (!success) return tagged(tag, "NO [AUTHENTICATIONFAILED] Authentication failed.");
  state_ = State::authenticated;
  tagged(tag, "OK [CAPABILITY " + capabilities() + "] Logged in");
}

void ImapSession::select(const std::string& tag, const Arguments& args, bool read_only) {
  const char* verb = read_only ? "Examine" : "Select";
  if (!all_text(args, 1))
    return tagged(
        tag, std::string("BAD Error in IMAP command ") + (read_only ? "EXAMINE" : "SELECT") + ": Invalid arguments.");
  if (state_ == State::selected) untagged("OK [CLOSED] Previous mailbox closed.");
  state_ = State::authenticated;
  const auto& name = args[0].text;
  if (!mailbox_.has_folder(name)) return tagged(tag, "NO Mailbox doesn't exist: " + name + timing);
  folder_ = name;
  read_only_ = read_only;
  const auto messages = mailbox_.messages(folder_);
  view_.clear();
  for (const auto& message : messages) view_.push_back(message.uid);
  highest_known_uid_ = view_.empty() ? 0 : view_.back();
  state_ = State::selected;
  log_.update([&](MailConnectionRecord& r) { r.selected = name; });

  untagged("FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
  untagged(read_only ? "OK [PERMANENTFLAGS ()] Read-only mailbox."
                     : "OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.");
  untagged(std::to_string(messages.size()) + " EXISTS");
  untagged("0 RECENT");
  const auto unseen = std::find_if(messages.begin(), messages.end(),
                                   [](const StoredMessage& m) { return m.flags.count("\\Seen") == 0; });
  if (unseen != messages.end())
    untagged("OK [UNSEEN " + std::to_string(unseen - messages.begin() + 1) + "] First unseen.");
  untagged("OK [UIDVALIDITY " + std::to_string(mailbox_.uid_validity(folder_)) + "] UIDs valid");
  untagged("OK [UIDNEXT " + std::to_string(mailbox_.uid_next(folder_)) + "] Predicted next UID");
  tagged(tag, std::string("OK [") + (read_only ? "READ-ONLY" : "READ-WRITE") + "] " + verb + " completed" + timing);
}

void ImapSession::list(const std::string& tag, const Arguments& args) {
  if (!all_text(args, 2)) return tagged(tag, "BAD Error in IMAP command LIST: Invalid arguments.");
  const auto pattern = args[0].text + args[1].text;
  if (args[1].text.empty()) {
    untagged(std::string("LIST (\\Noselect) \"") + hierarchy_separator + "\" \"\"");
  } else {
    for (const auto& folder : mailbox_.folders()) {
      const bool match =
          folder == "INBOX" ? wildcard_match(upper_case(pattern), folder) : wildcard_match(pattern, folder);
      if (match)
        untagged("LIST (\\HasNoChildren" + special_use(folder) + ") \"" + hierarchy_separator + "\" " +
                 imap_astring(folder));
    }
  }
  tagged(tag, std::string("OK List completed") + timing);
}

void ImapSession::status(const std::string& tag, const Arguments& args) {
  if (args.size() != 2 || args[0].is_list() || !args[1].is_list())
    return tagged(tag, "BAD Error in IMAP command STATUS: Invalid arguments.");
  if (!mailbox_.has_folder(args[0].text)) return tagged(tag, "NO Mailbox doesn't exist: " + args[0].text + timing);
  const auto messages = mailbox_.messages(args[0].text);
  std::vector<std::string> items;
  for (const auto& item : args[1].items) {
    const auto name = upper_case(item.text);
    std::uint32_t value = 0;
    if (name == "MESSAGES")
      value = static_cast<std::uint32_t>(messages.size());
    else if (name == "RECENT")
      value = 0;
    else if (name == "UIDNEXT")
      value = mailbox_.uid_next(args[0].text);
    else if (name == "UIDVALIDITY")
      value = mailbox_.uid_validity(args[0].text);
    else if (name == "UNSEEN")
      value = static_cast<std::uint32_t>(std::count_if(
          messages.begin(), messages.end(), [](const StoredMessage& m) { return m.flags.count("\\Seen") == 0; }));
    else
      return tagged(tag, "BAD Error in IMAP command STATUS: Invalid status item " + item.text);
    items.push_back(name + " " + std::to_string(value));
  }
  untagged("STATUS " + imap_astring(args[0].text) + " (" + joined(items) + ")");
  tagged(tag, std::string("OK Status completed") + timing);
}

void ImapSession::close_folder(const std::string& tag, bool expunge) {
  if (expunge && !read_only_) mailbox_.expunge(folder_);  // CLOSE: silently, RFC 3501 §6.4.2
  state_ = State::authenticated;
  tagged(tag, expunge ? "OK Close completed." : "OK Unselect completed.");
}

std::vector<std::pair<std::uint32_t, StoredMessage>> ImapSession::view_messages() const {
  std::map<std::uint32_t, StoredMessage> by_uid;
  for (auto& message : mailbox_.messages(folder_)) by_uid.emplace(message.uid, std::move(message));
  std::vector<std::pair<std::uint32_t, StoredMessage>> messages;
  for (std::size_t i = 0; i < view_.size(); ++i) {
    const auto found = by_uid.find(view_[i]);
    if (found != by_uid.end()) messages.emplace_back(static_cast<std::uint32_t>(i + 1), found->second);
  }
  return messages;
}

void ImapSession::sync_view(bool announce_expunges) {
  const auto present = mailbox_.uids(folder_);
  if (announce_expunges) {
    for (std::size_t i = 0; i < view_.size();) {
      if (std::binary_search(present.begin(), present.end(), view_[i])) {
        ++i;
        continue;
      }
      untagged(std::to_string(i + 1) + " EXPUNGE");
      view_.erase(view_.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  bool grew = false;
  for (const auto uid : present) {
    if (uid <= highest_known_uid_) continue;
    view_.push_back(uid);
    highest_known_uid_ = uid;
    grew = true;
  }
  if (grew) untagged(std::to_string(view_.size()) + " EXISTS");
}

void ImapSession::search(const std::string& tag, const Arguments& args, bool by_uid) {
  if (script_.faults.endless_search > 0) {
    endless_search();
    sync_view(by_uid);
    return tagged(tag, std::string("OK Search completed") + timing);
  }
  std::string error;
  const auto program = SearchProgram::parse(args, error);
  if (!program)
    return tagged(tag, "BAD Error in IMAP command " + std::string(by_uid ? "UID SEARCH" : "SEARCH") + ": " + error);
  const auto messages = view_messages();
  SearchSubject subject;
  subject.largest_sequence = static_cast<std::uint32_t>(view_.size());
  subject.largest_uid = view_.empty() ? 0 : view_.back();
  std::string line = "SEARCH";
  for (const auto& [sequence, message] : messages) {
    subject.sequence = sequence;
    subject.message = &message;
    if (program->matches(subject))
      line += " " + std::to_string((by_uid ? message.uid : sequence) + script_.faults.wrong_uids);
  }
  untagged(line);
  sync_view(by_uid);  // RFC 3501 §7.4.1: no EXPUNGE during SEARCH, UID SEARCH is fine
  tagged(tag, std::string("OK Search completed") + timing);
}

void ImapSession::endless_search() {
  flush();
  std::string chunk = "* SEARCH";
  std::size_t sent = 0;
  for (std::uint32_t uid = 1; sent + chunk.size() < script_.faults.endless_search; ++uid) {
    chunk += " " + std::to_string(uid);
    if (chunk.size() < 64 * 1024) continue;
    channel_.write(chunk);
    sent += chunk.size();
    chunk.clear();
  }
  channel_.write(chunk + "\r\n");
}

void ImapSession::fetch(const std::string& tag, const Arguments& args, bool by_uid) {
  const std::string name = by_uid ? "UID FETCH" : "FETCH";
  if (args.size() != 2 || args[0].is_list())
    return tagged(tag, "BAD Error in IMAP command " + name + ": Invalid arguments.");
  const auto set = SequenceSet::parse(args[0].text);
  if (!set) return tagged(tag, "BAD Error in IMAP command " + name + ": Invalid messageset");
  std::string error;
  const auto attributes = parse_fetch_attributes(args[1], error);
  if (!attributes) return tagged(tag, "BAD Error in IMAP command " + name + ": " + error);
  const bool sets_seen =
      std::any_of(attributes->begin(), attributes->end(), [](const FetchAttribute& a) { return a.sets_seen; });
  const std::uint32_t largest = by_uid ? (view_.empty() ? 0 : view_.back()) : static_cast<std::uint32_t>(view_.size());
  for (auto [sequence, message] : view_messages()) {
    if (!set->contains(by_uid ? message.uid : sequence, largest)) continue;
    bool seen_changed = false;
    if (sets_seen && !read_only_ && message.flags.count("\\Seen") == 0) {
      if (const auto flags = mailbox_.change_flags(folder_, message.uid, Mailbox::FlagChange::add, {"\\Seen"})) {
        message.flags = *flags;
        seen_changed = true;
      }
    }
    write_fetch(sequence,
                fetch_reply_items(*attributes, message, message.uid + script_.faults.wrong_uids, by_uid, seen_changed));
  }
  sync_view(by_uid);
  tagged(tag, std::string("OK Fetch completed") + timing);
}

void ImapSession::write_fetch(std::uint32_t sequence, const std::vector<FetchReplyItem>& items) {
  out_ += "* " + std::to_string(sequence) + " FETCH (";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out_ += " ";
    out_ += items[i].name + " ";
    if (!items[i].literal) {
      out_ += items[i].value;
      continue;
    }
    out_ += "{" + std::to_string(support_.body_size(items[i].value.size())) + "}\r\n";
    flush();
    support_.send_body(items[i].value);
  }
  out_ += ")\r\n";
}

void ImapSession::store(const std::string& tag, const Arguments& args, bool by_uid) {
  const std::string name = by_uid ? "UID STORE" : "STORE";
  if (args.size() < 3 || args[0].is_list() || args[1].is_list())
    return tagged(tag, "BAD Error in IMAP command " + name + ": Invalid arguments.");
  const auto set = SequenceSet::parse(args[0].text);
  auto item = upper_case(args[1].text);
  const bool silent = item.size() > 7 && item.compare(item.size() - 7, 7, ".SILENT") == 0;
  if (silent) item.resize(item.size() - 7);
  const auto how = item == "+FLAGS"   ? Mailbox::FlagChange::add
                   : item == "-FLAGS" ? Mailbox::FlagChange::remove
                                      : Mailbox::FlagChange::replace;
  if (!set || (item != "+FLAGS" && item != "-FLAGS" && item != "FLAGS"))
    return tagged(tag, "BAD Error in IMAP command " + name + ": Invalid arguments.");
  std::set<std::string> flags;
  for (std::size_t i = 2; i < args.size(); ++i) {
    const auto& values = args[i].is_list() ? args[i].items : std::vector<ImapValue>{args[i]};
    for (const auto& flag : values) flags.insert(canonical_flag(flag.text));
  }
  if (read_only_) return tagged(tag, "NO Mailbox is read-only.");
  const std::uint32_t largest = by_uid ? (view_.empty() ? 0 : view_.back()) : static_cast<std::uint32_t>(view_.size());
  for (const auto& [sequence, message] : view_messages()) {
    if (!set->contains(by_uid ? message.uid : sequence, largest)) continue;
    const auto changed = mailbox_.change_flags(folder_, message.uid, how, flags);
    if (!changed || silent) continue;
    const auto uid = by_uid ? "UID " + std::to_string(message.uid + script_.faults.wrong_uids) + " " : std::string{};
    untagged(std::to_string(sequence) + " FETCH (" + uid + "FLAGS " + flag_list(*changed) + ")");
  }
  sync_view(by_uid);
  tagged(tag, std::string("OK Store completed") + timing);
}

void ImapSession::expunge(const std::string& tag, const Arguments& args, bool by_uid) {
  if (by_uid && script_.faults.no_uidplus)
    return tagged(tag, "BAD Error in IMAP command UID EXPUNGE: Unknown command.");
  if (by_uid && (args.size() != 1 || args[0].is_list()))
    return tagged(tag, "BAD Error in IMAP command UID EXPUNGE: Invalid arguments.");
  if (read_only_) return tagged(tag, "NO Mailbox is read-only.");
  std::set<std::uint32_t> only;
  if (by_uid) {
    const auto set = SequenceSet::parse(args[0].text);
    if (!set) return tagged(tag, "BAD Error in IMAP command UID EXPUNGE: Invalid messageset");
    const std::uint32_t largest = view_.empty() ? 0 : view_.back();
    for (const auto uid : mailbox_.uids(folder_))
      if (set->contains(uid, largest)) only.insert(uid);
    if (only.empty()) {
      sync_view(true);
      return tagged(tag, std::string("OK Expunge completed") + timing);
    }
  }
  mailbox_.expunge(folder_, only);
  sync_view(true);
  tagged(tag, std::string("OK Expunge completed") + timing);
}

}  // namespace smtp_ping::test
