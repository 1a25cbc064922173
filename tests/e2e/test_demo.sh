# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric demo`: an empty store filled with three open openings and forty
# candidates at every stage of each, their resumes parsed and screened once the server runs,
# loops with scorecards that disagree, a candidate's practice history, all seen through the API; a store that is not empty is
# refused and left as it was.

source "$ROOT/tests/e2e/serve_lib.sh"

test_demo_fills_an_empty_store_that_the_api_then_shows() {
    run "$RUBRIC" demo
    assert_rc 0
    assert_out 'the demo: 3 openings, 40 candidates'
    start_server
    REC=$(token_for recruiter)
    api() { OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE$1"); }
    api /api/v1/openings
    assert_json '.total == 3 and all(.items[]; .status == "open")'
    api '/api/v1/candidates?limit=100'
    assert_json '.total == 40'
    # the names come from the resumes as parsed, not from their files' names
    assert_json 'all(.items[]; .name | test("^[A-Z][a-z]+ [A-Z][a-z]+$"))'
    # every stage of every opening holds someone
    for o in 1 2 3; do
        api "/api/v1/openings/$o/applications?limit=100"
        assert_json 'all(.counts[]; .count > 0) and all(.items[]; .source == "upload")'
    done
    # resumes in four formats, every one read
    for r in $(seq 1 40); do
        api "/api/v1/resumes/$r"
        jq -r '.format' <<<"$OUT"
    done | sort | uniq -c | awk '{print $2 "=" $1}' | paste -sd, - >formats
    [ "$(cat formats)" = "html=10,json-resume=10,markdown=10,text=10" ] ||
        fail "not ten resumes read in each of four formats: $(cat formats)"
    # loops for everyone who reached interviewing; those still at it wait for one card
    api '/api/v1/interviews?limit=100'
    assert_json '.total == 18'
    api /api/v1/dashboard
    assert_json '.awaiting_scorecards.total == 6'
    # and the panel disagrees on some: a debrief with a recommendation each way
    found=0
    for c in $(seq 1 40); do
        api "/api/v1/candidates/$c/debrief"
        if [ "$(jq '[.. | objects | select(has("recommendation")) | .recommendation] | (index("yes") != null and index("no") != null)' <<<"$OUT" 2>/dev/null)" = true ]; then
            found=1
            break
        fi
    done
    [ "$found" = 1 ] || fail "no debrief where the panel disagrees"
    # a candidate account with a fortnight of practice, up to yesterday
    QUINN=$("$RUBRIC" token create quinn.candidate@example.org 2>/dev/null)
    OUT=$(curl -sS -H "Authorization: Bearer $QUINN" "$BASE/api/v1/practice/stats")
    assert_json '.answers == 42 and .streak == 14 and .cards > 0'
    # the screenings queued by the demo run in the server: every application gets its score
    for _ in $(seq 150); do
        api '/api/v1/openings/1/applications?limit=100'
        [ "$(jq 'all(.items[]; .score != null)' <<<"$OUT")" = true ] && break
        sleep 0.2
    done
    assert_json 'all(.items[]; .score != null)'
}

test_demo_refuses_a_store_that_is_not_empty() {
    run "$RUBRIC" candidate add --name "Ada Example"
    assert_rc 0
    run "$RUBRIC" demo
    assert_rc 1
    assert_err 'rubric demo fills an empty store only'
    run "$RUBRIC" opening list --json
    assert_rc 0
    assert_json 'length == 0'
}
