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

file=$1
# shellcheck source=/dev/null
source "$file"
for t in $(declare -F | awk '{print $3}' | grep '^test_'); do
    scratch=$(mktemp -d)
    if (cd "$scratch" && export RUBRIC_DB="sqlite:$scratch/rubric.db" && set -e && "$t") \
        2>"$scratch.log"; then
        echo "PASS ${file##*/}:$t"
    else
        echo "FAIL ${file##*/}:$t"
        cat "$scratch.log"
    fi
    rm -rf "$scratch" "$scratch.log"
done
