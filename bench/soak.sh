#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Soak: `rubric serve` (the release build, a fresh store) under mixed load for SECONDS (600),
# with its resident set, open descriptors, store and WAL sizes sampled every 15 s. The load,
# on loopback, each a loop of curl until the time is up:
#
#   reads    GET /api/v1/questions (pages of 20) and GET /api/v1/candidates, with a token
#   writes   PATCH /api/v1/users/{id} with a new name: a row changed and committed, nothing
#            added, so the store has no reason to grow
#   uploads  POST /api/v1/resumes of one small text resume for one candidate
#   logins   POST /api/v1/session then DELETE /api/v1/session (argon2id, a row in and out)
#
# Target (issue 14): every sample after the first minute within 10% of the first such
# sample for the resident set and descriptors (the store grows only by the uploads' rows), and
# 0 errors (answers other than 2xx, or curl failures). Prints a line per sample and a verdict;
# exits 1 when the target is missed.
#
# usage: bench/soak.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 40000))
base="http://127.0.0.1:$port"
pw=soak-password-1
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

RUBRIC_ADMIN_PASSWORD=$pw RUBRIC_ACCESS_LOG=false \
    build/rubric serve --listen "127.0.0.1:$port" --db "sqlite:$tmp/s.db" \
    >/dev/null 2>"$tmp/server.log" &
server=$!
for _ in $(seq 300); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
token=$(build/rubric --db "sqlite:$tmp/s.db" token create admin@example.org 2>/dev/null)
auth=(-H "Authorization: Bearer $token")
json=(-H 'Content-Type: application/json')
cand=$(curl -fsS "${auth[@]}" "${json[@]}" -d '{"name":"Soak Candidate"}' \
    "$base/api/v1/candidates" | jq .id)
uid=$(curl -fsS "${auth[@]}" "$base/api/v1/users" | jq '.items[0].id')
printf 'Quinn Example\nquinn@example.org\nBackend engineer, Go and PostgreSQL, 2019 - 2024\n' \
    >"$tmp/cv.txt"
end=$(($(date +%s) + secs))

# loop NAME CURL-ARGS...: requests until the end; a line in errors per failure
loop() {
    local name=$1 code
    shift
    while [ "$(date +%s)" -lt "$end" ]; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$@" 2>/dev/null) || true
        case $code in 2??) ;; *) echo "$name $code" >>"$tmp/errors" ;; esac
    done
}
logins() {
    local csrf code
    while [ "$(date +%s)" -lt "$end" ]; do
        csrf=$(curl -s -c "$tmp/jar" "${json[@]}" \
            -d "{\"email\":\"admin@example.org\",\"password\":\"$pw\"}" "$base/api/v1/session" |
            jq -r .csrf_token 2>/dev/null) || csrf=
        [ -n "$csrf" ] && [ "$csrf" != null ] || { echo "login -" >>"$tmp/errors"; continue; }
        code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar" -H "X-CSRF-Token: $csrf" \
            -X DELETE "$base/api/v1/session") || true
        case $code in 2??) ;; *) echo "logout $code" >>"$tmp/errors" ;; esac
    done
}
: >"$tmp/errors"
loop questions "${auth[@]}" "$base/api/v1/questions?limit=20&offset=40" &
loop candidates "${auth[@]}" "$base/api/v1/candidates?limit=50" &
loop writes "${auth[@]}" "${json[@]}" -X PATCH -d '{"name":"Soak Admin"}' "$base/api/v1/users/$uid" &
loop uploads "${auth[@]}" -F "file=@$tmp/cv.txt" "$base/api/v1/resumes?candidate=$cand" &
logins &

printf '%6s %10s %5s %12s %12s %8s\n' seconds rss_kb fds store_bytes wal_bytes errors
first_rss=0 first_fds=0 worst=0
t0=$(date +%s)
while [ "$(date +%s)" -lt "$end" ]; do
    sleep 15
    rss=$(awk '$1 == "VmRSS:" {print $2}' "/proc/$server/status")
    fds=$(find "/proc/$server/fd" -mindepth 1 -maxdepth 1 | wc -l)
    store=$(stat -c %s "$tmp/s.db")
    wal=$(stat -c %s "$tmp/s.db-wal" 2>/dev/null || echo 0)
    errs=$(wc -l <"$tmp/errors")
    t=$(($(date +%s) - t0))
    printf '%6d %10d %5d %12d %12d %8d\n' "$t" "$rss" "$fds" "$store" "$wal" "$errs"
    if [ "$t" -ge 60 ] && [ "$first_rss" -eq 0 ]; then
        first_rss=$rss first_fds=$fds
    elif [ "$first_rss" -gt 0 ]; then
        [ $((rss * 10)) -le $((first_rss * 11)) ] || worst=1
        [ $((fds * 10)) -le $((first_fds * 11 + 10)) ] || worst=1
    fi
done
wait $(jobs -p | grep -v "^$server$") 2>/dev/null || true
errs=$(wc -l <"$tmp/errors")
kill -TERM "$server"
wait "$server" || true
if [ "$errs" -gt 0 ]; then
    echo "soak: $errs errors:"
    sort "$tmp/errors" | uniq -c | head
fi
if [ "$worst" -ne 0 ] || [ "$errs" -gt 0 ]; then
    echo "soak: target missed (resident set or descriptors grew over 10%, or errors)"
    exit 1
fi
echo "soak: flat within 10%, 0 errors"
