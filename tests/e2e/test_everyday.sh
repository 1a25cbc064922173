# SPDX-License-Identifier: MIT
# What a new user stumbled on in their first hour (issue 17): each surprise and wrong result,
# as a user sees it, on the invented resumes and jobs of examples/.

EX=$ROOT/examples

test_screen_of_a_folder_skips_the_store_and_joins_paths_with_one_slash() {
    mkdir cvs
    cp "$EX/resumes/amara.txt" "$EX/resumes/kofi.pdf" cvs/
    # the store inside the folder screened, with its companions, as `screen .` met it
    "$RUBRIC" --db cvs/rubric.db role list >/dev/null 2>&1
    printf 'x' >cvs/rubric.db-wal
    printf 'x' >cvs/rubric.db-shm
    run "$RUBRIC" --db cvs/rubric.db screen cvs/ --role backend-developer-senior --format json
    assert_rc 0
    assert_json '[.candidates[].file] | sort == ["cvs/amara.txt", "cvs/kofi.pdf"]'
    assert_json '.errors | length == 0'
    assert_json '.summary.files == 2'
    assert_err "cvs/rubric.db: not read as a resume"
    assert_err "3 files in all not read as resumes"
    # told by its first bytes, whatever its name; named on its own, it is read (and fails)
    cp cvs/rubric.db cvs/old-notes
    run "$RUBRIC" screen cvs --role backend-developer-senior --format json
    assert_rc 0
    assert_json '.summary.files == 2 and (.errors | length == 0)'
    assert_err "cvs/old-notes: not read as a resume"
    assert_err "2 files in all not read as resumes" # the store's companions went at its close
    run "$RUBRIC" screen cvs/old-notes --role backend-developer-senior --format json
    assert_json '.errors | length == 1'
    # a store grown past the resume size limit (20 MB) is still a store (a sparse file)
    truncate -s 30M cvs/old-notes
    run "$RUBRIC" screen cvs --role backend-developer-senior --format json
    assert_json '.summary.files == 2 and (.errors | length == 0)'
    assert_err "2 files in all not read as resumes"
    rm cvs/old-notes
    run "$RUBRIC" parse cvs///
    assert_out "cvs/amara.txt"
    assert_not_out "//"
}

test_a_resume_under_any_name_is_read() {
    mkdir cvs
    cp "$EX/resumes/amara.txt" cvs/amara.cv
    run "$RUBRIC" screen cvs --role backend-developer-senior
    assert_rc 0
    assert_out "Amara Okafor"
}

test_long_arguments_are_clipped_in_messages() {
    long=$(head -c 120000 /dev/zero | tr '\0' k)
    run "$RUBRIC" skills find "$long"
    assert_rc 3
    [ "${#ERR}" -lt 400 ] || fail "the argument was echoed whole (${#ERR} bytes)"
    assert_err "(120000 bytes)"
    run "$RUBRIC" bank show "$long"
    assert_rc 3
    [ "${#ERR}" -lt 400 ] || fail "the argument was echoed whole (${#ERR} bytes)"
    run "$RUBRIC" bank search "$long"
    [ "${#OUT}" -lt 400 ] || fail "the query was echoed whole (${#OUT} bytes)"
}

test_json_reals_print_as_written() {
    run "$RUBRIC" screen "$EX/resumes" --role backend-developer-senior --format json
    assert_rc 0
    # every real has at most 15 significant digits: 72.4, never 72.400000000000006
    ! grep -qE '[0-9]\.[0-9]{16,}' <<<"$OUT" || fail "a real printed with 17 digits"
    assert_json '[.candidates[].score] | all(. == (. * 10 | round) / 10)'
    run "$RUBRIC" parse "$EX/resumes/amara.txt" --json
    ! grep -qE '0000000000|9999999999' <<<"$OUT" || fail "a real printed with 17 digits: $OUT"
}

test_print_config_comments_line_up() {
    run "$RUBRIC" serve --db postgres://ada:pw-not-shown@localhost/rubric --print-config
    assert_rc 0
    # every setting of ordinary length has its comment in one column; a long value (a list)
    # keeps its comment two spaces after it rather than pushing every other line away
    cols=$(awk '{ i = index($0, "  # "); v = substr($0, 1, i - 1); sub(/ +$/, "", v)
                  if (length(v) <= 48) print i }' <<<"$OUT" | sort -u | wc -l)
    assert_eq "$cols" "1" "columns where the comments start"
    col=$(awk '{ i = index($0, "  # "); v = substr($0, 1, i - 1); sub(/ +$/, "", v)
                 if (length(v) <= 48) print i }' <<<"$OUT" | sort -u)
    [ "$col" -le 50 ] || fail "a long value pushed the comments to column $col"
    assert_out "postgres://ada:***@localhost/rubric"
    assert_not_out "pw-not-shown"
}

test_a_year_only_range_reads_the_same_in_text_and_json() {
    printf 'Jane Example\njane@example.org\n\nExperience\nBackend Developer, Acme Ltd\n2015 - 2016\n- Built Java services\n' >cv.txt
    run "$RUBRIC" parse cv.txt --json
    assert_json '.positions[0].start == "2015-01" and .positions[0].end == "2016-12"'
    run "$RUBRIC" parse cv.txt
    assert_out "2015-01 to 2016-12"
}

test_role_import_takes_anchors_from_the_matching_role() {
    run "$RUBRIC" role import "$EX/jobs/job.json" --dry-run --json
    assert_rc 0
    sre=$("$RUBRIC" role show site-reliability-engineer --json |
        jq -c '.competencies[] | select(.competency == "cloud-infrastructure") | .anchors')
    [ -n "$sre" ] || fail "the shipped SRE role has no cloud-infrastructure anchors"
    got=$(jq -c '.role.competencies[] | select(.competency == "cloud-infrastructure") | .anchors' \
        <<<"$OUT")
    assert_eq "$got" "$sre" "anchors of cloud-infrastructure"
    ! grep -q "database servers" <<<"$got" || fail "the DBA's anchors were copied"
}

test_kit_candidate_is_the_candidate_of_rubric_candidate() {
    printf 'a-long-enough-password\n' |
        "$RUBRIC" user add ada@example.org --role interviewer --password-stdin >/dev/null
    id=$("$RUBRIC" candidate add --name "Ilse Examplar" --role backend-developer-mid 2>/dev/null)
    iv=$("$RUBRIC" interview create "$id" --stage technical --interviewer ada@example.org)
    asked=$("$RUBRIC" interview show "$iv" --json | jq -r '.kit.questions[].id' | sort -u)
    [ -n "$asked" ] || fail "the interview's kit has no questions"
    run "$RUBRIC" kit --role backend-developer-mid --stage technical --candidate "$id" --format json
    assert_rc 0
    again=$(jq -r '.questions[].id' <<<"$OUT" | sort -u)
    [ -n "$again" ] || fail "the kit has no questions"
    overlap=$(comm -12 <(echo "$asked") <(echo "$again") | wc -l)
    assert_eq "$overlap" "0" "questions of the interview asked again"
}

test_a_candidate_from_a_resume_file_that_screen_ranked() {
    file=$("$RUBRIC" screen "$EX/resumes" --role site-reliability-engineer --format json 2>/dev/null |
        jq -r '.candidates[0].file')
    [ -n "$file" ] && [ "$file" != null ] || fail "screen ranked nothing"
    run "$RUBRIC" candidate add --from-resume "$file" --role site-reliability-engineer --json
    assert_rc 0
    name=$("$RUBRIC" parse "$file" --json | jq -r .name)
    assert_json ".name == \"$name\" and .stage == \"applied\" and .role == \"site-reliability-engineer\""
    assert_json '(.email | endswith("@example.org")) and (.resumes | length == 1)'
    assert_json ".resumes[0].filename == \"${file##*/}\""
    "$RUBRIC" candidate export 1 --output out 2>/dev/null || fail "candidate export 1"
    cmp -s "out/resume-1-${file##*/}" "$file" || fail "the original is not kept in the store"
    # what is given wins over the parse
    run "$RUBRIC" candidate add --from-resume "$EX/resumes/tomasz.md" --name "T. Nowak"
    assert_rc 0
    assert_eq "$OUT" "2"
    run "$RUBRIC" candidate show 2 --json
    assert_json '.name == "T. Nowak" and .email == "tomasz.nowak@example.org"'
    # a file with no name in it needs --name
    printf 'Backend work with Go and Kafka since 2019.\n' >noname.txt
    run "$RUBRIC" candidate add --from-resume noname.txt
    assert_rc 1
    assert_err "give --name"
    run "$RUBRIC" candidate add --from-resume missing.pdf
    assert_rc 4
}

test_attach_a_resume_file_to_a_candidate() {
    id=$("$RUBRIC" candidate add --name "Amara Okafor" 2>/dev/null)
    run "$RUBRIC" candidate attach "$id" "$EX/resumes/amara.txt"
    assert_rc 0
    resume=$OUT
    run "$RUBRIC" candidate show "$id" --json
    assert_json ".resumes | map(.id) == [$resume]"
    assert_json '.resumes[0].format == "text" and .resumes[0].error == null'
    run "$RUBRIC" audit --candidate "$id" --json
    assert_json "any(.[]; .what == \"resume $resume\" and .action == \"create\")"
    run "$RUBRIC" candidate attach 99 "$EX/resumes/amara.txt"
    assert_rc 3
    run "$RUBRIC" candidate attach "$id" nowhere.pdf
    assert_rc 4
    assert_err "nowhere.pdf"
}

test_candidate_search_by_name_or_email() {
    "$RUBRIC" candidate add --name "Amara Okafor" --email amara.okafor@example.org >/dev/null 2>&1
    "$RUBRIC" candidate add --name "Kofi Mensah" --email kofi.mensah@example.org >/dev/null
    run "$RUBRIC" candidate list --search okaf --json
    assert_json 'map(.name) == ["Amara Okafor"]'
    run "$RUBRIC" candidate list --search MENSAH@EXAMPLE --json
    assert_json 'map(.name) == ["Kofi Mensah"]'
    run "$RUBRIC" candidate list --search nobody
    assert_rc 0
    assert_not_out "Okafor"
    run "$RUBRIC" candidate list --search ""
    assert_rc 2
}

test_interview_list_by_candidate_interviewer_and_upcoming() {
    for who in ada bo; do
        printf 'a-long-enough-password\n' |
            "$RUBRIC" user add "$who@example.org" --role interviewer --password-stdin >/dev/null
    done
    "$RUBRIC" candidate add --name "Ilse Examplar" --role backend-developer-mid >/dev/null 2>&1
    "$RUBRIC" candidate add --name "Jon Testperson" --role backend-developer-mid >/dev/null
    "$RUBRIC" interview create 1 --stage technical --interviewer ada@example.org \
        --at 2099-01-02T10:00:00Z >/dev/null
    "$RUBRIC" interview create 2 --stage screen --interviewer bo@example.org \
        --at 2098-05-01T09:00:00+02:00 >/dev/null
    "$RUBRIC" interview create 1 --stage behavioral --interviewer bo@example.org \
        --at 2001-01-01T10:00:00Z >/dev/null
    run "$RUBRIC" interview list
    assert_rc 0
    assert_out "CANDIDATE"
    assert_eq "$(grep -c 'example.org' <<<"$OUT")" "3" "rows"
    run "$RUBRIC" interview list --candidate 1 --json
    assert_json 'map(.id) == [1, 3] and all(.[]; .candidate_name == "Ilse Examplar")'
    run "$RUBRIC" interview list --interviewer bo@example.org --json
    assert_json 'map(.id) == [2, 3]'
    run "$RUBRIC" interview list --upcoming --json
    assert_json 'map(.id) == [2, 1]'
    run "$RUBRIC" interview list --interviewer nobody@example.org
    assert_rc 2
}

test_practice_takes_as_and_still_user() {
    printf 'a-long-enough-password\n' |
        "$RUBRIC" user add noor@example.org --role candidate --password-stdin >/dev/null
    printf 'a-long-enough-password\n' |
        "$RUBRIC" user add sam@example.org --role candidate --password-stdin >/dev/null
    run "$RUBRIC" practice next --as sam@example.org --now 2025-03-01 --json
    assert_rc 0
    as_q=$(jq -r .question.id <<<"$OUT")
    run "$RUBRIC" practice next --user sam@example.org --now 2025-03-01 --json
    assert_rc 0
    assert_err "--user is now --as"
    assert_eq "$(jq -r .question.id <<<"$OUT")" "$as_q" "the question for --user"
    run "$RUBRIC" practice stats --as=sam@example.org --json
    assert_rc 0
    assert_json '.user == "sam@example.org"'
}

test_the_example_generator_makes_its_output_folder() {
    gen="$(dirname "$RUBRIC")/accuracy-gen"
    [ -x "$gen" ] || fail "no $gen: make test-build"
    run "$gen" -o out/examples "$EX/sources/amara.json"
    assert_rc 0
    [ -s out/examples/labels.jsonl ] || fail "no labels.jsonl in the folder it made"
    for ext in txt md html docx pdf; do
        [ -s "out/examples/amara-classic.$ext" ] || fail "no amara-classic.$ext"
    done
    run "$RUBRIC" parse out/examples/amara-classic.pdf --json
    assert_json '.name == "Amara Okafor"'
}
