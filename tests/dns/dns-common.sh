# Sourced by dns-up and dns-down.
# shellcheck shell=bash disable=SC2034

DNS_PORT=10053              # every server of the fixture listens on this port, each on its own address
DNS_NET_PREFIX=127.53       # instance N uses 127.53.N.1 (NSD), .2 (Unbound), .3 (silent), .4 (REFUSED)

# dns_pid_alive PIDFILE: the process named in PIDFILE exists.
dns_pid_alive() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# dns_own_pid PIDFILE NAME: prints the pid in PIDFILE when that process runs and its command line
# still is NAME (our own daemon, not a recycled pid).
dns_own_pid() {
    local pid
    dns_pid_alive "$1" || return 1
    pid=$(<"$1")
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$2" || return 1
    echo "$pid"
}

# dns_query SERVER ARGS...: one dig query, one try, one second.
dns_query() {
    local server=$1; shift
    dig @"$server" -p "$DNS_PORT" +tries=1 +time=1 "$@"
}

# dns_lock DIR: serializes dns-up/dns-down on one DIR (fd 9; daemons get 9>&-).
dns_lock() {
    exec 9>"$1/.dns.lock"
    flock -w 120 9 || { echo "${0##*/}: could not lock $1/.dns.lock within 120 s" >&2; exit 1; }
}

# dns_prune_users DIR: drop registrations whose process (normally a ctest) is gone.
dns_prune_users() {
    local f pid
    for f in "$1"/users/*; do
        [[ -e $f ]] || continue
        pid=${f##*/}
        if [[ ! $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then rm -f "$f"; fi
    done
}

DNS_DAEMONS=(nsd unbound unbound-silent unbound-refused)   # STATE/run/NAME.pid

# dns_all_alive STATE: every daemon of the fixture runs.
dns_all_alive() {
    local d
    for d in "${DNS_DAEMONS[@]}"; do dns_pid_alive "$1/run/$d.pid" || return 1; done
}

# dns_stop_all STATE: stops the daemons of the fixture, only those named in STATE/run/*.pid:
# SIGTERM to all, up to 5 s for them to end (Unbound takes about 2), then SIGKILL.
dns_stop_all() {
    local d pid i pids=()
    for d in "${DNS_DAEMONS[@]}"; do
        if pid=$(dns_own_pid "$1/run/$d.pid" "${d%%-*}"); then
            kill "$pid" 2>/dev/null && pids+=("$pid")
        fi
    done
    for ((i = 0; i < 50 && ${#pids[@]}; i++)); do
        local alive=()
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
        pids=("${alive[@]}")
        (( ${#pids[@]} )) && sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for d in "${DNS_DAEMONS[@]}"; do rm -f "$1/run/$d.pid"; done
}
