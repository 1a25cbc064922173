#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SQLite and PostgreSQL side by side, in the same run (issue 15, "Speed"). Starts a private
# PostgreSQL cluster (tests/pg/cluster, with PostgreSQL's own durability kept: PG_DURABLE=1,
# as SQLite syncs every commit) and stops it at the end. Then:
#   1. bench_backends: bank load rate, search p50/p99 at 1%, 5%, 20% selectivity, kit p50/p99
#      (a synthetic bank of BENCH_QUESTIONS, 100,000, loaded into both);
#   2. through the API with wrk (one thread, BENCH_HTTP_CONNECTIONS connections, SECONDS a run
#      after a one-second warm-up, as bench/http.sh): the question GET (a token, the built-in
#      bank) and a scorecard submit (POST /api/v1/interviews/{id}/scorecards, each request a
#      new interview's: bench_interviews writes them beforehand), on one `rubric serve` per
#      backend with its default request threads (one per core), as an operator runs it;
#   3. two servers on one store, wrk against each at once with half the connections, the
#      requests/s of both added up: the same question GET and scorecard submits;
#   4. the GET and the submit again on a server with one request thread (no target: the
#      figure of earlier runs, where each submit waits for the one before it to commit, so
#      that PostgreSQL's commits cannot be grouped as they are with several connections).
# Targets: PostgreSQL's search p99 at most 2x SQLite's; its question GET at least 90% of
# SQLite's requests/s; its scorecard submits at least 50% of SQLite's. Prints one table:
# a row per measure, SQLite | PostgreSQL | ratio (PostgreSQL / SQLite) | target.
#
# usage: bench/backends.sh [SECONDS] (BENCH_QUESTIONS, BENCH_QUERIES, BENCH_KITS,
#        BENCH_HTTP_CONNECTIONS, BENCH_HTTP_THREADS: rubric's request threads, 0 (one per
#        core) by default;
#        BENCH_INTERVIEWS to submit scorecards to, 40,000; BENCH_KEEP=1 keeps wrk's outputs)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
questions=${BENCH_QUESTIONS:-100000}
queries=${BENCH_QUERIES:-300}
kits=${BENCH_KITS:-50}
conns=${BENCH_HTTP_CONNECTIONS:-32}
threads=${BENCH_HTTP_THREADS:-0}
question=${BENCH_HTTP_QUESTION:-cache-two-tier-local}

for tool in wrk curl ss jq psql; do
    command -v "$tool" >/dev/null || { echo "bench/backends.sh: no $tool: run scripts/deps" >&2; exit 1; }
done
for b in build/rubric build/bench/bench_backends build/bench/bench_interviews; do
    [ -x "$b" ] || { echo "bench/backends.sh: no $b: run make bench" >&2; exit 1; }
done

# the cluster's folder: short (a Unix socket's path), reachable by nobody when run as root
cluster=$(mktemp -d /tmp/rb-bench.XXXXXX)
tmp=$(mktemp -d)
pids=()
stop() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local p
    for p in "${pids[@]}"; do stop "$p"; done
    tests/pg/cluster stop "$cluster" || true
    if [ -n "${BENCH_KEEP:-}" ]; then echo "bench/backends.sh: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_url=$(PG_DURABLE=1 tests/pg/cluster start "$cluster")
# a new database: URL of it
newdb() {
    psql -qX -h "$cluster" -d rubric -c "CREATE DATABASE $1" >/dev/null
    echo "postgresql:///$1?host=$cluster"
}
echo "SQLite and PostgreSQL side by side: load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "PostgreSQL $(psql -qXAt -h "$cluster" -d rubric -c 'SHOW server_version') on a Unix" \
    "socket, fsync and synchronous_commit on; SQLite in WAL, synchronous=FULL"
echo

rows=$tmp/rows.tsv
: >"$rows"
build/bench/bench_backends "$questions" "$queries" "$kits" "$tmp/backends.db" \
    "$(newdb bench_store)" 2>&1 >"$tmp/store.out" | sed 's/^/  /' >&2
grep '^ROW' "$tmp/store.out" | cut -f2- >>"$rows"
rm -f "$tmp/backends.db" "$tmp/backends.db-wal" "$tmp/backends.db-shm"

free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 40000))
        if [ -z "$(ss -Hltn "sport = :$p")" ]; then
            echo "$p"
            return 0
        fi
    done
    echo "bench/backends.sh: no free port" >&2
    return 1
}
wait_for() {
    for _ in $(seq 100); do
        curl -fs -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    echo "bench/backends.sh: $1 did not answer within 10 s" >&2
    return 1
}
# serve DB LOG [THREADS]: starts rubric serve on DB, prints its base URL; its pid goes to
# $tmp/pid
serve() {
    local port
    port=$(free_port)
    RUBRIC_ACCESS_LOG=false RUBRIC_THREADS=${3:-$threads} RUBRIC_ADMIN_PASSWORD=bench-password-1 \
        build/rubric serve --listen "127.0.0.1:$port" --db "$1" >"$2" 2>&1 &
    echo $! >"$tmp/pid"
    wait_for "http://127.0.0.1:$port/readyz" || { cat "$2" >&2; return 1; }
    echo "http://127.0.0.1:$port"
}
cli() {
    build/rubric --db "$db" "$@" 2>>"$tmp/cli.log" || { cat "$tmp/cli.log" >&2; return 1; }
}
# wrk NAME SCRIPT URL CONNECTIONS [SECONDS]: the measured run into $tmp/NAME.txt
run() {
    wrk -t1 -c"$4" --timeout 5s --latency -s "$2" -d"${5:-$secs}s" "$3" >"$tmp/$1.txt"
}
# requests/s, p50 ms, p99 ms, errors of a wrk output
figures() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
            return v + 0
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        /Non-2xx or 3xx responses:/ { err += $NF }
        /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
        END { printf "%.1f %.3f %.3f %d\n", rps, p50, p99, err }' "$1"
}
# submit.lua for interviews FIRST, FIRST+STEP, ... (one server's share)
submit_script() {
    cat >"$1" <<EOF
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[$card]]
local id = $2 - $3
request = function()
    id = id + $3
    return wrk.format(nil, "/api/v1/interviews/" .. id .. "/scorecards")
end
EOF
}

declare -A fig
for backend in sqlite postgresql; do
    if [ "$backend" = sqlite ]; then db="sqlite:$tmp/http.db"; else db=$(newdb bench_http); fi
    base=$(serve "$db" "$tmp/serve-$backend.log")
    pids+=("$(cat "$tmp/pid")")
    token=$(cli token create admin@example.org --name bench)
    cli user add panel@example.org --role interviewer --name Panel --no-password >/dev/null
    itoken=$(cli token create panel@example.org --name bench)
    panel=$(cli user list --json 2>/dev/null | jq -r '.[] | select(.email == "panel@example.org") | .id' ||
        curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/users" |
        jq -r '.items[] | select(.email == "panel@example.org") | .id')
    cand=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"name":"Bench Candidate","role":"backend-developer-senior"}' "$base/api/v1/candidates" | jq .id)
    tpl_iv=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"candidate\":$cand,\"stage\":\"technical\",\"interviewers\":[\"panel@example.org\"],\"seed\":1}" \
        "$base/api/v1/interviews" | jq .id)
    card=$(curl -fsS -H "Authorization: Bearer $itoken" "$base/api/v1/interviews/$tpl_iv/scorecard-template" |
        jq -c '.recommendation = "yes" | .ratings |= map(.rating = 3)')
    # enough interviews for the runs below at a few thousand submits a second
    read -r first last < <(build/bench/bench_interviews "$db" "$tpl_iv" "$panel" \
        "${BENCH_INTERVIEWS:-40000}")
    cat >"$tmp/get.lua" <<EOF
wrk.headers["Authorization"] = "Bearer $token"
EOF
    token=$itoken
    url="$base/api/v1/questions/$question"
    wrk -t1 -c"$conns" -d1s -s "$tmp/get.lua" "$url" >/dev/null
    run "get-$backend" "$tmp/get.lua" "$url" "$conns"
    # the warm-up takes the first quarter of the interviews, the run the rest
    quarter=$(((last - first + 1) / 4))
    submit_script "$tmp/warm.lua" "$first" 1
    submit_script "$tmp/submit.lua" $((first + quarter)) 1
    wrk -t1 -c"$conns" -d1s -s "$tmp/warm.lua" "$base" >/dev/null
    run "submit-$backend" "$tmp/submit.lua" "$base" "$conns"
    stop "${pids[-1]}"
    unset 'pids[-1]'

    # two servers on the same store, half the connections each, at the same time
    b1=$(serve "$db" "$tmp/serve-$backend-1.log")
    pids+=("$(cat "$tmp/pid")")
    b2=$(serve "$db" "$tmp/serve-$backend-2.log")
    pids+=("$(cat "$tmp/pid")")
    half=$((conns / 2))
    run "get2a-$backend" "$tmp/get.lua" "$b1/api/v1/questions/$question" "$half" &
    w1=$!
    run "get2b-$backend" "$tmp/get.lua" "$b2/api/v1/questions/$question" "$half" &
    w2=$!
    wait "$w1" "$w2"
    # the interviews the first run left: odd ones to one server, even ones to the other
    used=$(awk '$2 == "requests" && $3 == "in" { print $1 }' "$tmp/submit-$backend.txt")
    from=$((first + quarter + used + 10))
    if [ $((last - from)) -lt 2000 ]; then
        echo "bench/backends.sh: too few interviews left for two servers: raise BENCH_INTERVIEWS" >&2
        exit 1
    fi
    submit_script "$tmp/s2a.lua" "$from" 2
    submit_script "$tmp/s2b.lua" $((from + 1)) 2
    run "submit2a-$backend" "$tmp/s2a.lua" "$b1" "$half" &
    w1=$!
    run "submit2b-$backend" "$tmp/s2b.lua" "$b2" "$half" &
    w2=$!
    wait "$w1" "$w2"
    for p in "${pids[@]: -2}"; do stop "$p"; done
    unset 'pids[-1]' 'pids[-1]'

    # one request thread, on interviews of their own
    read -r first last < <(build/bench/bench_interviews "$db" "$tpl_iv" "$panel" \
        "${BENCH_INTERVIEWS_1:-15000}")
    base=$(serve "$db" "$tmp/serve-$backend-t1.log" 1)
    pids+=("$(cat "$tmp/pid")")
    wrk -t1 -c"$conns" -d1s -s "$tmp/get.lua" "$base/api/v1/questions/$question" >/dev/null
    run "get1-$backend" "$tmp/get.lua" "$base/api/v1/questions/$question" "$conns"
    submit_script "$tmp/warm1.lua" "$first" 1
    submit_script "$tmp/submit1.lua" $((first + (last - first + 1) / 4)) 1
    wrk -t1 -c"$conns" -d1s -s "$tmp/warm1.lua" "$base" >/dev/null
    run "submit1-$backend" "$tmp/submit1.lua" "$base" "$conns"
    stop "${pids[-1]}"
    unset 'pids[-1]'

    for t in get submit; do
        read -r rps p50 p99 err < <(figures "$tmp/$t-$backend.txt")
        fig[$t-$backend]=$rps
        fig[$t-p50-$backend]=$p50
        fig[$t-p99-$backend]=$p99
        fig[$t-err-$backend]=$err
        read -r r1 _ _ e1 < <(figures "$tmp/${t}2a-$backend.txt")
        read -r r2 _ _ e2 < <(figures "$tmp/${t}2b-$backend.txt")
        fig[${t}2-$backend]=$(awk -v a="$r1" -v b="$r2" 'BEGIN { print a + b }')
        fig[${t}2-err-$backend]=$((e1 + e2))
        read -r rps _ _ err < <(figures "$tmp/${t}1-$backend.txt")
        fig[${t}1-$backend]=$rps
        fig[${t}1-err-$backend]=$err
    done
done
{
    e() { echo $((${fig[$1-err-sqlite]} + ${fig[$1-err-postgresql]})); }
    printf 'question GET\t%s\t%s\treq/s\tge:0.9\t%s\n' "${fig[get-sqlite]}" "${fig[get-postgresql]}" "$(e get)"
    printf 'question GET p99\t%s\t%s\tms\t-\n' "${fig[get-p99-sqlite]}" "${fig[get-p99-postgresql]}"
    printf 'scorecard submit\t%s\t%s\treq/s\tge:0.5\t%s\n' "${fig[submit-sqlite]}" "${fig[submit-postgresql]}" "$(e submit)"
    printf 'scorecard submit p99\t%s\t%s\tms\t-\n' "${fig[submit-p99-sqlite]}" "${fig[submit-p99-postgresql]}"
    printf 'question GET, 2 servers\t%s\t%s\treq/s\t-\t%s\n' "${fig[get2-sqlite]}" "${fig[get2-postgresql]}" "$(e get2)"
    printf 'scorecard submit, 2 servers\t%s\t%s\treq/s\t-\t%s\n' "${fig[submit2-sqlite]}" "${fig[submit2-postgresql]}" "$(e submit2)"
    printf 'question GET, 1 req. thread\t%s\t%s\treq/s\t-\t%s\n' "${fig[get1-sqlite]}" "${fig[get1-postgresql]}" "$(e get1)"
    printf 'scorecard submit, 1 req. thr.\t%s\t%s\treq/s\t-\t%s\n' "${fig[submit1-sqlite]}" "${fig[submit1-postgresql]}" "$(e submit1)"
} >>"$rows"

echo "bank: $questions synthetic questions, $queries searches a row, $kits kits a stage;" \
    "API: wrk 1 thread, $conns connections, ${secs} s a run (two servers: $((conns / 2)) each)," \
    "rubric request threads $threads (0: one per core, $(nproc) here) but where a row says 1"
echo
awk -F'\t' '
    function verdict(t, r) {
        if (t == "-") return ""
        split(t, a, ":")
        if (a[1] == "le") return sprintf("<= %sx: %s", a[2], r <= a[2] ? "met" : "NOT MET")
        return sprintf(">= %.0f%%: %s", a[2] * 100, r >= a[2] ? "met" : "NOT MET")
    }
    BEGIN { printf "%-30s %12s %12s %-12s %8s  %s\n", "measure", "SQLite", "PostgreSQL", "unit",
                   "ratio", "target (PostgreSQL / SQLite)" }
    NF < 6 { $6 = 0 }
    {
        r = $2 > 0 ? $3 / $2 : 0
        printf "%-30s %12.2f %12.2f %-12s %7.2fx  %s%s\n", $1, $2, $3, $4, r, verdict($5, r),
            ($6 > 0 ? sprintf(" (%d ERRORS: non-2xx answers or socket errors)", $6) : "")
        if ($1 == "question GET") g1 = $3
        if ($1 == "scorecard submit") s1 = $3
        if ($1 == "question GET, 2 servers") g2 = $3
        if ($1 == "scorecard submit, 2 servers") s2 = $3
    }
    END {
        printf "\ntwo servers against one on PostgreSQL: question GET %.2fx, scorecard submit %.2fx\n",
            g1 ? g2 / g1 : 0, s1 ? s2 / s1 : 0
    }' "$rows"
