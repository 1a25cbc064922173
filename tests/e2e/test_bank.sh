# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric bank`: the real binary on a real SQLite file in a scratch
# directory (RUBRIC_DB points there). Run by tests/run through tests/e2e/lib.sh.

test_help_is_complete() {
    run "$RUBRIC" --help
    assert_rc 0
    assert_out "usage: rubric"
    assert_out "bank"
    assert_out "exit status"
    for sub in load lint stats search show export import; do
        run "$RUBRIC" bank "$sub" --help
        assert_rc 0
        assert_out "usage: rubric bank $sub"
    done
    run "$RUBRIC" bank
    assert_rc 2
    run "$RUBRIC" bank frobnicate
    assert_rc 2
    assert_err "unknown bank command 'frobnicate'"
    run "$RUBRIC" nosuch
    assert_rc 2
}

test_shipped_bank_lints_clean() {
    run "$RUBRIC" bank lint "$ROOT/data/bank"
    assert_rc 0
    assert_err "ok:"
    run "$RUBRIC" bank lint
    assert_rc 0
    # the editor's checks too: grades, levels, one check per point, fair screening
    run "$RUBRIC" bank lint --strict "$ROOT/data/bank"
    assert_rc 0
}

test_stack_tracks_lint_and_name_known_skills() {
    run "$RUBRIC" bank lint builtin "$DATA/bank-stacks"
    assert_rc 0
    run "$RUBRIC" bank lint --strict builtin "$DATA/bank-stacks"
    ! grep -q "bank-stacks" <<<"$ERR" || fail "the test tracks fail the editor's checks: $ERR"
    mkdir bad
    sed 's/- skills: go$/- skills: go, gopher tricks/' "$DATA/bank-stacks/stack-go.md" >bad/stack-go.md
    run "$RUBRIC" bank lint builtin bad
    assert_rc 1
    assert_err_re "bad/stack-go.md:[0-9]+: question 'tgo-goroutine-leak': unknown skill 'gopher tricks'"
}

test_lint_reports_file_and_line_and_exits_1() {
    run "$RUBRIC" bank lint "$DATA/bank-bad"
    assert_rc 1
    assert_err_re "bank-bad/broken.md:9: expected the field list"
    assert_err_re "bank-bad/broken.md:21: unknown category 'quiz'"
    assert_err_re "bank-bad/latin1.md:5: not valid UTF-8"
    assert_err_re "bank-bad/storage.md:[0-9]+: duplicate id 'sb-index-lookup'"
    assert_err "unknown competency 'no-such-competency'"
}

test_load_then_stats_shows_the_whole_bank() {
    run "$RUBRIC" bank load
    assert_rc 0
    assert_out "added"
    run "$RUBRIC" bank stats --json
    assert_rc 0
    assert_json '.questions >= 300'
    for c in api-design data-storage caching messaging-async distributed-systems \
        scalability-performance security reliability-operations cloud-infrastructure \
        architecture-design testing-quality languages-runtimes leadership-communication; do
        assert_json ".by_competency[\"$c\"] >= 15"
    done
    assert_json '.by_competency.screening >= 10'
    assert_json '(.by_category | keys | length) == 7'
    assert_json '.by_level.junior > 0 and .by_level.architect > 0'
    assert_json '.matrix.behavioral.senior > 0'
    run "$RUBRIC" bank stats
    assert_rc 0
    assert_out "By category and level"
    # loading again changes nothing
    run "$RUBRIC" bank load --json
    assert_json '.added == 0 and .updated == 0 and .unchanged >= 300'
}

test_stats_on_a_fresh_store_loads_the_builtin_bank_and_says_so() {
    run "$RUBRIC" bank stats --json
    assert_rc 0
    assert_err "a fresh store: loaded the built-in bank"
    assert_json '.questions > 700'
    # once: the store now has its bank
    run "$RUBRIC" bank stats
    assert_rc 0
    [ -z "$ERR" ] || fail "seeded twice: $ERR"
}

test_search_json_and_filters() {
    run "$RUBRIC" bank load
    run "$RUBRIC" bank search idempotency --json
    assert_rc 0
    assert_json '.results | length > 0'
    assert_json '.results[0] | has("id") and has("text") and has("score") and has("snippet")'
    assert_json '[.results[].score] == ([.results[].score] | sort | reverse)'
    run "$RUBRIC" bank search cache --level junior --category screening --json
    assert_rc 0
    assert_json '.results | length > 0'
    assert_json 'all(.results[]; .category == "screening")'
    assert_json 'all(.results[]; .level_min == "junior")'
    run "$RUBRIC" bank search cache --competency caching --limit 3 --json
    assert_json '.results | length == 3'
    run "$RUBRIC" bank search zzzyzzxq --json
    assert_rc 0
    assert_json '.results == []'
    run "$RUBRIC" bank search cache
    assert_rc 0
    assert_out " 1. "
}

test_search_bad_arguments() {
    run "$RUBRIC" bank load
    run "$RUBRIC" bank search
    assert_rc 2
    assert_err "empty query"
    run "$RUBRIC" bank search '?!'
    assert_rc 1
    assert_err "empty query"
    run "$RUBRIC" bank search cache --level principal
    assert_rc 2
    assert_err "bad --level 'principal'"
    run "$RUBRIC" bank search cache --limit 0
    assert_rc 2
    run "$RUBRIC" bank search 'NEAR(' 'AND' '"'
    assert_rc 0
}

test_interactive_search_reads_queries_until_quit() {
    run "$RUBRIC" bank load
    run_in $'idempotency\n:show scr-notice-period\n:quit\n' "$RUBRIC" bank search --interactive
    assert_rc 0
    assert_out " 1. "
}

test_show_and_unknown_id() {
    run "$RUBRIC" bank load
    id=$("$RUBRIC" bank search cache --json | jq -r '.results[0].id')
    run "$RUBRIC" bank show "$id"
    assert_rc 0
    assert_out "A good answer shows"
    run "$RUBRIC" bank show "$id" --json
    assert_json ".id == \"$id\" and (.points | length) >= 3 and .minutes > 0"
    run "$RUBRIC" bank show no-such-question
    assert_rc 3
    assert_err "no question with id 'no-such-question'"
}

test_export_then_load_is_lossless() {
    run "$RUBRIC" bank load
    "$RUBRIC" bank export >a.json
    "$RUBRIC" bank export --format md --output md
    [ -f md/caching.md ] && [ -f md/synonyms.txt ] || fail "no markdown files written"
    run "$RUBRIC" --db sqlite:b.db bank load md
    assert_rc 0
    "$RUBRIC" --db sqlite:b.db bank export >b.json
    cmp -s a.json b.json || fail "md export and load changed the bank"
    run "$RUBRIC" --db sqlite:c.db bank load a.json
    assert_rc 0
    "$RUBRIC" --db sqlite:c.db bank export --output c.json
    cmp -s a.json c.json || fail "json export and load changed the bank"
    run "$RUBRIC" bank export --format md
    assert_rc 2
    assert_err "--output DIR"
}

test_bad_bank_leaves_the_store_unchanged() {
    run "$RUBRIC" bank load "$DATA/bank-small"
    assert_rc 0
    before=$(count_questions "$RUBRIC_DB")
    run "$RUBRIC" bank load "$DATA/bank-bad"
    assert_rc 1
    assert_err "the store is unchanged"
    assert_eq "$(count_questions "$RUBRIC_DB")" "$before" "questions after a refused load"
    run "$RUBRIC" bank load /no/such/dir
    assert_rc 4
    assert_err "/no/such/dir"
    echo '{"format":"rubric-bank","questions":[{"id":"x"}]}' >bad.json
    run "$RUBRIC" bank load bad.json
    assert_rc 1
    assert_err "questions[0]"
    echo 'not json' >bad2.json
    run "$RUBRIC" bank load bad2.json
    assert_rc 1
    assert_err "bad2.json"
    assert_eq "$(count_questions "$RUBRIC_DB")" "$before" "questions after bad JSON"
}

test_a_newer_schema_is_refused() {
    run "$RUBRIC" bank load "$DATA/bank-small"
    if on_pg; then
        db_sql 'UPDATE rubric_schema SET version = 999'
    else
        sqlite3 rubric.db 'PRAGMA user_version = 999'
    fi
    run "$RUBRIC" bank stats
    assert_rc 5
    assert_err "newer than"
    echo "plain text, not a database at all, long enough to fill a header page" >text.db
    run "$RUBRIC" --db text.db bank stats
    assert_rc 5
    assert_err "text.db"
    run "$RUBRIC" --db mysql://x bank stats
    assert_rc 2
}

test_import_each_shape_and_never_twice() {
    run "$RUBRIC" bank load
    run "$RUBRIC" bank import "$DATA/import/bullets.md" --dry-run --json
    assert_rc 0
    assert_json '.dry_run == true and (.questions | length) == 5'
    assert_json 'all(.questions[]; has("text") and has("topic"))'
    assert_json '.skipped | length == 1'
    assert_eq "$(count_questions "$RUBRIC_DB")" "$("$RUBRIC" bank stats --json | jq .questions)"
    before=$(count_questions "$RUBRIC_DB")
    for f in "$DATA"/import/*.md; do
        run "$RUBRIC" bank import "$f"
        assert_rc 0
    done
    after=$(count_questions "$RUBRIC_DB")
    [ "$after" -gt "$before" ] || fail "nothing was imported"
    for f in "$DATA"/import/*.md; do
        run "$RUBRIC" bank import "$f" --json
        assert_rc 0
        assert_json '.added == 0 and (.questions | length) == 0'
    done
    assert_eq "$(count_questions "$RUBRIC_DB")" "$after" "after importing again"
    run "$RUBRIC" bank stats --json
    assert_json '.imported > 0 and .by_competency.imported > 0'
    run "$RUBRIC" bank search fencing token --json
    assert_json '.results[0].id | startswith("imp-")'
    id=$("$RUBRIC" bank search fencing token --json | jq -r '.results[0].id')
    run "$RUBRIC" bank show "$id" --json
    assert_json '.source == "numbered.md" and .topic != null'
    # imported questions survive a reload of the bank, and lint (not strict) accepts them
    run "$RUBRIC" bank load
    assert_eq "$(count_questions "$RUBRIC_DB")" "$after" "after reloading the bank"
    "$RUBRIC" bank export --format md --output exp
    run "$RUBRIC" bank lint exp
    assert_rc 0
    run "$RUBRIC" bank lint exp --strict
    assert_rc 1
}

test_import_counts_on_lists_with_contents_and_anchors() {
    # lists written here in the shapes of popular GitHub lists: expected counts
    for pair in anchored-prose:7 anchored-bullets:8 sysadmin-bullets:7 vendor-numbered:6; do
        run "$RUBRIC" bank import "$DATA/import/${pair%%:*}.md" --dry-run --json
        assert_rc 0
        assert_json "(.questions | length) == ${pair##*:}"
    done
}

test_import_bad_input() {
    run "$RUBRIC" bank load
    before=$(count_questions "$RUBRIC_DB")
    printf '# Q\n\n- What is caf\xe9?\n' >latin1.md
    run "$RUBRIC" bank import latin1.md
    assert_rc 1
    assert_err "latin1.md:3: not valid UTF-8"
    run "$RUBRIC" bank import missing.md
    assert_rc 4
    assert_err "missing.md"
    run "$RUBRIC" bank import "$DATA/import/bullets.md" --competency no-such-thing
    assert_rc 2
    assert_err "unknown competency 'no-such-thing'"
    assert_eq "$(count_questions "$RUBRIC_DB")" "$before" "after bad imports"
    run "$RUBRIC" bank import "$DATA/import/bullets.md" --competency data-storage --json
    assert_rc 0
    assert_json '.added == 5'
}
