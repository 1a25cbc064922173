# SPDX-License-Identifier: MIT
# End-to-end tests of interview loops over HTTP: candidates from a screening, stages,
# interviews (an interviewer sees only theirs), scorecards under the panel rule, amendments.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

J=(-H 'Content-Type: application/json')

# as ROLE METHOD PATH [curl args]: an HTTP call with ROLE's token (tok[ROLE])
as() {
    local who=$1
    shift
    http "$1" "$2" -H "Authorization: Bearer ${tok[$who]}" "${@:3}"
}

# A server with a recruiter, two interviewers on the panel (ada, bo), one off it (ola) and a
# candidate account; tokens in tok[].
setup_server() {
    start_server
    declare -gA tok
    tok[admin]=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    for u in rita:recruiter ada:interviewer bo:interviewer ola:interviewer kim:candidate; do
        "$RUBRIC" user add "${u%%:*}@example.org" --role "${u#*:}" --no-password >/dev/null
        tok[${u%%:*}]=$("$RUBRIC" token create "${u%%:*}@example.org" 2>/dev/null)
    done
}

test_candidates_come_from_screened_resumes() {
    setup_server
    http POST /api/v1/resumes -H "Authorization: Bearer ${tok[rita]}" \
        -F "file=@$DATA/resumes/plain.txt" -F "file=@$DATA/resumes/markdown.md"
    assert_rc 201
    as rita POST /api/v1/screenings "${J[@]}" -d '{"role":"backend-developer-senior"}'
    sid=$(jq -r .id <<<"$OUT")
    for _ in $(seq 1 100); do
        as rita GET "/api/v1/screenings/$sid"
        [ "$(jq -r .state <<<"$OUT")" = done ] && break
        sleep 0.1
    done
    as rita GET "/api/v1/screenings/$sid/results"
    top=$(jq -r '.items[0].resume' <<<"$OUT")
    score=$(jq -r '.items[0].score' <<<"$OUT")
    name=$(jq -r '.items[0].name' <<<"$OUT")
    as rita POST /api/v1/candidates "${J[@]}" -d "{\"screening\":$sid,\"resume\":$top}"
    assert_rc 201
    assert_json '.stage == "screened" and .screening == '"$sid"' and .role ==
        "backend-developer-senior" and .name == "'"$name"'" and (.resumes | length) == 1'
    assert_json '.history[0].reason == "from screening '"$sid"'"'
    cid=$(jq -r .id <<<"$OUT")
    # the screening result now names the candidate
    as rita GET "/api/v1/screenings/$sid/results"
    assert_json '.items[0].candidate == '"$cid"' and .items[0].score == '"$score"
    # a resume is one person's; both ids or neither; an unknown pair is refused
    as rita POST /api/v1/candidates "${J[@]}" -d "{\"screening\":$sid,\"resume\":$top}"
    assert_rc 409
    as rita POST /api/v1/candidates "${J[@]}" -d "{\"screening\":$sid}"
    assert_rc 400
    assert_json '.field == "resume"'
    as rita POST /api/v1/candidates "${J[@]}" -d "{\"screening\":$sid,\"resume\":99}"
    assert_rc 404
    run "$RUBRIC" candidate add --screening "$sid"
    assert_rc 2
    other=$(jq -r '.items[1].resume' <<<"$(curl -sS -H "Authorization: Bearer ${tok[rita]}" \
        "$BASE/api/v1/screenings/$sid/results")")
    run "$RUBRIC" candidate add --screening "$sid" --resume "$other" --name "Tomasz N."
    assert_rc 0
    run "$RUBRIC" candidate show "$OUT" --json
    assert_json '.name == "Tomasz N." and .stage == "screened" and .email != null'
    stop_server
}

test_loops_stages_interviews_and_the_panel_rule() {
    setup_server
    as rita POST /api/v1/candidates "${J[@]}" \
        -d '{"name":"Noor Testcase","role":"backend-developer-senior"}'
    cid=$(jq -r .id <<<"$OUT")
    as rita POST "/api/v1/candidates/$cid/stage" "${J[@]}" -d '{"stage":"interviewing",
        "reason":"passed the phone screen"}'
    assert_rc 200
    assert_json '.stage == "interviewing" and .history[1].by == "rita@example.org"'
    as rita POST "/api/v1/candidates/$cid/stage" "${J[@]}" -d '{"stage":"promoted"}'
    assert_rc 400
    assert_json '.field == "stage"'
    as ada POST "/api/v1/candidates/$cid/stage" "${J[@]}" -d '{"stage":"hired"}'
    assert_rc 403
    # recruiters make interviews; interviewers do not
    as rita POST /api/v1/interviews "${J[@]}" -d '{"candidate":'"$cid"',"stage":"technical",
        "interviewers":["ada@example.org","bo@example.org"],"minutes":45,"seed":7}'
    assert_rc 201
    assert_json '.kit.candidate == "c-'"$cid"'" and (.kit.questions | length) > 0'
    iid=$(jq -r .id <<<"$OUT")
    grep -qi "^location: /api/v1/interviews/$iid" <<<"$HDR" || fail "no Location"
    as rita POST /api/v1/interviews "${J[@]}" -d '{"candidate":'"$cid"',"stage":"technical",
        "interviewers":["kim@example.org"]}'
    assert_rc 400
    assert_json '.field == "interviewers"'
    as ada POST /api/v1/interviews "${J[@]}" -d '{"candidate":'"$cid"',"stage":"technical",
        "interviewers":["ada@example.org"]}'
    assert_rc 403
    # interviewers see only their own interviews
    as ada GET /api/v1/interviews
    assert_json '.total == 1 and .items[0].id == '"$iid"
    as ola GET /api/v1/interviews
    assert_json '.total == 0'
    as rita GET '/api/v1/interviews?offset=5'
    assert_json '.total == 1 and .items == [] and .offset == 5'
    as ola GET "/api/v1/interviews/$iid"
    assert_rc 403
    as ola GET "/api/v1/interviews/$iid/scorecard-template"
    assert_rc 403
    as kim GET "/api/v1/interviews/$iid"
    assert_rc 403
    as rita GET "/api/v1/interviews?candidate=$cid"
    assert_json '.total == 1 and .items[0].scorecards == 0'
    # the template, filled in and submitted
    as ada GET "/api/v1/interviews/$iid/scorecard-template"
    assert_rc 200
    tpl=$OUT
    jq '.recommendation = "yes" | .ratings |= map(.rating = 3 | .notes = "clear")' <<<"$tpl" >ada.json
    jq '.recommendation = "no" | .ratings |= map(.rating = 2)' <<<"$tpl" >bo.json
    as ada POST "/api/v1/interviews/$iid/scorecards" "${J[@]}" --data-binary @ada.json
    assert_rc 201
    assert_json '.interviewer == "ada@example.org" and .recommendation == "yes"'
    ada_card=$(jq -r .id <<<"$OUT")
    as ada POST "/api/v1/interviews/$iid/scorecards" "${J[@]}" --data-binary @ada.json
    assert_rc 409
    as ola POST "/api/v1/interviews/$iid/scorecards" "${J[@]}" --data-binary @ada.json
    assert_rc 403
    jq '.ratings[0].rating = 7' bo.json >bad.json
    as bo POST "/api/v1/interviews/$iid/scorecards" "${J[@]}" --data-binary @bad.json
    assert_rc 400
    assert_json '.field == "ratings[0].rating"'
    # bo has not submitted: ada's card is hidden from him, whole from the recruiter
    as bo GET "/api/v1/candidates/$cid/scorecards"
    assert_rc 200
    assert_json '.items == [] and .complete == false'
    as bo GET "/api/v1/scorecards/$ada_card"
    assert_rc 403
    as rita GET "/api/v1/candidates/$cid/scorecards"
    assert_json '(.items | length) == 1 and .complete == true'
    as ola GET "/api/v1/candidates/$cid/scorecards"
    assert_rc 403
    as bo POST "/api/v1/interviews/$iid/scorecards" "${J[@]}" --data-binary @bo.json
    assert_rc 201
    bo_card=$(jq -r .id <<<"$OUT")
    as bo GET "/api/v1/interviews/$iid/scorecards"
    assert_json '[.items[].interviewer] == ["ada@example.org", "bo@example.org"] and .complete'
    as bo GET "/api/v1/scorecards/$ada_card"
    assert_rc 200
    # amendments: only the author (or an admin), with a reason, keeping the original
    q=$(jq -r '.ratings[0].question' <<<"$tpl")
    as ada POST "/api/v1/scorecards/$bo_card/amendments" "${J[@]}" \
        -d '{"reason":"x","changes":{"recommendation":"yes"}}'
    assert_rc 403
    as bo POST "/api/v1/scorecards/$bo_card/amendments" "${J[@]}" \
        -d '{"changes":{"recommendation":"yes"}}'
    assert_rc 400
    assert_json '.field == "reason"'
    as bo POST "/api/v1/scorecards/$bo_card/amendments" "${J[@]}" -d '{"reason":"second look at my notes","changes":{"ratings":[{"question":"'"$q"'","rating":4}]}}'
    assert_rc 200
    assert_json '.ratings[0].rating == 4 and .original.ratings[0].rating == 2'
    assert_json '.amendments[0] | .by == "bo@example.org" and .field == "rating:'"$q"'" and
        .old == "2" and .new == "4"'
    as admin POST "/api/v1/scorecards/$bo_card/amendments" "${J[@]}" \
        -d '{"reason":"typo fixed for bo","changes":{"notes":"see the follow-up"}}'
    assert_rc 200
    assert_json '.notes == "see the follow-up" and .amendments[-1].by == "admin@example.org"'
    # every read and change of the loop is in the audit log, by the account that made it
    as admin GET "/api/v1/audit?candidate=$cid&limit=100"
    assert_rc 200
    for e in "ada@example.org view interview list" "ada@example.org create scorecard $ada_card" \
        "bo@example.org view scorecard $ada_card" "bo@example.org change scorecard $bo_card" \
        "rita@example.org create interview $iid" "bo@example.org view scorecards"; do
        jq -e --arg e "$e" 'any(.items[]; "\(.actor) \(.action) \(.what)" == $e)' <<<"$OUT" \
            >/dev/null || fail "no audit entry '$e'"
    done
    stop_server
}
