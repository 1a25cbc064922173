#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `rubric screen` of a folder of resumes against a job on 1 and 2 threads: without the store
# (--no-store), with a new store (every parse written), and again on that store (every parse
# read back), best of ROUNDS each by wall time, on the same files. Prints files a second, the
# share of a run that writing the parses costs (cold store against no store, same threads),
# 2 threads against 1, and, given resume-parser's rate from the same run (bench/run takes
# it from bench/peer_resume_parser.js), how many times as fast as it screening is.
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

# best wall seconds of $rounds runs of: rubric [--db] screen ...; $1 = mode, $2 = threads
best() {
    local mode=$1 t=$2 b="" s e
    for _ in $(seq "$rounds"); do
        case $mode in
        none) args=(screen "$dir" --job "$job" --no-store) ;;
        cold)
            rm -f "$tmp"/s.db*
            args=(--db "sqlite:$tmp/s.db" screen "$dir" --job "$job")
            ;;
        warm) args=(--db "sqlite:$tmp/s.db" screen "$dir" --job "$job") ;;
        esac
        s=$(date +%s.%N)
        "$rubric" "${args[@]}" --jobs "$t" --top 10 --json >/dev/null 2>"$tmp/err" ||
            { cat "$tmp/err" >&2; exit 1; }
        e=$(date +%s.%N)
        b=$(awk -v s="$s" -v e="$e" -v b="$b" 'BEGIN { x = e - s; print (b == "" || x < b) ? x : b }')
    done
    echo "$b"
}

declare -A sec
for t in 1 2; do
    for mode in none cold warm; do
        sec[$mode$t]=$(best $mode $t)
    done
done
echo "Screening $n files against $job, best of $rounds runs each; load average:" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-34s %9s %9s %9s %9s\n' "run" "1 thread" "files/s" "2 threads" "files/s"
for mode in none cold warm; do
    case $mode in
    none) label="no store (--no-store)" ;;
    cold) label="new store: every parse written" ;;
    warm) label="same store: every parse read" ;;
    esac
    awk -v l="$label" -v n="$n" -v a="${sec[${mode}1]}" -v b="${sec[${mode}2]}" \
        'BEGIN { printf "%-34s %8.2fs %9.0f %8.2fs %9.0f\n", l, a, n / a, b, n / b }' 
done
echo
awk -v n="$n" -v n1="${sec[none1]}" -v c1="${sec[cold1]}" -v n2="${sec[none2]}" \
    -v c2="${sec[cold2]}" -v peer="$peer" 'BEGIN {
    printf "writing the parses: %.0f%% of a run on 1 thread, %.0f%% on 2 (target < 10%%)\n",
        (c1 - n1) / c1 * 100, (c2 - n2) / c2 * 100
    printf "2 threads against 1, store written: %.2fx (target >= 1.8x)\n", c1 / c2
    if (peer != "")
        printf "against resume-parser (%s files/s, same run): %.1fx with the store written " \
            "(target >= 20x)\n", peer, n / c2 / peer
}' 
