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
    cmake -S "$SMTP_PING_ROOT" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        "${compiler_cache[@]}" "$@" >/dev/null
}

# ccache (scripts/deps test installs it) when present, keyed on paths relative to the checkout,
# so a fresh clone reuses what an earlier clone compiled; SMTP_PING_NO_CCACHE=1 turns it off.
compiler_cache=()
if [[ ${SMTP_PING_NO_CCACHE:-0} != 1 ]] && command -v ccache > /dev/null; then
    compiler_cache=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR=$SMTP_PING_ROOT CCACHE_NOHASHDIR=1
fi

# has_target BUILD_DIR TARGET
has_target() {
    cmake --build "$1" --target help 2>/dev/null | grep -Eq "(^|[ /])$2(:| |$)"
}

# as_root COMMAND...: runs it as root, through sudo when this user is not.
as_root() {
    if ((EUID == 0)); then "$@"; else sudo -E "$@"; fi
}
