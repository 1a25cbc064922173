#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `rubric screen` of a folder of resumes against a job on 1 and 2 threads: without the store
# (--no-store), with a new store (every parse written), and again on that store (every parse
# read back), best of ROUNDS each, on the same files. The machine is shared, so the rounds
# take turns (a busy neighbour slows every figure alike), each run's CPU time (user +
# system, bash's `time`) is taken beside its wall time, and each figure is its best round. Prints files a second, CPU microseconds a file, the share of a run that
# writing the parses costs (cold store against no store, same threads: of the CPU time, and
# of the wall time), 2 threads against 1, and, given resume-parser's rate from the same run
# (bench/run takes it from bench/peer_resume_parser.js), how many times as fast as it
# screening is.
#
#   bench/screen.sh DIR RUBRIC [PEER_FILES_PER_S] [ROUNDS]
set -euo pipefail
dir=$1
rubric=$2
peer=${3:-}
rounds=${4:-3}
job=tests/data/screening/jobs/java-backend.md
n=$(find "$dir" -type f | wc -l)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One run of: rubric [--db] screen ...; $1 = mode, $2 = threads; keeps the best wall and the
# best CPU seconds of its mode and threads in sec[] and cpu[].
declare -A sec cpu
once() {
    local mode=$1 t=$2 w u sy c TIMEFORMAT='%R %U %S'
    case $mode in
    none) args=(screen "$dir" --job "$job" --no-store) ;;
    cold)
        rm -f "$tmp"/s.db*
        args=(--db "sqlite:$tmp/s.db" screen "$dir" --job "$job")
        ;;
    warm) args=(--db "sqlite:$tmp/s.db" screen "$dir" --job "$job") ;;
    esac
    { time "$rubric" "${args[@]}" --jobs "$t" --top 10 --json >/dev/null 2>"$tmp/err" ||
        { cat "$tmp/err" >&2; exit 1; }; } 2>"$tmp/time"
    read -r w u sy <"$tmp/time"
    c=$(awk -v u="$u" -v s="$sy" 'BEGIN { print u + s }')
    sec[$mode$t]=$(awk -v x="$w" -v b="${sec[$mode$t]:-}" 'BEGIN { print (b == "" || x < b) ? x : b }')
    cpu[$mode$t]=$(awk -v x="$c" -v b="${cpu[$mode$t]:-}" 'BEGIN { print (b == "" || x < b) ? x : b }')
}

# The rounds in turns, each round every run once, so that a busy neighbour on the machine
# slows every figure alike instead of the few runs it happens to meet; warm follows cold,
# on the store cold just wrote.
for _ in $(seq "$rounds"); do
    for t in 1 2; do
        for mode in none cold warm; do
            once "$mode" "$t"
        done
    done
done
echo "Screening $n files against $job, best of $rounds runs each; load average:" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "(wall seconds, CPU seconds of user + system time, files a wall second, CPU us a file)"
echo
printf '%-34s %7s %7s %7s %7s | %7s %7s %7s %7s\n' "run" "1 thr" "cpu s" "files/s" "us/file" \
    "2 thr" "cpu s" "files/s" "us/file"
for mode in none cold warm; do
    case $mode in
    none) label="no store (--no-store)" ;;
    cold) label="new store: every parse written" ;;
    warm) label="same store: every parse read" ;;
    esac
    awk -v l="$label" -v n="$n" -v a="${sec[${mode}1]}" -v ac="${cpu[${mode}1]}" \
        -v b="${sec[${mode}2]}" -v bc="${cpu[${mode}2]}" 'BEGIN {
        printf "%-34s %6.2fs %6.2fs %7.0f %7.0f | %6.2fs %6.2fs %7.0f %7.0f\n", l, a, ac, n / a,
            ac / n * 1e6, b, bc, n / b, bc / n * 1e6 }'
done
echo
awk -v n="$n" -v n1="${sec[none1]}" -v c1="${sec[cold1]}" -v n2="${sec[none2]}" \
    -v c2="${sec[cold2]}" -v pn1="${cpu[none1]}" -v pc1="${cpu[cold1]}" -v pn2="${cpu[none2]}" \
    -v pc2="${cpu[cold2]}" -v peer="$peer" 'BEGIN {
    printf "writing the parses, share of the CPU time: %.1f%% on 1 thread, %.1f%% on 2 " \
        "(target < 10%%)\n", (pc1 - pn1) / pc1 * 100, (pc2 - pn2) / pc2 * 100
    printf "writing the parses, share of the wall time: %.0f%% on 1 thread, %.0f%% on 2\n",
        (c1 - n1) / c1 * 100, (c2 - n2) / c2 * 100
    printf "2 threads against 1, store written: %.2fx wall (target >= 1.8x)\n", c1 / c2
    if (peer != "")
        printf "against resume-parser (%s files/s, same run): %.1fx with the store written " \
            "(target >= 20x)\n", peer, n / c2 / peer
}'
