# SPDX-License-Identifier: MIT
# Parsing accuracy on the labelled corpus (tests/accuracy/run, docs/BENCHMARKS.md): skill F1
# >= 0.95, exact position dates >= 95%, experience within 0.5 years for >= 95% of resumes,
# over 200 generated resumes in five formats, the @jsonresume/schema examples in every
# format, and the hand-written cases of tests/data/accuracy. The evaluations of their own
# run here on a small part only (make accuracy runs them whole): two people printed by the
# two themes that set section labels in a margin (even, onepage), one with chromium's
# running header and footer, and twelve Word documents of the three template layouts.

test_accuracy_targets_hold() {
    on_pg && skip "parsing reads no store; the SQLite lane runs it"
    ACCURACY_PEOPLE=2 ACCURACY_THEMES=even,onepage ACCURACY_DOCX=12 \
        run "$ROOT/tests/accuracy/run" "$(dirname "$RUBRIC")" 200
    [ "$RC" -eq 0 ] || echo "$OUT" >&2
    assert_rc 0
    assert_out "all "
    assert_out "theme-even                 2 "
    assert_out "theme-onepage              2 "
    assert_out "docx-text-box              4 "
    assert_out "themes (all)               4 "
    assert_out "docx (all)                12 "
}

test_generator_is_deterministic() {
    local gen
    gen="$(dirname "$RUBRIC")/accuracy-gen"
    mkdir a b
    run "$gen" -n 3 -s 7 -o a
    assert_rc 0
    run "$gen" -n 3 -s 7 -o b
    assert_rc 0
    assert_eq "$(cat a/labels.jsonl a/*.txt a/*.md a/*.html | md5sum)" \
        "$(cat b/labels.jsonl b/*.txt b/*.md b/*.html | md5sum)" "same seed, same corpus"
    assert_eq "$(wc -l <a/labels.jsonl)" "15" "one label a file, five formats"
    run "$RUBRIC" parse --json --today 2026-11 a/r0001.docx a/r0001.pdf
    assert_rc 0
    assert_jsonl 'map(.format) == ["docx", "pdf"]'
}

test_parse_today_fixes_the_clock() {
    printf 'Ana Lind\nExperience\nEngineer, Acme\nJan 2020 - Present\n' >cv.txt
    run "$RUBRIC" parse --json --today 2021-12 cv.txt
    assert_rc 0
    assert_json '.experience_years == 2'
    run "$RUBRIC" parse --today 2021-13 cv.txt
    assert_rc 2
    assert_err "--today takes a month as YYYY-MM"
}
