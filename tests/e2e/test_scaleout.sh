# SPDX-License-Identifier: MIT
# Two `rubric serve` on one PostgreSQL database (issue 15, "stateless servers"): whatever one
# server knows, the other knows through the store. A session made on one works on the other
# and ends on both; a screening runs once however many workers poll; a bank change made on
# one is served by the other at once (the answer cache is keyed by the store's bank
# generation); failed sign-ins and careers applications count on both servers together;
# a server killed mid-screening leaves the job to the other once its lease
# (job_lease_seconds) runs out, and one stopped with SIGTERM hands it over at once.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# Both servers, on the lane's store, with a short lease so that a dead server's job is taken
# over in seconds; each its own uploads folder, as on two machines.
two_servers() {
    on_pg || skip "two servers share one store only on PostgreSQL"
    mkdir -p up1 up2
    RUBRIC_UPLOADS=$PWD/up1 RUBRIC_JOB_LEASE_SECONDS=${LEASE:-120} \
        start_server_n 1 --db "$RUBRIC_DB" "$@"
    RUBRIC_UPLOADS=$PWD/up2 RUBRIC_JOB_LEASE_SECONDS=${LEASE:-120} \
        start_server_n 2 --db "$RUBRIC_DB" "$@"
}

# A recruiter's token (the user is made once, through the store).
recruiter_token() {
    printf 'a-long-enough-password\n' | "$RUBRIC" --db "$RUBRIC_DB" user add \
        rita@example.org --role recruiter --password-stdin >/dev/null 2>&1 || true
    "$RUBRIC" --db "$RUBRIC_DB" token create rita@example.org 2>/dev/null
}

test_a_session_made_on_one_server_works_on_the_other_and_ends_on_both() {
    local csrf
    two_servers
    use_server 1
    csrf=$(login "$ADMIN" "$ADMIN_PW" jar)
    [ -n "$csrf" ] && [ "$csrf" != null ] || fail "no sign-in on server 1"
    seen_everywhere -b jar # each server's connections now keep the session
    use_server 2
    http GET /api/v1/session -b jar
    assert_eq "$RC" 200 "the session of server 1 read on server 2"
    assert_eq "$(jq -r .csrf_token <<<"$OUT")" "$csrf" "the same CSRF token"
    # a change on server 2 with the cookie and the token server 1 gave
    http POST /api/v1/tokens -b jar -H "X-CSRF-Token: $csrf" \
        -H 'Content-Type: application/json' -d '{"name":"made on two"}'
    assert_eq "$RC" 201 "a change on server 2 with server 1's session"
    # and without the token, refused there too
    http POST /api/v1/tokens -b jar -H 'Content-Type: application/json' -d '{"name":"x"}'
    assert_eq "$RC" 403 "a change on server 2 without the CSRF token"
    # signed out on server 2: ended on server 1 as well
    http DELETE /api/v1/session -b jar -H "X-CSRF-Token: $csrf"
    [ "$RC" = 204 ] || [ "$RC" = 200 ] || fail "sign-out on server 2: $RC"
    use_server 1
    http GET /api/v1/session -b jar
    assert_eq "$RC" 401 "the session after signing out on the other server"
    use_server 2
    http GET /api/v1/session -b jar
    assert_eq "$RC" 401 "the session after signing out, on the server that did it"
}

# seen_everywhere CURL-ARGS...: GET /api/v1/session with them, 4 times on each server (every
# request thread of each then has the caller in its connection's cache), each a 200.
seen_everywhere() {
    local n
    for n in 1 2; do
        use_server "$n"
        for _ in 1 2 3 4; do
            [ "$(status GET /api/v1/session "$@")" = 200 ] || fail "the caller refused on server $n"
        done
    done
}

# Each server keeps who a token is with its connections (src/store/pg.c): a revocation or a
# disabled account, made on the other server or by the CLI, must be refused at once all the
# same, on every request thread.
test_a_token_revoked_or_disabled_elsewhere_is_refused_at_once_on_both() {
    local csrf id other
    RUBRIC_THREADS=4 two_servers
    TOKEN=$(recruiter_token)
    other=$("$RUBRIC" --db "$RUBRIC_DB" token create rita@example.org --name second 2>/dev/null)
    seen_everywhere -H "Authorization: Bearer $TOKEN"
    seen_everywhere -H "Authorization: Bearer $other"
    # revoked through server 2's API: refused on both, on each of their threads
    use_server 2
    csrf=$(login "$ADMIN" "$ADMIN_PW" jar)
    id=$("$RUBRIC" --db "$RUBRIC_DB" token list rita@example.org | jq -r '.[] | select(.name != "second") | .id')
    http DELETE "/api/v1/tokens/$id" -b jar -H "X-CSRF-Token: $csrf"
    [ "$RC" = 204 ] || [ "$RC" = 200 ] || fail "revoke on server 2: $RC $OUT"
    for n in 1 2 1 2 1 2 1 2; do
        use_server "$n"
        assert_eq "$(status GET /api/v1/session -H "Authorization: Bearer $TOKEN")" 401 \
            "the revoked token on server $n"
    done
    seen_everywhere -H "Authorization: Bearer $other"
    # the account disabled by the CLI, another process: its other token goes too
    run "$RUBRIC" --db "$RUBRIC_DB" user disable rita@example.org
    assert_rc 0
    for n in 1 2 1 2 1 2 1 2; do
        use_server "$n"
        assert_eq "$(status GET /api/v1/session -H "Authorization: Bearer $other")" 401 \
            "the disabled account's token on server $n"
    done
}

# upload_resumes N: N invented resumes uploaded through server 1 (60 to a request); their
# ids, as a JSON array, in ids.json.
upload_resumes() {
    local n=$1 i form=()
    mkdir -p cvs
    for i in $(seq 1 "$n"); do
        printf 'Test Person %d\nBackend Engineer\ntest.person%d@example.org\n\nEXPERIENCE\n\n%s\nJan %d - Present\n- Built services in Go and PostgreSQL\n\nSKILLS\nGo, Java, PostgreSQL, Redis, Kafka%s\n' \
            "$i" "$i" "Backend Engineer, Example Co $i" $((2010 + i % 14)) \
            "$([ $((i % 3)) = 0 ] && echo ', Kubernetes')" >"cvs/cv$(printf %04d "$i").txt"
    done
    echo '[]' >ids.json
    use_server 1
    for i in $(seq 0 60 $((n - 1))); do
        form=()
        while IFS= read -r f; do form+=(-F "file=@$f"); done < <(ls cvs/* | sort | sed -n "$((i + 1)),$((i + 60))p")
        http POST /api/v1/resumes -H "Authorization: Bearer $TOKEN" "${form[@]}"
        assert_eq "$RC" 201 "upload of resumes $i.. ($OUT)"
        jq -c --argjson more "$(jq -c '[.items[].id]' <<<"$OUT")" '. + $more' ids.json >ids.tmp
        mv ids.tmp ids.json
    done
    [ "$(jq length ids.json)" = "$n" ] || fail "not $n resumes kept: $(jq length ids.json)"
}

# start_screening: a screening of ids.json against a posting, through server 1; its id in SID.
start_screening() {
    use_server 1
    http POST /api/v1/screenings -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' --data "$(jq -nc \
        --rawfile job "$DATA/jobs/corpus/01-java-backend.md" --slurpfile ids ids.json \
        '{job: $job, resumes: $ids[0]}')"
    assert_eq "$RC" 202 "a screening started ($OUT)"
    SID=$(jq .id <<<"$OUT")
}

# wait_done SECONDS: until screening SID is done (asked of the server in BASE).
wait_done() {
    local i
    for i in $(seq 1 $(($1 * 10))); do
        http GET "/api/v1/screenings/$SID" -H "Authorization: Bearer $TOKEN"
        [ "$(jq -r .state <<<"$OUT")" = done ] && return 0
        sleep 0.1
    done
    fail "screening $SID is not done after $1 s: $OUT"
}

# check_once N: screening SID has N results, each resume once, every one scored; and its end
# was noted once (one "finished" email queued for whoever started it).
check_once() {
    local n=$1
    http GET "/api/v1/screenings/$SID" -H "Authorization: Bearer $TOKEN"
    assert_json ".total == $n and .done == $n and .failed == 0"
    http GET "/api/v1/screenings/$SID/results?limit=500" -H "Authorization: Bearer $TOKEN"
    assert_json ".total == $n"
    jq '[.items[].resume]' <<<"$OUT" >seen.json
    http GET "/api/v1/screenings/$SID/results?limit=500&offset=500" \
        -H "Authorization: Bearer $TOKEN"
    jq -s '.[0] + [.[1].items[].resume]' seen.json <(echo "$OUT") >seen2.json
    [ "$(jq 'length' seen2.json)" = "$n" ] || fail "not $n results: $(jq length seen2.json)"
    [ "$(jq 'unique | length' seen2.json)" = "$n" ] || fail "a resume has two results"
    [ "$(jq -s '.[0] - .[1] | length' ids.json seen2.json)" = 0 ] || fail "a resume has none"
    run "$RUBRIC" --db "$RUBRIC_DB" mail list --json
    assert_rc 0
    [ "$(jq -s --arg s "Screening $SID finished" '[.. | objects | select(.subject? == $s)]
        | length' <<<"$OUT")" = 1 ] || fail "not one note of the screening's end: $OUT"
}

test_a_screening_started_on_one_server_runs_exactly_once() {
    two_servers
    TOKEN=$(recruiter_token) || fail "token create"
    upload_resumes 150
    # both servers' workers poll the queue
    start_screening
    wait_done 120
    check_once 150
    # one server ran it: its log says so, the other's does not
    [ "$(cat server.1.log server.2.log | grep -c "screening $SID: running on this server")" = 1 ] ||
        fail "not exactly one server ran screening $SID: $(grep -h "screening $SID" server.*.log)"
}

test_a_bank_change_on_one_server_is_served_by_the_other_within_a_second() {
    local csrf q t0
    two_servers
    use_server 2
    csrf2=$(login "$ADMIN" "$ADMIN_PW" jar2)
    use_server 1
    csrf=$(login "$ADMIN" "$ADMIN_PW" jar)
    # server 2 answers (and keeps) the question and the list as they are
    use_server 2
    http GET /api/v1/questions/db-index-basics -b jar2
    assert_eq "$RC" 200
    q=$OUT
    http GET '/api/v1/questions?q=zeppelinfleet' -b jar2
    assert_json '.total == 0'
    # an edit and a new question through server 1
    use_server 1
    http PUT /api/v1/questions/db-index-basics -b jar -H "X-CSRF-Token: $csrf" \
        -H 'Content-Type: application/json' \
        --data "$(jq -c '.minutes = (.minutes + 7) | .topic = "edited on one"' <<<"$q")"
    assert_eq "$RC" 200 "the edit on server 1 ($OUT)"
    http POST /api/v1/questions -b jar -H "X-CSRF-Token: $csrf" \
        -H 'Content-Type: application/json' --data "$(jq -c '.id = "scaleout-retry-safety" |
        .title = "Retry safety across servers" |
        .text = "Which requests can a client of a zeppelinfleet service retry when a server dies?" |
        .topic = "retries" | del(.source)' <<<"$q")"
    assert_eq "$RC" 201 "the new question on server 1 ($OUT)"
    t0=$(date +%s%N)
    use_server 2
    http GET /api/v1/questions/db-index-basics -b jar2
    assert_eq "$(jq -r .topic <<<"$OUT")" "edited on one" "the edit served by server 2"
    assert_eq "$(jq .minutes <<<"$OUT")" "$(jq '.minutes + 7' <<<"$q")"
    http GET /api/v1/questions/scaleout-retry-safety -b jar2
    assert_eq "$RC" 200 "the new question served by server 2"
    http GET '/api/v1/questions?q=zeppelinfleet' -b jar2
    assert_json '[.items[].id] | index("scaleout-retry-safety") != null'
    [ $((($(date +%s%N) - t0) / 1000000)) -lt 1000 ] ||
        fail "server 2 took a second or more to serve the change"
    # a retirement too
    use_server 1
    http DELETE /api/v1/questions/scaleout-retry-safety -b jar -H "X-CSRF-Token: $csrf"
    [ "$RC" = 204 ] || [ "$RC" = 200 ] || fail "retire on server 1: $RC $OUT"
    use_server 2
    http GET '/api/v1/questions?q=zeppelinfleet' -b jar2
    assert_json '[.items[].id] | index("scaleout-retry-safety") == null'
}

# attempt PASSWORD: the HTTP status of a sign-in as the admin to the server in BASE
attempt() {
    curl -sS -m 60 -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN\",\"password\":\"$1\"}" "$BASE/api/v1/session"
}

test_failed_sign_ins_on_both_servers_count_together() {
    local s
    two_servers
    # five per account and address (docs/SECURITY.md): three on one server, two on the other
    use_server 1
    for i in 1 2 3; do
        s=$(attempt "wrong-password-$i")
        assert_eq "$s" 401 "attempt $i on server 1"
    done
    use_server 2
    for i in 4 5; do
        s=$(attempt "wrong-password-$i")
        assert_eq "$s" 401 "attempt $i on server 2"
    done
    # the sixth is refused on either server, even with the right password
    assert_eq "$(attempt "$ADMIN_PW")" 429 "the sixth attempt, on server 2"
    use_server 1
    assert_eq "$(attempt "$ADMIN_PW")" 429 "the sixth attempt, on server 1"
}

test_careers_applications_count_on_both_servers_together() {
    local n pids=()
    two_servers
    "$RUBRIC" opening add --title "Platform engineer" --role backend-developer-mid >/dev/null ||
        fail "opening add"
    "$RUBRIC" opening status 1 open 2>/dev/null || fail "opening status"
    printf '%s\n' 'Ama Testperson' '' 'Skills: PostgreSQL, Kubernetes' >cv.txt
    # five an hour from one address (docs/SECURITY.md): twelve sent at once, alternately
    # to the two servers, and exactly five taken
    for n in $(seq 1 12); do
        use_server $((n % 2 + 1))
        curl -sS -m 60 -o /dev/null -w '%{http_code}\n' -F name="Person $n" \
            -F email="person$n@example.org" -F consent=yes -F 'resume=@cv.txt' \
            "$BASE/api/v1/openings/1/applications/public" >"status.$n" &
        pids+=($!)
    done
    # curl gives up after 60 s, so this wait is bounded
    wait "${pids[@]}"
    RC=0 OUT=$(cat status.* | sort | uniq -c) ERR=""
    [ "$(cat status.* | grep -cx 201)" = 5 ] || fail "not exactly 5 applications taken"
    [ "$(cat status.* | grep -cx 429)" = 7 ] || fail "not 7 refused"
    # and the next one is refused by both
    for n in 1 2; do
        use_server $n
        http POST /api/v1/openings/1/applications/public -F name="Person 13" \
            -F email=person13@example.org -F consent=yes -F 'resume=@cv.txt'
        assert_eq "$RC" 429 "the next application, on server $n"
    done
    # the five are in the opening, once each
    run "$RUBRIC" application list --opening 1 --json
    assert_rc 0
    assert_json '[.. | objects | select(has("email")) | .email] | unique | length == 5'
}

# server_of SID: the number (1 or 2) of the server that says it runs screening SID
server_of() {
    local n
    for n in 1 2; do
        grep -q "screening $1: running on this server" "server.$n.log" && echo "$n" && return
    done
}

test_killing_the_server_mid_screening_leaves_the_job_to_the_other() {
    local i who other done_before
    LEASE=3 two_servers
    TOKEN=$(recruiter_token) || fail "token create"
    upload_resumes 600
    start_screening
    # the server that claimed it, caught after its first batch and before its last
    for i in $(seq 1 600); do
        http GET "/api/v1/screenings/$SID" -H "Authorization: Bearer $TOKEN"
        done_before=$(jq .done <<<"$OUT")
        [ "$done_before" -gt 0 ] && break
        sleep 0.05
    done
    who=$(server_of "$SID")
    [ -n "$who" ] || fail "no server says it runs screening $SID"
    other=$((3 - who))
    eval "kill -KILL \$PID_$who"
    [ "$done_before" -gt 0 ] && [ "$done_before" -lt 600 ] ||
        fail "not caught mid-job: $done_before of 600 done"
    # the other server takes it over once the lease (3 s) has run out, and finishes it (well
    # before the default lease of 120 s would let it)
    use_server "$other"
    wait_done 60
    grep -q "screening $SID: running on this server" "server.$other.log" ||
        fail "server $other did not take screening $SID over"
    check_once 600
}

test_a_server_stopped_mid_screening_hands_the_job_over_at_once() {
    local i who other done_before
    # the default lease (120 s): the job must not wait for it
    two_servers
    TOKEN=$(recruiter_token) || fail "token create"
    upload_resumes 600
    start_screening
    for i in $(seq 1 600); do
        http GET "/api/v1/screenings/$SID" -H "Authorization: Bearer $TOKEN"
        done_before=$(jq .done <<<"$OUT")
        [ "$done_before" -gt 0 ] && break
        sleep 0.05
    done
    who=$(server_of "$SID")
    [ -n "$who" ] || fail "no server says it runs screening $SID"
    other=$((3 - who))
    use_server "$who"
    stop_server || fail "server $who did not stop cleanly on SIGTERM"
    [ "$done_before" -lt 600 ] || fail "not caught mid-job: $done_before of 600 done"
    use_server "$other"
    wait_done 60
    grep -q "screening $SID: running on this server" "server.$other.log" ||
        fail "server $other did not take screening $SID over"
    check_once 600
}

# A connection PostgreSQL drops (a restart, a failover, an idle timeout) is made again on
# the next request: a write whose BEGIN goes with its first statement is sent again whole
# on the new connection, once, and a read likewise.
test_connections_postgresql_dropped_are_made_again() {
    on_pg || skip "a connection of PostgreSQL's to drop"
    start_server --db "$RUBRIC_DB"
    TOKEN=$(recruiter_token)
    J=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
    http POST /api/v1/candidates "${J[@]}" -d '{"name":"Ines Okoro"}'
    assert_rc 201
    for round in 1 2; do
        db_sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
        http POST /api/v1/candidates "${J[@]}" -d "{\"name\":\"Round Person $round\"}"
        assert_eq "$RC" 201 "a write on a dropped connection, round $round ($OUT)"
        http GET /api/v1/candidates "${J[@]}"
        assert_eq "$RC" 200 "a read after it"
    done
    assert_eq "$(db_sql 'SELECT count(*) FROM candidate')" 3 "each candidate written once"
}
