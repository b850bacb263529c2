# Sourced by https-up, https-down and https-smoke.
# shellcheck shell=bash disable=SC2034

HTTPS_ADDR=127.0.0.40            # every mta-sts.DOMAIN of tests/dns resolves here (SMTP_PING_DNS_ADDR_MTA_STS)
HTTPS_STANDARD_PORT=443          # where MTA-STS policies are fetched (RFC 8461 §3.3)
HTTPS_FALLBACK_BASE=10443        # without root: a free port from here (10443-10942)
HTTPS_POLICY_PATH=/.well-known/mta-sts.txt
HTTPS_ZONE=smtp-ping.test

# The policies: KEY (as the DNS fixture's DOMAIN_ keys) and the domain's first label.
HTTPS_POLICY_KEYS=(STS STS_MISMATCH STS_TESTING STS_OVERSIZE STS_REDIRECT STS_EXTRA STS_CONTENT_TYPE STS_BAD_CERT)
declare -A HTTPS_POLICY_LABEL=(
    [STS]=two-mx [STS_MISMATCH]=sts-mismatch [STS_TESTING]=sts-testing [STS_OVERSIZE]=sts-oversize
    [STS_REDIRECT]=sts-redirect [STS_EXTRA]=sts-extra [STS_CONTENT_TYPE]=sts-content-type
    [STS_BAD_CERT]=sts-bad-cert
)
# A name in the DNS zone (at HTTPS_ADDR, in the certificate) that has no virtual host here.
HTTPS_UNSERVED_HOST=mta-sts.sts-two.$HTTPS_ZONE

# https_pid_alive PIDFILE: the process named in PIDFILE exists.
https_pid_alive() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# https_own_pid STATE: prints the pid of the nginx master started for STATE (its pid file names
# it and its command line still names STATE's configuration: not a recycled pid).
https_own_pid() {
    local pid
    https_pid_alive "$1/run/nginx.pid" || return 1
    pid=$(<"$1/run/nginx.pid")
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$1/nginx.conf" || return 1
    echo "$pid"
}

# https_lock DIR: serializes https-up/https-down on one DIR (fd 9; nginx gets 9>&-).
https_lock() {
    exec 9>"$1/.https.lock"
    flock -w 120 9 || { echo "${0##*/}: could not lock $1/.https.lock within 120 s" >&2; exit 1; }
}

# https_prune_users DIR: drop registrations whose process (normally a ctest) is gone.
https_prune_users() {
    local f pid
    for f in "$1"/users/*; do
        [[ -e $f ]] || continue
        pid=${f##*/}
        if [[ ! $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then rm -f "$f"; fi
    done
}

# https_stop STATE: stops the nginx of STATE: SIGTERM (fast shutdown), up to 5 s, then SIGKILL
# to its process group (the master is a session leader; the workers share its group).
https_stop() {
    local pid i
    pid=$(https_own_pid "$1") || { rm -f "$1/run/nginx.pid"; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
    rm -f "$1/run/nginx.pid"
}

# https_port_free PORT: nothing listens on HTTPS_ADDR:PORT (nor on a wildcard address).
https_port_free() {
    ! ss -Hltn "sport = :$1" 2>/dev/null | awk '{ print $4 }' |
        grep -Eq "^($HTTPS_ADDR|0\.0\.0\.0|\*|\[::\]|\[::ffff:$HTTPS_ADDR\]):$1\$"
}

# https_env_value ENV_FILE KEY: the value of SMTP_PING_HTTPS_KEY.
https_env_value() { sed -n "s/^SMTP_PING_HTTPS_$2=//p" "$1"; }

# https_fetch ENV_FILE URL [CURL-ARGS...]: curl with the fixture's CA and --resolve for every host,
# bounded (2 s); prints "STATUS SIZE CONTENT-TYPE" and what HTTPS_WRITE_OUT adds; the body goes to
# HTTPS_BODY (default /dev/null). Returns curl's exit code.
https_fetch() {
    local env_file=$1 url=$2 entry entries resolve=(); shift 2
    IFS=, read -ra entries <<<"$(https_env_value "$env_file" RESOLVE)"
    for entry in "${entries[@]}"; do resolve+=(--resolve "$entry"); done
    curl -sS --max-time 2 --proto =https --cacert "$(https_env_value "$env_file" CA)" "${resolve[@]}" \
        -o "${HTTPS_BODY:-/dev/null}" -w "%{http_code} %{size_download} %{content_type}${HTTPS_WRITE_OUT:-}" \
        "$@" "$url"
}
