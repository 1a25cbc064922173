# SPDX-License-Identifier: MIT
# The audit log (docs/SECURITY.md, "Audit log"): one entry per request, however many
# candidates it showed; a change and its entry in one transaction, so that a change is never
# without its record; and entries older than audit_retention_days deleted.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

entries() { db_sql 'SELECT count(*) FROM audit'; }
candidates() { db_sql 'SELECT count(*) FROM candidate'; }

test_a_list_is_one_entry_that_each_candidate_finds() {
    local t admin before
    RC=0 OUT="" ERR=""
    start_server
    t=$(token_for recruiter)
    admin=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    for i in $(seq 1 30); do
        "$RUBRIC" candidate add --name "Test Person $i" >/dev/null || fail "candidate add"
    done
    before=$(entries)
    http GET '/api/v1/candidates?limit=500' -H "Authorization: Bearer $t"
    assert_rc 200
    assert_json '(.items | length) == 30'
    assert_eq "$(entries)" "$((before + 1))" "entries after listing 30 candidates"
    http GET '/api/v1/audit?candidate=7&action=view' -H "Authorization: Bearer $admin"
    assert_json '.total == 1 and .items[0].candidate == 7 and (.items[0].candidates | length) == 30
        and .items[0].what == "candidate list"'
    http GET '/api/v1/audit?limit=1' -H "Authorization: Bearer $admin"
    assert_json '.total == 31 and (.items | length) == 1'
    stop_server
}

test_a_change_whose_entry_cannot_be_written_is_not_made() {
    local t
    start_server
    t=$(token_for recruiter)
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    # from now on the log refuses every entry
    if on_pg; then
        db_sql "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql
                    AS \$\$ BEGIN RAISE EXCEPTION 'the audit log is full'; END \$\$;
                CREATE TRIGGER refuse BEFORE INSERT ON audit
                    FOR EACH ROW EXECUTE FUNCTION refuse();"
    else
        db_sql "CREATE TRIGGER refuse BEFORE INSERT ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is full'); END;"
    fi
    http POST /api/v1/candidates -H "Authorization: Bearer $t" \
        -H 'Content-Type: application/json' -d '{"name":"Ilse Examplar"}'
    assert_rc 503
    assert_json '.type == "/problems/store-error"'
    http POST /api/v1/candidates/1/stage -H "Authorization: Bearer $t" \
        -H 'Content-Type: application/json' -d '{"stage":"screened"}'
    assert_rc 503
    run "$RUBRIC" candidate add --name "Ilse Examplar"
    [ "$RC" -ne 0 ] || fail "the command line added a candidate without its entry"
    assert_eq "$(candidates)" 1 "candidates"
    assert_eq "$(db_sql 'SELECT stage FROM candidate WHERE id = 1')" applied "stage"
    stop_server
}

test_entries_older_than_the_retention_are_deleted() {
    start_server
    stop_server
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    db_sql "INSERT INTO audit (at, actor_label, action, candidates, what)
        VALUES ('2001-01-01T00:00:00Z', 'command line', 'view', '[1,2]', 'candidate list')"
    db_sql "INSERT INTO audit_subject (candidate, audit)
        SELECT c, (SELECT max(id) FROM audit) FROM (VALUES (1), (2)) AS v (c)"
    assert_eq "$(entries)" 2 "entries before"
    RUBRIC_AUDIT_RETENTION_DAYS=30 start_server
    for _ in $(seq 1 50); do
        [ "$(entries)" = 1 ] && break
        sleep 0.1
    done
    assert_eq "$(entries)" 1 "entries after"
    assert_eq "$(db_sql 'SELECT count(*) FROM audit_subject')" 0 "its index rows"
    assert_eq "$(db_sql 'SELECT what FROM audit')" candidate "the entry kept"
    stop_server
}
