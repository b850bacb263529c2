#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "common/deadline.hpp"

namespace smtp_ping {

// Where files named by the user (options, item keys) may be read from.
// check_smtp_ping reads any file its user can; the Zabbix module confines item
// keys to the directory the agent's admin chose, since a key would otherwise
// make the agent read any file it can and send it to any server.
struct FileAccess {
  std::string only_below;  // absolute directory; relative names are taken in it. Empty: anywhere.
  std::string where_set;   // how the admin sets it, for messages ("AllowedFileDirectory in ...")
  std::string refusal;     // non-empty: no file may be read at all, and this says why
};

// A file that may not or cannot be read; what() says why, naming the file.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// At most `max_bytes` of a file; `complete` when that was all of it.
struct FileContent {
  std::string bytes;
  bool complete = false;
};

// The path to open for `path` under `access`, decided without opening
// anything: a confined name is first normalised as text ("..", ".") and must
// lie below the directory; only then are its symbolic links resolved, and the
// real path must still lie below it. Throws FileError.
std::string allowed_path(const std::string& path, const FileAccess& access);

// Reads a file the user named, safely whatever it is: checked by
// allowed_path(); refused without being opened unless it is a regular file (a
// FIFO, /dev/zero, a directory, a socket); opened non-blocking and without
// following a link swapped in meanwhile; at most `max_bytes` (+1 to see whether
// there is more), and not past the deadline. Throws FileError.
FileContent read_user_file(const std::string& path, std::size_t max_bytes, const FileAccess& access,
                           const Deadline& deadline);

// The same for standard input ("-"): a regular file or a pipe, read without
// blocking past the deadline. Refused when `access` confines files.
FileContent read_standard_input(std::size_t max_bytes, const FileAccess& access, const Deadline& deadline);

}  // namespace smtp_ping
