# Sourced by the autopkgtests in debian/tests: a work directory, a self-signed
# certificate, the aiosmtpd test server (smtp-server) on 127.0.0.1, and checks
# that count failures. Everything listens on loopback only.
# shellcheck shell=sh

WORK=${AUTOPKGTEST_TMP:-$(mktemp -d)}
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
USER_NAME=probe
PASSWORD='autopkgtest-secret-7Qx'
failures=0
server_pid=

stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}

# start_server: a certificate for localhost/127.0.0.1 in $CERT, the password in
# $PASSWORD_FILE, the server's port in $PORT.
start_server() {
    CERT=$WORK/cert.pem
    KEY=$WORK/key.pem
    PASSWORD_FILE=$WORK/password
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
        -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
        -keyout "$KEY" -out "$CERT" > "$WORK/openssl.log" 2>&1
    printf '%s\n' "$PASSWORD" > "$PASSWORD_FILE"
    chmod 0600 "$PASSWORD_FILE"
    # Created here: the background job opens it only when it gets to run.
    : > "$WORK/server.out"
    /usr/bin/python3 "$TESTS_DIR/smtp-server" "$CERT" "$KEY" "$USER_NAME" "$PASSWORD" \
        > "$WORK/server.out" 2> "$WORK/server.err" &
    server_pid=$!
    PORT=
    for _ in $(seq 1 100); do
        PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/server.out")
        [ -n "$PORT" ] && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "the test SMTP server did not start:" >&2
    cat "$WORK/server.err" >&2
    exit 1
}

# A port on 127.0.0.1 that nothing listens on (bound, then closed).
closed_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pass() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }

# expect LABEL STATUS PATTERN OUTPUT-STATUS OUTPUT: the exit status, and a grep -E
# pattern the output must match.
expect() {
    if [ "$4" -eq "$2" ] && printf '%s\n' "$5" | grep -Eq -- "$3"; then
        pass "$1"
    else
        fail "$1: exit $4 (expected $2), output must match /$3/:"
        printf '%s\n' "$5" | head -n 5 | sed 's/^/    /'
    fi
}

finish() {
    stop_server
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed"
        exit 1
    fi
    echo "all checks passed"
}
