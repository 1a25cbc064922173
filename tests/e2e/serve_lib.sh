# SPDX-License-Identifier: MIT
# What the end-to-end tests of `rubric serve` share: a server on a free loopback port, HTTP
# through curl, sign-ins and tokens. Sourced by tests/e2e/test_*.sh after lib.sh.

ADMIN=admin@example.org
ADMIN_PW=correct-horse-battery-staple

# Starts the server on a free loopback port: sets PORT, BASE and SERVER_PID. It is ready
# when its own log says it serves on that port (another process may hold a random port and
# answer /healthz) and it answers; server.log keeps every attempt (a later one finds the
# store already set up by the first).
start_server() {
    local tries
    : >server.log
    for tries in 1 2 3 4 5; do
        PORT=$((20000 + RANDOM % 40000))
        BASE="http://127.0.0.1:$PORT"
        RUBRIC_ADMIN_PASSWORD=$ADMIN_PW "$RUBRIC" serve --listen "127.0.0.1:$PORT" "$@" \
            </dev/null >/dev/null 2>>server.log &
        SERVER_PID=$!
        # a failing test exits its subshell: the server goes with it
        trap 'kill -KILL $SERVER_PID 2>/dev/null || true' EXIT
        for _ in $(seq 1 100); do
            grep -q "serving on http://127.0.0.1:$PORT " server.log &&
                curl -fsS "$BASE/healthz" >/dev/null 2>&1 && return 0
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    done
    fail "the server did not start: $(cat server.log)"
}

# Stops the server with SIGTERM (SIGKILL after 10 s); returns its exit status.
stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID"
}

# http METHOD PATH [curl args...]: sets RC (the HTTP status), OUT (the body), HDR (headers).
http() {
    local method=$1 path=$2
    shift 2
    : >body.out
    : >headers.out
    RC=$(curl -sS -o body.out -D headers.out -w '%{http_code}' -X "$method" "$@" "$BASE$path")
    OUT=$(cat body.out)
    HDR=$(cat headers.out)
    ERR=""
}

# Logs in as $1 with password $2 into cookie jar $3; prints the CSRF token.
login() {
    curl -sS -c "$3" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$BASE/api/v1/session" | jq -r .csrf_token
}

# status METHOD PATH [CURL-ARGS...]: the HTTP status alone.
status() {
    local method=$1 path=$2
    shift 2
    curl -sS -o /dev/null -w '%{http_code}' -X "$method" "$@" "$BASE$path"
}

# A token for a new user of role $1 (the user's email is $1@example.org).
token_for() {
    printf 'a-long-enough-password\n' | "$RUBRIC" user add "$1@example.org" --role "$1" \
        --password-stdin >/dev/null || fail "user add $1"
    "$RUBRIC" token create "$1@example.org" 2>/dev/null
}

# Several servers at once (on one store): start_server_n N [serve args...] starts server N as
# start_server does, logging into server.N.log, and sets PORT_N, BASE_N and PID_N; every
# server started so goes when the test ends. use_server N points PORT, BASE and SERVER_PID
# (http, login, stop_server) at server N.
start_server_n() {
    local n=$1 port pid
    shift
    : >"server.$n.log"
    for _ in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        RUBRIC_ADMIN_PASSWORD=$ADMIN_PW "$RUBRIC" serve --listen "127.0.0.1:$port" "$@" \
            </dev/null >/dev/null 2>>"server.$n.log" &
        pid=$!
        SERVER_PIDS="${SERVER_PIDS:-} $pid"
        # shellcheck disable=SC2064 # the list as it is now, with this server in it
        trap "kill -KILL $SERVER_PIDS 2>/dev/null || true" EXIT
        for _ in $(seq 1 100); do
            if grep -q "serving on http://127.0.0.1:$port " "server.$n.log" &&
                curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
                printf -v "PORT_$n" '%s' "$port"
                printf -v "BASE_$n" '%s' "http://127.0.0.1:$port"
                printf -v "PID_$n" '%s' "$pid"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    fail "server $n did not start: $(cat "server.$n.log")"
}

use_server() {
    local p=PORT_$1 b=BASE_$1 s=PID_$1
    PORT=${!p} BASE=${!b} SERVER_PID=${!s}
}

# Adds candidates through the API (as $TOKEN) until the file stop exists (2,000 at most),
# appending "ID NANOSECONDS" to acked.txt after each 201: the time the write was acknowledged.
writer() {
    local id
    for i in $(seq 1 2000); do
        [ -e stop ] && return 0
        id=$(curl -sS -m 10 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"name\":\"Load Person $i\"}" "$BASE/api/v1/candidates" | jq -r '.id // empty')
        [ -n "$id" ] && echo "$id $(date +%s%N)" >>acked.txt
    done
}
