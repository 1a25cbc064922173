#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make bench-scale: the large tables at each size of BENCH_SCALE_SIZES (100,000 and
# 1,000,000 rows a table) on SQLite and on PostgreSQL (bench/bench_scale.c), each size in a
# new SQLite file and a new database of one private cluster (tests/pg/cluster with
# PG_DURABLE=1: fsync and synchronous commits on, as SQLite syncs every commit), stopped at
# the end. BENCH_SCALE_SEED rows a table (10,000) go through the store; the rest are copies.
# 45 minutes for both sizes on the shared 2 cores at a load of 5 to 16 (10 at 100,000, 35 at
# 1,000,000); docs/SCALING.md reads its figures.
#
# usage: bench/scale.sh (BENCH_SCALE_SIZES, BENCH_SCALE_SEED, BENCH_SCALE_DIR: where the
#        SQLite files go, build/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${BENCH_SCALE_SIZES:-100000 1000000}
seed=${BENCH_SCALE_SEED:-10000}
dir=${BENCH_SCALE_DIR:-build/bench}
[ -x build/bench/bench_scale ] || { echo "bench/scale.sh: no build/bench/bench_scale: run make bench-scale" >&2; exit 1; }
cluster=$(mktemp -d /tmp/rb-scale.XXXXXX)
cleanup() {
    tests/pg/cluster stop "$cluster" || true
    for n in $sizes; do rm -f "$dir/scale-$n.db" "$dir/scale-$n.db-wal" "$dir/scale-$n.db-shm"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$dir"
PG_DURABLE=1 tests/pg/cluster start "$cluster" >/dev/null
echo "bench-scale: PostgreSQL $(psql -qXAt -h "$cluster" -d rubric -c 'SHOW server_version')," \
    "shared_buffers $(psql -qXAt -h "$cluster" -d rubric -c 'SHOW shared_buffers');" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for n in $sizes; do
    echo
    psql -qX -h "$cluster" -d rubric -c "CREATE DATABASE scale_$n" >/dev/null
    start=$(date +%s)
    build/bench/bench_scale "$n" "$dir/scale-$n.db" "postgresql:///scale_$n?host=$cluster" "$seed"
    echo "($(($(date +%s) - start)) s; load average $(cut -d' ' -f1-3 /proc/loadavg))"
    rm -f "$dir/scale-$n.db" "$dir/scale-$n.db-wal" "$dir/scale-$n.db-shm"
    psql -qX -h "$cluster" -d rubric -c "DROP DATABASE scale_$n" >/dev/null
done
