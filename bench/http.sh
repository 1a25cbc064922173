#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The HTTP API under load: wrk on loopback against `rubric serve` (the release build, a fresh
# SQLite store with the built-in bank) and, in the same run, against nginx serving the same
# question's JSON as a static file. Each run has one wrk thread and 32 connections for a few
# seconds after a one-second warm-up; the first three take turns BENCH_HTTP_ROUNDS times (2)
# and each keeps its run with the most requests/s:
#
#   nginx     GET of the question's JSON, a static file (one worker, access log off)
#   healthz   GET /healthz: Rubric's own path (routing, a JSON body, ETag, headers) with no
#             store and no caller, the most any route can do on this server
#   question  GET /api/v1/questions/{id} with an API token
#   search    GET /api/v1/questions?q=...&level=... with an API token, and again with one
#             connection: with 32 connections a request's latency is mostly its wait for a
#             thread (32 / the requests a second), with one it is the search's own time
#   write     PATCH /api/v1/users/{id} {"name": ...} with an API token: an update that
#             changes a row and commits, repeatable without growing the store (a
#             token or a question created per request would grow tables and indexes as
#             the run goes on)
#
# Targets (issue 5): the question GET at >= 50% of nginx's requests/s with a p99 within 2x of
# nginx's; search p99 under 10 ms; no errors (non-2xx answers or socket errors) anywhere.
# Rubric runs with one request thread, as nginx runs with one worker (BENCH_HTTP_THREADS;
# 0 is Rubric's default, a thread per core): on this 2-core machine wrk takes the other
# core, and a second server thread only adds scheduler waits to the tail (p99 4 ms instead
# of 0.7, for the same requests a second). Its access log is off, as nginx's is;
# BENCH_HTTP_ACCESS_LOG=true writes it to a file in the temp dir instead.
#
# usage: bench/http.sh [SECONDS] (BENCH_HTTP_CONNECTIONS, BENCH_HTTP_QUESTION,
#        BENCH_HTTP_SEARCH, BENCH_HTTP_ACCESS_LOG, BENCH_HTTP_ROUNDS, BENCH_HTTP_THREADS)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
conns=${BENCH_HTTP_CONNECTIONS:-32}
question=${BENCH_HTTP_QUESTION:-cache-two-tier-local}
search=${BENCH_HTTP_SEARCH:-q=cache&level=senior}
access_log=${BENCH_HTTP_ACCESS_LOG:-false}
rounds=${BENCH_HTTP_ROUNDS:-2}
threads=${BENCH_HTTP_THREADS:-1}

for tool in wrk curl ss jq; do
    command -v "$tool" >/dev/null || { echo "bench/http.sh: no $tool: run scripts/deps" >&2; exit 1; }
done
# /usr/sbin is not on every PATH
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "bench/http.sh: no nginx: run scripts/deps" >&2; exit 1; }
[ -x build/rubric ] || { echo "bench/http.sh: no build/rubric: run make" >&2; exit 1; }

tmp=$(mktemp -d)
rubric_pid=""
nginx_pid=""
# Stops a server: TERM, up to 10 s for it to go, then KILL.
stop() {
    local pid=$1
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    stop "$rubric_pid"
    stop "$nginx_pid"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nobody listens on (a later bind can still race; the start then fails loudly).
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 40000))
        if [ -z "$(ss -Hltn "sport = :$p")" ] && [ "$p" != "${1:-}" ]; then
            echo "$p"
            return 0
        fi
    done
    echo "bench/http.sh: no free port" >&2
    return 1
}
# Waits up to 10 s for URL to answer 2xx.
wait_for() {
    for _ in $(seq 100); do
        curl -fs -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    echo "bench/http.sh: $1 did not answer within 10 s" >&2
    return 1
}

# ---- rubric ----------------------------------------------------------------------------
rport=$(free_port)
db="sqlite:$tmp/rubric.db"
# its notes and, when on, its access log (stderr) go to a file
RUBRIC_ACCESS_LOG=$access_log RUBRIC_THREADS=$threads RUBRIC_ADMIN_PASSWORD=bench-password-1 \
    build/rubric serve --listen "127.0.0.1:$rport" --db "$db" 2>"$tmp/rubric.log" &
rubric_pid=$!
base="http://127.0.0.1:$rport"
if ! wait_for "$base/readyz"; then
    cat "$tmp/rubric.log" >&2
    exit 1
fi
# the CLI on the server's store (WAL: both can use it at once); its notes go to a log
cli() {
    build/rubric --db "$db" "$@" 2>>"$tmp/cli.log" || { cat "$tmp/cli.log" >&2; return 1; }
}
token=$(cli token create admin@example.org --name bench)
user_id=$(cli user add bench@example.org --role interviewer --name Bench --no-password)
auth="Authorization: Bearer $token"

# the question's JSON, byte for byte as the API sends it, for nginx to serve
mkdir -p "$tmp/www"
curl -fsS -H "$auth" -o "$tmp/www/question.json" "$base/api/v1/questions/$question"
bytes=$(wc -c <"$tmp/www/question.json")
hits=$(curl -fsS -H "$auth" "$base/api/v1/questions?$search" | jq '.items | length')
[ "$hits" -gt 0 ] || { echo "bench/http.sh: the search '$search' finds nothing" >&2; exit 1; }
curl -fsS -o /dev/null -X PATCH -H "$auth" -H 'Content-Type: application/json' \
    -d '{"name":"Bench"}' "$base/api/v1/users/$user_id"

# ---- nginx -----------------------------------------------------------------------------
nport=$(free_port "$rport")
mkdir -p "$tmp/nginx"
# nginx started as root serves with its workers as nobody: they must reach the file
chmod 711 "$tmp"
chmod 755 "$tmp/www"
chmod 644 "$tmp/www/question.json"
cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    default_type application/json;
    sendfile on;
    # keep wrk's connections open all run, as Rubric does (the default closes every 1,000)
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nport;
        root $tmp/www;
    }
}
EOF
"$nginx_bin" -e "$tmp/nginx/error.log" -p "$tmp/nginx" -c "$tmp/nginx.conf" &
nginx_pid=$!
if ! wait_for "http://127.0.0.1:$nport/question.json"; then
    cat "$tmp/nginx/error.log" >&2
    exit 1
fi
cmp -s "$tmp/www/question.json" <(curl -fsS "http://127.0.0.1:$nport/question.json") ||
    { echo "bench/http.sh: nginx does not serve the question's bytes" >&2; exit 1; }

# ---- wrk -------------------------------------------------------------------------------
cat >"$tmp/auth.lua" <<EOF
wrk.headers["Authorization"] = "Bearer $token"
EOF
cat >"$tmp/write.lua" <<EOF
wrk.method = "PATCH"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
local n = 0
-- a different name each time, so that every request changes the row
request = function()
    n = n + 1
    return wrk.format(nil, nil, nil, '{"name":"Bench ' .. (n % 1000) .. '"}')
end
EOF

# run NAME SCRIPT URL [CONNECTIONS]: a warm-up second, then the measured run into $tmp/NAME.txt
run() {
    local name=$1 script=$2 url=$3 args=(-t1 -c"${4:-$conns}" --timeout 2s --latency)
    [ -n "$script" ] && args+=(-s "$script")
    wrk "${args[@]}" -d1s "$url" >/dev/null
    wrk "${args[@]}" -d"${secs}s" "$url" >"$tmp/$name.txt"
}
# nginx and the two GETs compared with it take turns, $rounds times, and each keeps its best
# run: on a shared machine a busy neighbour can slow any one run (nginx's p99 has gone from
# 0.4 to 4.9 ms that way)
for r in $(seq "$rounds"); do
    run "nginx.$r" "" "http://127.0.0.1:$nport/question.json"
    run "healthz.$r" "" "$base/healthz"
    run "question.$r" "$tmp/auth.lua" "$base/api/v1/questions/$question"
done
run search.1 "$tmp/auth.lua" "$base/api/v1/questions?$search"
run search1.1 "$tmp/auth.lua" "$base/api/v1/questions?$search" 1
run write.1 "$tmp/write.lua" "$base/api/v1/users/$user_id"

# one line from a wrk output: name, requests/s, p50 ms, p99 ms, errors, requests
parse_run() {
    awk -v name="$1" '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
            return v + 0
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        $2 == "requests" && $3 == "in" { n = $1 }
        /Non-2xx or 3xx responses:/ { err += $NF }
        /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
        END { printf "%s %.0f %.3f %.3f %d %d\n", name, rps, p50, p99, err, n }
    ' "$2"
}
# one line a target: its run with the most requests/s, with the errors of all its runs
parse() {
    local f
    for f in "$tmp/$1".*.txt; do parse_run "$1" "$f"; done | awk '
        { err += $5 }
        $2 + 0 > best + 0 || !line { best = $2; line = $0 }
        END { split(line, a, " "); print a[1], a[2], a[3], a[4], err, a[6] }'
}
results=$( (for t in nginx healthz question search search1 write; do parse "$t"; done))

echo "HTTP API: wrk, 1 thread, $conns connections, ${secs} s a run after 1 s of warm-up;" \
    "nginx, /healthz and the question GET best of $rounds interleaved runs;" \
    "rubric request threads: $threads (0: one per core); rubric access log: $( [ "$access_log" = true ] && echo "to a file" || echo "off")"
echo "question '$question' ($bytes bytes); search '$search' ($hits hits)"
echo
echo "$results" | awk '
    { name[NR] = $1; rps[NR] = $2; p50[NR] = $3; p99[NR] = $4; err[NR] = $5; n[NR] = $6 }
    END {
        label["nginx"] = "nginx, static file"
        label["healthz"] = "GET /healthz"
        label["question"] = "GET /api/v1/questions/{id}"
        label["search"] = "GET /api/v1/questions?q="
        label["search1"] = "  the same, 1 connection"
        label["write"] = "PATCH /api/v1/users/{id}"
        printf "%-30s %10s %9s %9s %8s %9s  %s\n", "target", "requests", "req/s", "p50 ms",
            "p99 ms", "errors", "verdict"
        for (i = 1; i <= NR; i++) {
            v = err[i] ? "ERRORS" : "ok"
            if (name[i] == "nginx") {
                v = "reference" (err[i] ? ", ERRORS" : "")
            } else if (name[i] == "question") {
                r = rps[1] ? rps[i] / rps[1] : 0; l = p99[1] ? p99[i] / p99[1] : 99
                v = sprintf("%.0f%% of nginx req/s (>= 50%%), p99 %.2fx (<= 2x): %s", r * 100, l,
                    (r >= 0.5 && l <= 2 && !err[i]) ? "ok" : "MISSED")
            } else if (name[i] == "search") {
                v = sprintf("p99 < 10 ms: %s", (p99[i] < 10 && !err[i]) ? "ok" : "MISSED")
            } else if (name[i] == "healthz") {
                v = sprintf("%.0f%% of nginx req/s: the ceiling of any route%s", rps[i] / rps[1] * 100,
                    err[i] ? ", ERRORS" : "")
            } else if (name[i] == "search1") {
                v = "the search alone, no queue" (err[i] ? ": ERRORS" : "")
            } else {
                v = sprintf("no errors: %s", err[i] ? "MISSED" : "ok")
            }
            printf "%-30s %10d %9d %9.2f %8.2f %9d  %s\n", label[name[i]], n[i], rps[i], p50[i],
                p99[i], err[i], v
        }
    }'
