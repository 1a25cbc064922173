# SPDX-License-Identifier: MIT
# The server's answer cache on either backend: a question GET is answered from memory while
# the bank's generation is the same, and a change that another process makes to the store
# (another server, the command line, an operator's SQL) reaches it. On PostgreSQL the
# generation is not even read while nothing changed: the schema's trigger notifies every
# listening connection, and this test's change comes from psql, a process of its own.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

test_a_bank_change_made_elsewhere_is_served_at_once() {
    local tok title
    # one request thread: the connection that cached the answer is the one asked again
    RUBRIC_THREADS=1 start_server
    tok=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    http GET /api/v1/questions/cache-two-tier-local -H "Authorization: Bearer $tok"
    assert_rc 200
    title=$(jq -r .title <<<"$OUT")
    [ -n "$title" ] && [ "$title" != "Changed elsewhere" ] || fail "no title: $OUT"
    # asked again: from the cache
    http GET /api/v1/questions/cache-two-tier-local -H "Authorization: Bearer $tok"
    assert_json ".title == \"$title\""
    # On PostgreSQL the notification is what tells the server: its own commits (the
    # screening worker's claim, once a second) would tell it too, but only within a second,
    # so the very next request is asked for
    db_sql "UPDATE question SET title = 'Changed elsewhere' WHERE slug = 'cache-two-tier-local';
            UPDATE bank_generation SET n = n + 1 WHERE id = 1" >/dev/null
    http GET /api/v1/questions/cache-two-tier-local -H "Authorization: Bearer $tok"
    assert_json '.title == "Changed elsewhere"'
    stop_server
}
