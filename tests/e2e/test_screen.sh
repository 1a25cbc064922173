# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric screen`: the real binary on real files, the real store.

# A folder of resumes in several formats, one level down too, and a file that is not one.
make_folder() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    mkdir -p cvs/more
    cp "$DATA"/resumes/* cvs/
    cp "$ROOT"/node_modules/@jsonresume/schema/examples/*.json cvs/more/
    printf '\x89PNG\r\n\x1a\n\0\0\0\0' >cvs/photo.png
}

test_screen_ranks_a_folder_and_goes_on_after_bad_files() {
    make_folder
    run "$RUBRIC" screen cvs --role backend-developer-senior --json
    assert_rc 0
    assert_json '(.candidates | length) == 5 and (.errors | length) == 1'
    assert_json '.errors[0] == {"file": "cvs/photo.png", "error": "an image, not a resume format"}'
    assert_json '[.candidates[].score] == ([.candidates[].score] | sort | reverse)'
    assert_json 'all(.candidates[]; has("file") and has("score") and has("must_have_missing")
        and has("breakdown") and has("reasons") and (.id | test("^[0-9a-f]{12}$")))'
    assert_json 'all(.candidates[]; .score >= 0 and .score <= 100)'
    # a missing must-have is flagged and costs points, without a flat cap
    assert_json 'all(.candidates[]; ((.must_have_missing | length) > 0) == .capped)'
    assert_json 'all(.candidates[]; (.must_have_missing | length) == 0 or .penalty > 0)'
    assert_json '[.candidates[] | select(.capped)] | length > 0 and any(.[]; .score > 50)'
    assert_json 'any(.candidates[]; .file == "cvs/more/new-grad.resume.json")'
    assert_json '.summary.files == 6 and .summary.ranked == 5 and .summary.failed == 1
        and .summary.failed_by_reason == {"an image, not a resume format": 1}
        and (.summary.histogram | add) == 5'
    assert_err "6 files in"
    assert_err "5 ranked, 1 could not be read"
    run "$RUBRIC" screen cvs --role backend-developer-senior --top 2
    assert_rc 0
    assert_out "RANK"
    assert_eq "$(grep -c '^ *[0-9]' <<<"$OUT")" "2" "--top 2"
    assert_err "cannot read cvs/photo.png: an image, not a resume format"
    run "$RUBRIC" screen cvs --role backend-developer-senior --min-score 45 --json
    assert_json 'all(.candidates[]; .score >= 45) and .summary.ranked == 5'
}

test_screen_output_does_not_depend_on_threads() {
    make_folder
    for i in 1 2 3 4 5 6; do cp "$DATA/resumes/plain.txt" "cvs/copy-$i.txt"; done
    "$RUBRIC" screen cvs --role backend-developer-senior --jobs 1 --no-store --json |
        jq 'del(.summary.seconds, .summary.threads)' >one.json
    "$RUBRIC" screen cvs --role backend-developer-senior --jobs 4 --no-store --json |
        jq 'del(.summary.seconds, .summary.threads)' >four.json
    run cmp one.json four.json
    assert_rc 0
    run jq -e '.candidates | length == 11' one.json
    assert_rc 0
}

test_screen_keeps_parses_in_the_store() {
    make_folder
    run "$RUBRIC" screen cvs --role backend-developer-senior --json
    assert_json '.summary.from_store == 0'
    first=$(jq -c '[.candidates[] | {file, score}]' <<<"$OUT")
    # another role, the same files: nothing is parsed again
    run "$RUBRIC" screen cvs --role backend-developer-mid
    assert_err "5 came from the store"
    run "$RUBRIC" screen cvs --role backend-developer-senior --json
    assert_json '.summary.from_store == 5'
    assert_eq "$(jq -c '[.candidates[] | {file, score}]' <<<"$OUT")" "$first" "stored = parsed"
    # a changed file is a new file
    echo "Rust, Go, Kubernetes" >>cvs/plain.txt
    run "$RUBRIC" screen cvs --role backend-developer-senior --json
    assert_json '.summary.from_store == 4'
    # --no-store neither reads nor writes them
    # (a fresh store gets the built-in roles, so the role is there and nothing else is kept)
    run "$RUBRIC" --db other.db screen cvs --role backend-developer-senior --no-store --json
    assert_rc 0
    assert_json '.summary.from_store == 0'
    assert_eq "$(sqlite3 other.db 'SELECT count(*) FROM parsed_resume')" "0"
    run "$RUBRIC" screen cvs --role backend-developer-senior --no-store --json
    assert_json '.summary.from_store == 0'
    assert_eq "$(db_sql 'SELECT count(*) FROM parsed_resume')" "6"
}

test_screen_keeps_every_parse_of_a_large_folder() {
    # more files than one batch of the writer thread (256), on two reading threads: every
    # parse is kept, and a second run reads them all back
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    mkdir -p many
    for i in $(seq 1 600); do
        { cat "$DATA/resumes/plain.txt"; echo "Reference number $i"; } >"many/r$i.txt"
    done
    run "$RUBRIC" screen many --role backend-developer-senior --jobs 2 --top 3 --json
    assert_rc 0
    assert_json '.summary.ranked == 600 and .summary.from_store == 0'
    assert_eq "$(db_sql 'SELECT count(*) FROM parsed_resume')" "600"
    run "$RUBRIC" screen many --role backend-developer-senior --jobs 2 --top 3 --json
    assert_json '.summary.ranked == 600 and .summary.from_store == 600'
}

test_screen_formats_and_output_file() {
    make_folder
    run "$RUBRIC" screen cvs --role backend-developer-senior --format csv
    assert_rc 0
    assert_eq "$(head -1 <<<"$OUT" | tr -d '\r')" \
        "rank,id,score,capped,must_have_missing,must_have_points,nice_to_have_points,total_years_points,comparable_years_points,recency_points,experience_years,comparable_years,name,email,phone,file"
    assert_eq "$(wc -l <<<"$OUT")" "6" "a header and 5 rows"
    assert_out "Amara Okafor"
    run "$RUBRIC" screen cvs --role backend-developer-senior --output report.html
    assert_rc 0
    assert_eq "$OUT" "" "nothing on stdout with --output"
    run cat report.html
    assert_out "<!DOCTYPE html>"
    assert_out 'aria-label="score histogram"'
    assert_eq "$(grep -o '<tr><td class="n">' report.html | wc -l)" "5" "5 ranked rows"
    assert_out "an image, not a resume format"
    # self-contained: nothing is fetched from anywhere
    assert_eq "$(grep -cE '(src|href)=' report.html)" "0" "no external assets"
    run "$RUBRIC" screen cvs --role backend-developer-senior --output ranked.csv
    assert_rc 0
    assert_eq "$(head -c 5 ranked.csv)" "rank," "the extension chooses CSV"
    run "$RUBRIC" screen cvs --role backend-developer-senior --format pdf
    assert_rc 2
    assert_err "--format"
    run "$RUBRIC" screen cvs --role backend-developer-senior --job x.txt
    assert_rc 2
    run "$RUBRIC" screen cvs
    assert_rc 2
    run "$RUBRIC" screen cvs --role nobody
    assert_rc 2
    assert_err "rubric role list"
}

test_screen_against_a_job_description() {
    make_folder
    run "$RUBRIC" screen cvs --job "$DATA/jobs/senior-backend-go.txt" --json
    assert_rc 0
    assert_json '.criteria.must_have == ["go", "postgresql", "kubernetes"]'
    assert_json '.criteria.min_years == 5 and .criteria.min_comparable_years == 3'
    assert_json '[.criteria.nice_to_have[].skill] | index("redis") != null'
    assert_json '.candidates[0].file == "cvs/plain.txt" and .candidates[0].must_have_missing == []'
    assert_err "must-have: go, postgresql, kubernetes"
    run "$RUBRIC" screen cvs --job "$ROOT/node_modules/@jsonresume/schema/sample.job.json" --json
    assert_rc 0
    assert_json '.criteria.title == "Web Developer" and (.criteria.must_have | index("react") != null)'
    assert_json '(.candidates | length) == 5'
    run "$RUBRIC" screen cvs --job missing.txt
    assert_rc 4
    assert_err "cannot read job missing.txt"
    printf 'Office manager\nKeeps the office running.\n' >office.txt
    run "$RUBRIC" screen cvs --job office.txt
    assert_rc 0
    assert_err "warning: office.txt: names no skill"
}

test_screen_criteria_can_be_overridden() {
    make_folder
    run "$RUBRIC" screen cvs --job "$DATA/jobs/senior-backend-go.txt" --json \
        --must "golang, oracle|postgres" --nice redis --years 2
    assert_rc 0
    assert_json '.criteria.must_have_groups == [{"any_of": ["go"], "years": 0},
        {"any_of": ["oracle database", "postgresql"], "years": 0}]'
    assert_json '[.criteria.nice_to_have[].skill] == ["redis"] and .criteria.min_years == 2'
    assert_err "must-have: go, oracle database | postgresql"
    run "$RUBRIC" screen cvs --job "$DATA/jobs/senior-backend-go.txt" --must "cobolt"
    assert_rc 2
    assert_err "--must: 'cobolt' is not a skill"
    run "$RUBRIC" screen cvs --job "$DATA/jobs/senior-backend-go.txt" --years many
    assert_rc 2
}

test_screen_blind_hides_people_and_scores_without_them() {
    make_folder
    # the same resume with what must not count: an address naming a skill, a birth date,
    # a nationality, gendered words
    {
        sed -n '1,3p' "$DATA/resumes/plain.txt"
        printf 'Address: 3 Kafka Street, Harbourtown\nDate of birth: 4 May 1979\n'
        printf 'Nationality: Ruritanian\nShe is a mother of two.\n'
        sed -n '4,$p' "$DATA/resumes/plain.txt" | sed 's/, Kafka//; /Kafka/d'
    } >cvs/amara-okafor-full.txt
    sed 's/, Kafka//; /Kafka/d' "$DATA/resumes/plain.txt" >cvs/bare.txt
    run "$RUBRIC" screen cvs --role backend-developer-senior --blind --json
    assert_rc 0
    assert_json '.blind and all(.candidates[]; has("file") or has("name") or has("email") | not)'
    assert_json 'all(.errors[]; has("file") | not)'
    for word in Amara Okafor amara example.org 7946 github Kafka Ruritanian 1979 photo.png; do
        assert_not_out "$word"
    done
    ids=$(for f in cvs/amara-okafor-full.txt cvs/bare.txt; do sha256sum "$f" | cut -c1-12; done)
    scores=$(jq -r --arg ids "$ids" '.candidates[] | select(.id as $i | $ids | contains($i))
        | [.score, .breakdown.must_have.points, .breakdown.recency.points] | @tsv' <<<"$OUT" |
        sort -u | wc -l)
    assert_eq "$scores" "1" "what blind mode hides does not change the score"
    run "$RUBRIC" screen cvs --role backend-developer-senior --json
    # without blind mode, the address's "Kafka" counts as a skill
    assert_json '[.candidates[] | select(.file == "cvs/amara-okafor-full.txt")][0]
        .breakdown.must_have.points >
        [.candidates[] | select(.file == "cvs/bare.txt")][0].breakdown.must_have.points'
    for fmt in csv html table; do
        run "$RUBRIC" screen cvs --role backend-developer-senior --blind --format $fmt
        assert_rc 0
        for word in Amara Okafor cvs/ Ruritanian; do assert_not_out "$word"; done
    done
}
