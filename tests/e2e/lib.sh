#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A small harness for end-to-end tests of the real binary: `bash lib.sh FILE` sources FILE
# and runs each function named test_* in its own subshell and scratch directory, printing
# "PASS name" or "FAIL name" and what went wrong. $RUBRIC is the binary under test.
#
# In a test: `run CMD...` captures $OUT, $ERR and $RC; then assert_rc, assert_out, assert_err,
# assert_json (a jq expression that must be true over $OUT), assert_jsonl (the same over JSON
# lines), assert_eq.
set -u
: "${RUBRIC:?set RUBRIC to the binary under test}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DATA=$ROOT/tests/data

run() {
    local o e
    o=$(mktemp) e=$(mktemp)
    "$@" >"$o" 2>"$e" </dev/null
    RC=$?
    OUT=$(cat "$o")
    ERR=$(cat "$e")
    rm -f "$o" "$e"
}

# run_in INPUT CMD...: like run, with INPUT on stdin
run_in() {
    local in=$1 o e
    shift
    o=$(mktemp) e=$(mktemp)
    printf '%s' "$in" | "$@" >"$o" 2>"$e"
    RC=$?
    OUT=$(cat "$o")
    ERR=$(cat "$e")
    rm -f "$o" "$e"
}

fail() {
    echo "    $*" >&2
    echo "    command output: rc=$RC" >&2
    echo "$OUT" | head -15 | sed 's/^/    out: /' >&2
    echo "$ERR" | head -15 | sed 's/^/    err: /' >&2
    exit 1
}

assert_rc() { [ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC"; }
assert_out() { grep -qF -- "$1" <<<"$OUT" || fail "stdout lacks '$1'"; }
assert_not_out() { ! grep -qF -- "$1" <<<"$OUT" || fail "stdout has '$1'"; }
assert_err() { grep -qF -- "$1" <<<"$ERR" || fail "stderr lacks '$1'"; }
assert_err_re() { grep -qE -- "$1" <<<"$ERR" || fail "stderr does not match /$1/"; }
assert_eq() { [ "$1" = "$2" ] || fail "expected '$2', got '$1'${3:+ ($3)}"; }
assert_json() {
    local r
    [ -n "$OUT" ] || fail "no JSON on stdout to check: $1"
    r=$(jq -e "$1" 2>&1 <<<"$OUT") || fail "JSON check failed: $1 ($r)"
    [ "$r" = "true" ] || fail "JSON check is not true: $1 (got $r)"
}
# assert_jsonl EXPR: like assert_json, over JSON lines read as one array (jq --slurp).
assert_jsonl() {
    local r
    [ -n "$OUT" ] || fail "no JSON on stdout to check: $1"
    r=$(jq -s -e "$1" 2>&1 <<<"$OUT") || fail "JSON check failed: $1 ($r)"
    [ "$r" = "true" ] || fail "JSON check is not true: $1 (got $r)"
}
# A count from the store: the number of live questions.
count_questions() { "$RUBRIC" --db "$1" bank stats --json | jq '.questions'; }

# The backend lane. By default each test has a SQLite store in its scratch folder. When
# RUBRIC_TEST_PG names a PostgreSQL cluster (tests/pg/cluster start prints its URL,
# postgresql:///rubric?host=DIR), each test has a fresh database of its own in that cluster
# instead, dropped after the test; RUBRIC_DB is its postgresql:// URL either way.
on_pg() { [ -n "${RUBRIC_TEST_PG:-}" ]; }

# skip REASON: ends the test as skipped, for a test that cannot run on this backend (a test
# of SQLite's files, or of two servers sharing one PostgreSQL). tests/run prints the reason.
skip() {
    echo "skip: $*" >&2
    exit 77
}

# pg_sql SQL: runs SQL in the lane's cluster, as its superuser, in the maintenance database.
pg_sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$RUBRIC_TEST_PG" -c "$1" >/dev/null; }

# db_sql SQL: runs SQL in the test's own store (RUBRIC_DB) on either backend and prints the
# rows as sqlite3 does by default: columns joined by '|', a line per row, no header. Keep the
# SQL to what both dialects read alike (booleans print 1/0 on SQLite and t/f on PostgreSQL).
db_sql() {
    if on_pg; then
        psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$RUBRIC_DB" -c "$1"
    else
        sqlite3 "${RUBRIC_DB#sqlite:}" "$1"
    fi
}

# db_dump: every row of the test's store as SQL text, on either backend.
db_dump() {
    if on_pg; then
        pg_dump -d "$RUBRIC_DB"
    else
        sqlite3 "${RUBRIC_DB#sqlite:}" .dump
    fi
}

pg_db_url() {
    local base=${RUBRIC_TEST_PG%%\?*} query=${RUBRIC_TEST_PG#*\?}
    echo "${base%/*}/$1?$query"
}

# lane_store NAME: prints the URL of a second, empty store of the test's lane: a SQLite file
# NAME.db in the scratch folder, or a new database of the lane's cluster (dropped with the
# test's own).
lane_store() {
    if on_pg; then
        pg_sql "CREATE DATABASE ${pgdb}_$1" || fail "cannot create database ${pgdb}_$1"
        pg_db_url "${pgdb}_$1"
    else
        echo "sqlite:$PWD/$1.db"
    fi
}

file=$1
# shellcheck source=/dev/null
source "$file"
n=0
for t in $(declare -F | awk '{print $3}' | grep '^test_'); do
    scratch=$(mktemp -d)
    db="sqlite:$scratch/rubric.db"
    if on_pg; then
        n=$((n + 1))
        pgdb="e2e_$$_$n"
        if ! pg_sql "CREATE DATABASE $pgdb" 2>"$scratch.log"; then
            echo "FAIL ${file##*/}:$t"
            echo "    could not create database $pgdb in $RUBRIC_TEST_PG: $(cat "$scratch.log")"
            rm -rf "$scratch" "$scratch.log"
            continue
        fi
        db=$(pg_db_url "$pgdb")
    fi
    # Run as the condition of an if, as the tests were written for: set -e has no effect
    # there, and a test fails through fail() and the assert_* functions.
    if (cd "$scratch" && export RUBRIC_DB="$db" && set -e && "$t") 2>"$scratch.log"; then
        rc=0
    else
        rc=$?
    fi
    if [ "$rc" -eq 0 ]; then
        echo "PASS ${file##*/}:$t"
    elif [ "$rc" -eq 77 ] && grep -q '^skip: ' "$scratch.log"; then
        echo "SKIP ${file##*/}:$t: $(sed -n 's/^skip: //p' "$scratch.log" | tail -1)"
    else
        echo "FAIL ${file##*/}:$t"
        cat "$scratch.log"
    fi
    if on_pg; then
        # a server a test left behind still holds a connection: FORCE ends it
        pg_sql "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" 2>/dev/null ||
            echo "    (could not drop database $pgdb)"
        for extra in $(psql -X -A -t -q -d "$RUBRIC_TEST_PG" \
            -c "SELECT datname FROM pg_database WHERE datname LIKE '${pgdb}\_%'"); do
            pg_sql "DROP DATABASE IF EXISTS $extra WITH (FORCE)" 2>/dev/null || true
        done
    fi
    rm -rf "$scratch" "$scratch.log"
done
