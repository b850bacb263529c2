#include "common/user_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common/unique_fd.hpp"

namespace smtp_ping {
namespace {

std::string quoted(const std::string& path) { return "'" + path + "'"; }

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw FileError("cannot read " + quoted(path) + ": " + why);
}

std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a plain file";
}

// "/a/./b/../c" -> "/a/c", as text only: no file system access.
std::string normalised(const std::string& absolute) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= absolute.size()) {
    const std::size_t slash = std::min(absolute.find('/', start), absolute.size());
    const std::string part = absolute.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& part : parts) out += "/" + part;
  return out.empty() ? "/" : out;
}

bool is_below(const std::string& path, const std::string& directory) {
  const std::string prefix = directory == "/" ? "/" : directory + "/";
  return path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0;
}

std::string real_path(const std::string& path) {
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) return {};
  return resolved;
}

[[noreturn]] void outside(const std::string& path, const FileAccess& access) {
  throw FileError(quoted(path) + " is outside " + access.only_below + ", the only directory files may be read from" +
                  (access.where_set.empty() ? "" : " (" + access.where_set + ")"));
}

// Reads what `fd` holds, up to max_bytes + 1, waiting for a pipe within the deadline.
FileContent read_bounded(int fd, const std::string& name, std::size_t max_bytes, const Deadline& deadline) {
  FileContent content;
  std::vector<char> buffer(std::min<std::size_t>(max_bytes + 1, 64 * 1024));
  for (int round = 0; round < 1'000'000; ++round) {
    if (deadline.expired()) fail(name, "not read to its end before the deadline");
    const std::size_t wanted = std::min(buffer.size(), max_bytes + 1 - content.bytes.size());
    const ssize_t got = ::read(fd, buffer.data(), wanted);
    if (got > 0) {
      content.bytes.append(buffer.data(), static_cast<std::size_t>(got));
      if (content.bytes.size() > max_bytes) {
        content.bytes.resize(max_bytes);
        return content;
      }
      continue;
    }
    if (got == 0) {
      content.complete = true;
      return content;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) fail(name, std::strerror(errno));
    pollfd readable{fd, POLLIN, 0};
    if (::poll(&readable, 1, deadline.poll_timeout_ms()) == 0) fail(name, "no data before the deadline");
  }
  fail(name, "made no progress");
}

}  // namespace

std::string allowed_path(const std::string& path, const FileAccess& access) {
  if (path.empty()) throw FileError("empty file name");
  if (path.find('\0') != std::string::npos) throw FileError("file name contains a NUL byte");
  if (!access.refusal.empty()) throw FileError("cannot read " + quoted(path) + ": " + access.refusal);
  if (access.only_below.empty()) return path;

  const std::string directory = normalised(access.only_below);
  const std::string wanted = normalised(path.front() == '/' ? path : directory + "/" + path);
  if (!is_below(wanted, directory)) outside(path, access);
  // Inside as text; now follow the links (those below are the admin's own).
  const std::string real_directory = real_path(directory);
  if (real_directory.empty()) fail(path, "the directory " + access.only_below + " does not exist");
  const std::string real = real_path(wanted);
  if (real.empty()) fail(path, std::strerror(errno));
  if (!is_below(real, real_directory)) outside(path, access);
  return real;
}

FileContent read_user_file(const std::string& path, std::size_t max_bytes, const FileAccess& access,
                           const Deadline& deadline) {
  const std::string usable = allowed_path(path, access);
  struct stat seen {};
  if (::stat(usable.c_str(), &seen) != 0) fail(path, std::strerror(errno));
  if (!S_ISREG(seen.st_mode)) fail(path, "not a regular file (" + kind_of(seen.st_mode) + ")");
  const int no_link = access.only_below.empty() ? 0 : O_NOFOLLOW;  // allowed_path() resolved them all
  UniqueFd fd(::open(usable.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | no_link));
  if (!fd.valid()) fail(path, std::strerror(errno));
  struct stat opened {};
  if (::fstat(fd.get(), &opened) != 0) fail(path, std::strerror(errno));
  if (!S_ISREG(opened.st_mode) || opened.st_dev != seen.st_dev || opened.st_ino != seen.st_ino)
    fail(path, "it changed while it was being opened");
  return read_bounded(fd.get(), path, max_bytes, deadline);
}

FileContent read_standard_input(std::size_t max_bytes, const FileAccess& access, const Deadline& deadline) {
  if (!access.refusal.empty()) throw FileError("cannot read standard input: " + access.refusal);
  if (!access.only_below.empty()) throw FileError("cannot read standard input: only files below " +
                                                  access.only_below + " may be read");
  struct stat seen {};
  if (::fstat(STDIN_FILENO, &seen) != 0) fail("-", std::strerror(errno));
  if (!S_ISREG(seen.st_mode) && !S_ISFIFO(seen.st_mode))
    fail("-", "standard input is not a file or a pipe (" + kind_of(seen.st_mode) + ")");
  // Non-blocking while we read it, as it was afterwards (it may be shared).
  struct NonBlocking {
    int flags = ::fcntl(STDIN_FILENO, F_GETFL);
    NonBlocking() {
      if (flags >= 0) ::fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK);
    }
    ~NonBlocking() {
      if (flags >= 0) ::fcntl(STDIN_FILENO, F_SETFL, flags);
    }
  } non_blocking;
  return read_bounded(STDIN_FILENO, "-", max_bytes, deadline);
}

}  // namespace smtp_ping
