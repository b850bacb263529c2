# Sourced by postfix-up and postfix-down. Machine-wide state of the interop set-up.
# shellcheck shell=bash disable=SC2034

SYS_DIR=/var/lib/smtp-ping-interop          # backup of /etc/postfix, users, active.env, lock
DOVECOT_RUN=/run/smtp-ping-interop-dovecot  # base_dir of the private Dovecot
DOVECOT_LOG=/var/log/dovecot-interop.log
POSTFIX_LOG=/var/log/postfix-interop.log
MAIL_DIR=$SYS_DIR/mail                      # the mailboxes (Maildir), removed by postfix-down

# Mail flow (issue 15): Dovecot's IMAP/POP3 listeners, Postfix's internal re-injection port.
PORT_IMAP=10143      # STARTTLS
PORT_IMAPS=10993     # implicit TLS
PORT_POP3=10110      # STARTTLS
PORT_POP3S=10995     # implicit TLS
PORT_REINJECT=10031  # smtpd behind the alterfilter transport (body_checks); not for tests
# Load mode (issue 18): a listener whose anvil limits apply to loopback clients too.
PORT_LIMITED=10032
PORT_OPEN_RELAY=10040  # an open relay (issue 17): accepts every recipient; nothing leaves (default_transport error)
LIMITED_CONNECTION_RATE=20   # connections per client per anvil_rate_time_unit (60 s)
PORT_MESSAGE_LIMITED=10039
LIMITED_MESSAGE_RATE=15      # MAIL FROM commands per client per anvil_rate_time_unit (60 s)
# body_checks on the re-injection path: the first line of every probe body (lib/mail/probe_body)
# starts with ALTER_MARKER; the whole line becomes ALTER_REPLACEMENT.
ALTER_MARKER='smtp-ping probe message:'
ALTER_REPLACEMENT='smtp-ping probe message: ALTERED IN TRANSIT by the interop fixture (body_checks REPLACE)'
DELAY_SECONDS=3      # the slowpipe transport sleeps this long before re-injecting
# Item 5: Postfix also answers on the DNS fixture's live exchange addresses (tests/dns), port 25.
EXCHANGE_ADDRS=(127.0.0.11 127.0.0.12 127.0.0.13 127.0.0.14 127.0.0.15 127.0.0.16 127.0.0.17 127.0.0.18 127.0.0.20)

mkdir -p "$SYS_DIR/users"

# exchange_name ADDR: the name the DNS fixture gives that exchange address (its greeting here).
exchange_name() {
    case $1 in
        127.0.0.11 | 127.0.0.12) echo mx1.smtp-ping.test ;;
        127.0.0.13) echo mx2.smtp-ping.test ;;
        127.0.0.14) echo no-mx.smtp-ping.test ;;
        127.0.0.15) echo mx-ptr-mismatch.smtp-ping.test ;;
        127.0.0.16) echo mx-ptr-unconfirmed.smtp-ping.test ;;
        127.0.0.17) echo mx-ptr-missing.smtp-ping.test ;;
        127.0.0.18) echo mx-aaaa-servfail.smtp-ping.test ;;
        127.0.0.20) echo policy-mx.smtp-ping.test ;;
        *) return 1 ;;
    esac
}

interop_lock() {
    # Daemons started under the lock must get `9>&-`, or they would hold it forever.
    exec 9>"$SYS_DIR/flock"
    if ! flock -w 300 9; then
        echo "${0##*/}: could not take $SYS_DIR/flock within 300s" >&2
        exit 1
    fi
}

# Drop registrations whose process (normally a ctest) is gone.
interop_prune_users() {
    local f pid
    for f in "$SYS_DIR"/users/*; do
        [[ -e $f ]] || continue
        pid=${f##*/}
        if [[ ! $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then rm -f "$f"; fi
    done
}

# interop_greeting PORT: true when 127.0.0.1:PORT sends a 220 greeting within 3s.
interop_greeting() {
    timeout 3 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        IFS= read -r -t 2 line <&3 || exit 1
        printf "QUIT\r\n" >&3
        IFS= read -r -t 2 _ <&3 || true
        [[ $line == 220* ]]' _ "$1" 2>/dev/null
}

# interop_greeting_ok PORT: true when 127.0.0.1:PORT greets with "* OK" (IMAP) or "+OK" (POP3).
interop_greeting_ok() {
    timeout 3 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        IFS= read -r -t 2 line <&3 || exit 1
        [[ $line == "* OK"* || $line == "+OK"* ]]' _ "$1" 2>/dev/null
}

# interop_listening PORT: true when something accepts TCP on 127.0.0.1:PORT.
interop_listening() {
    timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# interop_healthy ENV_FILE [TRIES]: every port of the set-up answers, the SASL socket and the
# certificates exist. Retries every 0.2s, at most TRIES times (default 100).
interop_healthy() {
    local env=$1 tries=${2:-100} i p ok
    local -A v=()
    local k val
    while IFS='=' read -r k val; do
        [[ $k == SMTP_PING_INTEROP_* ]] && v[$k]=$val
    done <"$env"
    [[ -s ${v[SMTP_PING_INTEROP_CA]:-/nonexistent} ]] || return 1
    for ((i = 0; i < tries; i++)); do
        ok=1
        for p in PLAIN SUBMISSION PLAIN_AUTH EXPIRED WRONG_HOST SELF_SIGNED NO_TLS DNS_ONLY OTHER_NAME; do
            # A set-up from before a port existed is not healthy: it gets reconfigured.
            [[ -n ${v[SMTP_PING_INTEROP_PORT_$p]:-} ]] || return 1
            interop_greeting "${v[SMTP_PING_INTEROP_PORT_$p]}" || { ok=0; break; }
        done
        ((ok)) && { interop_listening "${v[SMTP_PING_INTEROP_PORT_IMPLICIT_TLS]}" || ok=0; }
        # The rate-limited listener: listening is enough (a greeting would spend its rate).
        [[ -n ${v[SMTP_PING_INTEROP_PORT_LIMITED]:-} ]] || return 1
        ((ok)) && { interop_listening "${v[SMTP_PING_INTEROP_PORT_LIMITED]}" || ok=0; }
        [[ -n ${v[SMTP_PING_INTEROP_PORT_MESSAGE_LIMITED]:-} ]] || return 1
        ((ok)) && { interop_listening "${v[SMTP_PING_INTEROP_PORT_MESSAGE_LIMITED]}" || ok=0; }
        ((ok)) && { [[ -S /var/spool/postfix/private/auth ]] || ok=0; }
        # Mail flow: a set-up from before it existed is not healthy either.
        for p in IMAP POP3; do
            [[ -n ${v[SMTP_PING_INTEROP_PORT_$p]:-} ]] || return 1
            ((ok)) && { interop_greeting_ok "${v[SMTP_PING_INTEROP_PORT_$p]}" || ok=0; }
        done
        for p in IMAPS POP3S; do
            [[ -n ${v[SMTP_PING_INTEROP_PORT_$p]:-} ]] || return 1
            ((ok)) && { interop_listening "${v[SMTP_PING_INTEROP_PORT_$p]}" || ok=0; }
        done
        ((ok)) && { [[ -S /var/spool/postfix/private/dovecot-lmtp ]] || ok=0; }
        ((ok)) && return 0
        sleep 0.2
    done
    return 1
}

interop_stop_postfix() {
    local i
    postfix status >/dev/null 2>&1 || return 0
    postfix stop >/dev/null 2>&1 || true
    for ((i = 0; i < 100; i++)); do
        postfix status >/dev/null 2>&1 || return 0
        sleep 0.2
    done
    postfix abort >/dev/null 2>&1 || true
    sleep 0.5
}

interop_stop_dovecot() {
    local i pid
    [[ -s $DOVECOT_RUN/master.pid ]] || return 0
    pid=$(<"$DOVECOT_RUN/master.pid")
    kill -0 "$pid" 2>/dev/null || { rm -f "$DOVECOT_RUN/master.pid"; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$DOVECOT_RUN/master.pid"; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$DOVECOT_RUN/master.pid"
}

# interop_purge_test_mail: deletes queued messages (any queue, maildrop too) with a recipient in
# the test domains, so a restored system Postfix never tries to deliver them anywhere.
interop_purge_test_mail() {
    local spool f id n=0
    spool=$(postconf -h queue_directory 2>/dev/null) || return 0
    while IFS= read -r -d '' f; do
        ((n++ < 10000)) || break
        id=${f##*/}
        if postcat -e "$f" 2>/dev/null | grep -Eq '^(original_)?recipient: .*@([a-z0-9.-]*\.)?(smtp-ping\.test|example\.org|localhost)$'; then
            postsuper -d "$id" >/dev/null 2>&1 || rm -f "$f"
        fi
    done < <(find "$spool"/{maildrop,incoming,active,deferred,hold,corrupt} -type f -print0 2>/dev/null)
}
