# SPDX-License-Identifier: MIT
# `rubric screen` and the API's screenings, over the same files and the same posting, give
# the same ranking, scores and reasons: both read through core/intake.c and make their rows
# with core/screening.c's one row builder.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

test_the_command_line_and_the_api_rank_alike() {
    local token ids sid i job
    mkdir cvs
    cp "$DATA"/resumes/plain.txt "$DATA"/resumes/markdown.md cvs/
    cp "$ROOT"/node_modules/@jsonresume/schema/examples/*.json cvs/
    job="$DATA/jobs/corpus/01-java-backend.md"
    run "$RUBRIC" screen cvs --job "$job" --json --no-store --today "$(date -u +%Y-%m)"
    assert_rc 0
    jq -c '[.candidates[] | {file: (.file | sub("^cvs/"; "")), score, reasons,
        must_have_missing}]' <<<"$OUT" >cli.json
    [ "$(jq '[.[].score] | length == 5 and (unique | length) >= 4' cli.json)" = true ] ||
        fail "five resumes, scored apart: $(cat cli.json)"

    start_server
    printf 'a-long-enough-password\n' | "$RUBRIC" user add rita@example.org --role recruiter \
        --password-stdin >/dev/null || fail "user add"
    token=$("$RUBRIC" token create rita@example.org 2>/dev/null) || fail "token create"
    local form=()
    for f in cvs/*; do form+=(-F "file=@$f"); done
    http POST /api/v1/resumes -H "Authorization: Bearer $token" "${form[@]}"
    assert_rc 201
    ids=$(jq -c '[.. | objects | select(has("id") and has("filename")) | .id]' <<<"$OUT")
    [ "$(jq length <<<"$ids")" = "$(find cvs -type f | wc -l)" ] || fail "not every upload: $OUT"
    http POST /api/v1/screenings -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' \
        --data "$(jq -nc --rawfile job "$job" --argjson ids "$ids" '{job: $job, resumes: $ids}')"
    assert_rc 202
    sid=$(jq .id <<<"$OUT")
    for i in $(seq 100); do
        http GET "/api/v1/screenings/$sid" -H "Authorization: Bearer $token"
        [ "$(jq -r .state <<<"$OUT")" = done ] && break
        sleep 0.1
    done
    [ "$(jq -r .state <<<"$OUT")" = done ] || fail "the screening is not done: $OUT"
    http GET "/api/v1/screenings/$sid/results" -H "Authorization: Bearer $token"
    assert_rc 200
    jq -c '[.items[] | {file: .filename, score, reasons, must_have_missing}]' <<<"$OUT" >api.json
    [ "$(jq length cli.json)" = "$(jq length api.json)" ] || fail "not as many results"
    cmp -s cli.json api.json ||
        fail "the API ranks or explains differently: $(diff <(jq . cli.json) <(jq . api.json) | head -20)"
    stop_server
}

# Every field of a row that both front ends give (core/screening.c's screening_row_json);
# how they name the resume differs by design (a path and a hash there, ids and a file name
# here).
ROW='{score, capped, penalty, relevant_years, must_met, must_have_missing, breakdown, reasons,
    experience_years, comparable_years}'

# api_screen DIR JOB [BLIND]: a recruiter uploads every file under DIR (the server is
# running) and screens them against the job text in file JOB; the results (best first) in
# OUT. Sets TOKEN.
api_screen() {
    local dir=$1 job=$2 blind=${3:-false} ids sid form=()
    printf 'a-long-enough-password\n' | "$RUBRIC" user add rita@example.org --role recruiter \
        --password-stdin >/dev/null 2>&1
    TOKEN=$("$RUBRIC" token create rita@example.org 2>/dev/null) || fail "token create"
    while IFS= read -r f; do form+=(-F "file=@$f"); done < <(find "$dir" -type f | sort)
    http POST /api/v1/resumes -H "Authorization: Bearer $TOKEN" "${form[@]}"
    assert_rc 201
    ids=$(jq -c '[.items[].id]' <<<"$OUT")
    http POST /api/v1/screenings -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' --data "$(jq -nc --rawfile job "$job" \
        --argjson ids "$ids" --argjson blind "$blind" '{job: $job, resumes: $ids, blind: $blind}')"
    assert_rc 202
    sid=$(jq .id <<<"$OUT")
    for _ in $(seq 150); do
        http GET "/api/v1/screenings/$sid" -H "Authorization: Bearer $TOKEN"
        [ "$(jq -r .state <<<"$OUT")" = done ] && break
        sleep 0.2
    done
    [ "$(jq -r .state <<<"$OUT")" = done ] || fail "the screening is not done: $OUT"
    http GET "/api/v1/screenings/$sid/results?limit=100" -H "Authorization: Bearer $TOKEN"
    assert_rc 200
}

# Resumes in every format Rubric reads, in a folder with a subfolder, and a file that is not
# a resume.
make_pile() {
    mkdir -p cvs/more
    cp "$ROOT"/examples/resumes/* cvs/
    cp "$DATA"/resumes/plain.txt "$DATA"/resumes/markdown.md cvs/more/
    cp "$ROOT"/node_modules/@jsonresume/schema/examples/*.json cvs/more/
    printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >cvs/more/photo.png
}

test_every_row_is_the_same_in_every_format_and_from_the_stored_parses() {
    local job="$DATA/jobs/corpus/07-node-backend.md" n
    make_pile
    n=$(find cvs -type f | wc -l)
    run "$RUBRIC" screen cvs --job "$job" --json --today "$(date -u +%Y-%m)"
    assert_rc 0
    jq -c "[.candidates[] | {file: (.file | sub(\"^.*/\"; \"\")), name} + $ROW]" <<<"$OUT" >cli.json
    jq -c '[.errors[] | {error}]' <<<"$OUT" >cli-errors.json
    [ "$(jq 'length' cli.json)" -ge 10 ] || fail "most of the pile ranked: $(cat cli.json)"
    [ "$(jq '[.[].score] | unique | length' cli.json)" -ge 8 ] || fail "scores apart: $(cat cli.json)"
    [ "$(jq 'length' cli-errors.json)" = 1 ] || fail "the image is not a resume: $(cat cli-errors.json)"
    # the second run takes every parse from the store: the rows must not change
    run "$RUBRIC" screen cvs --job "$job" --json --today "$(date -u +%Y-%m)"
    assert_rc 0
    assert_json ".summary.from_store == $((n - 1))"
    jq -c "[.candidates[] | {file: (.file | sub(\"^.*/\"; \"\")), name} + $ROW]" <<<"$OUT" >cli2.json
    cmp -s cli.json cli2.json ||
        fail "the stored parses rank differently: $(diff <(jq . cli.json) <(jq . cli2.json) | head -20)"

    start_server
    api_screen cvs "$job"
    jq -c "[.items[] | select(.score) | {file: .filename, name} + $ROW]" <<<"$OUT" >api.json
    jq -c '[.items[] | select(.error) | {error}]' <<<"$OUT" >api-errors.json
    cmp -s cli.json api.json ||
        fail "the API ranks or explains differently: $(diff <(jq . cli.json) <(jq . api.json) | head -30)"
    cmp -s cli-errors.json api-errors.json ||
        fail "the API fails other files: $(cat cli-errors.json) vs $(cat api-errors.json)"
    stop_server
}

test_a_blind_screening_is_the_same_on_both() {
    local job="$DATA/jobs/corpus/04-devops-aws.md"
    make_pile
    rm cvs/more/photo.png
    run "$RUBRIC" screen cvs --job "$job" --json --blind --no-store --today "$(date -u +%Y-%m)"
    assert_rc 0
    assert_json '[.candidates[] | has("name") or has("file")] | any | not'
    jq -c "[.candidates[] | $ROW]" <<<"$OUT" >cli.json
    [ "$(jq '[.[].score] | unique | length' cli.json)" -ge 8 ] || fail "scores apart: $(cat cli.json)"

    start_server
    api_screen cvs "$job" true
    [ "$(jq '[.items[] | has("name") or has("filename")] | any' <<<"$OUT")" = false ] ||
        fail "a blind result names someone: $OUT"
    jq -c "[.items[] | $ROW]" <<<"$OUT" >api.json
    cmp -s cli.json api.json ||
        fail "the API ranks or explains differently: $(diff <(jq . cli.json) <(jq . api.json) | head -30)"
    stop_server
}
