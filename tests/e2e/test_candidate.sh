# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric candidate`: candidates and the history of their stage.

test_candidates_move_through_stages_with_history() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    printf 'a-long-enough-password\n' | "$RUBRIC" user add rita@example.org --role recruiter \
        --password-stdin >/dev/null
    run "$RUBRIC" candidate add --name "Ines Marlow" --email Ines@Example.org \
        --role backend-developer-senior
    assert_rc 0
    assert_eq "$OUT" "1"
    run "$RUBRIC" candidate add --name "Teo Varga"
    assert_eq "$OUT" "2"
    run "$RUBRIC" candidate stage 1 screened --reason "strong screening call" --as rita@example.org
    assert_rc 0
    run "$RUBRIC" candidate stage 1 screened
    assert_rc 1
    assert_err "already at 'screened'"
    run "$RUBRIC" candidate stage 1 interviewing
    assert_rc 0
    run "$RUBRIC" candidate show 1 --json
    assert_json '.stage == "interviewing" and .email == "ines@example.org"'
    assert_json '[.history[] | [.from, .to, .by]] == [[null, "applied", "command line"],
        ["applied", "screened", "rita@example.org"], ["screened", "interviewing", "command line"]]'
    assert_json '.history[1].reason == "strong screening call" and (.history[0].at | test("Z$"))'
    run "$RUBRIC" candidate show 1
    assert_out "applied -> screened by rita@example.org: strong screening call"
    run "$RUBRIC" candidate list --stage applied --json
    assert_json 'length == 1 and .[0].name == "Teo Varga"'
    run "$RUBRIC" candidate list
    assert_out "Ines Marlow"
    # bad input changes nothing
    run "$RUBRIC" candidate stage 1 promoted
    assert_rc 2
    run "$RUBRIC" candidate stage 9 hired
    assert_rc 3
    run "$RUBRIC" candidate stage 2 hired --as nobody@example.org
    assert_rc 3
    run "$RUBRIC" candidate add --name "X" --role no-such-role
    assert_rc 2
    run "$RUBRIC" candidate add --email x@example.org
    assert_rc 2
    run "$RUBRIC" candidate show 2 --json
    assert_json '.stage == "applied" and (.history | length) == 1'
}

test_interviews_freeze_their_kits() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    printf 'a-long-enough-password\n' | "$RUBRIC" user add ola@example.org --role interviewer \
        --password-stdin >/dev/null
    printf 'a-long-enough-password\n' | "$RUBRIC" user add cam@example.org --role candidate \
        --password-stdin >/dev/null
    "$RUBRIC" candidate add --name "Ines Marlow" --role backend-developer-senior >/dev/null
    "$RUBRIC" candidate add --name "Teo Varga" >/dev/null
    run "$RUBRIC" interview create 1 --stage technical --interviewer Ola@Example.org \
        --minutes 45 --at 2026-12-01T10:00:00Z --seed 3
    assert_rc 0
    assert_eq "$OUT" "1"
    run "$RUBRIC" interview show 1 --json
    assert_json '.candidate == 1 and .stage == "technical" and .minutes == 45
        and .interviewers == ["ola@example.org"] and .scheduled_at == "2026-12-01T10:00:00Z"
        and (.kit.questions | length) >= 2'
    first=$(jq -c '[.kit.questions[].id] | sort' <<<"$OUT")
    qid=$(jq -r '.kit.questions[0].id' <<<"$OUT")
    title=$(jq -r '.kit.questions[0].title' <<<"$OUT")
    # a later edit of the bank does not change the interview's kit
    db_sql "UPDATE question SET title = 'Edited after the interview' WHERE slug = '$qid'"
    run "$RUBRIC" interview show 1 --json
    assert_json ".kit.questions[0].title == $(jq -Rn --arg t "$title" '$t')"
    # the next interview of the same candidate asks none of the same questions
    run "$RUBRIC" interview create 1 --stage technical --interviewer ola@example.org --seed 3
    assert_rc 0
    run "$RUBRIC" interview show 2 --json
    assert_eq "$(jq -c --argjson a "$first" '[.kit.questions[].id] - ($a) | length' <<<"$OUT")" \
        "$(jq -c '.kit.questions | length' <<<"$OUT")" "no question asked twice"
    run "$RUBRIC" interview show 1
    assert_out "interviewer: ola@example.org"
    # bad input
    run "$RUBRIC" interview create 2 --stage technical --interviewer ola@example.org
    assert_rc 1
    assert_err "has no role"
    run "$RUBRIC" interview create 1 --stage technical --interviewer cam@example.org
    assert_rc 2
    assert_err "a candidate's account"
    run "$RUBRIC" interview create 1 --stage lunch --interviewer ola@example.org
    assert_rc 2
    run "$RUBRIC" interview create 1 --stage technical
    assert_rc 2
    run "$RUBRIC" interview create 9 --stage technical --interviewer ola@example.org
    assert_rc 3
    assert_eq "$(db_sql 'SELECT count(*) FROM interview')" "2" "nothing more stored"
}
