# SPDX-License-Identifier: MIT
# The server's answer cache on either backend: a question GET is answered from memory while
# the bank's generation is the same, and a change that another process makes to the store
# (another server, the command line, an operator's SQL) reaches it. On PostgreSQL the
# generation is not even read while nothing changed: the schema's trigger notifies every
# listening connection, and this test's change comes from psql, a process of its own.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

test_a_bank_change_made_elsewhere_is_served_within_a_second() {
    local tok title
    start_server
    tok=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    http GET /api/v1/questions/cache-two-tier-local -H "Authorization: Bearer $tok"
    assert_rc 200
    title=$(jq -r .title <<<"$OUT")
    [ -n "$title" ] && [ "$title" != "Changed elsewhere" ] || fail "no title: $OUT"
    # asked again: from the cache
    http GET /api/v1/questions/cache-two-tier-local -H "Authorization: Bearer $tok"
    assert_json ".title == \"$title\""
    db_sql "UPDATE question SET title = 'Changed elsewhere' WHERE slug = 'cache-two-tier-local';
            UPDATE bank_generation SET n = n + 1 WHERE id = 1" >/dev/null
    for _ in $(seq 1 20); do
        http GET /api/v1/questions/cache-two-tier-local -H "Authorization: Bearer $tok"
        [ "$(jq -r .title <<<"$OUT")" = "Changed elsewhere" ] && { stop_server; return 0; }
        sleep 0.05
    done
    fail "a change made by another process was not served within a second: $OUT"
}
