#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Peak memory of `rubric parse --json` over a folder of small text resumes (bench/synth.c,
# about 700 bytes each), at two sizes, against the same command on one file measured in the
# same run. Memory is flat when the resumes are streamed (each read, printed and freed
# before the next) rather than held: the peak at 100,000 should be about the peak at 10,000,
# and both about the peak for one file. The folders go to build/bench/ and are removed.
#
# usage: bench/memory.sh [SMALL LARGE] (default 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${1:-10000}" "${2:-100000}")
dir=build/bench/memory
trap 'rm -rf "$dir"' EXIT

# "KIB SECONDS" of `rubric parse --json PATH`; fails when a file could not be read
measure() {
    local t0 kb
    t0=$EPOCHREALTIME
    if ! kb=$(build/bench/peakrss -q build/rubric parse --json "$1"); then
        echo "bench/memory.sh: rubric parse could not read every file of $1" >&2
        exit 1
    fi
    awk -v kb="$kb" -v t0="$t0" -v t1="$EPOCHREALTIME" 'BEGIN { printf "%d %.3f\n", kb, t1 - t0 }'
}

rows=""
for n in "${sizes[@]}"; do
    rm -rf "$dir"
    build/bench/gen_resumes --small "$n" "$dir"
    if [ -z "$rows" ]; then
        one=$(measure "$dir/r000001.txt")
        rows="1 $one"
    fi
    many=$(measure "$dir")
    rows="$rows
$n $many"
done

echo "Peak memory: rubric parse --json over a folder of small text resumes (one process)"
echo
awk -v small="${sizes[0]}" -v large="${sizes[1]}" '
    { n[NR] = $1; kb[$1] = $2; s[$1] = $3 }
    END {
        printf "%-10s %14s %10s %12s %10s\n", "resumes", "peak RSS KiB", "seconds", "resumes/s",
               "vs 1 file"
        for (i = 1; i <= NR; i++)
            printf "%-10s %14d %10.2f %12s %9.2fx\n", n[i], kb[n[i]], s[n[i]],
                   n[i] == 1 ? "-" : sprintf("%d", n[i] / s[n[i]]), kb[n[i]] / kb[1]
        r = kb[large] / kb[small]
        printf "\n%d / %d resumes: %.2fx; target flat (<= 1.10x): %s\n", large, small, r,
               r <= 1.10 ? "ok" : "MISSED"
    }' <<<"$rows"
