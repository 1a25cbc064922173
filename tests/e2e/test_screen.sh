# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric screen` (the first, sequential version).

test_screen_ranks_a_folder_and_goes_on_after_bad_files() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    mkdir cvs
    cp "$DATA"/resumes/* cvs/
    cp "$ROOT"/node_modules/@jsonresume/schema/examples/*.json cvs/
    printf '\x89PNG\r\n\x1a\n\0\0\0\0' >cvs/photo.png
    run "$RUBRIC" screen cvs --role backend-developer-senior --json
    assert_rc 0
    assert_json '(.candidates | length) == 5 and (.errors | length) == 1'
    assert_json '.errors[0].error == "an image, not a resume format"'
    assert_json '[.candidates[].score] == ([.candidates[].score] | sort | reverse)'
    assert_json 'all(.candidates[]; has("file") and has("score") and has("must_have_missing")
        and has("breakdown") and has("reasons"))'
    assert_json 'all(.candidates[]; .score >= 0 and .score <= 100)'
    assert_json 'all(.candidates[]; (.must_have_missing | length) == 0 or .score <= 50)'
    assert_err "6 files: 5 ranked, 1 could not be read"
    run "$RUBRIC" screen cvs --role backend-developer-senior --top 2
    assert_rc 0
    assert_out "RANK"
    assert_eq "$(grep -c '^ *[0-9]' <<<"$OUT")" "2" "--top 2"
    run "$RUBRIC" screen cvs
    assert_rc 2
    run "$RUBRIC" screen cvs --role nobody
    assert_rc 2
    assert_err "rubric role list"
}
