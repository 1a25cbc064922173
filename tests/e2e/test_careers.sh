# SPDX-License-Identifier: MIT
# End-to-end tests of the careers page with curl against a real `rubric serve`: the open
# openings as HTML with schema.org JobPosting data and a CSP that allows no script, the
# description rendered without raw HTML, the form's errors next to their fields, an
# application landing in the opening's pipeline parsed and screened, duplicates merged by
# email, the honeypot, and the per-address limit answering 429 without losing what came
# before; the opening's own questions (text, choice, file) asked, checked and kept, and
# erased with the candidate. (tests/web/careers.test.mjs applies in a browser.)

source "$ROOT/tests/e2e/serve_lib.sh"

# An open opening (1) with requirements to screen against, and a draft (2).
setup_openings() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    printf '%s\n' '## What you will do' 'Build APIs that people rely on.' '' \
        '## Requirements' '- 3+ years of PostgreSQL' '- Kubernetes and Docker' '' \
        '<img src=x onerror=alert(1)> [click](javascript:alert(2))' >jd.md
    "$RUBRIC" opening add --title "Platform engineer" --role backend-developer-senior \
        --description jd.md --location Utrecht --remote hybrid --salary 60000-80000:EUR \
        >/dev/null
    "$RUBRIC" opening status 1 open 2>/dev/null
    "$RUBRIC" opening add --title "Hidden draft" >/dev/null
}

# A text resume of Ama's.
cv_txt() {
    printf '%s\n' 'Ama Testperson' 'ama@example.org' '' 'Skills: PostgreSQL, Kubernetes, Docker' \
        '' 'Experience' 'Backend engineer, Example Corp, 2018 - present' >cv.txt
}

# board: the opening's applications as the recruiter sees them (sets OUT).
board() {
    OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/openings/1/applications$1")
}

test_careers_page_lists_open_jobs_with_jobposting_data() {
    setup_openings
    start_server
    http GET /careers
    assert_eq "$RC" 200
    assert_out '<a href="/careers/1">Platform engineer</a>'
    assert_not_out 'Hidden draft'
    grep -qi "^content-security-policy: default-src 'none'; style-src 'self'" <<<"$HDR" ||
        fail "no CSP allowing only the page's own stylesheet"
    http GET /careers/1
    assert_eq "$RC" 200
    assert_out '<meta name="viewport" content="width=device-width, initial-scale=1">'
    assert_out '<link rel="stylesheet" href="/careers/style.css">'
    # the description as HTML, without the raw HTML or the script link it carried
    assert_out '<h2>Requirements</h2>'
    assert_not_out '<img src=x'
    assert_not_out 'javascript:'
    # no script but the JSON-LD data block, which parses as a JobPosting
    [ "$(grep -o '<script[^>]*>' <<<"$OUT")" = '<script type="application/ld+json">' ] ||
        fail "a script element other than the JobPosting data"
    sed -n 's:.*<script type="application/ld+json">\(.*\)</script>.*:\1:p' <<<"$OUT" >ld.json
    jq -e '."@type" == "JobPosting" and .title == "Platform engineer" and
        .baseSalary.value.minValue == 60000 and .baseSalary.currency == "EUR" and
        .jobLocation.address.addressLocality == "Utrecht"' ld.json >/dev/null ||
        fail "the JobPosting data is not the opening's: $(cat ld.json)"
    # every control has its label; consent states the retention period
    for f in name email phone resume consent; do
        grep -q "<label for=\"$f\">" <<<"$OUT" || fail "no label for $f"
        grep -q "id=\"$f\"" <<<"$OUT" || fail "no control $f"
    done
    assert_out 'We keep it until'
    http GET /careers/2
    assert_eq "$RC" 404
    http GET /careers/style.css
    assert_eq "$RC" 200
    assert_out '.error{'
}

test_an_application_lands_in_the_pipeline_parsed_and_screened() {
    setup_openings
    start_server
    REC=$(token_for recruiter)
    mkdir gen
    "$(dirname "$RUBRIC")/accuracy-gen" -n 1 -s 11 -o gen >/dev/null ||
        fail "cannot make a PDF resume (accuracy-gen)"
    pdf=$(ls gen/*.pdf | head -1)
    http POST /api/v1/openings/1/applications/public -F name="Ama Testperson" \
        -F email=ama@example.org -F consent=yes -F "resume=@$pdf"
    assert_eq "$RC" 201
    assert_json '.received == true and .opening == 1'
    # the screening runs in the background: at most 10 s
    for _ in $(seq 100); do
        board ""
        [ "$(jq '.items[0].score != null' <<<"$OUT")" = true ] && break
        sleep 0.1
    done
    assert_json '.total == 1 and .items[0].source == "careers" and .items[0].stage == "applied"'
    assert_json '.items[0].score != null and .items[0].screening != null'
    assert_json '(.counts[] | select(.stage == "applied") | .count) == 1'
    resume=$(jq '.items[0].resume' <<<"$OUT")
    OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/resumes/$resume")
    assert_json '.format == "pdf" and .parsed != null and .error == null'
    app=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/openings/1/applications" | jq '.items[0].id')
    OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/applications/$app")
    assert_json '.history[0].by == "careers page" and .email == "ama@example.org"'
}

test_a_second_application_from_the_same_email_is_merged() {
    setup_openings
    start_server
    REC=$(token_for recruiter)
    cv_txt
    for e in ama@example.org AMA@Example.org; do
        http POST /api/v1/openings/1/applications/public -F name="Ama Testperson" -F email=$e \
            -F consent=yes -F 'resume=@cv.txt;filename=cv-again.txt'
        assert_eq "$RC" 201
    done
    board ""
    assert_json '.total == 1'
    cand=$(jq '.items[0].candidate' <<<"$OUT")
    OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/candidates/$cand")
    assert_json '(.resumes | length) == 2'
}

test_honeypot_and_per_address_limit() {
    setup_openings
    start_server
    REC=$(token_for recruiter)
    cv_txt
    # a robot fills the hidden field: answered as if taken, nothing kept
    http POST /api/v1/openings/1/applications/public -F name=Robot -F email=robot@example.org \
        -F consent=yes -F website=http://spam.example -F 'resume=@cv.txt'
    assert_eq "$RC" 201
    board "?q=robot"
    assert_json '.total == 0'
    # four people more from the same address: each kept
    for n in 1 2 3 4; do
        http POST /api/v1/openings/1/applications/public -F name="Person $n" \
            -F email="person$n@example.org" -F consent=yes -F 'resume=@cv.txt'
        assert_eq "$RC" 201
    done
    http POST /api/v1/openings/1/applications/public -F name="Person 5" \
        -F email=person5@example.org -F consent=yes -F 'resume=@cv.txt'
    assert_eq "$RC" 429
    grep -qi '^retry-after:' <<<"$HDR" || fail "429 without Retry-After"
    # the first of the five leaves the hour's window first: that is when one more is taken
    after=$(grep -i '^retry-after:' <<<"$HDR" | tr -dc '0-9')
    ((after > 3540 && after <= 3600)) || fail "Retry-After $after, not the rest of the hour"
    board "?q=person"
    assert_json '.total == 4'
    # as a browser sees it: the form again, saying so, with what was typed kept
    http POST /api/v1/openings/1/applications/public -H 'Accept: text/html' -F name="Person 5" \
        -F email=person5@example.org -F consent=yes -F 'resume=@cv.txt'
    assert_eq "$RC" 429
    assert_out 'Please send it again later'
    assert_out 'value="Person 5"'
}

test_form_errors_are_shown_next_to_their_fields() {
    setup_openings
    start_server
    cv_txt
    http POST /api/v1/openings/1/applications/public -H 'Accept: text/html,*/*' \
        -F name="Ama Testperson" -F email=not-an-address -F 'resume=@cv.txt'
    assert_eq "$RC" 400
    grep -qi '^content-type: text/html' <<<"$HDR" || fail "a browser did not get HTML back"
    assert_out 'aria-describedby="email-note" aria-invalid="true"'
    assert_out '<p class="error" id="email-note">Give an email address'
    assert_out '<p class="error" id="consent-note">'
    assert_out 'value="Ama Testperson"'
    assert_not_out 'id="name-note"'
    # the same as JSON for a program, naming the first field at fault
    http POST /api/v1/openings/1/applications/public -F name="Ama Testperson" \
        -F email=not-an-address -F 'resume=@cv.txt'
    assert_eq "$RC" 400
    assert_json '.field == "email"'
    # success: back to the page, which confirms
    http POST /api/v1/openings/1/applications/public -H 'Accept: text/html' \
        -F name="Ama Testperson" -F email=ama@example.org -F consent=yes -F 'resume=@cv.txt'
    assert_eq "$RC" 303
    grep -qi '^location: /careers/1?applied=1#result' <<<"$HDR" || fail "303 not to the page"
    http GET '/careers/1?applied=1'
    assert_out 'your application is in'
    # a closed opening takes none
    "$RUBRIC" opening status 1 closed 2>/dev/null
    http POST /api/v1/openings/1/applications/public -F name=X -F email=x@example.org \
        -F consent=yes -F 'resume=@cv.txt'
    assert_eq "$RC" 404
}

test_the_openings_own_questions_are_asked_checked_and_kept() {
    setup_openings
    # defined on the command line, as a JSON list
    printf '%s' '[{"id":"notice","label":"Your notice period <b>?</b>","kind":"choice","required":true,
        "choices":["none","1 month","3 months"]},{"id":"why","label":"Why us?","kind":"text"},
        {"id":"portfolio","label":"A sample of your work","kind":"file","required":true}]' >q.json
    run "$RUBRIC" opening edit 1 --questions q.json
    assert_rc 0
    printf '%s' '[{"id":"Bad Id","label":"x","kind":"text"}]' >bad.json
    run "$RUBRIC" opening edit 1 --questions bad.json
    assert_rc 1
    assert_err 'questions[0].id'
    start_server
    REC=$(token_for recruiter)
    cv_txt
    printf 'A design doc I wrote.\n' >sample.txt
    # on the form: each question with its label (as text), a choice as radio buttons
    http GET /careers/1
    assert_out 'Your notice period &lt;b&gt;?&lt;/b&gt;</legend>'
    assert_out '<input type="radio" id="q-notice-1" name="q-notice" value="1 month">'
    assert_out '<label for="q-why">Why us? (optional)</label>'
    assert_out '<input type="file" id="q-portfolio" name="q-portfolio" required>'
    # a required answer missing, then a choice that was not offered: 400 naming the field
    http POST /api/v1/openings/1/applications/public -F name="Ama Testperson" \
        -F email=ama@example.org -F consent=yes -F 'resume=@cv.txt' -F 'q-portfolio=@sample.txt'
    assert_eq "$RC" 400
    assert_json '.field == "q-notice"'
    http POST /api/v1/openings/1/applications/public -F name="Ama Testperson" \
        -F email=ama@example.org -F consent=yes -F 'resume=@cv.txt' -F 'q-portfolio=@sample.txt' \
        -F 'q-notice=6 months'
    assert_eq "$RC" 400
    assert_json '.field == "q-notice" and (.detail | test("Choose one of the answers"))'
    # as a browser sees it: the form again, the error next to the question, what was typed kept
    http POST /api/v1/openings/1/applications/public -H 'Accept: text/html' -F name="Ama Testperson" \
        -F email=ama@example.org -F consent=yes -F 'resume=@cv.txt' -F 'q-notice=1 month' \
        -F 'q-why=Your <b>API</b> design'
    assert_eq "$RC" 400
    assert_out '<p class="error" id="q-portfolio-note">Attach a file to answer this.</p>'
    assert_out 'value="1 month" checked'
    assert_out 'Your &lt;b&gt;API&lt;/b&gt; design</textarea>'
    board ""
    assert_json '.total == 0'
    # answered: kept with the application, the file as a resume of the candidate
    http POST /api/v1/openings/1/applications/public -F name="Ama Testperson" \
        -F email=ama@example.org -F consent=yes -F 'resume=@cv.txt' -F 'q-notice=1 month' \
        -F 'q-why=Your API design' -F 'q-portfolio=@sample.txt'
    assert_eq "$RC" 201
    board ""
    app=$(jq '.items[0].id' <<<"$OUT")
    OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/applications/$app")
    assert_json '.answers.notice == "1 month" and .answers.why == "Your API design" and .answers.portfolio.filename == "sample.txt"'
    cand=$(jq '.candidate' <<<"$OUT")
    file=$(jq '.answers.portfolio.file' <<<"$OUT")
    OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/resumes/$file")
    assert_json ".candidate == $cand"
    # an erasure takes the answers with it
    run "$RUBRIC" candidate erase "$cand" --yes
    assert_rc 0
    OUT=$(curl -sS -H "Authorization: Bearer $REC" "$BASE/api/v1/applications/$app")
    assert_json '.answers == {}'
    OUT=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $REC" "$BASE/api/v1/resumes/$file")
    assert_eq "$OUT" 404
}
