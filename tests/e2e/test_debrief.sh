# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric debrief`, `rubric compare` and `rubric insight`: real
# scorecards submitted through `rubric scorecard submit`, then read together. Expected values
# are worked out in the comments from the ratings given.

# Candidates 1 to 3 for the senior back-end role, each with one technical interview built with
# the same seed, so each kit asks the same three questions: one each of distributed-systems
# (weight 5), data-storage (4) and api-design (4). ada and bo interview candidates 1 and 3,
# ada alone candidate 2; cy interviews nobody; rita recruits; kim is a candidate.
setup_loops() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    seed=$(three_competency_seed) ||
        fail "no seed up to 100 gives a kit of one distributed-systems, data-storage, api-design each"
    for u in ada:interviewer bo:interviewer cy:interviewer rita:recruiter kim:candidate; do
        "$RUBRIC" user add "${u%%:*}@example.org" --role "${u#*:}" --no-password >/dev/null
    done
    "$RUBRIC" candidate add --name 'Noor <Testcase>' --role backend-developer-senior >/dev/null
    "$RUBRIC" candidate add --name "Ada Example" --role backend-developer-senior >/dev/null
    "$RUBRIC" candidate add --name "Teo Sample" --role backend-developer-senior >/dev/null
    "$RUBRIC" interview create 1 --stage technical --interviewer ada@example.org \
        --interviewer bo@example.org --seed "$seed" >/dev/null
    "$RUBRIC" interview create 2 --stage technical --interviewer ada@example.org --seed "$seed" >/dev/null
    "$RUBRIC" interview create 3 --stage technical --interviewer ada@example.org \
        --interviewer bo@example.org --seed "$seed" >/dev/null
    for i in 1 2 3; do "$RUBRIC" scorecard template $i --json >t$i.json; done
    [ "$(jq -c '[.ratings[].competency] | sort' t1.json)" = \
        '["api-design","data-storage","distributed-systems"]' ] ||
        fail "the kit is not one question each of distributed-systems, data-storage, api-design"
    [ "$(jq -c '[.ratings[].question]' t1.json)" = "$(jq -c '[.ratings[].question]' t3.json)" ] ||
        fail "the kits of candidates 1 and 3 differ"
    [ "$(jq -c '[.competencies[] | .weight] | .[:3], add' t1.json | paste -sd' ')" = \
        "[5,4,4] 34" ] || fail "the role's weights are not 5, 4, 4 of 34"
}

# The first seed whose technical kit for the senior role asks exactly one question each of
# distributed-systems, data-storage and api-design: the loops below need such a kit, and which
# seed gives it depends on the questions in the bank, not on what these tests check.
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
# data-storage and api-design questions, in the kit's order whatever it is ("-": not asked)
submit() {
    local iv=$1 who=$2 rec=$3
    shift 3
    jq --arg rec "$rec" --argjson r "$(printf '%s\n' "$@" | jq -R 'if . == "-" then null
        else tonumber end' | jq -s .)" '.recommendation = $rec | .ratings |= map(. + {rating:
        $r[{"distributed-systems": 0, "data-storage": 1, "api-design": 2}[.competency]]})' \
        "t$iv.json" >"card-$iv-$who.json"
    "$RUBRIC" scorecard submit "$iv" --as "$who@example.org" "card-$iv-$who.json" >/dev/null ||
        fail "scorecard submit $iv as $who"
}

# close A B: |A - B| < 0.001
close() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 0.001 && d > -0.001) }' ||
    fail "expected $2, got $1"; }

test_debrief_reads_the_loop_together() {
    setup_loops
    submit 1 ada yes 4 3 -
    submit 1 bo no 2 2 -
    run "$RUBRIC" debrief 1 --json
    assert_rc 0
    # every competency of the role, in its order
    run "$RUBRIC" role show backend-developer-senior --json
    order=$(jq -c '[.competencies[].competency]' <<<"$OUT")
    run "$RUBRIC" debrief 1 --json
    assert_json "[.competencies[].competency] == $order"
    # distributed-systems: 4 and 2 -> mean 3, spread 2: a disagreement
    assert_json '.competencies[0] | .ratings == [
        {interviewer: "ada@example.org", interview: 1, stage: "technical", rating: 4},
        {interviewer: "bo@example.org", interview: 1, stage: "technical", rating: 2}]
        and .mean == 3 and .spread == 2 and .flags == ["disagreement"]'
    # data-storage: 3 and 2 -> 2.5, spread 1, no flag
    assert_json '.competencies[1] | .mean == 2.5 and .spread == 1 and .flags == []'
    # api-design: its question was not asked -> not assessed; so are the six others
    assert_json '.competencies[2] | .ratings == [] and .mean == null and .spread == null
        and .flags == ["not-assessed"]'
    assert_json '[.competencies[] | select(.flags == ["not-assessed"])] | length == 7'
    assert_json '[.recommendations[] | [.interviewer, .recommendation]] ==
        [["ada@example.org", "yes"], ["bo@example.org", "no"]]
        and .recommendation_counts == {"strong-no": 0, "no": 1, "yes": 1, "strong-yes": 0}'
    # score: (5 * 3 + 4 * 2.5) / (5 + 4) = 25 / 9 = 2.778; coverage 9 of 34 = 0.265
    close "$(jq .summary.score <<<"$OUT")" 2.778
    close "$(jq .summary.coverage <<<"$OUT")" 0.265
    assert_json '.summary | .assessed_weight == 9 and .total_weight == 34 and .scorecards == 2
        and .interviewers == 2 and .disagreements == 1 and .not_assessed == 7'
    assert_json '.pending == [] and .name == "Noor <Testcase>" and .competencies[0].name == "Distributed systems"'

    run "$RUBRIC" debrief 1
    assert_rc 0
    assert_out "disagreement"
    assert_out "not assessed"
    assert_out "Weighted score 2.78 of 4; 26% of the role's weight assessed (9 of 34)"

    # the HTML report: self-contained, escaped, a dot per rating
    run "$RUBRIC" debrief 1 --output debrief.html
    assert_rc 0
    grep -q '<svg' debrief.html || fail "no chart"
    [ "$(grep -o 'class="dot"' debrief.html | wc -l)" -eq 4 ] || fail "not 4 dots for 4 ratings"
    grep -q 'Noor &lt;Testcase&gt;' debrief.html || fail "the name is not escaped"
    ! grep -q '<Testcase>\|<script\|src=\|<link' debrief.html || fail "not escaped or not self-contained"
    run "$RUBRIC" debrief 1 --output debrief.json
    jq -e '.summary.scorecards == 2' debrief.json >/dev/null || fail "--output .json is not the JSON"

    # bad input
    run "$RUBRIC" debrief 9
    assert_rc 3
    run "$RUBRIC" debrief 1 --format csv
    assert_rc 2
    run "$RUBRIC" debrief
    assert_rc 2
    "$RUBRIC" candidate add --name "No Role" >/dev/null
    run "$RUBRIC" debrief 4
    assert_rc 1
    assert_err "candidate 4 has no role"
    # reading a debrief is recorded in the audit log
    run "$RUBRIC" audit --candidate 1 --action view --json
    assert_json 'any(.[]; .what == "debrief" and .actor == "command line")'
}

test_debrief_as_an_account_follows_the_visibility_rule() {
    setup_loops
    submit 1 ada yes 4 3 -
    # bo is on the panel and has not submitted: not yet
    run "$RUBRIC" debrief 1 --as bo@example.org
    assert_rc 1
    assert_err "submit your scorecard for candidate 1 first (1 of 1 pending)"
    assert_eq "$OUT" ""
    # cy is not on the panel, kim is a candidate
    run "$RUBRIC" debrief 1 --as cy@example.org --json
    assert_rc 1
    assert_err "cy@example.org is not on candidate 1's panel"
    run "$RUBRIC" debrief 1 --as kim@example.org
    assert_rc 1
    assert_err "candidates do not see debriefs"
    run "$RUBRIC" debrief 1 --as nobody@example.org
    assert_rc 2
    # the recruiter, and ada (nothing pending), see it, with bo still to submit
    run "$RUBRIC" debrief 1 --as rita@example.org --json
    assert_rc 0
    assert_json '.pending == [{interview: 1, stage: "technical", interviewer: "bo@example.org"}]'
    run "$RUBRIC" debrief 1 --as ada@example.org --json
    assert_rc 0
    assert_json '.summary.scorecards == 1'
    # once bo has submitted, bo sees it too
    submit 1 bo no 2 2 -
    run "$RUBRIC" debrief 1 --as bo@example.org --json
    assert_rc 0
    assert_json '.summary.scorecards == 2 and .pending == []'
}

# candidate 1 (interviewing): ada 4 3 -, bo 2 2 -
# candidate 2 (rejected):     ada 1 2 4 (strong-no)
# candidate 3 (hired):        ada 4 4 2 (strong-yes), bo 3 4 1 (yes)
three_loops() {
    setup_loops
    submit 1 ada yes 4 3 -
    submit 1 bo no 2 2 -
    submit 2 ada strong-no 1 2 4
    submit 3 ada strong-yes 4 4 2
    submit 3 bo yes 3 4 1
    "$RUBRIC" candidate stage 1 interviewing 2>/dev/null
    "$RUBRIC" candidate stage 2 rejected --reason "another candidate went further" 2>/dev/null
    "$RUBRIC" candidate stage 3 hired 2>/dev/null
}

test_compare_puts_candidates_side_by_side() {
    three_loops
    run "$RUBRIC" compare --role backend-developer-senior --json
    assert_rc 0
    # scores: 3: (5 * 3.5 + 4 * 4 + 4 * 1.5) / 13 = 39.5 / 13 = 3.038
    #         1: 25 / 9 = 2.778;  2: (5 * 1 + 4 * 2 + 4 * 4) / 13 = 29 / 13 = 2.231
    assert_json '[.candidates[].candidate] == [3, 1, 2]'
    assert_json '.candidates[0] | .name == "Teo Sample" and .candidate_stage == "hired"
        and .means["distributed-systems"] == 3.5 and .means["data-storage"] == 4
        and .means["api-design"] == 1.5 and .means["security"] == null and .scorecards == 2'
    close "$(jq '.candidates[0].score' <<<"$OUT")" 3.038
    close "$(jq '.candidates[1].score' <<<"$OUT")" 2.778
    close "$(jq '.candidates[2].score' <<<"$OUT")" 2.231
    assert_json '.candidates[2].recommendations == {"strong-no": 1, "no": 0, "yes": 0, "strong-yes": 0}'
    assert_json '(.competencies | length) == 9 and .competencies[0] == {competency:
        "distributed-systems", name: "Distributed systems", weight: 5}'
    run "$RUBRIC" compare --role backend-developer-senior --format csv
    assert_rc 0
    [ "$(wc -l <<<"$OUT")" -eq 4 ] || fail "not a header and 3 candidates"
    assert_out "rank,candidate,name,stage,score,coverage,scorecards,distributed-systems"
    assert_out "1,3,Teo Sample,hired,3.038"
    run "$RUBRIC" compare --role backend-developer-senior --output compare.html
    assert_rc 0
    # a bar per mean: 3 + 2 + 3
    [ "$(grep -o 'class="bar"' compare.html | wc -l)" -eq 8 ] || fail "not 8 bars"
    grep -q 'Noor &lt;Testcase&gt;' compare.html || fail "the name is not escaped"
    run "$RUBRIC" compare --role backend-developer-senior
    assert_rc 0
    assert_out "Teo Sample"
    assert_out "C1 distributed-systems (weight 5)"
    run "$RUBRIC" compare --role no-such-role
    assert_rc 3
    run "$RUBRIC" compare
    assert_rc 2
}

test_insight_calibrates_interviewers_and_finds_weak_questions() {
    three_loops
    run "$RUBRIC" insight interviewers --json
    assert_rc 0
    # ada: 3 cards, competency ratings 4 3 | 1 2 4 | 4 4 2 -> 24 / 8 = 3; yes on 2 of 3.
    # shared with bo: candidates 1 and 3. ada on 1: 3.5, bo 2; on 3: 10 / 3 = 3.333, bo
    # 8 / 3 = 2.667. ada 3.417, panel 2.333, difference 1.083. yes: ada 1 and 1, bo 0 and 1.
    assert_json '.interviewers[0] | .interviewer == "ada@example.org" and .scorecards == 3
        and .candidates == 3 and .ratings == 8 and .mean_rating == 3 and .yes_rate == 0.667
        and .panel.n == 2 and .panel.mean_rating == 3.417 and .panel.panel_mean_rating == 2.333
        and .panel.rating_difference == 1.083 and .panel.yes_rate == 1
        and .panel.panel_yes_rate == 0.5 and .panel.yes_rate_difference == 0.5'
    assert_json '.interviewers[0].enough_data == false
        and (.interviewers[0].note | contains("2 of the 5 needed"))'
    assert_json '.interviewers[1] | .interviewer == "bo@example.org" and .panel.rating_difference == -1.083'
    run "$RUBRIC" insight interviewers --min 2 --json
    assert_json 'all(.interviewers[]; .enough_data and .note == null)'
    run "$RUBRIC" insight interviewers --role backend-developer-senior
    assert_rc 0
    assert_out "ada@example.org"
    assert_out "+1.08"

    run "$RUBRIC" insight questions --min 2 --json
    assert_rc 0
    q=$(jq -r '.ratings[] | select(.competency == "api-design") | .question' t1.json)
    # api-design's question: asked 3 times (2 in candidate 1's loop were not), 4 for the
    # rejected candidate, 2 and 1 for the hired one: none agrees with the decision
    assert_json ".questions[] | select(.question == \"$q\") | .asked == 3 and .in_kits == 5
        and .distribution == [1, 1, 0, 1] and .decided.n == 3 and .decided.agreement == 0
        and .consider_retiring and (.reason | contains(\"0% of 3\"))"
    # distributed-systems' question: 1 for the rejected, 4 and 3 for the hired -> agreement 1
    # (candidate 1's 4 and 2 are undecided)
    q=$(jq -r '.ratings[] | select(.competency == "distributed-systems") | .question' t1.json)
    assert_json ".questions[] | select(.question == \"$q\") | .asked == 5 and .decided.n == 3
        and .decided.agreement == 1 and .decided.positive_mean == 3.5
        and .decided.negative_mean == 1 and (.consider_retiring | not) and .title != null"
    # with the default bar of 5 decided ratings nothing is judged
    run "$RUBRIC" insight questions --json
    assert_json 'all(.questions[]; .consider_retiring | not)'
    run "$RUBRIC" insight questions --min 2
    assert_out "consider retiring"
    run "$RUBRIC" insight questions --format csv
    [ "$(wc -l <<<"$OUT")" -eq 4 ] || fail "not a header and 3 questions"
    assert_out "question,title,competency,in_kits,asked"
    run "$RUBRIC" insight questions --role no-such-role
    assert_rc 3
    run "$RUBRIC" insight questions --min 0
    assert_rc 2
    run "$RUBRIC" insight
    assert_rc 2
}
