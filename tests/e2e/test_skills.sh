# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric skills`.

test_skills_lint_list_find() {
    run "$RUBRIC" skills --help
    assert_rc 0
    for sub in lint list find; do
        run "$RUBRIC" skills "$sub" --help
        assert_rc 0
        assert_out "usage: rubric skills $sub"
    done
    run "$RUBRIC" skills lint
    assert_rc 0
    assert_err "ok:"
    run "$RUBRIC" skills lint "$ROOT/data/skills"
    assert_rc 0
    run "$RUBRIC" skills find k8s
    assert_rc 0
    assert_out "kubernetes"
    run "$RUBRIC" skills find "no such thing at all"
    assert_rc 3
    run "$RUBRIC" skills list --category databases --json
    assert_rc 0
    assert_json '(.skills | length) > 50 and all(.skills[]; .category == "databases")'
    assert_json '[.skills[].skill] | index("postgresql") != null'
}

test_skills_lint_reports_collisions() {
    mkdir tax
    printf '# category: a\nredis = redis db\n' >tax/a.txt
    printf '# category: b\nvalkey = redis db\nMongo =\n' >tax/b.txt
    run "$RUBRIC" skills lint tax
    assert_rc 1
    assert_err "tax/b.txt:2: 'redis db' would match two skills"
    assert_err "tax/b.txt:3: 'Mongo': write skill names in lowercase"
}

test_roles_name_skills_by_their_canonical_names() {
    mkdir roles
    sed -e 's/^- typescript: 3$/- postgres: 3\n- not-a-real-skill: 1/' \
        "$DATA/field/roles/frontend-developer-mid.md" >roles/frontend-developer-mid.md
    run "$RUBRIC" role lint roles --bank "$DATA/field/bank"
    assert_rc 1
    assert_err "skill 'postgres': write its canonical name 'postgresql'"
    assert_err "unknown skill 'not-a-real-skill'"
}
