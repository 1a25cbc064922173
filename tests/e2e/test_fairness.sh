# SPDX-License-Identifier: MIT
# End-to-end tests of fairness (docs/FAIRNESS.md): a pipeline of invented candidates built
# through the API, each with voluntary self-identification and a known path through the
# opening's stages; the adverse-impact report checked figure by figure against values
# worked out here with awk from the same list (never read back from Rubric); the minimum
# group size hiding small groups; every page, export and report a recruiter can reach
# searched for the self-identification answers; the notice; rejections that need a reason.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"
export RUBRIC_THREADS=2
# invented categories whose answers cannot occur by chance in anything else served
export RUBRIC_SELF_ID_CATEGORIES="gender=gq_woman,gq_man,gq_other;ethnicity=eq_alpha,eq_beta,eq_gamma,eq_delta"
ANSWERS_RE='gq_woman|gq_man|gq_other|eq_alpha|eq_beta|eq_gamma|eq_delta|prefer_not_to_say'

# The pipeline: gender, ethnicity ("-": no answer) and how far each went: A applied only,
# P phone (screened), O onsite (interviewing), F offer, H hired; R after it: then rejected.
PEOPLE='gq_woman eq_alpha P
gq_woman eq_alpha A R
gq_woman eq_alpha O R
gq_woman eq_beta A R
gq_woman eq_beta P R
gq_woman eq_beta A
gq_woman eq_gamma H
gq_woman eq_gamma A R
gq_woman eq_gamma A
gq_woman eq_delta O
gq_woman prefer_not_to_say A R
gq_woman - P
gq_man eq_alpha F
gq_man eq_alpha O
gq_man eq_alpha P R
gq_man eq_alpha A R
gq_man eq_beta H
gq_man eq_beta O R
gq_man eq_beta P
gq_man eq_beta A
gq_man eq_gamma O
gq_man eq_gamma P
gq_man eq_gamma A R
gq_man eq_delta P R
gq_man - O
gq_man prefer_not_to_say P
gq_other eq_alpha P
gq_other eq_gamma A R
prefer_not_to_say eq_beta O
prefer_not_to_say eq_gamma P R
prefer_not_to_say eq_alpha A
- eq_beta P
- - A'

# The stage names a path goes through after 'applied', in order.
path_stages() {
    case $1 in
    A) ;;
    P) echo phone ;;
    O) echo phone onsite ;;
    F) echo phone onsite offer ;;
    H) echo phone onsite offer hired ;;
    esac
}

# expected STAGE: the report's figures worked out from $PEOPLE, one line per group:
# "CATEGORY|GROUP|ENTERED|PASSED|RATE|RATIO|FLAG|P" (6 decimals; "-" for none), then
# "CATEGORY|suppressed|GROUPS|ENTERED" and "CATEGORY|not_reported|ENTERED|PASSED"; sorted.
# Levels: A 0, P 1, O 2, F 3, H 4; screened needs 1 (everyone entered), interviewing 2 (of
# those at 1 or more). $2: the minimum group size (default 5).
expected() {
    local need=$1 min=${2:-5}
    # counts per category and group
    awk -v need="$need" '
        function lvl(p) { return p == "A" ? 0 : p == "P" ? 1 : p == "O" ? 2 : p == "F" ? 3 : 4 }
        function known(a) { return a != "-" && a != "prefer_not_to_say" }
        function add(cat, g, pass) {
            if (g == "") { ue[cat]++; up[cat] += pass; cats[cat] = 1; return }
            e[cat "|" g]++; p[cat "|" g] += pass; cats[cat] = 1
        }
        {
            l = lvl($3)
            if (l < need - 1) next
            pass = l >= need ? 1 : 0
            add("gender", known($1) ? $1 : "", pass)
            add("ethnicity", known($2) ? $2 : "", pass)
            add("gender x ethnicity", known($1) && known($2) ? $1 " x " $2 : "", pass)
        }
        END {
            for (k in e) print k "|" e[k] "|" p[k]
            for (c in cats) print c "|~unknown|" ue[c] + 0 "|" up[c] + 0
        }' <<<"$PEOPLE" | LC_ALL=C sort -t'|' -k1,1 -k2,2 |
        awk -F'|' -v min="$min" '
        function lf(n,   k, s) { s = 0; for (k = 2; k <= n; k++) s += log(k); return s }
        # Fisher two-sided for [[a,b],[c,d]], tolerance 1e-7 on the log scale
        function fisher(a, b, c, d,   r1, r2, c1, c2, n, base, obs, x, lo, hi, lp, s) {
            r1 = a + b; r2 = c + d; c1 = a + c; c2 = b + d; n = r1 + r2
            base = lf(r1) + lf(r2) + lf(c1) + lf(c2) - lf(n)
            obs = base - lf(a) - lf(r1 - a) - lf(c1 - a) - lf(r2 - c1 + a)
            lo = c1 - r2 > 0 ? c1 - r2 : 0; hi = r1 < c1 ? r1 : c1; s = 0
            for (x = lo; x <= hi; x++) {
                lp = base - lf(x) - lf(r1 - x) - lf(c1 - x) - lf(r2 - c1 + x)
                if (lp <= obs + 1e-7) s += exp(lp)
            }
            return s > 1 ? 1 : s
        }
        function flush(   i, ref, ratio, flag, pv) {
            if (cat == "") return
            ref = 0
            for (i = 1; i <= n; i++)
                if (ge[i] >= min && (!ref || gp[i] * ge[ref] > gp[ref] * ge[i])) ref = i
            sg = 0; se = 0
            for (i = 1; i <= n; i++) {
                if (ge[i] < min) { sg++; se += ge[i]; continue }
                ratio = gp[ref] > 0 ? sprintf("%.6f", (gp[i] * ge[ref]) / (ge[i] * gp[ref])) : "-"
                flag = gp[ref] > 0 && 5 * gp[i] * ge[ref] < 4 * ge[i] * gp[ref] ? "true" : "false"
                pv = i == ref ? "-" : sprintf("%.6f", fisher(gp[i], ge[i] - gp[i], gp[ref], ge[ref] - gp[ref]))
                printf "%s|%s|%d|%d|%.6f|%s|%s|%s\n", cat, gn[i], ge[i], gp[i], gp[i] / ge[i], ratio, flag, pv
            }
            printf "%s|suppressed|%d|%d\n", cat, sg, se
            printf "%s|not_reported|%d|%d\n", cat, ue, up
            n = 0
        }
        $1 != cat { flush(); cat = $1 }
        $2 == "~unknown" { ue = $3; up = $4; next }
        { n++; gn[n] = $2; ge[n] = $3; gp[n] = $4 }
        END { flush() }' | LC_ALL=C sort
}

# reported: the same lines read from a report's JSON in $1.
reported() {
    jq -r '(.categories + .intersections)[] | . as $c |
        ($c.groups[] | [$c.category, .group, .entered, .passed, .rate,
            (.impact_ratio // "-"), .four_fifths, (.p_value // "-")] | join("\t")),
        ([$c.category, "suppressed", $c.suppressed.groups, $c.suppressed.entered] | join("\t")),
        ([$c.category, "not_reported", $c.not_reported.entered, $c.not_reported.passed] | join("\t"))' "$1" |
        awk -F'\t' '
        function f(v) { return v == "-" ? "-" : sprintf("%.6f", v) }
        NF == 4 { print $1 "|" $2 "|" $3 "|" $4; next }
        { printf "%s|%s|%d|%d|%s|%s|%s|%s\n", $1, $2, $3, $4, f($5), f($6), $7, f($8) }' |
        LC_ALL=C sort
}

# Builds the opening and every candidate of $PEOPLE through the API: sets OPENING, and
# CANDIDATES and APPS (ids, in order). $1: the admin's token.
build_pipeline() {
    local t=$1 line g e p app cand body s
    http POST /api/v1/openings -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
        -d '{"title":"Fairness test opening","stages":[{"name":"applied","kind":"applied"},
            {"name":"phone","kind":"screened"},{"name":"onsite","kind":"interviewing"},
            {"name":"offer","kind":"offer"},{"name":"hired","kind":"hired"},
            {"name":"rejected","kind":"rejected"},{"name":"withdrawn","kind":"withdrawn"}],
            "team":{"recruiters":["recruiter@example.org"]}}'
    [ "$RC" = 201 ] || fail "opening: $RC $OUT"
    OPENING=$(jq -r .id <<<"$OUT")
    CANDIDATES=() APPS=()
    local i=0
    while read -r g e p; do
        i=$((i + 1))
        http POST "/api/v1/openings/$OPENING/applications" -H "Authorization: Bearer $t" \
            -H 'Content-Type: application/json' \
            -d "{\"name\":\"Invented Person $i\",\"email\":\"person$i@example.org\"}"
        [ "$RC" = 201 ] || fail "application $i: $RC $OUT"
        app=$(jq -r .id <<<"$OUT")
        cand=$(jq -r .candidate <<<"$OUT")
        APPS+=("$app")
        CANDIDATES+=("$cand")
        body=$(jq -nc --arg g "$g" --arg e "$e" \
            '{answers: ({gender: $g, ethnicity: $e} | with_entries(select(.value != "-"))),
              consent: "asked by phone, agreed"}')
        http PUT "/api/v1/candidates/$cand/self-id" -H "Authorization: Bearer $t" \
            -H 'Content-Type: application/json' -d "$body"
        [ "$RC" = 204 ] || fail "self-id $i: $RC $OUT"
        for s in $(path_stages "${p%% *}"); do
            http POST "/api/v1/applications/$app/stage" -H "Authorization: Bearer $t" \
                -H 'Content-Type: application/json' -d "{\"stage\":\"$s\"}"
            [ "$RC" = 200 ] || fail "move $app to $s: $RC $OUT"
        done
        if [ "${p#* }" = R ]; then
            http POST "/api/v1/applications/$app/stage" -H "Authorization: Bearer $t" \
                -H 'Content-Type: application/json' \
                -d '{"stage":"rejected","reason":"another candidate fitted better"}'
            [ "$RC" = 200 ] || fail "reject $app: $RC $OUT"
        fi
    done <<<"$PEOPLE"
}

test_the_report_matches_figures_worked_out_independently() {
    start_server
    local admin
    admin=$("$RUBRIC" token create admin@example.org 2>/dev/null)
    token_for recruiter >/dev/null
    build_pipeline "$admin"

    for stage in screened interviewing; do
        local need=1
        [ $stage = interviewing ] && need=2
        http GET "/api/v1/fairness/report?stage=$stage" -H "Authorization: Bearer $admin"
        [ "$RC" = 200 ] || fail "report at $stage: $RC $OUT"
        printf '%s' "$OUT" >"report-$stage.json"
        expected "$need" >"expected-$stage.txt"
        reported "report-$stage.json" >"reported-$stage.txt"
        diff -u "expected-$stage.txt" "reported-$stage.txt" >&2 ||
            fail "the report at $stage differs from the figures worked out here"
        [ "$(wc -l <"expected-$stage.txt")" -ge 10 ] || fail "too few figures checked"
        # the applications counted: those that entered the decision point
        OUT=$(cat "report-$stage.json")
        assert_json ".applications == $(awk -v need=$need '
            { l = $3 == "A" ? 0 : $3 == "P" ? 1 : $3 == "O" ? 2 : $3 == "F" ? 3 : 4 }
            l >= need - 1 { n++ } END { print n }' <<<"$PEOPLE")"
    done
    # the command line gives the same figures (as the operator), and its CSV too
    run "$RUBRIC" fairness report --stage screened --format json
    assert_rc 0
    printf '%s' "$OUT" >cli.json
    reported cli.json >cli.txt
    diff -u expected-screened.txt cli.txt >&2 || fail "the CLI's report differs"
    run "$RUBRIC" fairness report --stage screened --format csv
    assert_rc 0
    assert_out "category,group,entered,passed,rate,impact_ratio,four_fifths,p_value"
    assert_out "gender,gq_woman,12,"
    run "$RUBRIC" fairness report --stage screened --format html --output report.html
    assert_rc 0
    grep -q '<svg role="img"' report.html || fail "the CLI's HTML has no chart"
    run "$RUBRIC" fairness report
    assert_rc 2
    assert_err "--stage is required"
    run "$RUBRIC" fairness report --stage promoted
    assert_rc 1
    assert_err "stage: screening, screened, interviewing, offer or hired"
    run "$RUBRIC" fairness audit --job 999
    assert_rc 3
    # gq_other (2 people) and eq_delta (3) are under the minimum size: not one row of theirs
    ! grep -q 'gq_other\|eq_delta' <<<"$OUT" || fail "a group under the minimum size is shown"
    OUT=$(cat report-screened.json)
    assert_json '(.categories[0].suppressed.groups == 1) and (.categories[0].suppressed.entered == 2)
        and (.categories[0].suppressed | has("passed") | not)'
    # a smaller minimum shows them, and the intersections' groups: every figure checked again
    http GET "/api/v1/fairness/report?stage=screened&min_group=2" -H "Authorization: Bearer $admin"
    assert_json '[.categories[0].groups[].group] | index("gq_other") != null'
    printf '%s' "$OUT" >report-min2.json
    expected 1 2 >expected-min2.txt
    reported report-min2.json >reported-min2.txt
    diff -u expected-min2.txt reported-min2.txt >&2 || fail "the report with groups of 2 differs"
    grep -q '^gender x ethnicity|gq_man x eq_beta|4|' reported-min2.txt ||
        fail "no intersection shown with groups of 2"
    # HTML with its chart, and nothing loaded from elsewhere
    http GET "/api/v1/fairness/report?stage=screened&format=html" -H "Authorization: Bearer $admin"
    [ "$RC" = 200 ] || fail "html: $RC"
    grep -q '<svg role="img"' body.out || fail "no chart"
    ! grep -qiE '<script|src=|href="http' body.out || fail "the HTML loads something"
    # the report is admins' only; each run is in the audit log
    http GET "/api/v1/fairness/report?stage=screened" -H "Authorization: Bearer $(
        "$RUBRIC" token create recruiter@example.org 2>/dev/null)"
    [ "$RC" = 403 ] || fail "a recruiter read the report: $RC"
    run "$RUBRIC" audit --action view --json
    assert_json '[.[] | select(.what == "fairness report")] | length >= 4'
}

test_no_answer_reaches_anything_a_recruiter_sees() {
    start_server
    local admin rec id app out
    admin=$("$RUBRIC" token create admin@example.org 2>/dev/null)
    rec=$(token_for recruiter)
    build_pipeline "$admin"
    # the careers form asks too: an applicant who answers through it
    http POST "/api/v1/openings/$OPENING/status" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"status":"open"}'
    [ "$RC" = 200 ] || fail "open the opening: $RC $OUT"
    http GET "/careers/$OPENING"
    grep -q 'name="self_id.gender"' body.out || fail "the careers form does not ask"
    grep -q 'href="/careers/notice"' body.out || fail "the careers form does not link the notice"
    printf 'Invented Applicant\nBackend engineer\n' >cv.txt
    http POST "/api/v1/openings/$OPENING/applications/public" -F name="Invented Applicant" \
        -F email=applicant@example.org -F consent=yes -F "resume=@cv.txt" \
        -F self_id.gender=gq_other -F self_id.ethnicity=eq_delta
    [ "$RC" = 201 ] || fail "careers application: $RC $OUT"
    http POST "/api/v1/openings/$OPENING/applications/public" -F name="Invented Applicant" \
        -F email=other@example.org -F consent=yes -F "resume=@cv.txt" -F self_id.gender=robot
    [ "$RC" = 400 ] || fail "an answer not offered was taken: $RC"
    id=$(db_sql "SELECT id FROM candidate WHERE email = 'applicant@example.org'")
    assert_eq "$(db_sql "SELECT category || '=' || answer || '/' || given_by
        FROM self_id WHERE candidate = $id ORDER BY category" | paste -sd,)" \
        "ethnicity=eq_delta/careers,gender=gq_other/careers" "the careers answers"

    # everything a recruiter can reach, through the API and the command line
    mkdir seen
    # (the careers form lists the answers it offers: a list of choices, about nobody)
    local -a paths=(/api/v1/candidates "/api/v1/candidates?limit=500" /api/v1/dashboard
        "/api/v1/openings" "/api/v1/openings/$OPENING" "/api/v1/openings/$OPENING/applications?limit=500"
        /careers /careers/notice /api/v1/audit)
    for id in "${CANDIDATES[@]}" "$(db_sql "SELECT id FROM candidate WHERE email = 'applicant@example.org'")"; do
        paths+=("/api/v1/candidates/$id" "/api/v1/candidates/$id/export"
            "/api/v1/candidates/$id/applications" "/api/v1/candidates/$id/debrief"
            "/api/v1/candidates/$id/scorecards" "/api/v1/candidates/$id/self-id")
    done
    for app in "${APPS[@]}"; do
        paths+=("/api/v1/applications/$app" "/api/v1/applications/$app/history")
    done
    local n=0
    for p in "${paths[@]}"; do
        n=$((n + 1))
        http GET "$p" -H "Authorization: Bearer $rec"
        cp body.out "seen/$n"
        printf '%s %s\n' "$RC" "$p" >>seen/index
    done
    # the self-identification itself is refused to the recruiter who entered none of it
    grep -q "^403 /api/v1/candidates/${CANDIDATES[0]}/self-id$" seen/index ||
        fail "a recruiter read self-identification: $(grep self-id seen/index | head -3)"
    grep -q "^200 /api/v1/candidates/${CANDIDATES[0]}/export$" seen/index || fail "no export read"
    grep -q '"self_id_withheld": *true' "seen/$(grep -n "/api/v1/candidates/${CANDIDATES[0]}/export$" seen/index | cut -d: -f1)" ||
        fail "the recruiter's export does not say the answers are withheld"
    # the command line's views of candidates and applications
    "$RUBRIC" candidate list --json >seen/cli-candidates 2>&1
    "$RUBRIC" application list --opening "$OPENING" --json >seen/cli-applications 2>&1
    "$RUBRIC" candidate show "${CANDIDATES[0]}" --json >seen/cli-show 2>&1
    "$RUBRIC" application show "${APPS[0]}" --json >seen/cli-app 2>&1
    "$RUBRIC" audit --json >seen/cli-audit 2>&1
    [ "$(ls seen | wc -l)" -gt 60 ] || fail "too few pages read"
    out=$(grep -lE "$ANSWERS_RE" seen/* || true)
    [ -z "$out" ] || fail "self-identification answers in what a recruiter sees: $out $(grep -ohE ".{0,60}($ANSWERS_RE).{0,20}" $out | head -3)"
    # nor in the server's log
    ! grep -qE "$ANSWERS_RE" server.log || fail "self-identification answers in the log"

    # an admin's export carries them to the candidate, and an admin may read them (audited)
    http GET "/api/v1/candidates/${CANDIDATES[0]}/export" -H "Authorization: Bearer $admin"
    assert_json '.self_id == {"ethnicity": "eq_alpha", "gender": "gq_woman"}'
    http GET "/api/v1/candidates/${CANDIDATES[0]}/self-id" -H "Authorization: Bearer $admin"
    [ "$RC" = 200 ] || fail "admin read: $RC"
    assert_json '.answers.gender == "gq_woman" and .given_by == "recruiter"
        and .consent == "asked by phone, agreed"'
    run "$RUBRIC" audit --candidate "${CANDIDATES[0]}" --json
    assert_json '[.[] | select(.what == "self-identification") | .action] | sort == ["change", "view"]'
}

test_a_candidate_gives_and_reads_their_own_answers() {
    start_server
    local admin mine other
    admin=$("$RUBRIC" token create admin@example.org 2>/dev/null)
    http POST /api/v1/candidates -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"name":"Invented Self","email":"self@example.org"}'
    local id
    id=$(jq -r .id <<<"$OUT")
    printf 'a-long-enough-password\n' | "$RUBRIC" user add self@example.org --role candidate \
        --password-stdin >/dev/null
    mine=$("$RUBRIC" token create self@example.org 2>/dev/null)
    other=$(token_for candidate)
    http GET /api/v1/self-id/categories
    assert_json '.categories[0].name == "gender" and (.categories[0].answers | last) == "prefer_not_to_say"'
    http PUT "/api/v1/candidates/$id/self-id" -H "Authorization: Bearer $other" \
        -H 'Content-Type: application/json' -d '{"answers":{"gender":"gq_man"}}'
    [ "$RC" = 404 ] || fail "another candidate wrote: $RC"
    http PUT "/api/v1/candidates/$id/self-id" -H "Authorization: Bearer $mine" \
        -H 'Content-Type: application/json' -d '{"answers":{"gender":"robot"}}'
    [ "$RC" = 400 ] || fail "an answer not offered: $RC"
    assert_json '.detail | test("answers.gender")'
    http PUT "/api/v1/candidates/$id/self-id" -H "Authorization: Bearer $mine" \
        -H 'Content-Type: application/json' -d '{"answers":{"gender":"prefer_not_to_say"}}'
    [ "$RC" = 204 ] || fail "own answers: $RC $OUT"
    http GET "/api/v1/candidates/$id/self-id" -H "Authorization: Bearer $mine"
    [ "$RC" = 200 ] || fail "own read: $RC"
    assert_json '.answers == {"gender": "prefer_not_to_say"} and .given_by == "candidate"'
    http GET "/api/v1/candidates/$id/self-id" -H "Authorization: Bearer $other"
    [ "$RC" = 404 ] || fail "another candidate read: $RC"
    # a recruiter enters answers only with the candidate's consent recorded
    http PUT "/api/v1/candidates/$id/self-id" -H "Authorization: Bearer $(token_for recruiter)" \
        -H 'Content-Type: application/json' -d '{"answers":{"gender":"gq_man"}}'
    [ "$RC" = 400 ] || fail "no consent: $RC"
    assert_json '.field == "consent"'
}

test_a_rejection_needs_a_person_and_a_reason() {
    start_server
    local admin app
    admin=$("$RUBRIC" token create admin@example.org 2>/dev/null)
    token_for recruiter >/dev/null
    PEOPLE='gq_woman eq_alpha P'
    build_pipeline "$admin"
    app=${APPS[0]}
    http POST "/api/v1/applications/$app/stage" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"stage":"rejected"}'
    [ "$RC" = 400 ] || fail "rejected without a reason: $RC"
    assert_json '.field == "reason"'
    http POST "/api/v1/applications/$app/stage" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"stage":"rejected","reason":"   "}'
    [ "$RC" = 400 ] || fail "rejected with a blank reason: $RC"
    run "$RUBRIC" application move "$app" rejected
    assert_rc 1
    assert_err "a rejection needs a reason"
    run "$RUBRIC" candidate stage "${CANDIDATES[0]}" rejected
    assert_rc 1
    http POST "/api/v1/applications/$app/stage" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"stage":"rejected","reason":"the role was filled"}'
    [ "$RC" = 200 ] || fail "rejected with a reason: $RC"
    assert_json '(.history | last) as $h | $h.to == "rejected" and $h.by == "admin@example.org"
        and $h.reason == "the role was filled"'
    run "$RUBRIC" audit --candidate "${CANDIDATES[0]}" --action change --json
    assert_json 'any(.[]; .actor == "admin@example.org")'
}

test_the_notice_is_served_without_signing_in() {
    start_server
    http GET /careers/notice
    [ "$RC" = 200 ] || fail "notice: $RC"
    grep -q 'text/html' headers.out || fail "not HTML"
    grep -q '<h1>How your application is considered</h1>' body.out || fail "no heading"
    for w in "Required skills" "Recency" "A person decides" "prefer not to say" \
        "Asking for another process"; do
        grep -qi "$w" body.out || fail "the notice does not say '$w'"
    done
    run "$RUBRIC" fairness notice --contact "hiring@example.org"
    assert_rc 0
    assert_out "hiring@example.org"
    assert_out "A person decides"
}
