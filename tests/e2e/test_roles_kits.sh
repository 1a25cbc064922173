# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric role` and `rubric kit` on a real store.

load_all() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
}

test_role_help_list_show() {
    for sub in load list show lint import; do
        run "$RUBRIC" role "$sub" --help
        assert_rc 0
        assert_out "usage: rubric role $sub"
    done
    run "$RUBRIC" kit --help
    assert_rc 0
    assert_out "--stage"
    # a fresh store gets the built-in bank and roles, as the server gives it, and says so
    run "$RUBRIC" role list
    assert_rc 0
    assert_err "a fresh store: loaded the built-in bank"
    assert_out "backend-developer-mid"
    load_all
    run "$RUBRIC" role list --json
    assert_rc 0
    assert_json '[.roles[].id] | contains(["backend-developer-junior", "backend-developer-mid",
        "backend-developer-senior", "backend-architect", "system-architect",
        "database-administrator", "site-reliability-engineer"])'
    run "$RUBRIC" role show backend-developer-mid --json
    assert_json '.level == "mid" and (.competencies | length) >= 3 and
        all(.competencies[]; .weight >= 1 and (.anchors | keys) == ["1","2","3","4"])'
    run "$RUBRIC" role show backend-developer-mid
    assert_out "Competencies"
    run "$RUBRIC" role show nobody
    assert_rc 3
    assert_err "no role with id 'nobody'"
}

test_role_lint() {
    run "$RUBRIC" role lint
    assert_rc 0
    run "$RUBRIC" role lint "$ROOT/data/roles"
    assert_rc 0
    mkdir bad
    printf '# Bad\n\n- id: bad\n- level: mid\n- min-years: 2\n- min-comparable-years: 1\n\nS.\n\n## Competencies\n\n### nope-comp\n\n- weight: 2\n' >bad/bad.md
    run "$RUBRIC" role lint bad
    assert_rc 1
    assert_err "bad/bad.md:12: unknown competency 'nope-comp'"
    assert_err "no '## Responsibilities'"
}

test_roles_need_their_competencies_in_the_store() {
    # a store with a bank of its own is not given the built-in one
    "$RUBRIC" bank load "$DATA/bank-small" >/dev/null
    run "$RUBRIC" role load
    assert_rc 1
    assert_err "load the bank that defines it first"
    run "$RUBRIC" role list --json
    assert_json '.roles == []'
}

test_a_new_field_is_data_only() {
    # a team hiring front-end developers adds a bank file and a role file; no code changes
    run "$RUBRIC" bank lint builtin "$DATA/field/bank"
    assert_rc 0
    run "$RUBRIC" role lint "$DATA/field/roles" --bank "$DATA/field/bank"
    assert_rc 0
    run "$RUBRIC" bank load builtin "$DATA/field/bank"
    assert_rc 0
    run "$RUBRIC" role load "$DATA/field/roles"
    assert_rc 0
    run "$RUBRIC" kit --role frontend-developer-mid --stage onsite --minutes 60 --format json
    assert_json '[.questions[].competency] | index("frontend-performance") != null'
    run "$RUBRIC" bank search --role frontend-developer-mid bundle --json
    assert_json '.results[0].id == "fe-bundle-budget"'
}

test_kit_formats() {
    load_all
    run "$RUBRIC" kit --role backend-developer-mid --stage technical --minutes 60 --seed 3 \
        --format json
    assert_rc 0
    assert_json '.minutes <= 60 and .partial == false and (.questions | length) >= 3'
    assert_json 'all(.questions[]; has("id") and has("competency") and has("category") and
        has("level") and has("minutes") and has("alternates") and has("anchors") and
        (.points | length) > 0)'
    assert_json '([.questions[].minutes] | add) == .minutes'
    assert_json '(.coverage | length) >= 3 and all(.coverage[]; has("competency") and
        has("weight") and has("minutes") and has("questions") and has("target_minutes"))'
    assert_json '(.scorecard.questions | length) == (.questions | length)'
    json=$OUT
    run "$RUBRIC" kit --role backend-developer-mid --stage technical --minutes 60 --seed 3
    assert_rc 0
    assert_out "# Interview kit: Backend developer (mid)"
    assert_out "## Scorecard"
    assert_out "## Coverage"
    assert_out "Rating anchors"
    first=$(jq -r '.questions[0].id' <<<"$json")
    assert_out "$first"
    run "$RUBRIC" kit --role backend-developer-mid --stage technical --minutes 60 --seed 3 \
        --format html --output kit.html
    assert_rc 0
    grep -q '<!DOCTYPE html>' kit.html || fail "not HTML"
    grep -q '@media print' kit.html || fail "no print CSS"
    grep -q "$first" kit.html || fail "the kit's questions are missing"
    # nothing loaded from elsewhere (a URL a question's text mentions is not loaded)
    ! grep -qiE '<(script|link|img|iframe|object|embed)[ >]|(src|href|action)=["'"'"']?[a-z]+:|url\(|@import' \
        kit.html || fail "external assets in the page"
}

test_kit_determinism_and_candidates() {
    load_all
    a=$("$RUBRIC" kit --role backend-developer-senior --stage onsite --seed 9 --format json |
        jq -c '[.questions[].id]')
    b=$("$RUBRIC" kit --role backend-developer-senior --stage onsite --seed 9 --format json |
        jq -c '[.questions[].id]')
    c=$("$RUBRIC" kit --role backend-developer-senior --stage onsite --seed 10 --format json |
        jq -c '[.questions[].id]')
    assert_eq "$a" "$b" "same seed"
    [ "$a" != "$c" ] || fail "another seed gave the same kit"
    run "$RUBRIC" kit --role backend-developer-mid --stage technical --candidate c-17 \
        --format json
    assert_rc 0
    assert_err "saved as kit"
    first=$(jq -c '[.questions[].id]' <<<"$OUT")
    run "$RUBRIC" kit --role backend-developer-mid --stage technical --candidate c-17 \
        --format json
    second=$(jq -c '[.questions[].id]' <<<"$OUT")
    overlap=$(jq -n --argjson a "$first" --argjson b "$second" '[$a[] | select(. as $x | $b | index($x))] | length')
    assert_eq "$overlap" "0" "questions asked twice to one candidate"
}

test_kit_partial_and_bad_arguments() {
    load_all
    run "$RUBRIC" kit --role backend-architect --stage system-design --minutes 5 --format json
    assert_rc 6
    assert_json '.partial == true and (.questions | length) == 0'
    assert_err "partial kit"
    run "$RUBRIC" kit --stage onsite
    assert_rc 2
    assert_err "--role"
    run "$RUBRIC" kit --role backend-developer-mid --stage lunch
    assert_rc 2
    assert_err "bad --stage 'lunch'"
    run "$RUBRIC" kit --role backend-developer-mid --minutes 0
    assert_rc 2
    run "$RUBRIC" kit --role nobody
    assert_rc 3
    assert_err "rubric role list"
}

test_role_import() {
    load_all
    run "$RUBRIC" role import "$ROOT/node_modules/@jsonresume/schema/sample.job.json" --json
    assert_rc 0
    assert_json '.role.id == "web-developer" and .role.level == "mid" and .role.min_years == 3'
    assert_json '(.unmapped | length) > 0'
    run "$RUBRIC" role show web-developer --json
    assert_rc 0
    run "$RUBRIC" kit --role web-developer --stage technical --format json
    assert_json '(.questions | length) > 0'
    run "$RUBRIC" role import "$DATA/jobs/sre-senior.json" --id sre-import --dry-run
    assert_rc 0
    assert_out "Could not map"
    run "$RUBRIC" role show sre-import
    assert_rc 3
    run "$RUBRIC" role import "$DATA/jobs/no-title.json"
    assert_rc 1
    assert_err "title"
    run "$RUBRIC" role import "$DATA/jobs/truncated.json"
    assert_rc 1
    assert_err "truncated.json:1: not valid JSON"
}

test_kits_for_a_java_job_and_a_go_job_ask_about_their_stacks() {
    run "$RUBRIC" bank load builtin "$DATA/bank-stacks"
    assert_rc 0
    "$RUBRIC" role load >/dev/null
    run "$RUBRIC" role import "$DATA/jobs/backend-java-spring.json"
    assert_rc 0
    run "$RUBRIC" role import "$DATA/jobs/backend-go.json"
    assert_rc 0
    run "$RUBRIC" kit --role back-end-engineer-java --stage technical --format json
    assert_rc 0
    java=$(jq -c '[.questions[] | select(.track) | .track] | unique' <<<"$OUT")
    assert_eq "$java" '["java-spring"]' "the Java kit's stack questions"
    assert_json '.stacks[0].track == "java-spring" and .stacks[0].questions >= 1 and
        (.stacks[0].skills | index("java") != null or index("spring boot") != null)'
    assert_json 'all(.questions[]; (.grades | keys) == ["1","2","3","4"])'
    run "$RUBRIC" kit --role back-end-engineer-go --stage technical --format json
    go=$(jq -c '[.questions[] | select(.track) | .track] | unique' <<<"$OUT")
    assert_eq "$go" '["go"]' "the Go kit's stack questions"
    # a role without those skills draws neither track
    run "$RUBRIC" kit --role database-administrator --stage technical --format json
    assert_json '[.questions[] | select(.track)] | length == 0'
    # the kit says so in its coverage, and shows the grades and bonus points
    run "$RUBRIC" kit --role back-end-engineer-java --stage technical
    assert_out "Stack: java-spring ("
    run "$RUBRIC" kit --role back-end-engineer-java --stage technical --format html
    assert_out "Grades for this question"
}
