# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric scorecard`: the blank form, submitting, the rule that nobody
# on a panel sees another's scorecard before giving their own, and amendments.

# A candidate for a senior back-end role with one technical interview by ada and bo; rita
# is a recruiter, ola an interviewer not on the panel.
setup_loop() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    for u in ada:interviewer bo:interviewer ola:interviewer rita:recruiter kim:candidate; do
        "$RUBRIC" user add "${u%%:*}@example.org" --role "${u#*:}" --no-password >/dev/null
    done
    "$RUBRIC" candidate add --name "Noor Testcase" --role backend-developer-senior >/dev/null
    "$RUBRIC" interview create 1 --stage technical --interviewer ada@example.org \
        --interviewer bo@example.org --minutes 45 --seed 7 >/dev/null
    "$RUBRIC" scorecard template 1 --json >template.json
}

# fill TEMPLATE OUT RECOMMENDATION R1 R2 ...: the template with question ratings (null for
# "-") and notes, as an interviewer fills it in
fill() {
    local tpl=$1 out=$2 rec=$3
    shift 3
    jq --arg rec "$rec" --argjson r "$(printf '%s\n' "$@" | jq -R 'if . == "-" then null
        else tonumber end' | jq -s .)" '.recommendation = $rec | .ratings |= [to_entries[] |
        .value + {rating: $r[.key], notes: ("noted " + .value.question)}]' "$tpl" >"$out"
}

test_template_lists_the_kit_and_the_anchors() {
    setup_loop
    run "$RUBRIC" interview show 1 --json
    kit=$OUT
    run "$RUBRIC" scorecard template 1 --json
    assert_rc 0
    assert_json '.recommendation == null and .interview == 1 and .candidate == 1'
    # one rating per question of the frozen kit, in its order, with its first competency
    [ "$(jq -c '[.kit.questions[] | [.id, .competencies[0]]]' <<<"$kit")" = \
        "$(jq -c '[.ratings[] | [.question, .competency]]' <<<"$OUT")" ] ||
        fail "the template's questions are not the kit's"
    assert_json 'all(.ratings[]; .rating == null and .notes == null)'
    # every competency of the role, with its weight and four anchors
    run "$RUBRIC" role show backend-developer-senior --json
    role=$OUT
    run "$RUBRIC" scorecard template 1 --json
    [ "$(jq -c '[.competencies[] | [.competency, .weight, .anchors["3"]]]' <<<"$role")" = \
        "$(jq -c '[.competencies[] | [.competency, .weight, .anchors["3"]]]' <<<"$OUT")" ] ||
        fail "the template's competencies are not the role's"
    run "$RUBRIC" scorecard template 1
    assert_out "Recommendation: strong-no, no, yes or strong-yes"
    run "$RUBRIC" scorecard template 9
    assert_rc 3
}

test_submit_derives_competency_ratings_and_is_final() {
    setup_loop
    n=$(jq '.ratings | length' template.json)
    [ "$n" -ge 3 ] || fail "the kit has $n questions"
    fill template.json ada.json yes 3 2 4
    run "$RUBRIC" scorecard submit 1 --as ada@example.org ada.json
    assert_rc 0
    assert_eq "$OUT" "1"
    run "$RUBRIC" scorecard show 1 --json
    # each competency's rating is the mean of its questions' ratings, a half rounded down
    jq -r '.[0].ratings[] | select(.rating) | "\(.competency) \(.rating)"' <<<"$OUT" |
        awk '{s[$1]+=$2; n[$1]++} END {for (c in s) {m=s[c]/n[c]; r=int(m); if (m-r>0.5) r++;
        print c, r}}' | sort >expected
    jq -r '.[0].competencies[] | "\(.competency) \(.rating)"' <<<"$OUT" | sort >got
    diff expected got || fail "derived competency ratings differ"
    assert_json '.[0].recommendation == "yes" and .[0].interviewer == "ada@example.org"'
    assert_json '.[0].ratings[0].notes | startswith("noted ")'
    # final: a second submission is refused and changes nothing
    fill template.json ada2.json no 1 1 1
    run "$RUBRIC" scorecard submit 1 --as ada@example.org ada2.json
    assert_rc 1
    assert_err "submitted already and final"
    run "$RUBRIC" scorecard show 1 --json
    assert_json '.[0].recommendation == "yes"'
}

test_bad_scorecards_name_the_field() {
    setup_loop
    fill template.json good.json yes 3 3 3
    jq '.ratings[1].rating = 5' good.json >bad1.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org bad1.json
    assert_rc 1
    assert_err "bad1.json: ratings[1].rating: give a whole number from 1 to 4"
    jq '.recommendation = "maybe"' good.json >bad2.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org bad2.json
    assert_err "bad2.json: recommendation: give strong-no, no, yes or strong-yes"
    jq '.ratings[0].question = "no-such-question"' good.json >bad3.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org bad3.json
    assert_err "ratings[0].question: 'no-such-question' is not a question of this interview"
    # a competency rated away from its derived value needs a reason
    c=$(jq -r '.ratings[0].competency' good.json)
    jq --arg c "$c" '(.competencies[] | select(.competency == $c) | .rating) = 1' good.json >bad4.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org bad4.json
    assert_err_re "competencies\[[0-9]+\]\.override_reason: the rating 1 differs from 3"
    jq '.recomendation = "yes"' good.json >bad5.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org bad5.json
    assert_err "recomendation: not a field of a scorecard"
    printf '{"ratings": [' >bad6.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org bad6.json
    assert_rc 1
    assert_err "bad6.json:"
    # only the interview's interviewers submit
    run "$RUBRIC" scorecard submit 1 --as ola@example.org good.json
    assert_rc 1
    assert_err "only the interviewers of interview 1"
    run "$RUBRIC" scorecard show --interview 1 --json
    assert_json 'length == 0'
    # the override with a reason is accepted
    jq --arg c "$c" '(.competencies[] | select(.competency == $c)) |= . + {rating: 1,
        override_reason: "contradicted it in the follow-up"}' good.json >ok.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org ok.json
    assert_rc 0
    run "$RUBRIC" scorecard show 1 --json
    assert_json '.[0].competencies[] | select(.competency == "'"$c"'") |
        .rating == 1 and .derived == 3 and .override_reason == "contradicted it in the follow-up"'
}

test_nobody_on_the_panel_sees_another_card_before_their_own() {
    setup_loop
    fill template.json ada.json yes 3 3 3
    fill template.json bo.json no 2 - 1
    "$RUBRIC" scorecard submit 1 --as ada@example.org ada.json >/dev/null
    # bo has not submitted: sees nothing of ada's
    run "$RUBRIC" scorecard show --candidate 1 --as bo@example.org --json
    assert_rc 0
    assert_json 'length == 0'
    assert_err "hidden until every scorecard of theirs"
    run "$RUBRIC" scorecard show 1 --as bo@example.org --json
    assert_rc 1
    assert_err "scorecard 1 is hidden until every scorecard of bo@example.org's"
    # ada has given hers: sees her own, and nothing else exists yet
    run "$RUBRIC" scorecard show --candidate 1 --as ada@example.org --json
    assert_json 'length == 1 and .[0].interviewer == "ada@example.org"'
    "$RUBRIC" scorecard submit 1 --as bo@example.org bo.json >/dev/null
    run "$RUBRIC" scorecard show --candidate 1 --as bo@example.org --json
    assert_json '[.[].interviewer] == ["ada@example.org", "bo@example.org"]'
    # a second interview for ada hides the loop from her again until she submits it
    "$RUBRIC" interview create 1 --stage system-design --interviewer ada@example.org \
        --minutes 30 --seed 3 >/dev/null
    run "$RUBRIC" scorecard show --candidate 1 --as ada@example.org --json
    assert_json '[.[].interviewer] == ["ada@example.org"]'
    # off the panel: a recruiter sees all, another interviewer and a candidate nothing
    run "$RUBRIC" scorecard show --candidate 1 --as rita@example.org --json
    assert_json 'length == 2'
    run "$RUBRIC" scorecard show --candidate 1 --as ola@example.org
    assert_rc 1
    assert_err "may not see the scorecards of candidate 1"
    run "$RUBRIC" scorecard show --candidate 1 --as kim@example.org
    assert_rc 1
}

test_amendments_keep_the_original_and_say_who_what_why() {
    setup_loop
    fill template.json bo.json strong-no 1 2 -
    "$RUBRIC" scorecard submit 1 --as bo@example.org bo.json >/dev/null
    q=$(jq -r '.ratings[1].question' template.json)
    c=$(jq -r '.ratings[1].competency' template.json)
    printf '{"recommendation": "no", "ratings": [{"question": "%s", "rating": 3}]}' "$q" >fix.json
    run "$RUBRIC" scorecard amend 1 --as ada@example.org --reason "not hers" fix.json
    assert_rc 1
    assert_err "only its interviewer or an admin amends it"
    [[ "$ERR" != *bo@example.org* ]] || fail "the refusal names the card's author"
    run "$RUBRIC" scorecard amend 1 --as bo@example.org fix.json
    assert_rc 2
    run "$RUBRIC" scorecard amend 1 --as bo@example.org --reason "misread my notes" fix.json
    assert_rc 0
    assert_out "amended scorecard 1"
    run "$RUBRIC" scorecard show 1 --json
    assert_json '.[0].recommendation == "no" and .[0].original.recommendation == "strong-no"'
    assert_json '.[0].ratings[1].rating == 3 and .[0].original.ratings[1].rating == 2'
    assert_json 'all(.[0].amendments[]; .by == "bo@example.org" and .reason == "misread my notes")'
    assert_json 'any(.[0].amendments[]; .field == "recommendation" and .old == "strong-no" and
        .new == "no")'
    assert_json 'any(.[0].amendments[]; .field == "rating:'"$q"'" and .old == "2" and .new == "3")'
    # the competency rating followed its derived value
    assert_json '.[0].competencies[] | select(.competency == "'"$c"'") | .rating == .derived'
    # the same amendment again changes nothing and is refused; so is a bad one
    run "$RUBRIC" scorecard amend 1 --as bo@example.org --reason "again" fix.json
    assert_rc 1
    assert_err "changes nothing"
    printf '{"ratings": [{"question": "%s", "rating": 0}]}' "$q" >bad.json
    run "$RUBRIC" scorecard amend 1 --as bo@example.org --reason "typo" bad.json
    assert_err "bad.json: ratings[0].rating"
    run "$RUBRIC" scorecard show 1 --json
    assert_json '(.[0].amendments | length) >= 2 and .[0].ratings[1].rating == 3'
    run "$RUBRIC" scorecard show 1
    assert_out "amended"
    assert_out "misread my notes"
    # the audit log says who made, amended and read the scorecard, and nothing personal
    run "$RUBRIC" audit --candidate 1 --json
    assert_json 'any(.[]; .actor == "bo@example.org" and .action == "create" and .what == "scorecard 1")'
    assert_json 'any(.[]; .actor == "bo@example.org" and .action == "change" and .what == "scorecard 1")'
    assert_json 'any(.[]; .actor == "command line" and .action == "view" and .what == "scorecards")'
    assert_json 'any(.[]; .action == "create" and .what == "interview 1")'
    assert_not_out "misread"
}

test_off_the_panel_a_card_is_refused_before_it_is_checked() {
    setup_loop
    # a card for another kit's questions: checked first, the errors would name this kit's
    printf '{"recommendation": "yes", "ratings": [{"question": "made-up", "rating": 3}]}' \
        >wrong.json
    run "$RUBRIC" scorecard submit 1 --as ola@example.org wrong.json
    assert_rc 1
    assert_err "only the interviewers of interview 1 submit its scorecards"
    q=$(jq -r '.ratings[0].question' template.json)
    [[ "$ERR" != *"$q"* ]] || fail "the refusal names a question of the kit"
}
