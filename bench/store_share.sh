#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Where the CPU of a cold `rubric screen` (a new store, every parse written) goes, by the call
# chain of each sample (perf record --call-graph dwarf): the store's parts in % of all the
# run's samples, mean of RUNS runs of each binary, interleaved. On a shared machine a run's
# total CPU time swings with the neighbours' load; the share of its own samples does far less.
# Parts: lookups (the readers' store_resume_get), JSON (resume_json_write), inserts (the
# batch's INSERTs), commits (the rest of the writer thread), open (creating the store), close
# (closing it, its checkpoint included), queue (handing parses to the writer); freeing a parse
# is counted apart, since a run without the store frees them too. Needs perf.
#
#   bench/store_share.sh DIR THREADS RUNS RUBRIC...
set -euo pipefail
dir=$1
threads=$2
runs=$3
shift 3
job=tests/data/screening/jobs/java-backend.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one "binary part=samples ..." line a run
classify() {
    awk -v bin="$1" '
    function flush(   k, i) {
        if (!cur) return
        k = "rest"
        if (chain ~ / writer /) {
            if (chain ~ / resume_json_write /) k = "json"
            else if (chain ~ / sq_exec /) k = "inserts"
            else if (chain ~ / resume_cleanup /) k = "free"
            else k = "commits"
        } else if (chain ~ / from_store /) k = "lookups"
        else if (chain ~ / sqlite_store_open /) k = "open"
        else if (chain ~ / (sqlite_close|intake_files_close) /) k = "close"
        else if (chain ~ / keep_take /) k = "queue"
        n[k]++; total++
        cur = 0; chain = " "
    }
    BEGIN { chain = " " }
    /^[^ \t]/ { flush(); cur = 1; next }
    /^[ \t]*$/ { flush(); next }
    { sym = $2; sub(/\+0x[0-9a-f]+$/, "", sym); chain = chain sym " " }
    END {
        flush()
        printf "%s total=%d", bin, total
        for (k in n) printf " %s=%d", k, n[k]
        printf "\n"
    }'
}

for _ in $(seq "$runs"); do
    for b in "$@"; do
        rm -f "$tmp"/s.db*
        perf record -q --call-graph dwarf,16384 -F 1000 -o "$tmp/perf.data" \
            "$b" --db "sqlite:$tmp/s.db" screen "$dir" --job "$job" --jobs "$threads" --top 10 \
            --json >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
        perf script -i "$tmp/perf.data" 2>/dev/null | classify "$b" >>"$tmp/runs"
    done
done

echo "A cold screen of $(find "$dir" -type f | wc -l) files on $threads thread(s), mean of $runs" \
    "runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(% of all the run's samples)"
awk '
{
    b = $1; runs[b]++
    if (!(b in seen)) { seen[b] = 1; order[++nb] = b }
    for (i = 2; i <= NF; i++) { split($i, kv, "="); c[b, kv[1]] = kv[2] }
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "total") sh[b, kv[1]] += 100 * kv[2] / c[b, "total"] }
}
END {
    np = split("lookups json inserts commits open close queue", parts, " ")
    printf "%-24s", "binary"
    for (p = 1; p <= np; p++) printf " %8s", parts[p]
    printf " | %6s %8s\n", "free", "store"
    for (i = 1; i <= nb; i++) {
        b = order[i]; tot = 0
        printf "%-24s", b
        for (p = 1; p <= np; p++) { v = sh[b, parts[p]] / runs[b]; tot += v; printf " %8.1f", v }
        printf " | %6.1f %7.1f%%\n", sh[b, "free"] / runs[b], tot
    }
}' "$tmp/runs"
