# SPDX-License-Identifier: MIT
# The panel rule on every route and command that shows ratings, recommendations or notes:
# nobody on a candidate's panel, whatever their role, reads the others' before giving their
# own (docs/PRIVACY.md, "Who sees scorecards"). A recruiter who sits on one panel and has not
# submitted is the case that leaked through the export, comparisons and insight.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

ROLE=backend-developer-senior

# get PATH TOKEN: sets RC (the HTTP status) and OUT (the body).
get() {
    RC=$(curl -sS -o body.out -w '%{http_code}' -H "Authorization: Bearer $2" "$BASE$1")
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

# submit INTERVIEW EMAIL RECOMMENDATION: every question rated 3, with a note
submit() {
    "$RUBRIC" scorecard template "$1" --json | jq --arg rec "$3" \
        '.recommendation = $rec | .notes = "private note of \($rec)"
         | .ratings |= map(. + {rating: 3})' >card.json
    "$RUBRIC" scorecard submit "$1" --as "$2@example.org" card.json >/dev/null ||
        fail "scorecard submit $1 as $2"
}

# Candidate 1: ada (interviewer) and rita (recruiter) on the panel, ada has submitted.
# Candidate 2: ada alone, submitted. ron is a recruiter on no panel.
setup() {
    start_server
    for a in ada:interviewer rita:recruiter ron:recruiter; do
        account "${a%%:*}" "${a#*:}"
    done
    "$RUBRIC" candidate add --name "Noor Testcase" --role "$ROLE" >/dev/null
    "$RUBRIC" candidate add --name "Ilse Examplar" --role "$ROLE" >/dev/null
    "$RUBRIC" interview create 1 --stage technical --interviewer ada@example.org \
        --interviewer rita@example.org --seed 7 >/dev/null
    "$RUBRIC" interview create 2 --stage technical --interviewer ada@example.org \
        --seed 8 >/dev/null
    submit 1 ada yes
    submit 2 ada no
}

test_a_pending_recruiter_reads_no_ratings_through_any_route() {
    setup
    # the routes that refused before
    get /api/v1/candidates/1/debrief "${TOKEN[rita]}"
    assert_rc 403
    get /api/v1/scorecards/1 "${TOKEN[rita]}"
    assert_rc 403
    assert_json '.detail | contains("hidden until every scorecard of rita@example.org")'
    get /api/v1/candidates/1/scorecards "${TOKEN[rita]}"
    assert_rc 200
    assert_json '.items == [] and .complete == false'
    get /api/v1/interviews/1/scorecards "${TOKEN[rita]}"
    assert_json '.items == [] and .complete == false'
    # the export holds everyone's ratings and notes: refused whole
    get /api/v1/candidates/1/export "${TOKEN[rita]}"
    assert_rc 403
    assert_json '.detail | contains("scorecards still to give")'
    [[ "$OUT" != *"private note"* ]] || fail "the refusal carries a note"
    # the comparison leaves out candidate 1's loop, and says one was withheld
    get /api/v1/roles/$ROLE/comparison "${TOKEN[rita]}"
    assert_rc 200
    assert_json '[.candidates[].candidate] == [2] and .withheld == 1'
    # insight: only candidate 2's card counts
    get '/api/v1/insight/interviewers?min=1' "${TOKEN[rita]}"
    assert_rc 200
    assert_json '.withheld == 1 and ([.interviewers[].scorecards] == [1])'
    get '/api/v1/insight/questions?min=1' "${TOKEN[rita]}"
    assert_rc 200
    assert_json '.withheld == 1'
    # the command line with --as says the same
    run "$RUBRIC" scorecard show --candidate 1 --as rita@example.org --json
    assert_rc 0
    assert_json 'length == 0'
    run "$RUBRIC" scorecard show 1 --as rita@example.org
    assert_rc 1
    assert_err "hidden until every scorecard of rita@example.org"
    run "$RUBRIC" debrief 1 --as rita@example.org
    assert_rc 1
    assert_err "submit your scorecard"
}

test_off_the_panel_and_after_submitting_everything_is_shown() {
    setup
    # ron sits on no panel: all of it
    get /api/v1/candidates/1/export "${TOKEN[ron]}"
    assert_rc 200
    assert_json '(.scorecards | length) == 1 and .scorecards[0].notes == "private note of yes"'
    get /api/v1/roles/$ROLE/comparison "${TOKEN[ron]}"
    assert_json '([.candidates[].candidate] | sort) == [1, 2] and .withheld == 0'
    get '/api/v1/insight/interviewers?min=1' "${TOKEN[ron]}"
    assert_json '.withheld == 0 and ([.interviewers[].scorecards] == [2])'
    # rita gives hers: the loop opens to her
    submit 1 rita no
    get /api/v1/candidates/1/export "${TOKEN[rita]}"
    assert_rc 200
    assert_json '(.scorecards | length) == 2'
    get /api/v1/roles/$ROLE/comparison "${TOKEN[rita]}"
    assert_json '([.candidates[].candidate] | sort) == [1, 2] and .withheld == 0'
    get '/api/v1/insight/interviewers?min=1' "${TOKEN[rita]}"
    assert_json '.withheld == 0'
    # the operator (no --as) always sees all
    run "$RUBRIC" compare --role $ROLE --json
    assert_json '(.candidates | length) == 2 and .withheld == 0'
}
