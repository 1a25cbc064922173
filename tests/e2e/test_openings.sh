# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric opening` and `rubric application`: openings with their own
# stages and status, applications that move each on their own, the old candidate stage
# command acting on a candidate's one application, kits that never repeat a question across
# a candidate's applications, and erasure reaching their applications.

# Two openings (one with stages of its own), recruiter rita on the first, a candidate
# with an application to each.
setup_two() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    for u in rita:recruiter remy:recruiter ada:interviewer bo:interviewer; do
        "$RUBRIC" user add "${u%%:*}@example.org" --role "${u#*:}" --no-password >/dev/null
    done
    "$RUBRIC" opening add --title "Platform engineer" --role backend-developer-senior \
        --recruiter rita@example.org --hiring-manager ada@example.org >/dev/null
    "$RUBRIC" opening add --title "Site reliability engineer" --role backend-developer-senior \
        --stages applied,phone:screened,onsite:interviewing,offer,hired,rejected,withdrawn \
        >/dev/null
    "$RUBRIC" application add 1 --name "Noor Testcase" --email noor@example.org >/dev/null
    "$RUBRIC" application add 2 --candidate 1 --source referral --reason "referred by Bo" \
        >/dev/null
}

test_two_applications_move_independently() {
    setup_two
    run "$RUBRIC" application move 1 interviewing --reason "strong resume" --as rita@example.org
    assert_rc 0
    run "$RUBRIC" application move 2 phone --reason "good call"
    assert_rc 0
    run "$RUBRIC" application show 1 --json
    assert_json '.stage == "interviewing" and .kind == "interviewing" and ([.history[].to] == ["applied", "interviewing"]) and .history[1].by == "rita@example.org" and .history[1].reason == "strong resume"'
    run "$RUBRIC" application show 2 --json
    assert_json '.stage == "phone" and .kind == "screened" and .source == "referral" and ([.history[].to] == ["applied", "phone"]) and .history[0].reason == "referred by Bo"'
    run "$RUBRIC" application move 2 rejected --reason "not now"
    run "$RUBRIC" application show 1 --json
    assert_json '.stage == "interviewing"'
    # the candidate's own stage follows the application still open
    run "$RUBRIC" candidate show 1 --json
    assert_json '.stage == "interviewing"'
    run "$RUBRIC" opening stages 2 --json
    assert_json '(map(select(.count > 0)) | map([.stage, .count])) == [["rejected", 1]]'
    run "$RUBRIC" application list --candidate 1 --json
    assert_json 'length == 2 and ([.[].opening] == [1, 2])'
}

test_moves_only_to_the_openings_stages_and_by_those_allowed() {
    setup_two
    run "$RUBRIC" application move 1 phone
    assert_rc 1
    assert_err "'phone' is not a stage of opening 1 (applied, screened, interviewing, offer, hired, rejected, withdrawn)"
    run "$RUBRIC" application move 1 applied
    assert_rc 1
    assert_err "already at 'applied'"
    # remy is a recruiter, but not one of the first opening's; ada is its hiring manager
    run "$RUBRIC" application move 1 screened --as remy@example.org
    assert_rc 1
    assert_err "only admins, its recruiters and its hiring manager move its applications"
    run "$RUBRIC" application move 1 screened --as ada@example.org
    assert_rc 0
    run "$RUBRIC" application move 2 onsite --as bo@example.org
    assert_rc 1
    assert_err "opening 2: only admins, recruiters and its hiring manager see it"
    run "$RUBRIC" application move 2 onsite --as remy@example.org
    assert_rc 0
}

test_candidate_stage_acts_on_the_one_application() {
    setup_two
    "$RUBRIC" candidate add --name "Ilse Voorbeeld" >/dev/null
    "$RUBRIC" application add 1 --candidate 2 >/dev/null
    run "$RUBRIC" candidate stage 2 screened --reason "looks good"
    assert_rc 0
    run "$RUBRIC" application show 3 --json
    assert_json '.stage == "screened" and .history[1].reason == "looks good"'
    # the SRE opening has no stage called 'interviewing': its first of that kind is taken
    "$RUBRIC" candidate add --name "Tariq Sample" >/dev/null
    "$RUBRIC" application add 2 --candidate 3 >/dev/null
    run "$RUBRIC" candidate stage 3 interviewing
    assert_rc 0
    run "$RUBRIC" application show 4 --json
    assert_json '.stage == "onsite"'
    # with two applications the command says which to move
    run "$RUBRIC" candidate stage 1 offer
    assert_rc 1
    assert_err "candidate 1 holds 2 applications (1 to 'Platform engineer', 2 to 'Site reliability engineer')"
    # and a candidate without any still moves as before
    "$RUBRIC" candidate add --name "Mei Placeholder" >/dev/null
    run "$RUBRIC" candidate stage 4 withdrawn
    assert_rc 0
}

test_opening_status_and_stages_rules() {
    setup_two
    run "$RUBRIC" opening status 1 filled
    assert_rc 1
    assert_err "opening 1 is 'draft', which cannot become 'filled'"
    for s in open on-hold open filled; do
        run "$RUBRIC" opening status 1 "$s" --as rita@example.org
        assert_rc 0
    done
    run "$RUBRIC" opening status 1 open --as remy@example.org
    assert_rc 1
    assert_err "only admins and its recruiters change it"
    run "$RUBRIC" opening list --status filled --json
    assert_json 'length == 1 and .[0].id == 1'
    # stages: the first lands applications, the final kinds are there, names are unique
    run "$RUBRIC" opening add --title X --stages screened,hired,rejected,withdrawn
    assert_rc 1
    assert_err "stages[0].kind: the first stage is where applications land"
    run "$RUBRIC" opening add --title X --stages applied,hired,rejected
    assert_rc 1
    assert_err "at least one stage of kind 'withdrawn'"
    run "$RUBRIC" opening add --title X --stages applied,a:offer,a:offer,hired,rejected,withdrawn
    assert_rc 1
    assert_err "stages[2].name: 'a' is stages[1] already"
    # a stage holding an application cannot go; an empty one can, and kinds follow renames
    "$RUBRIC" application move 2 phone >/dev/null
    run "$RUBRIC" opening edit 2 --stages applied,onsite:interviewing,hired,rejected,withdrawn
    assert_rc 1
    assert_err "stage 'phone' holds 1 application(s)"
    run "$RUBRIC" opening edit 2 --stages applied,phone:interviewing,hired,rejected,withdrawn
    assert_rc 0
    run "$RUBRIC" application show 2 --json
    assert_json '.stage == "phone" and .kind == "interviewing"'
}

test_one_application_per_opening() {
    setup_two
    run "$RUBRIC" application add 1 --candidate 1
    assert_rc 1
    assert_err "candidate 1 holds application 1 to opening 1 already"
    run "$RUBRIC" application add 9 --name X
    assert_rc 3
}

test_kits_never_repeat_across_applications() {
    setup_two
    run "$RUBRIC" interview create 1 --application 1 --stage technical --interviewer ada@example.org --seed 1
    assert_rc 0
    run "$RUBRIC" interview create 1 --application 2 --stage technical --interviewer bo@example.org --seed 1
    assert_rc 0
    run "$RUBRIC" interview show 1 --json
    first=$(jq -c '[.kit.questions[].id]' <<<"$OUT")
    assert_json '.application == 1'
    run "$RUBRIC" interview show 2 --json
    assert_json '.application == 2'
    [ "$(jq -c --argjson a "$first" '[.kit.questions[].id] - ($a) | length' <<<"$OUT")" = \
        "$(jq -c '.kit.questions | length' <<<"$OUT")" ] ||
        fail "the second application's kit repeats a question of the first"
    run "$RUBRIC" application show 2 --json
    assert_json '.interviews == [2]'
    # an application of another candidate is refused
    "$RUBRIC" candidate add --name "Ilse Voorbeeld" --role backend-developer-senior >/dev/null
    run "$RUBRIC" interview create 2 --application 1 --stage screen --interviewer ada@example.org
    assert_rc 1
    assert_err "application 1 is not candidate 2's"
}

test_erase_reaches_the_applications() {
    setup_two
    "$RUBRIC" application move 1 rejected --reason "Noor asked about Zanzibar-7" >/dev/null
    run "$RUBRIC" candidate export 1 --output export
    assert_rc 0
    OUT=$(cat export/candidate.json)
    assert_json '(.applications | length) == 2 and .applications[0].history[1].reason == "Noor asked about Zanzibar-7"'
    run "$RUBRIC" candidate erase 1 --yes
    assert_rc 0
    run "$RUBRIC" application show 1 --json
    assert_json '.name == "[erased]" and .stage == "rejected" and all(.history[]; .reason == null or (.reason | test("Noor") | not))'
    ! grep -q "Zanzibar-7" rubric.db* || fail "the reason is still in the store's files"
}
