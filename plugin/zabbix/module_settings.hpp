#pragma once

#include <string>

#include "common/user_file.hpp"

namespace smtp_ping::zabbix {

// What the agent's admin sets for smtp_ping.so. The agent refuses keys it does
// not know in its own config files, so the module has a file of its own:
// $SMTP_PING_MODULE_CONFIG, else /etc/zabbix/smtp_ping_module.conf (absent:
// defaults). Lines "Name=value", '#' comments:
//   AllowedFileDirectory=/etc/zabbix/smtp-ping/   (the default)
//     the only directory below which item keys may name files (--password-file,
//     --cafile, --capath, --client-cert, --client-key, --extra-opts); relative
//     names are taken in it. Empty: keys may name no file at all.
struct ModuleSettings {
  FileAccess files;
};

// Read once, in zbx_module_init (the agent's main process, before it forks its
// listeners). Never throws: a broken file ends in files.refusal, so every key
// that names a file says what is wrong, and keys that name none still work.
ModuleSettings load_module_settings();

// The settings that `text` (the file named `source`) gives. For tests.
ModuleSettings module_settings_from(const std::string& text, const std::string& source);

}  // namespace smtp_ping::zabbix
