# SPDX-License-Identifier: MIT
# Lesser access rules (docs/SECURITY.md, "Access rules"): interview kits are for whoever saved
# them, the panel of their interview, recruiters and admins; a refusal does not name a
# scorecard's author or a kit's questions to someone off the panel.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

declare -A TOKEN
account() {
    printf 'a-long-enough-password\n' | "$RUBRIC" user add "$1@example.org" --role "$2" \
        --password-stdin >/dev/null || fail "user add $1"
    TOKEN[$1]=$("$RUBRIC" token create "$1@example.org" 2>/dev/null) || fail "token for $1"
}

# as NAME METHOD PATH [JSON]: sets RC and OUT
as() {
    local who=$1 method=$2 path=$3
    if [ $# -gt 3 ]; then
        http "$method" "$path" -H "Authorization: Bearer ${TOKEN[$who]}" \
            -H 'Content-Type: application/json' -d "$4"
    else
        http "$method" "$path" -H "Authorization: Bearer ${TOKEN[$who]}"
    fi
}

test_kits_are_for_their_maker_their_panel_recruiters_and_admins() {
    local mine panel_kit
    start_server
    for a in ada:interviewer bo:interviewer cy:interviewer rita:recruiter; do
        account "${a%%:*}" "${a#*:}"
    done
    as ada POST /api/v1/kits '{"role":"backend-developer-mid","seed":5,"save":true}'
    assert_rc 201
    mine=$(jq -r .id <<<"$OUT")
    as ada GET "/api/v1/kits/$mine"
    assert_rc 200
    as rita GET "/api/v1/kits/$mine"
    assert_rc 200
    as bo GET "/api/v1/kits/$mine"
    assert_rc 403
    [[ "$OUT" != *'"questions"'* ]] || fail "the refusal carries the kit"
    # an interview's kit: its panel (bo) reads it, cy does not
    "$RUBRIC" candidate add --name "Noor Testcase" --role backend-developer-senior >/dev/null
    "$RUBRIC" interview create 1 --stage technical --interviewer bo@example.org --seed 7 \
        >/dev/null
    panel_kit=$(db_sql 'SELECT kit FROM interview WHERE id = 1')
    [ -n "$panel_kit" ] || fail "the interview kept no kit id"
    as bo GET "/api/v1/kits/$panel_kit"
    assert_rc 200
    as cy GET "/api/v1/kits/$panel_kit"
    assert_rc 403
    stop_server
}

test_an_amendment_refusal_names_nobody() {
    start_server
    for a in ada:interviewer bo:interviewer; do account "${a%%:*}" "${a#*:}"; done
    "$RUBRIC" candidate add --name "Noor Testcase" --role backend-developer-senior >/dev/null
    "$RUBRIC" interview create 1 --stage technical --interviewer ada@example.org --seed 7 \
        >/dev/null
    "$RUBRIC" scorecard template 1 --json |
        jq '.recommendation = "yes" | .ratings |= map(. + {rating: 3})' >card.json
    "$RUBRIC" scorecard submit 1 --as ada@example.org card.json >/dev/null || fail "submit"
    as bo POST /api/v1/scorecards/1/amendments '{"reason":"mine now","changes":{"recommendation":"no"}}'
    assert_rc 403
    [[ "$OUT" != *ada@example.org* ]] || fail "the refusal names the card's author"
    # off the panel, a card is refused before it is checked against the kit
    as bo POST /api/v1/interviews/1/scorecards '{"recommendation":"yes","ratings":[]}'
    assert_rc 403
    assert_json '.detail | contains("only the interviewers")'
    stop_server
}

# screening ID NAME: waits for screening ID to be done (10 s at most)
wait_screening() {
    for _ in $(seq 1 100); do
        as "$2" GET "/api/v1/screenings/$1"
        [ "$(jq -r .state <<<"$OUT")" = done ] && return 0
        sleep 0.1
    done
    fail "screening $1 not done"
}

test_blind_results_do_not_link_back_to_the_candidate() {
    local rid sid
    start_server
    account rita recruiter
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    rid=$(curl -sS -H "Authorization: Bearer ${TOKEN[rita]}" -F "file=@$DATA/resumes/plain.txt" \
        "$BASE/api/v1/resumes?candidate=1" | jq -r '.items[0].id')
    for blind in true false; do
        as rita POST /api/v1/screenings \
            "{\"role\":\"backend-developer-senior\",\"resumes\":[$rid],\"blind\":$blind}"
        assert_rc 202
        sid=$(jq -r .id <<<"$OUT")
        wait_screening "$sid" rita
        as rita GET "/api/v1/screenings/$sid/results"
        assert_rc 200
        if [ $blind = true ]; then
            assert_json ".items[0].candidate == null and .items[0].resume == $rid"
        else
            assert_json '.items[0].candidate == 1'
        fi
    done
    stop_server
}
