# SPDX-License-Identifier: MIT
# kill -9 under concurrent writes (docs/SECURITY.md, "Durability"): after the restart every
# write the server acknowledged is there, and the store passes its integrity check.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# writer N: adds candidates until the server stops answering (500 at most), appending each
# acknowledged id to acked.N
writer() {
    local id
    for i in $(seq 1 500); do
        id=$(curl -sS -m 5 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"name\":\"Crash Person $1-$i\"}" "$BASE/api/v1/candidates" 2>/dev/null |
            jq -r '.id // empty' 2>/dev/null) || return 0
        [ -n "$id" ] || return 0
        echo "$id" >>"acked.$1"
    done
}

test_kill_9_under_concurrent_writes_loses_no_acknowledged_write() {
    local pids=() missing
    RC=0 OUT="" ERR=""
    start_server
    TOKEN=$(token_for recruiter)
    for w in 1 2 3 4; do
        : >"acked.$w"
        writer $w &
        pids+=($!)
    done
    for _ in $(seq 1 100); do
        [ "$(cat acked.* | wc -l)" -ge 40 ] && break
        sleep 0.1
    done
    kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    wait "${pids[@]}"
    [ "$(cat acked.* | wc -l)" -ge 40 ] || fail "too few writes before the kill"
    start_server
    stop_server
    on_pg || assert_eq "$(sqlite3 rubric.db 'PRAGMA integrity_check')" ok "integrity after kill -9"
    db_sql 'SELECT id FROM candidate' | sort -n >stored.txt
    missing=$(cat acked.* | sort -n | comm -23 - stored.txt)
    [ -z "$missing" ] || fail "acknowledged, then lost: $missing"
}
