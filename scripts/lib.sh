# Sourced by scripts/demo and scripts/test.
# shellcheck shell=bash

SMTP_PING_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() {
    if [[ -t 2 ]]; then printf '\033[1m==> %s\033[0m\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi
}

# configure BUILD_DIR [cmake -D options...]: Ninja, RelWithDebInfo. Re-configuring an existing
# tree keeps its generator (passing -G to a tree made by another generator is an error).
configure() {
    local dir=$1; shift
    local generator=()
    if [[ ! -f $dir/CMakeCache.txt ]]; then
        generator=(-G Ninja)
    fi
    cmake -S "$SMTP_PING_ROOT" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
}

# has_target BUILD_DIR TARGET
has_target() {
    cmake --build "$1" --target help 2>/dev/null | grep -Eq "(^|[ /])$2(:| |$)"
}

# as_root COMMAND...: runs it as root, through sudo when this user is not.
as_root() {
    if ((EUID == 0)); then "$@"; else sudo -E "$@"; fi
}
