# SPDX-License-Identifier: MIT
# End-to-end tests of the debrief and insight routes of `rubric serve`: the real server on a
# loopback port over the same store the command line fills with a loop and its scorecards,
# called by each kind of account with its own API token.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# get PATH TOKEN: sets RC (the HTTP status) and OUT (the body).
get() {
    local auth=()
    [ -n "$2" ] && auth=(-H "Authorization: Bearer $2")
    RC=$(curl -sS -o body.out -w '%{http_code}' "${auth[@]}" "$BASE$1")
    OUT=$(cat body.out)
    ERR=""
}

# A user of role $2 called $1@example.org, and a token for them in TOKEN[$1].
declare -A TOKEN
account() {
    printf 'a-long-enough-password\n' | "$RUBRIC" user add "$1@example.org" --role "$2" \
        --password-stdin >/dev/null || fail "user add $1"
    TOKEN[$1]=$("$RUBRIC" token create "$1@example.org" 2>/dev/null) || fail "token for $1"
}

# The first seed whose technical kit for the senior role asks exactly one question each of
# distributed-systems, data-storage and api-design (which seed does depends on the bank).
three_competency_seed() {
    local s
    for s in $(seq 1 100); do
        [ "$("$RUBRIC" kit --role backend-developer-senior --stage technical --seed "$s" \
            --format json | jq -c '[.questions[].competency] | sort')" = \
            '["api-design","data-storage","distributed-systems"]' ] && echo "$s" && return 0
    done
    return 1
}

# submit INTERVIEW EMAIL RECOMMENDATION R1 R2 R3: the ratings of the distributed-systems,
# data-storage and api-design questions, in the kit's order whatever it is ("-": not asked),
# through the command line
submit() {
    local iv=$1 who=$2 rec=$3
    shift 3
    "$RUBRIC" scorecard template "$iv" --json | jq --arg rec "$rec" --argjson r "$(printf \
        '%s\n' "$@" | jq -R 'if . == "-" then null else tonumber end' | jq -s .)" \
        '.recommendation = $rec | .ratings |= map(. + {rating: $r[{"distributed-systems": 0,
        "data-storage": 1, "api-design": 2}[.competency]]})' >card.json
    "$RUBRIC" scorecard submit "$iv" --as "$who@example.org" card.json >/dev/null ||
        fail "scorecard submit $iv as $who"
}

test_debrief_over_the_api_follows_the_visibility_rule() {
    start_server
    for a in ada:interviewer bo:interviewer cy:interviewer rita:recruiter kim:candidate; do
        account "${a%%:*}" "${a#*:}"
    done
    "$RUBRIC" candidate add --name "Noor Testcase" --role backend-developer-senior >/dev/null
    seed=$(three_competency_seed) || fail "no seed up to 100 gives the kit the loop needs"
    "$RUBRIC" interview create 1 --stage technical --interviewer ada@example.org \
        --interviewer bo@example.org --seed "$seed" >/dev/null
    [ "$("$RUBRIC" scorecard template 1 --json | jq -c '[.ratings[].competency] | sort')" = \
        '["api-design","data-storage","distributed-systems"]' ] || fail "not the expected kit"
    submit 1 ada yes 4 3 -

    # bo is on the panel with a scorecard still to give
    get /api/v1/candidates/1/debrief "${TOKEN[bo]}"
    assert_rc 403
    assert_json '.type == "/problems/forbidden" and (.detail | contains("submit your scorecard"))'
    # cy is an interviewer, not on this panel; kim is a candidate; nobody is nobody
    get /api/v1/candidates/1/debrief "${TOKEN[cy]}"
    assert_rc 403
    assert_json '.detail | contains("not on candidate 1'"'"'s panel")'
    get /api/v1/candidates/1/debrief "${TOKEN[kim]}"
    assert_rc 403
    get /api/v1/candidates/1/debrief ""
    assert_rc 401
    # ada has given hers; rita recruits
    get /api/v1/candidates/1/debrief "${TOKEN[ada]}"
    assert_rc 200
    assert_json '.summary.scorecards == 1 and .pending[0].interviewer == "bo@example.org"'
    get /api/v1/candidates/1/debrief "${TOKEN[rita]}"
    assert_rc 200
    get /api/v1/candidates/2/debrief "${TOKEN[rita]}"
    assert_rc 404

    submit 1 bo no 2 2 -
    get /api/v1/candidates/1/debrief "${TOKEN[bo]}"
    assert_rc 200
    # distributed-systems 4 and 2: spread 2, a disagreement; api-design not asked; score
    # (5 * 3 + 4 * 2.5) / 9 = 2.778 over 9 of the role's 34
    assert_json '.competencies[0] | .competency == "distributed-systems" and .mean == 3
        and .spread == 2 and .flags == ["disagreement"]'
    assert_json '.competencies[2].flags == ["not-assessed"]'
    assert_json '.summary.score == 2.778 and .summary.coverage == 0.265 and .pending == []'
    assert_json '[.recommendations[].recommendation] == ["yes", "no"]'
    # the command line's --json is the same document
    "$RUBRIC" debrief 1 --json | jq -S . >cli.json
    jq -S . body.out | diff - cli.json >/dev/null || fail "the API and the CLI differ"
    # cy is still not on the panel
    get /api/v1/candidates/1/debrief "${TOKEN[cy]}"
    assert_rc 403

    # comparisons and insight: recruiters and admins only
    get /api/v1/roles/backend-developer-senior/comparison "${TOKEN[rita]}"
    assert_rc 200
    assert_json '.candidates[0] | .candidate == 1 and .name == "Noor Testcase" and .score == 2.778'
    get /api/v1/roles/backend-developer-senior/comparison "${TOKEN[ada]}"
    assert_rc 403
    get /api/v1/insight/interviewers "${TOKEN[rita]}"
    assert_rc 200
    # ada 3.5 against bo 2 on their one shared candidate
    assert_json '.interviewers[0] | .interviewer == "ada@example.org" and .panel.n == 1
        and .panel.rating_difference == 1.5 and .enough_data == false'
    get /api/v1/insight/interviewers "${TOKEN[bo]}"
    assert_rc 403
    get '/api/v1/insight/questions?min=1' "${TOKEN[rita]}"
    assert_rc 200
    assert_json '(.questions | length) == 3 and .min_decided == 1'
    get /api/v1/insight/questions "${TOKEN[kim]}"
    assert_rc 403
    get '/api/v1/insight/questions?role=no-such-role' "${TOKEN[rita]}"
    assert_rc 400
    assert_json '.field == "role"'
}
