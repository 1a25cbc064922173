# SPDX-License-Identifier: MIT
# Practice through the API (`/api/v1/practice/...`): the real server on a loopback port, a
# fresh store, curl. Any signed-in user practises for themselves; the CLI sees the same
# schedule.

ROLE=backend-developer-mid

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

add_user() {
    printf '%s\n' "$3" | "$RUBRIC" user add "$1" --role "$2" --password-stdin >/dev/null ||
        fail "user add $1"
}

# The day d days after day (YYYY-MM-DD).
day_after() { date -u -d "$1 + $2 days" +%F; }

test_practice_through_the_api_for_any_signed_in_user() {
    start_server
    add_user noor@example.org candidate noor-password-1
    add_user ines@example.org interviewer ines-password-1
    # the candidate by session (cookie and CSRF token)
    csrf=$(curl -sS -c jar -H 'Content-Type: application/json' \
        -d '{"email":"noor@example.org","password":"noor-password-1"}' "$BASE/api/v1/session" |
        jq -r .csrf_token)
    [ -n "$csrf" ] && [ "$csrf" != null ] || fail "no CSRF token"
    s=(-b jar -H "X-CSRF-Token: $csrf")

    http GET "/api/v1/practice/next?role=$ROLE" "${s[@]}"
    assert_rc 200
    assert_json '.kind == "new" and .card == null and .due_count == 0 and .new_count > 20'
    assert_json '.question.competencies | length > 0'
    q=$(jq -r .question.id <<<"$OUT")
    "$RUBRIC" bank show "$q" --json >q.json
    concept=$(jq -r '[.points[] | select(.kind == "shows")][0].concepts[0]' q.json)
    body=$(jq -nc --arg q "$q" --arg a "First I would look at the $concept." \
        '{question: $q, rating: "good", answer: $a, seconds: 75}')
    http POST /api/v1/practice/answers -H 'Content-Type: application/json' -d "$body" "${s[@]}"
    assert_rc 201
    assert_json '.rating == "good" and .coverage.kind == "keyword coverage"'
    assert_json "[.coverage.points[].found[]] | index(\"$concept\") != null"
    assert_json '(.points | length) == ('"$(jq '.points | length' q.json)"')'
    # FSRS-5: good on a new question: 3 days after today
    assert_json '.schedule.interval_days == 3 and .schedule.reps == 1'
    today=$(jq -r .schedule.last_review <<<"$OUT")
    assert_json ".schedule.due == \"$(day_after "$today" 3)\""
    # not due now: another question is next
    http GET "/api/v1/practice/next?role=$ROLE" "${s[@]}"
    assert_json ".question.id != \"$q\""
    # the command line sees the same schedule: due in three days, and first then
    run "$RUBRIC" practice next --user noor@example.org --role $ROLE --now "$(day_after "$today" 3)" --json
    assert_json ".question.id == \"$q\" and .kind == \"due\" and .card.reps == 1"

    # another user, by API token, practises on their own
    token=$("$RUBRIC" token create ines@example.org 2>/dev/null)
    t=(-H "Authorization: Bearer $token")
    http POST /api/v1/practice/answers -H 'Content-Type: application/json' \
        -d "{\"question\":\"$q\",\"rating\":\"again\"}" "${t[@]}"
    assert_rc 201
    assert_json '.coverage == null and .schedule.interval_days == 1 and .schedule.reps == 1'
    http GET /api/v1/practice/stats "${t[@]}"
    assert_rc 200
    assert_json '.user == "ines@example.org" and .answers == 1 and .seconds == 0 and .retention == null'
    http GET /api/v1/practice/stats "${s[@]}"
    assert_json '.user == "noor@example.org" and .answers == 1 and .cards == 1 and .seconds == 75'
    assert_json '.streak == 1 and .due_today == 0 and (.competencies | length) == 1'
    assert_eq "$(db_sql 'SELECT count(*) FROM practice_review')" "2"

    # refusals
    http POST /api/v1/practice/answers -H 'Content-Type: application/json' \
        -d "{\"question\":\"$q\",\"rating\":\"good\"}" -b jar
    assert_rc 403
    http POST /api/v1/practice/answers -H 'Content-Type: application/json' \
        -d "{\"question\":\"$q\",\"rating\":\"fine\"}" "${s[@]}"
    assert_rc 400
    assert_json '.field == "rating"'
    # a candidate answers only what practice put to them: not any question by its id (its
    # answer would carry the interviewer's points), whether it exists or not
    http POST /api/v1/practice/answers -H 'Content-Type: application/json' \
        -d '{"question":"no-such-question","rating":"good"}' "${s[@]}"
    assert_rc 403
    other=$(db_sql "SELECT slug FROM question WHERE slug NOT IN
        (SELECT question FROM practice_served) AND retired = 0 LIMIT 1")
    http POST /api/v1/practice/answers -H 'Content-Type: application/json' \
        -d "{\"question\":\"$other\",\"rating\":\"good\"}" "${s[@]}"
    assert_rc 403
    assert_json '.field == "question" and has("points") == false'
    # staff answer any question: an unknown one is not found
    ines=$("$RUBRIC" token create ines@example.org 2>/dev/null)
    http POST /api/v1/practice/answers -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $ines" -d '{"question":"no-such-question","rating":"good"}'
    assert_rc 404
    http GET '/api/v1/practice/next?stage=lunch' "${s[@]}"
    assert_rc 400
    assert_json '.field == "stage"'
    http GET /api/v1/practice/stats
    assert_rc 401
    assert_eq "$(db_sql 'SELECT count(*) FROM practice_review')" "2"
    stop_server || fail "exit status $? after SIGTERM"
    ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' server.log ||
        fail "the sanitizers found something: $(grep -A5 Sanitizer server.log)"
}
