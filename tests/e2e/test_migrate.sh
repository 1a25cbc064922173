# SPDX-License-Identifier: MIT
# Upgrading a store made by the release before openings (tests/data/migrate/schema11.sql,
# dumped from a store that release's binary filled): every candidate, stage change,
# interview and scorecard survives, and each candidate's role and stage become an
# application to an opening made for that role.

old_store() {
    on_pg && skip "an upgrade of SQLite stores of schema 11; PostgreSQL's schema starts after it"
    sqlite3 rubric.db <"$DATA/migrate/schema11.sql" || fail "cannot load the schema 11 dump"
    [ "$(sqlite3 rubric.db 'PRAGMA user_version')" = 11 ] || fail "the dump is not schema 11"
    # what the old store holds, to compare with after the upgrade
    sqlite3 rubric.db 'SELECT id, name, role, stage FROM candidate ORDER BY id' >candidates.before
    sqlite3 rubric.db 'SELECT candidate, from_stage, to_stage, by_label, reason, at
        FROM candidate_stage_change ORDER BY id' >history.before
    sqlite3 rubric.db 'SELECT id, candidate, stage, kit_json FROM interview ORDER BY id' \
        >interviews.before
    sqlite3 rubric.db 'SELECT id, interview, interviewer, recommendation, original
        FROM scorecard ORDER BY id' >scorecards.before
}

test_upgrade_keeps_every_candidate_change_interview_and_scorecard() {
    old_store
    run "$RUBRIC" candidate list --json
    assert_rc 0
    [ "$(sqlite3 rubric.db 'PRAGMA user_version')" -ge 12 ] || fail "the store was not upgraded"
    sqlite3 rubric.db 'SELECT id, name, role, stage FROM candidate ORDER BY id' >candidates.after
    sqlite3 rubric.db 'SELECT candidate, from_stage, to_stage, by_label, reason, at
        FROM candidate_stage_change ORDER BY id' >history.after
    sqlite3 rubric.db 'SELECT id, candidate, stage, kit_json FROM interview ORDER BY id' \
        >interviews.after
    sqlite3 rubric.db 'SELECT id, interview, interviewer, recommendation, original
        FROM scorecard ORDER BY id' >scorecards.after
    for f in candidates history interviews scorecards; do
        cmp -s "$f.before" "$f.after" || fail "$f changed in the upgrade"
        [ -s "$f.before" ] || fail "the dump has no $f to check"
    done
    [ "$(sqlite3 rubric.db 'PRAGMA foreign_key_check' | wc -l)" = 0 ] ||
        fail "the upgraded store breaks a foreign key"
}

test_each_candidate_gets_an_application_with_their_history() {
    old_store
    run "$RUBRIC" application list --json
    assert_rc 0
    # one per candidate, at their stage, to the opening made for their role
    [ "$(jq -c '[.[] | [.candidate, .stage]]' <<<"$OUT")" = \
        "$(sqlite3 -json rubric.db 'SELECT id, stage FROM candidate ORDER BY id' |
            jq -c '[.[] | [.id, .stage]]')" ] || fail "not one application per candidate at their stage"
    run "$RUBRIC" opening list --json
    assert_json 'all(.[]; .status == "draft")'
    assert_json '(map(.role) | sort) == ([null, "backend-architect", "backend-developer-senior"] | sort)'
    assert_json 'any(.[]; .title == "Backend developer (senior)" and .role == "backend-developer-senior")'
    # their history, entry for entry, in their application
    for c in $(sqlite3 rubric.db 'SELECT id FROM candidate'); do
        run "$RUBRIC" application list --candidate "$c" --json
        app=$(jq '.[0].id' <<<"$OUT")
        run "$RUBRIC" application show "$app" --json
        [ "$(jq -c '[.history[] | [.from, .to, .by, .reason, .at]]' <<<"$OUT")" = \
            "$(sqlite3 -json rubric.db "SELECT from_stage, to_stage, by_label, reason, at
                FROM candidate_stage_change WHERE candidate = $c ORDER BY id" |
                jq -c '[.[] | [.from_stage, .to_stage, .by_label, .reason, .at]]')" ] ||
            fail "candidate $c: the application's history is not theirs"
        [ "$(jq -c .interviews <<<"$OUT")" = \
            "$(sqlite3 -json rubric.db "SELECT id FROM interview WHERE candidate = $c ORDER BY id" |
                jq -sc 'add // [] | map(.id)')" ] || fail "candidate $c: the interviews are not the application's"
    done
}

test_upgraded_loops_still_read_and_move() {
    old_store
    # the scorecards and the debrief read as before
    run "$RUBRIC" scorecard show 1 --json
    assert_rc 0
    run "$RUBRIC" debrief 1 --json
    assert_rc 0
    # the old stage command moves the one application
    run "$RUBRIC" candidate stage 2 interviewing --reason "after the upgrade"
    assert_rc 0
    run "$RUBRIC" application list --candidate 2 --json
    assert_json '.[0].stage == "interviewing"'
}

# A new store is made by one script the migrations wrote at build time (tools/sqlsnap.c):
# it must be the store they make. An upgraded store went through them, from schema 11 on.
test_a_new_store_is_the_one_the_migrations_make() {
    local q="SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'
        ORDER BY type, name"
    old_store
    run "$RUBRIC" candidate list --json
    assert_rc 0
    run "$RUBRIC" --db sqlite:new.db user list
    assert_rc 0
    sqlite3 rubric.db "$q" >upgraded.schema
    sqlite3 new.db "$q" >new.schema
    [ "$(wc -l <new.schema)" -gt 100 ] || fail "the new store has no schema to compare"
    diff upgraded.schema new.schema >&2 || fail "a new store's schema is not an upgraded one's"
    assert_eq "$(sqlite3 new.db 'PRAGMA user_version')" "$(sqlite3 rubric.db 'PRAGMA user_version')"
    assert_eq "$(sqlite3 new.db 'SELECT * FROM question_fts_config ORDER BY k')" \
        "$(sqlite3 rubric.db 'SELECT * FROM question_fts_config ORDER BY k')"
    assert_eq "$(sqlite3 new.db 'SELECT * FROM bank_generation')" "1|0"
    # and it works: the built-in bank found by the search the snapshot's index serves
    run "$RUBRIC" --db sqlite:new.db bank search cache
    assert_rc 0
    assert_out "cache"
}
