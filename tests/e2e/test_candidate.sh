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
