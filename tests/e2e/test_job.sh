# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric job show`: what is read from a posting, with its lines.

test_job_show_prints_each_criterion_with_its_line() {
    run "$RUBRIC" job show --help
    assert_rc 0
    run "$RUBRIC" job show "$DATA/jobs/corpus/01-java-backend.md"
    assert_rc 0
    assert_out "Senior Java Back-end Developer (senior)"
    assert_out "line 33: - Solid experience with the Spring framework"
    assert_out "oracle database | mysql | postgresql"
    run "$RUBRIC" job show --json "$DATA/jobs/corpus/01-java-backend.md"
    assert_rc 0
    assert_json '.min_years == 3 and .min_years_from.line == 31'
    assert_json '.must_have[0] == {"any_of": ["java"], "years": 3, "line": 1,
        "text": "Senior Java Back-end Developer"}'
    assert_json '[.must_have[] | select(.any_of | index("mysql"))][0].line == 35'
    assert_json '[.nice_to_have[].skill] | index("apache kafka") != null'
    assert_json '.warnings == []'
}

test_job_show_reads_an_unknown_stack_with_a_warning() {
    run "$RUBRIC" job show --json "$DATA/jobs/corpus/16-hr-generalist.txt"
    assert_rc 0
    assert_json '.title == "HR Generalist" and .min_years == 3 and .must_have == []'
    assert_json '.warnings[0] | contains("names no skill that Rubric knows")'
    run "$RUBRIC" job show missing.txt
    assert_rc 4
    assert_err "cannot read job missing.txt"
    run "$RUBRIC" job show
    assert_rc 2
}
