# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric parse`.

test_parse_json_has_the_documented_fields() {
    run "$RUBRIC" parse --help
    assert_rc 0
    run "$RUBRIC" parse --json "$DATA/resumes/plain.txt" "$DATA/resumes/markdown.md" \
        "$ROOT/node_modules/@jsonresume/schema/sample.resume.json" nothing-here.pdf
    assert_rc 4 # a file that is not there is a file error
    assert_eq "$(wc -l <<<"$OUT")" "4" "one JSON line per file"
    assert_jsonl 'map(select(has("error") | not)) | length == 3 and all(.[]; has("file") and
        has("format") and has("name") and has("email") and has("phone") and has("links") and
        has("skills") and has("positions") and has("experience_years") and
        has("education") and has("warnings") and has("email_confidence") and
        has("phone_confidence") and has("projects") and has("certifications"))'
    assert_jsonl 'map(select(.file | endswith("plain.txt")))[0] | .name == "Amara Okafor"
        and (.positions | length) == 3 and .positions[0].end == null
        and .positions[1].start == "2017-03" and .positions[1].end == "2021-12"
        and (.experience_years > 11.7 and .experience_years < 12)'
    assert_jsonl 'map(select(.file | endswith("plain.txt")))[0].skills |
        map(select(.skill == "java"))[0].last_used == 2021'
    # the positions that mention a skill, by their index in "positions"
    assert_jsonl 'map(select(.file | endswith("plain.txt")))[0].skills |
        (map(select(.skill == "java"))[0].positions == [1])
        and (map(select(.skill == "go"))[0].positions == [0])'
    assert_jsonl 'map(select(.file == "nothing-here.pdf"))[0] | has("error")'
    run "$RUBRIC" parse "$DATA/resumes/markdown.md"
    assert_rc 0
    assert_out "Site Reliability Engineer at Globex"
}

test_parse_reads_every_file_of_a_folder() {
    mkdir -p folder/sub
    cp "$DATA/resumes/plain.txt" "$DATA/resumes/markdown.md" folder/
    cp "$DATA/resumes/plain.txt" folder/.hidden.txt
    cp "$DATA/resumes/plain.txt" folder/sub/nested.txt
    run "$RUBRIC" parse --json folder "$DATA/resumes/plain.txt"
    assert_rc 0
    assert_eq "$(wc -l <<<"$OUT")" "3" "one JSON line per file: the folder's two, then one"
    assert_jsonl 'map(.file) | .[0:2] | sort == ["folder/markdown.md", "folder/plain.txt"]'
    assert_jsonl '.[2].file | endswith("resumes/plain.txt")'
    assert_jsonl 'map(select(.file == "folder/plain.txt"))[0].name == "Amara Okafor"'
}
