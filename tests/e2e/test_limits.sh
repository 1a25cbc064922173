# SPDX-License-Identifier: MIT
# The server under attack and on a bad day (issue 14): slow clients, anonymous floods of big
# bodies, ambiguous framing, a full worker pool, SIGTERM under load. Loopback only (a second
# client address, 127.0.0.2, stands for "someone else"), every loop bounded; timing targets
# are in bench/, these tests only say whether others are answered at all within a second.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"
SLOW="$ROOT/tests/e2e/slow_clients.js"
RC=0 OUT="" ERR=""

# The server's resident set in kB: now (VmRSS) or its peak so far (VmHWM).
rss_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$SERVER_PID/status"; }

# /healthz from another loopback address, one second at most: prints the status.
# /healthz from another address; $1: how long to wait for it (1 s unless given)
health_from_elsewhere() {
    curl -s -o /dev/null -w '%{http_code}' --max-time "${1:-1}" --interface 127.0.0.2 \
        "$BASE/healthz" || true
}

test_slow_heads_are_cut_and_others_are_answered() {
    export RUBRIC_HEAD_TIMEOUT=2
    start_server
    # 1,000 connections sending a header line a second from one address, for 8 s
    node "$SLOW" "$PORT" 1000 1000 8000 >slow.json &
    local slow=$! i code
    sleep 2
    for i in 1 2 3 4; do
        code=$(health_from_elsewhere)
        [ "$code" = 200 ] || fail "/healthz from 127.0.0.2 answered '$code' under 1,000 slow clients"
        sleep 1
    done
    wait "$slow"
    OUT=$(cat slow.json)
    # past the per-address cap (64) they are refused; the rest are cut at the head deadline
    assert_json '.open_at_end == 0'
    assert_json '.closed_by_server + .failed == 1000'
    assert_json '.last_close_ms < 6000'
    code=$(health_from_elsewhere)
    assert_eq "$code" 200 "after the slow clients"
    stop_server || fail "exit status $? after SIGTERM"
}

test_at_the_connection_limit_others_are_still_answered() {
    # no per-address cap: 1,000 slow connections from one address against a limit of 100
    export RUBRIC_MAX_CONNECTIONS=100 RUBRIC_MAX_CONNECTIONS_PER_IP=0
    start_server
    node "$SLOW" "$PORT" 1000 1000 6000 >slow.json &
    local slow=$! i code
    sleep 2
    for i in 1 2 3; do
        code=$(health_from_elsewhere)
        [ "$code" = 200 ] || fail "/healthz answered '$code' at the connection limit"
        sleep 1
    done
    wait "$slow"
    OUT=$(cat slow.json)
    assert_json '.open_at_end <= 100'
    stop_server || fail "exit status $? after SIGTERM"
}

test_anonymous_big_uploads_are_refused_before_their_body() {
    start_server # upload_max is 50M: 47 MB is within it
    head -c $((47 * 1024 * 1024)) /dev/zero >big.pdf
    head -c $((60 * 1024 * 1024)) /dev/zero >bigger.pdf
    local before i peak codes
    before=$(rss_kb VmRSS)
    for i in $(seq 20); do
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 -F file=@big.pdf \
            "$BASE/api/v1/resumes" >>codes.txt 2>/dev/null &
    done
    wait $(jobs -p | grep -v "^$SERVER_PID$") 2>/dev/null || true
    peak=$(rss_kb VmHWM)
    codes=$(sort codes.txt | uniq -c | tr -s ' ')
    assert_eq "$(grep -c '^401$' codes.txt)" 20 "every anonymous upload gets its 401: $codes"
    echo "    rss before ${before} kB, peak ${peak} kB" >&2
    [ $((peak - before)) -lt $((100 * 1024)) ] ||
        fail "the server grew from ${before} kB to ${peak} kB for 20 refused uploads"
    # a signed-in upload over the limit is refused at its Content-Length, unread
    local token
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    http POST /api/v1/resumes -H "Authorization: Bearer $token" -F file=@bigger.pdf \
        --max-time 30
    assert_rc 413
    assert_json '.type == "/problems/too-large"'
    peak=$(rss_kb VmHWM)
    [ $((peak - before)) -lt $((100 * 1024)) ] ||
        fail "the server grew from ${before} kB to ${peak} kB for an upload refused at its length"
    # chunked, with no length to refuse it by: anonymous, refused before its body; signed
    # in, kept up to the limit and then cut off (a 413, or the connection closed)
    RC=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H 'Transfer-Encoding: chunked' \
        -F file=@big.pdf "$BASE/api/v1/resumes" 2>/dev/null || true)
    assert_rc 401
    peak=$(rss_kb VmHWM)
    [ $((peak - before)) -lt $((100 * 1024)) ] ||
        fail "the server grew from ${before} kB to ${peak} kB for an anonymous chunked body"
    RC=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $token" \
        -H 'Expect:' -H 'Transfer-Encoding: chunked' -F file=@bigger.pdf \
        "$BASE/api/v1/resumes" 2>/dev/null || true)
    [ "$RC" = 413 ] || [ "$RC" = 000 ] || fail "a chunked body over the limit answered $RC"
    http GET /healthz
    assert_rc 200
    stop_server || fail "exit status $? after SIGTERM"
}

test_ambiguous_framing_and_media_types_are_refused() {
    start_server
    local token
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    local A=(-H "Authorization: Bearer $token")
    # a length and chunked together, or two lengths: request smuggling behind a proxy
    OUT=$(printf 'POST /api/v1/candidates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n' "$token" |
        curl -s --max-time 5 telnet://127.0.0.1:"$PORT" 2>/dev/null || true)
    grep -q '^HTTP/1.1 400' <<<"$OUT" || fail "Content-Length with Transfer-Encoding: $OUT"
    OUT=$(printf 'POST /api/v1/candidates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}' "$token" |
        curl -s --max-time 5 telnet://127.0.0.1:"$PORT" 2>/dev/null || true)
    grep -q '^HTTP/1.1 400' <<<"$OUT" || fail "two different Content-Lengths: $OUT"
    grep -qi '^content-type: application/problem+json' <<<"$OUT" || fail "not a problem: $OUT"
    # a long URL or a big head: a problem with the security headers, not libmicrohttpd's page
    http GET "/api/v1/questions?q=$(head -c 9000 /dev/zero | tr '\0' a)" "${A[@]}"
    assert_rc 414
    assert_json '.type == "/problems/uri-too-long"'
    grep -qi '^x-content-type-options: nosniff' <<<"$HDR" || fail "414 without headers: $HDR"
    http GET /healthz -H "X-Filler: $(head -c 17000 /dev/zero | tr '\0' a)"
    assert_rc 431
    assert_json '.type == "/problems/headers-too-large"'
    grep -qi '^content-security-policy:' <<<"$HDR" || fail "431 without headers: $HDR"
    # the JSON media type is matched whole, and chunked bodies are checked too
    http POST /api/v1/candidates "${A[@]}" -H 'Content-Type: application/jsonp' -d '{"name":"Ada"}'
    assert_rc 415
    http POST /api/v1/candidates "${A[@]}" -H 'Content-Type: text/plain' \
        -H 'Transfer-Encoding: chunked' -d '{"name":"Ada"}'
    assert_rc 415
    http POST /api/v1/candidates "${A[@]}" -H 'Content-Type: application/json; charset=utf-8' \
        -d '{"name":"Ada Quill"}'
    assert_rc 201
    # personal data is never stored by a cache; the bank may be revalidated
    grep -qi '^cache-control: no-store' <<<"$HDR" || fail "a candidate without no-store: $HDR"
    http GET /api/v1/questions "${A[@]}"
    grep -qi '^cache-control: private, no-cache' <<<"$HDR" || fail "questions: $HDR"
    stop_server
}

test_session_cookie_is_secure_behind_a_trusted_proxy() {
    export RUBRIC_TRUSTED_PROXIES='127.0.0.2, ::1'
    start_server
    local body="{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}"
    http POST /api/v1/session -H 'Content-Type: application/json' -d "$body" \
        -H 'X-Forwarded-Proto: https'
    assert_rc 200
    ! grep -qi '^set-cookie:.*; Secure' <<<"$HDR" || fail "an untrusted address said https: $HDR"
    http POST /api/v1/session -H 'Content-Type: application/json' -d "$body" \
        -H 'X-Forwarded-Proto: https' --interface 127.0.0.2
    assert_rc 200
    grep -qi '^set-cookie: rubric_session=.*; Secure' <<<"$HDR" || fail "no Secure: $HDR"
    stop_server
}

test_metrics_listen_on_their_own_address() {
    # below Linux's ephemeral ports (32768 and up), which any connection of a test running
    # beside this one may hold: start_server tries other ports, not this one
    local mport=$((20000 + RANDOM % 12000))
    export RUBRIC_METRICS_LISTEN=127.0.0.1:$mport
    start_server
    http GET /metrics -H "Authorization: Bearer $("$RUBRIC" token create "$ADMIN" 2>/dev/null)"
    assert_rc 404
    RC=$(curl -s -o body.out -w '%{http_code}' --max-time 5 "http://127.0.0.1:$mport/metrics")
    OUT=$(cat body.out)
    assert_rc 200
    assert_out "rubric_http_requests_total"
    stop_server
}

test_store_errors_do_not_show_files_or_sql() {
    start_server
    local token
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    # another writer holds the store past the busy timeout (5 s), until told to let go (30 s
    # at most)
    # on PostgreSQL, a lock on the candidates' table past the lock timeout (5 s) does the same
    if on_pg; then
        (printf 'BEGIN;\nLOCK TABLE candidate IN ACCESS EXCLUSIVE MODE;\nSELECT 42;\n'
            for _ in $(seq 300); do
                [ -e release ] && break
                sleep 0.1
            done
            printf 'ROLLBACK;\n') | psql -X -A -t -q -d "$RUBRIC_DB" >writer.out &
    else
        (printf '.timeout 10000\nBEGIN IMMEDIATE;\nCREATE TABLE lock_holder (x);\nSELECT 42;\n'
            for _ in $(seq 300); do
                [ -e release ] && break
                sleep 0.1
            done
            printf 'ROLLBACK;\n') | sqlite3 rubric.db >writer.out &
    fi
    local writer=$!
    # until the writer says it holds the store (10 s at most)
    for _ in $(seq 100); do
        grep -q 42 writer.out && break
        sleep 0.1
    done
    grep -q 42 writer.out || fail "the writer did not take the store"
    http POST /api/v1/candidates -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d '{"name":"Ada Quill"}' --max-time 25
    touch release
    wait "$writer"
    assert_rc 503
    assert_json '.type == "/problems/store-error"'
    # the store's name: its file, or its database's URL
    local where=rubric.db
    on_pg && where=${RUBRIC_DB%%\?*}
    assert_not_out "$where"
    assert_not_out "BEGIN"
    grep -qi '^retry-after:' <<<"$HDR" || fail "no Retry-After: $HDR"
    grep -qF "$where" server.log || fail "the detail is not in the log"
    stop_server
}

test_password_hashing_waits_on_its_pool_and_a_full_one_says_503() {
    export RUBRIC_HASH_WORKERS=1 RUBRIC_HASH_QUEUE=1
    start_server
    local body="{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}" i
    for i in $(seq 12); do
        curl -s -o /dev/null -D "h.$i" -w '%{http_code}\n' --max-time 30 \
            -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/session" >>codes.txt &
    done
    wait $(jobs -p | grep -v "^$SERVER_PID$") 2>/dev/null || true
    OUT=$(sort codes.txt | uniq -c)
    grep -q '^200$' codes.txt || fail "no login went through: $OUT"
    grep -q '^503$' codes.txt || fail "a full pool did not say 503: $OUT"
    grep -qi '^retry-after: [0-9]' "$(grep -l '^HTTP/1.1 503' h.* | head -1)" ||
        fail "a 503 without Retry-After"
    [ $(($(grep -c '^200$' codes.txt) + $(grep -c '^503$' codes.txt))) -eq 12 ] ||
        fail "answers other than 200 and 503: $OUT"
    stop_server
}

test_sigterm_answers_every_request_already_sent() {
    # a PDF reader that takes 3 s stands for a slow request in flight at the signal
    mkdir bin
    printf '#!/bin/sh\ncat >/dev/null\nsleep 3\necho Ada Quill\n' >bin/pdftotext
    chmod +x bin/pdftotext
    export PATH="$PWD/bin:$PATH"
    printf '%%PDF-1.4\n%%%%EOF\n' >cv.pdf
    start_server
    local token i
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    curl -sS -o slow.out -D slow.headers --max-time 20 -H "Authorization: Bearer $token" \
        -F file=@cv.pdf "$BASE/api/v1/resumes" 2>slow.err &
    # 8 keep-alive clients, 200 requests each, one after another on one connection
    for i in $(seq 8); do
        curl -sS -H "Authorization: Bearer $token" -w '%{http_code}\n' -o "/dev/null" \
            "$BASE/api/v1/questions?limit=20&offset=[1-200]" >"codes.$i" 2>"err.$i" &
    done
    sleep 1.5
    kill -TERM "$SERVER_PID"
    wait $(jobs -p | grep -v "^$SERVER_PID$") 2>/dev/null || true
    wait "$SERVER_PID" || fail "exit status $? after SIGTERM"
    grep -q "rubric: stopped" server.log || fail "no clean stop"
    cat err.* >errors.txt
    OUT=$(sort errors.txt | uniq -c | head)
    # after the signal a client may not connect again (7); no request it sent is reset
    ! grep -qE '\((52|55|56)\)|reset|Empty reply' errors.txt || fail "a request was reset: $OUT"
    [ "$(cat codes.* | grep -c '^200$')" -gt 8 ] || fail "no requests were answered"
    # the slow request was answered, and told its client that the connection ends
    grep -q '^HTTP/1.1 201' slow.headers || fail "the upload in flight: $(cat slow.headers slow.err)"
    grep -qi '^connection: close' slow.headers || fail "no Connection: close: $(cat slow.headers)"
}

test_resume_reading_waits_on_its_pool_and_others_are_answered() {
    # a PDF reader that takes 6 s, one reading thread and no queue: health is asked with 3 s
    # to answer, well inside the reading, so a loaded machine's slowness is not taken for a
    # request thread held by the pool
    mkdir bin
    printf '#!/bin/sh\ncat >/dev/null\nsleep 6\necho Ada Quill\n' >bin/pdftotext
    chmod +x bin/pdftotext
    export PATH="$PWD/bin:$PATH" RUBRIC_PARSE_WORKERS=1 RUBRIC_PARSE_QUEUE=0
    printf '%%PDF-1.4\n%%%%EOF\n' >cv.pdf
    start_server
    local token i code
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    for i in 1 2; do
        curl -s -o /dev/null -D "h.$i" -w '%{http_code}\n' --max-time 20 \
            -H "Authorization: Bearer $token" -F file=@cv.pdf "$BASE/api/v1/resumes" >>codes.txt &
        sleep 0.5
    done
    # while the one upload is read, health and reads are answered
    code=$(health_from_elsewhere 3)
    assert_eq "$code" 200 "/healthz while a resume is read"
    http GET /api/v1/questions?limit=5 -H "Authorization: Bearer $token" --max-time 3
    assert_rc 200
    wait $(jobs -p | grep -v "^$SERVER_PID$") 2>/dev/null || true
    OUT=$(sort codes.txt | uniq -c)
    assert_eq "$(sort codes.txt | tr '\n' ' ')" "201 503 " "one read, one refused"
    grep -qi '^retry-after: [0-9]' "$(grep -l '^HTTP/1.1 503' h.* | head -1)" ||
        fail "a 503 without Retry-After"
    stop_server || fail "exit status $? after SIGTERM"
}

test_a_body_sent_too_slowly_is_cut() {
    export RUBRIC_BODY_TIMEOUT=2
    start_server
    local start took
    start=$(date +%s)
    # a login whose 100-byte body comes a byte a second: without a deadline, 100 s
    (printf 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n'
        for _ in $(seq 20); do
            printf a
            sleep 1
        done) 2>/dev/null | curl -s --max-time 30 "telnet://127.0.0.1:$PORT" >/dev/null 2>&1 || true
    took=$(($(date +%s) - start))
    [ "$took" -le 8 ] || fail "a body dripping for ${took}s was not cut at body_timeout (2 s)"
    http GET /healthz
    assert_rc 200
    stop_server || fail "exit status $? after SIGTERM"
}
