# SPDX-License-Identifier: MIT
# `rubric screen` and the API's screenings, over the same files and the same posting, give
# the same ranking, scores and reasons (core/screen.c behind both).

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
