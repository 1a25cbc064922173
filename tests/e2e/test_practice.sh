# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric practice` without a terminal: next and answer (the API's flow,
# with an injected clock), keyword feedback, stats, Anki exports, and bad input.

ROLE=backend-developer-mid

setup_store() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    printf 'a-long-enough-password\n' | "$RUBRIC" user add ada@example.org --role candidate \
        --password-stdin >/dev/null
}

test_practice_schedules_answers_and_brings_due_questions_back() {
    setup_store
    run "$RUBRIC" practice next --user ada@example.org --role $ROLE --now 2025-03-01 --json
    assert_rc 0
    assert_json '.kind == "new" and .card == null and .due_count == 0 and .new_count > 20'
    assert_json '(.question | has("points") | not) and (.question.minutes > 0)'
    q=$(jq -r .question.id <<<"$OUT")
    printf 'zebracorn: I would talk it through step by step.\n' >answer.txt
    run "$RUBRIC" practice answer --user ada@example.org "$q" --rating good \
        --answer-file answer.txt --seconds 90 --now 2025-03-01T10:00:00Z --json
    assert_rc 0
    # FSRS-5: a new question rated good has stability w2 = 3.173: 3 days
    assert_json '.rating == "good" and .schedule.interval_days == 3 and .schedule.due == "2025-03-04"'
    assert_json '.coverage.kind == "keyword coverage" and (.points | length > 0)'
    # the answer's text is never stored
    ! db_dump | grep -q zebracorn || fail "the typed answer is in the store"
    # not due the next day: another question comes
    run "$RUBRIC" practice next --role $ROLE --now 2025-03-02 --json
    assert_json ".question.id != \"$q\" and .kind == \"new\" and .due_count == 0"
    # due on its day, first of all
    run "$RUBRIC" practice next --role $ROLE --now 2025-03-04T08:00:00Z --json
    assert_json ".question.id == \"$q\" and .kind == \"due\" and .due_count == 1"
    assert_json '.card.reps == 1 and .card.due == "2025-03-04"'
    # good again after 3 days (R = 0.904698): stability 10.738926, 11 days (tests/unit/test_fsrs.c)
    run "$RUBRIC" practice answer "$q" --rating good --now 2025-03-04 --json
    assert_json '.coverage == null and .schedule.interval_days == 11 and .schedule.due == "2025-03-15"'
    assert_json '.schedule.reps == 2 and .schedule.elapsed_days == 3'
    # again: a lapse, back sooner
    run "$RUBRIC" practice answer "$q" --rating again --now 2025-03-15
    assert_rc 0
    assert_out "Saved: again. Next time in 2 days, on 2025-03-17."
    assert_eq "$(db_sql 'SELECT count(*), sum(CASE WHEN first THEN 1 ELSE 0 END), max(lapses) FROM practice_review, practice_card')" "3|1|1"
}

test_practice_feedback_is_keyword_coverage_of_the_points() {
    setup_store
    printf 'A cache serves repeated reads from memory: lower latencies, and the load on the\ndatabase is reduced. The catch is stale entries after a write.\n' >answer.txt
    run "$RUBRIC" practice answer --user ada@example.org cache-screen-purpose --rating hard \
        --answer-file answer.txt --now 2025-03-01 --json
    assert_rc 0
    assert_json '.coverage.concepts == 4 and .coverage.found == 3 and .coverage.score == 0.75'
    assert_json '[.coverage.points[].status] == ["covered", "covered", "missed"]'
    assert_json '.coverage.points[1].found == ["stale data"] and .coverage.points[2].missing == ["hit ratio"]'
    assert_json '.coverage.note | contains("not a judgement")'
    # the same from standard input, as text
    run_in "$(cat answer.txt)" "$RUBRIC" practice answer cache-screen-purpose --rating good \
        --answer-file - --now 2025-03-02
    assert_rc 0
    assert_out "Keyword coverage (a hint, not a judgement of your answer):"
    assert_out "3 of 4 key concepts mentioned, 2 of 3 points covered"
    assert_out "[ ] missing: hit ratio"
    assert_eq "$(db_sql 'SELECT coverage FROM practice_review ORDER BY id' | paste -sd,)" "0.75,0.75"
}

test_practice_stats_count_streak_retention_and_time() {
    setup_store
    "$RUBRIC" practice answer cache-screen-purpose --rating good --seconds 60 --now 2025-03-01 >/dev/null
    "$RUBRIC" practice answer api-auth-partners-spa --rating again --seconds 120 --now 2025-03-01 >/dev/null
    "$RUBRIC" practice answer cache-screen-purpose --rating again --seconds 30 --now 2025-03-02 >/dev/null
    run "$RUBRIC" practice stats --now 2025-03-02 --json
    assert_rc 0
    assert_json '.user == "ada@example.org" and .answers == 3 and .cards == 2 and .reviews == 1'
    assert_json '.retention == 0 and .streak == 2 and .seconds == 210 and .due_today == 1'
    assert_json '[.competencies[].competency] == ["api-design", "caching"]'
    assert_json '.weakest[0].competency == "api-design" and .weakest[0].score == 0'
    run "$RUBRIC" practice stats --now 2025-03-02
    assert_out "streak       2 days"
    assert_out "time spent   4 min"
    assert_out "weakest: api-design, caching"
    # nothing yet for another user
    printf 'a-long-enough-password\n' | "$RUBRIC" user add bo@example.org --role interviewer \
        --password-stdin >/dev/null
    run "$RUBRIC" practice stats --user bo@example.org --json
    assert_json '.answers == 0 and .retention == null and .streak == 0 and .weakest == []'
}

# The expected notes of a role, counted straight from the store.
role_questions() {
    local comps level
    # the competencies as an SQL list: 'a', 'b'
    comps=$("$RUBRIC" role show $ROLE --json |
        jq -r '[.competencies[].competency | @sh] | join(", ")')
    level=$("$RUBRIC" role show $ROLE --json | jq -r '.level')
    level=$(case $level in junior) echo 1 ;; mid) echo 2 ;; senior) echo 3 ;; *) echo 4 ;; esac)
    db_sql "SELECT count(*) FROM question q WHERE NOT q.retired
        AND json_array_length(q.points) > 0 AND $level BETWEEN q.level_min AND q.level_max
        AND EXISTS (SELECT 1 FROM question_competency qc JOIN competency c ON c.id = qc.competency
                    WHERE qc.question = q.id AND c.slug IN ($comps))"
}

test_practice_exports_anki_decks() {
    setup_store
    want=$(role_questions)
    [ "$want" -gt 20 ] || fail "only $want questions for $ROLE"
    run "$RUBRIC" practice export --format csv --role $ROLE --output deck.csv
    assert_rc 0
    head -6 deck.csv >head.txt
    grep -qx '#separator:comma' head.txt && grep -qx '#html:true' head.txt &&
        grep -qx '#guid column:1' head.txt && grep -qx "#deck:Rubric::$ROLE" head.txt ||
        fail "CSV headers: $(cat head.txt)"
    rows=$(sqlite3 :memory: "CREATE TABLE t (c1, c2, c3, c4)" ".import --csv --skip 6 deck.csv t" \
        "SELECT count(*) FROM t")
    assert_eq "$rows" "$want" "CSV rows"
    # the whole bank when no role is given
    "$RUBRIC" practice export --format csv >all.csv
    assert_eq "$(sqlite3 :memory: "CREATE TABLE t (c1, c2, c3, c4)" ".import --csv --skip 6 all.csv t" \
        "SELECT count(*) FROM t")" \
        "$(db_sql 'SELECT count(*) FROM question WHERE NOT retired AND json_array_length(points) > 0')"
    sqlite3 :memory: "CREATE TABLE t (c1, c2, c3, c4)" ".import --csv --skip 6 all.csv t" \
        "SELECT * FROM t WHERE c1 = 'rubric-cache-screen-purpose'" >row.txt
    grep -q 'A good answer shows' row.txt && grep -q 'stale data' row.txt &&
        grep -q 'What a cache buys you' row.txt && grep -q 'rubric caching screening junior' row.txt ||
        fail "the cache question's note: $(cat row.txt)"

    run "$RUBRIC" practice export --format apkg --role $ROLE --output deck.apkg
    assert_rc 0
    mkdir x && (cd x && unzip -q ../deck.apkg) || fail "not a zip"
    [ "$(ls x | tr '\n' ' ')" = "collection.anki2 media " ] || fail "apkg holds $(ls x)"
    assert_eq "$(cat x/media)" "{}"
    db=x/collection.anki2
    assert_eq "$(sqlite3 $db 'SELECT count(*) FROM notes')" "$want" "notes"
    assert_eq "$(sqlite3 $db 'SELECT count(*) FROM cards WHERE nid IN (SELECT id FROM notes)')" "$want" "cards"
    assert_eq "$(sqlite3 $db 'SELECT ver, count(*) FROM col')" "11|1"
    for t in col notes cards revlog graves; do
        sqlite3 $db "SELECT 1 FROM $t LIMIT 0" || fail "no table $t"
    done
    sqlite3 $db 'SELECT models FROM col' | jq -e '[.[]][0] | .name == "Rubric question" and
        ([.flds[].name] == ["Question", "Answer", "Id"]) and (.tmpls | length == 1)' >/dev/null ||
        fail "the note type"
    sqlite3 $db 'SELECT decks FROM col' | jq -e "[.[].name] | index(\"Rubric::$ROLE\") != null" >/dev/null ||
        fail "no deck Rubric::$ROLE"
    # the deck of every card is the one named
    did=$(sqlite3 $db 'SELECT decks FROM col' | jq -r ".[] | select(.name == \"Rubric::$ROLE\") | .id")
    assert_eq "$(sqlite3 $db "SELECT count(DISTINCT did), min(did) FROM cards")" "1|$did"
    # three fields, the third the question's id, which the guid is made from
    assert_eq "$(sqlite3 $db "SELECT count(*) FROM notes WHERE length(flds) - length(replace(flds, char(31), '')) = 2
        AND substr(flds, length(flds) - length(guid) + 8) = substr(guid, 8) AND guid LIKE 'rubric-%'")" "$want"
    assert_eq "$(sqlite3 $db "SELECT count(*) FROM notes WHERE tags NOT LIKE ' rubric % ' OR sfld = '' OR flds NOT LIKE '%A good answer shows%'")" "0"
    # the same notes again in a later export: Anki updates rather than duplicates
    "$RUBRIC" practice export --format apkg --role $ROLE >again.apkg
    mkdir y && (cd y && unzip -q ../again.apkg)
    assert_eq "$(sqlite3 y/collection.anki2 'SELECT group_concat(guid) FROM (SELECT guid FROM notes ORDER BY guid)')" \
        "$(sqlite3 $db 'SELECT group_concat(guid) FROM (SELECT guid FROM notes ORDER BY guid)')"
    run "$RUBRIC" practice export --format pdf
    assert_rc 2
    assert_err "give --format apkg or csv"
}

test_practice_bad_input_says_what_and_where() {
    setup_store
    run "$RUBRIC" practice answer cache-screen-purpose --rating great
    assert_rc 2
    assert_err "bad --rating 'great': again, hard, good or easy"
    run "$RUBRIC" practice answer cache-screen-purpose
    assert_rc 2
    assert_err "give --rating"
    head -c 65537 /dev/zero | tr '\0' a >big.txt
    run "$RUBRIC" practice answer cache-screen-purpose --rating good --answer-file big.txt
    assert_rc 1
    assert_err "big.txt: more than 65536 bytes"
    printf 'first line\nbad \xff byte\n' >latin.txt
    run "$RUBRIC" practice answer cache-screen-purpose --rating good --answer-file latin.txt
    assert_rc 1
    assert_err "latin.txt:2: not UTF-8 text"
    run "$RUBRIC" practice answer no-such-question --rating good
    assert_rc 3
    assert_err "no question with id 'no-such-question'"
    run "$RUBRIC" practice next --now 2025-02-30
    assert_rc 2
    assert_err "--now: bad time '2025-02-30'"
    run "$RUBRIC" practice next --level guru
    assert_rc 2
    run "$RUBRIC" practice next --role no-such-role
    assert_rc 2
    assert_err "no role 'no-such-role'"
    run "$RUBRIC" practice next --user nobody@example.org
    assert_rc 3
    assert_err "rubric user add nobody@example.org --role candidate"
    # nothing was recorded by any of that
    assert_eq "$(db_sql 'SELECT count(*) FROM practice_review')" "0"
    # with two candidates there is no one to pick by default
    printf 'a-long-enough-password\n' | "$RUBRIC" user add cy@example.org --role candidate \
        --password-stdin >/dev/null
    run "$RUBRIC" practice next
    assert_rc 2
    assert_err "give --as EMAIL: the store has 2 enabled candidate accounts"
    # a session needs a terminal
    run "$RUBRIC" practice --user ada@example.org
    assert_rc 2
    assert_err "needs a terminal"
    run "$RUBRIC" practice --help
    assert_rc 0
    assert_out ":reveal"
    assert_out "a line holding only '.'"
}

test_practice_nothing_left_is_not_an_error() {
    mkdir bank && cp "$ROOT/tests/data/bank-small/"* bank/
    "$RUBRIC" bank load bank >/dev/null
    printf 'a-long-enough-password\n' | "$RUBRIC" user add ada@example.org --role candidate \
        --password-stdin >/dev/null
    for q in $(db_sql 'SELECT slug FROM question'); do
        "$RUBRIC" practice answer "$q" --rating easy --now 2025-03-01 >/dev/null || fail "answer $q"
    done
    run "$RUBRIC" practice next --now 2025-03-02 --json
    assert_rc 0
    assert_json '.question == null and .due_count == 0 and .new_count == 0'
    run "$RUBRIC" practice next --now 2025-03-02
    assert_out "Nothing to practise"
}
