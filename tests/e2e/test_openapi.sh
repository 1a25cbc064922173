# SPDX-License-Identifier: MIT
# The API contract: `rubric serve` on a fresh store, every route of the table called with
# success and with each error it documents, every exchange recorded and then checked against
# docs/openapi.json by openapi_check.js (schemas, statuses, headers, and the route set against
# src/http/routes.c). The server must also stop cleanly: exit 0, nothing from the sanitizers.

CHECK="$ROOT/tests/e2e/openapi_check.js"
ADMIN_PASSWORD=admin-password-1

# Starts the server on a free loopback port (a few random tries) with a fresh SQLite file and
# uploads of 256 KiB at most (so that an upload over it is cheap to send); sets BASE and
# SERVER_PID. Waits 30 s at most.
start_server() {
    local port try i
    for try in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        RUBRIC_ADMIN_PASSWORD=$ADMIN_PASSWORD RUBRIC_SHUTDOWN_GRACE=2 RUBRIC_THREADS=2 \
            RUBRIC_UPLOAD_MAX=256K "$RUBRIC" serve --listen "127.0.0.1:$port" --db "sqlite:$PWD/api.db" \
            >server.out 2>server.err &
        SERVER_PID=$!
        for i in $(seq 300); do
            if grep -qs "serving on" server.out server.err; then
                BASE=http://127.0.0.1:$port
                return 0
            fi
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill_server
    done
    ERR=$(cat server.err)
    fail "rubric serve did not start"
}

# Stops the server if it runs (the EXIT trap): SIGTERM, then SIGKILL after 10 s.
kill_server() {
    local i
    [ -n "${SERVER_PID:-}" ] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null
    for i in $(seq 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=
}

# call STATUS METHOD PATH [curl options...]: one request, which must answer STATUS, appended
# to exchanges.jsonl (with $REQUEST and $REQUEST_TYPE, when set, as what was sent); the
# answer's body is left in ./body and its headers in ./headers.
call() {
    local want=$1 method=$2 path=$3 status how
    shift 3
    how=(-X "$method")
    [ "$method" = HEAD ] && how=(-I)
    : >body # curl leaves the file alone when there is no body
    status=$(curl -sS -o body -D headers -w '%{http_code}' --max-time 30 "${how[@]}" "$@" \
        "$BASE$path") || fail "curl: $method $path failed"
    jq -nc --arg method "$method" --arg path "$path" --argjson status "$status" \
        --rawfile headers headers --rawfile body body --arg request "${REQUEST-}" \
        --arg request_type "${REQUEST_TYPE-}" '
        ($headers | split("\r\n\r\n") | map(select(length > 0)) | last // "" | split("\r\n")[1:]
         | map(capture("^(?<k>[^:]+):\\s*(?<v>.*)$") | {key: (.k | ascii_downcase), value: .v})
         | from_entries) as $h
        | {method: $method, path: $path, status: $status, content_type: ($h["content-type"] // ""),
           headers: $h, body: $body}
        + (if $request == "" then {} else {request: $request} end)
        + (if $request_type == "" then {} else {request_type: $request_type} end)' \
        >>exchanges.jsonl
    if [ "$status" != "$want" ]; then
        OUT=$(cat body)
        fail "$method $path: expected $want, got $status"
    fi
}

# send STATUS METHOD PATH JSON [curl options...]: call with a JSON body.
send() {
    local want=$1 method=$2 path=$3 json=$4
    shift 4
    REQUEST=$json call "$want" "$method" "$path" -H 'Content-Type: application/json' \
        --data-binary "$json" "$@"
}

# upload STATUS PATH FILE... [-- curl options...]: POST PATH with a multipart/form-data body
# of one `file` part per FILE (as curl -F takes it: `path` or `path;filename=name`), recorded
# as {"file": [names]}.
upload() {
    local want=$1 path=$2 name
    local -a form=() names=()
    shift 2
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        form+=(-F "file=@$1")
        name=${1##*;filename=}
        names+=("${name##*/}")
        shift
    done
    [ $# -gt 0 ] && shift
    REQUEST=$(jq -nc '{file: $ARGS.positional}' --args "${names[@]}") \
        REQUEST_TYPE=multipart/form-data call "$want" POST "$path" "${form[@]}" "$@"
}

# poll PATH [curl options...]: GET the screening at PATH until it is done (10 s at most).
poll() {
    local path=$1 i
    shift
    for i in $(seq 100); do
        call 200 GET "$path" "$@"
        [ "$(field .state)" = done ] && return 0
        sleep 0.1
    done
    fail "$path: not done after 10 s (state $(field .state))"
}

# The ETag of the last answer.
etag() { sed -n 's/^[Ee][Tt][Aa][Gg]: *\([^[:space:]]*\).*/\1/p' headers | tail -1; }

# login EMAIL PASSWORD: a session; sets COOKIE and CSRF.
login() {
    send 200 POST /api/v1/session "{\"email\":\"$1\",\"password\":\"$2\"}"
    COOKIE=$(sed -n 's/^[Ss]et-[Cc]ookie: rubric_session=\([^;]*\);.*/\1/p' headers)
    CSRF=$(jq -r .csrf_token body)
    [ -n "$COOKIE" ] && [ -n "$CSRF" ] || fail "login of $1: no cookie or CSRF token"
}

# A JSON field of the last answer.
field() { jq -r "$1" body; }

test_every_route_answers_as_documented() {
    RC=0 OUT="" ERR=""
    trap kill_server EXIT
    start_server
    : >exchanges.jsonl
    head -c 1100000 /dev/zero | tr '\0' ' ' >big.json # over json_max (1 MiB)
    local long
    long=$(head -c 201 /dev/zero | tr '\0' 'n')

    # ---- system: public, and blind to stale credentials ----
    call 200 GET /healthz
    call 200 HEAD /healthz
    call 200 GET /healthz -H 'Authorization: Bearer rbt_revoked'
    call 200 GET /readyz
    call 401 GET /metrics
    call 200 GET /api/openapi.json
    cmp -s body "$ROOT/docs/openapi.json" || fail "the served document is not docs/openapi.json"
    call 304 GET /api/openapi.json -H "If-None-Match: $(etag)"
    call 404 GET /api/v1/nothing
    call 404 GET /api/v1/users/1/more
    call 405 POST /healthz
    call 405 DELETE /api/v1/users
    grep -qi '^allow: GET, POST' headers || fail "405 without 'Allow: GET, POST'"
    call 405 PUT /api/v1/kits/1

    # ---- the session ----
    send 400 POST /api/v1/session '{"email":'
    send 400 POST /api/v1/session '{"email":"admin@example.org","password":"x","extra":1}'
    send 400 POST /api/v1/session '{"email":"admin@example.org"}'
    send 400 POST /api/v1/session '[]'
    send 401 POST /api/v1/session '{"email":"admin@example.org","password":"wrong-password"}'
    call 413 POST /api/v1/session -H 'Content-Type: application/json' --data-binary @big.json
    send 413 POST /api/v1/session "{\"email\":\"a@example.org\",\"password\":\"$(head -c 1025 /dev/zero | tr '\0' p)\"}"
    call 415 POST /api/v1/session -H 'Content-Type: text/plain' -d 'admin@example.org'
    for i in 1 2 3 4 5; do
        send 401 POST /api/v1/session '{"email":"locked@example.org","password":"wrong-password"}'
    done
    send 429 POST /api/v1/session '{"email":"locked@example.org","password":"wrong-password"}'
    # a dead cookie must not stand in the way of a new login
    send 200 POST /api/v1/session "{\"email\":\"admin@example.org\",\"password\":\"$ADMIN_PASSWORD\"}" \
        -b 'rubric_session=rbs_ended'
    login admin@example.org "$ADMIN_PASSWORD"
    local admin=(-b "rubric_session=$COOKIE" -H "X-CSRF-Token: $CSRF")
    local admin_nocsrf=(-b "rubric_session=$COOKIE")
    call 200 GET /api/v1/session "${admin[@]}"
    [ "$(field .by)" = session ] || fail "GET /api/v1/session: not by session"
    call 304 GET /api/v1/session "${admin[@]}" -H "If-None-Match: $(etag)"
    call 401 GET /api/v1/session
    call 401 GET /api/v1/session -b 'rubric_session=rbs_ended'
    call 401 GET /api/v1/session -H 'Authorization: Basic YWRtaW46eA=='

    # ---- users, one of each role ----
    call 401 GET /api/v1/users
    call 200 GET /api/v1/users "${admin[@]}"
    call 304 GET /api/v1/users "${admin[@]}" -H "If-None-Match: $(etag)"
    call 400 GET '/api/v1/users?limit=0' "${admin[@]}"
    call 400 GET '/api/v1/users?offset=-1' "${admin[@]}"
    call 200 GET '/api/v1/users?limit=1&offset=0' "${admin[@]}"
    local role id
    local -A uid
    for role in recruiter interviewer candidate; do
        send 201 POST /api/v1/users "{\"email\":\"$role@example.org\",\"name\":\"A $role\",\"role\":\"$role\",\"password\":\"$role-password\"}" "${admin[@]}"
        uid[$role]=$(field .id)
        grep -qi "^location: /api/v1/users/${uid[$role]}" headers || fail "201 without Location"
    done
    send 201 POST /api/v1/users '{"email":"second.admin@example.org","role":"admin","password":"admin-password-2"}' "${admin[@]}"
    send 201 POST /api/v1/users '{"email":"NoPassword@Example.org","name":null,"role":"candidate"}' "${admin[@]}"
    [ "$(field .email)" = nopassword@example.org ] || fail "the email is not in lower case"
    send 409 POST /api/v1/users '{"email":"recruiter@example.org","role":"recruiter"}' "${admin[@]}"
    send 400 POST /api/v1/users '{"email":"x@example.org","role":"boss"}' "${admin[@]}"
    send 400 POST /api/v1/users '{"email":"x@example.org","role":"candidate","nickname":"x"}' "${admin[@]}"
    send 400 POST /api/v1/users '{"email":"x@example.org","role":"candidate","password":"short"}' "${admin[@]}"
    send 400 POST /api/v1/users '{"email":"x@example.org",' "${admin[@]}"
    send 413 POST /api/v1/users "{\"email\":\"x@example.org\",\"role\":\"candidate\",\"name\":\"$long\"}" "${admin[@]}"
    call 413 POST /api/v1/users "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/users "${admin[@]}" -H 'Content-Type: application/x-www-form-urlencoded' -d 'email=x'
    send 401 POST /api/v1/users '{"email":"x@example.org","role":"candidate"}'
    send 403 POST /api/v1/users '{"email":"x@example.org","role":"candidate"}' "${admin_nocsrf[@]}"

    # a new password (it ends the user's sessions)
    send 200 PATCH "/api/v1/users/${uid[candidate]}" '{"role":"candidate","password":"another-password","name":null}' "${admin[@]}"
    login recruiter@example.org recruiter-password
    local recruiter=(-b "rubric_session=$COOKIE" -H "X-CSRF-Token: $CSRF")
    login interviewer@example.org interviewer-password
    local interviewer=(-b "rubric_session=$COOKIE" -H "X-CSRF-Token: $CSRF")
    login candidate@example.org another-password
    local candidate=(-b "rubric_session=$COOKIE" -H "X-CSRF-Token: $CSRF")
    local candidate_nocsrf=(-b "rubric_session=$COOKIE")

    call 403 GET /api/v1/users "${interviewer[@]}"
    send 403 POST /api/v1/users '{"email":"x@example.org","role":"candidate"}' "${recruiter[@]}"
    # metrics: admins only on the public listener
    call 200 GET /metrics "${admin[@]}"
    grep -q '^rubric_http_requests_total{route="GET /healthz",status="2xx"}' body ||
        fail "metrics: no count of GET /healthz"
    call 403 GET /metrics "${recruiter[@]}"
    id=${uid[recruiter]}
    call 200 GET "/api/v1/users/$id" "${admin[@]}"
    call 304 GET "/api/v1/users/$id" "${admin[@]}" -H "If-None-Match: $(etag)"
    call 401 GET "/api/v1/users/$id"
    call 403 GET "/api/v1/users/$id" "${recruiter[@]}"
    call 404 GET /api/v1/users/999 "${admin[@]}"
    call 404 GET /api/v1/users/abc "${admin[@]}"
    send 200 PATCH "/api/v1/users/$id" '{"name":"Rita Recruiter","disabled":false}' "${admin[@]}"
    [ "$(field .name)" = "Rita Recruiter" ] || fail "PATCH did not change the name"
    send 200 PATCH "/api/v1/users/$id" '{}' "${admin[@]}"
    send 400 PATCH "/api/v1/users/$id" '{"role":"boss"}' "${admin[@]}"
    send 400 PATCH "/api/v1/users/$id" '{"email":"new@example.org"}' "${admin[@]}"
    send 400 PATCH "/api/v1/users/$id" '{"disabled":"yes"}' "${admin[@]}"
    send 400 PATCH "/api/v1/users/$id" 'null' "${admin[@]}"
    send 400 PATCH "/api/v1/users/$id" '{"name"' "${admin[@]}"
    send 401 PATCH "/api/v1/users/$id" '{"name":"x"}'
    send 403 PATCH "/api/v1/users/$id" '{"name":"x"}' "${recruiter[@]}"
    send 403 PATCH "/api/v1/users/$id" '{"name":"x"}' "${admin_nocsrf[@]}"
    send 404 PATCH /api/v1/users/999 '{"name":"x"}' "${admin[@]}"
    send 409 PATCH /api/v1/users/1 '{"disabled":true}' "${admin[@]}"
    send 409 PATCH /api/v1/users/1 '{"role":"recruiter"}' "${admin[@]}"
    send 413 PATCH "/api/v1/users/$id" "{\"name\":\"$long\"}" "${admin[@]}"
    call 413 PATCH "/api/v1/users/$id" "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 PATCH "/api/v1/users/$id" "${admin[@]}" -H 'Content-Type: text/plain' -d '{}'

    # ---- API tokens ----
    send 201 POST /api/v1/tokens '{"name":"ci"}' "${interviewer[@]}"
    grep -qi '^location: /api/v1/tokens/' headers || fail "201 without Location"
    local token token_id
    token=$(field .token)
    token_id=$(field .id)
    local bearer=(-H "Authorization: Bearer $token")
    call 200 GET /api/v1/session "${bearer[@]}"
    [ "$(field .by)" = token ] || fail "GET /api/v1/session: not by token"
    send 201 POST /api/v1/tokens '{"name":"made with a token"}' "${bearer[@]}"
    send 201 POST /api/v1/tokens '{"name":"mine"}' "${candidate[@]}"
    local candidate_token
    candidate_token=$(field .id)
    call 200 GET /api/v1/tokens "${interviewer[@]}"
    [ "$(field '.total')" = 2 ] || fail "the interviewer does not have 2 tokens"
    call 304 GET /api/v1/tokens "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/tokens?limit=1&offset=1' "${bearer[@]}"
    [ "$(field '[.total, .limit, .offset, (.items | length)] | join(" ")')" = "2 1 1 1" ] ||
        fail "GET /api/v1/tokens does not page"
    call 400 GET '/api/v1/tokens?limit=501' "${interviewer[@]}"
    call 401 GET /api/v1/tokens
    send 400 POST /api/v1/tokens '{}' "${interviewer[@]}"
    send 400 POST /api/v1/tokens '{"name":"x","scope":"all"}' "${interviewer[@]}"
    send 400 POST /api/v1/tokens '{"name":1}' "${interviewer[@]}"
    send 400 POST /api/v1/tokens 'name=x' "${interviewer[@]}"
    send 401 POST /api/v1/tokens '{"name":"x"}'
    send 403 POST /api/v1/tokens '{"name":"x"}' "${candidate_nocsrf[@]}"
    send 413 POST /api/v1/tokens "{\"name\":\"$long\"}" "${interviewer[@]}"
    call 413 POST /api/v1/tokens "${interviewer[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/tokens "${interviewer[@]}" -H 'Content-Type: text/plain' -d '{"name":"x"}'
    call 404 DELETE "/api/v1/tokens/$candidate_token" "${interviewer[@]}"
    call 404 DELETE /api/v1/tokens/abc "${interviewer[@]}"
    call 401 DELETE "/api/v1/tokens/$candidate_token"
    call 403 DELETE "/api/v1/tokens/$candidate_token" "${candidate_nocsrf[@]}"
    call 204 DELETE "/api/v1/tokens/$candidate_token" "${candidate[@]}"
    call 204 DELETE "/api/v1/tokens/$token_id" "${bearer[@]}"
    call 401 GET /api/v1/tokens "${bearer[@]}"

    # ---- my password: other sessions and (unless kept) tokens end ----
    send 201 POST /api/v1/users '{"email":"changer@example.org","role":"interviewer","password":"changer-password"}' "${admin[@]}"
    login changer@example.org changer-password
    local changer=(-b "rubric_session=$COOKIE" -H "X-CSRF-Token: $CSRF")
    local changer_nocsrf=(-b "rubric_session=$COOKIE")
    send 201 POST /api/v1/tokens '{"name":"laptop"}' "${changer[@]}"
    local changer_bearer=(-H "Authorization: Bearer $(field .token)")
    send 400 POST /api/v1/account/password '{"current":"changer-password"}' "${changer[@]}"
    send 400 POST /api/v1/account/password '{"current":"changer-password","new":"short"}' "${changer[@]}"
    [ "$(field .field)" = new ] || fail "a short new password does not name 'new'"
    send 401 POST /api/v1/account/password '{"current":"changer-password","new":"changer-password-2"}'
    send 403 POST /api/v1/account/password '{"current":"changer-password","new":"changer-password-2"}' "${changer_nocsrf[@]}"
    send 403 POST /api/v1/account/password '{"current":"not-my-password","new":"changer-password-2"}' "${changer[@]}"
    [ "$(field .field)" = current ] || fail "a wrong current password does not name 'current'"
    send 413 POST /api/v1/account/password "{\"current\":\"$(head -c 1025 /dev/zero | tr '\0' p)\",\"new\":\"changer-password-2\"}" "${changer[@]}"
    call 415 POST /api/v1/account/password "${changer[@]}" -H 'Content-Type: text/plain' -d '{}'
    send 204 POST /api/v1/account/password '{"current":"changer-password","new":"changer-password-2","keep_tokens":false}' "${changer[@]}"
    call 200 GET /api/v1/session "${changer[@]}"
    call 401 GET /api/v1/session "${changer_bearer[@]}"
    for i in 1 2 3 4 5; do
        send 403 POST /api/v1/account/password '{"current":"wrong-guess","new":"changer-password-3"}' "${changer[@]}"
    done
    send 429 POST /api/v1/account/password '{"current":"changer-password-2","new":"changer-password-3"}' "${changer[@]}"

    # ---- the question bank ----
    call 200 GET /api/v1/questions "${interviewer[@]}"
    [ "$(field '.total > 300 and (.items | length) == 50')" = true ] || fail "no bank loaded"
    call 304 GET /api/v1/questions "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/questions?q=index&limit=3' "${recruiter[@]}"
    [ "$(field '.items[0].score > 0 and (.items[0].snippet | test("\\*\\*")) ')" = true ] ||
        fail "a search without scores or snippets"
    call 200 GET '/api/v1/questions?q=%22composite%20index%22&level=mid&category=technical' "${admin[@]}"
    call 200 GET '/api/v1/questions?role=backend-developer-mid&competency=data-storage&offset=5&limit=5' "${admin[@]}"
    call 200 GET '/api/v1/questions?competency=no-such-thing' "${admin[@]}"
    call 400 GET '/api/v1/questions?level=guru' "${admin[@]}"
    call 400 GET '/api/v1/questions?category=trivia' "${admin[@]}"
    call 400 GET '/api/v1/questions?role=no-such-role' "${admin[@]}"
    call 400 GET '/api/v1/questions?q=' "${admin[@]}"
    call 400 GET '/api/v1/questions?limit=many' "${admin[@]}"
    call 401 GET /api/v1/questions
    call 403 GET /api/v1/questions "${candidate[@]}"
    call 200 GET /api/v1/questions/db-index-basics "${interviewer[@]}"
    call 304 GET /api/v1/questions/db-index-basics "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 200 HEAD /api/v1/questions/db-index-basics "${interviewer[@]}"
    call 401 GET /api/v1/questions/db-index-basics
    call 403 GET /api/v1/questions/db-index-basics "${candidate[@]}"
    call 404 GET /api/v1/questions/no-such-question "${interviewer[@]}"

    local q copy
    q='{"id":"api-retry-safety","title":"Retrying a request that timed out","text":"A client times out on `POST /payments` and sends it again. What can happen, and how can the server make the retry safe?","category":"technical","level":"mid-senior","minutes":10,"competencies":["api-design"],"points":[{"kind":"shows","text":"Uses an **idempotency key** sent by the client.","concepts":["idempotency key"]},{"kind":"shows","text":"Stores the **first response** and replays it.","concepts":["first response"]},{"kind":"pitfall","text":"Deduplicates on the request body.","concepts":[]}]}'
    send 201 POST /api/v1/questions "$q" "${admin[@]}"
    grep -qi '^location: /api/v1/questions/api-retry-safety' headers || fail "201 without Location"
    [ "$(field .source)" = api ] || fail "a question from the API without source 'api'"
    send 409 POST /api/v1/questions "$q" "${admin[@]}"
    [ "$(field .field)" = id ] || fail "409 on the id, not naming it"
    call 200 GET /api/v1/questions/db-index-basics "${admin[@]}"
    copy=$(jq -c '.id = "db-index-copy"' body)
    send 409 POST /api/v1/questions "$copy" "${admin[@]}"
    [ "$(field .field)" = text ] || fail "409 on the text, not naming it"
    send 400 POST /api/v1/questions "$(jq -c 'del(.title)' <<<"$q")" "${admin[@]}"
    send 400 POST /api/v1/questions "$(jq -c '.id = "x2" | .category = "trivia"' <<<"$q")" "${admin[@]}"
    send 400 POST /api/v1/questions "$(jq -c '.id = "Not An Id"' <<<"$q")" "${admin[@]}"
    send 400 POST /api/v1/questions "$(jq -c '.id = "no-pitfall" | .points |= .[:2]' <<<"$q")" "${admin[@]}"
    send 400 POST /api/v1/questions '[1]' "${admin[@]}"
    send 400 POST /api/v1/questions '{"id":' "${admin[@]}"
    send 401 POST /api/v1/questions "$q"
    send 403 POST /api/v1/questions "$q" "${interviewer[@]}"
    send 403 POST /api/v1/questions "$q" "${admin_nocsrf[@]}"
    call 413 POST /api/v1/questions "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/questions "${admin[@]}" -H 'Content-Type: text/markdown' -d '# A question'
    # a question read with GET goes back as it is: level_min, level_max and the like are ignored
    call 200 GET /api/v1/questions/api-retry-safety "${admin[@]}"
    send 200 PUT /api/v1/questions/api-retry-safety "$(jq -c '.minutes = 12 | .topic = "retries"' body)" "${admin[@]}"
    [ "$(field '.minutes == 12 and .topic == "retries"')" = true ] || fail "PUT did not change it"
    send 400 PUT /api/v1/questions/api-other "$q" "${admin[@]}"
    send 400 PUT /api/v1/questions/api-retry-safety "$(jq -c '.minutes = 0' <<<"$q")" "${admin[@]}"
    send 400 PUT /api/v1/questions/api-retry-safety '{' "${admin[@]}"
    send 404 PUT /api/v1/questions/no-such-question "$(jq -c '.id = "no-such-question"' <<<"$q")" "${admin[@]}"
    send 401 PUT /api/v1/questions/api-retry-safety "$q"
    send 403 PUT /api/v1/questions/api-retry-safety "$q" "${recruiter[@]}"
    call 413 PUT /api/v1/questions/api-retry-safety "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 PUT /api/v1/questions/api-retry-safety "${admin[@]}" -H 'Content-Type: text/plain' -d "$q"
    call 401 DELETE /api/v1/questions/api-retry-safety
    call 403 DELETE /api/v1/questions/api-retry-safety "${interviewer[@]}"
    call 403 DELETE /api/v1/questions/api-retry-safety "${admin_nocsrf[@]}"
    call 404 DELETE /api/v1/questions/no-such-question "${admin[@]}"
    call 204 DELETE /api/v1/questions/api-retry-safety "${admin[@]}"
    call 200 GET '/api/v1/questions?q=idempotency%20key%20payments' "${admin[@]}"
    [ "$(field '[.items[].id] | index("api-retry-safety") == null')" = true ] ||
        fail "a retired question is still found"

    # ---- roles ----
    call 200 GET /api/v1/roles "${recruiter[@]}"
    [ "$(field .total)" = 7 ] || fail "not the 7 built-in roles"
    call 304 GET /api/v1/roles "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/roles?limit=2&offset=6' "${recruiter[@]}"
    call 400 GET '/api/v1/roles?offset=x' "${recruiter[@]}"
    call 401 GET /api/v1/roles
    call 200 GET /api/v1/roles "${candidate[@]}"
    call 200 GET /api/v1/roles/backend-developer-mid "${interviewer[@]}"
    call 304 GET /api/v1/roles/backend-developer-mid "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 200 GET /api/v1/roles/site-reliability-engineer "${interviewer[@]}"
    call 401 GET /api/v1/roles/backend-developer-mid
    call 403 GET /api/v1/roles/backend-developer-mid "${candidate[@]}"
    call 404 GET /api/v1/roles/no-such-role "${interviewer[@]}"

    # ---- kits ----
    send 200 POST /api/v1/kits '{"role":"backend-developer-mid","seed":7}' "${interviewer[@]}"
    [ "$(field 'has("id") or has("kit_id")')" = false ] || fail "an unsaved kit with an id"
    send 200 POST /api/v1/kits '{"role":"backend-architect","stage":"system-design","level":"senior","minutes":45,"seed":1,"save":false,"candidate":null}' "${recruiter[@]}"
    send 200 POST /api/v1/kits '{"role":"database-administrator","stage":"behavioural","minutes":600}' "${admin[@]}"
    send 201 POST /api/v1/kits '{"role":"backend-developer-senior","stage":"onsite","candidate":"Ada Lovelace","seed":3}' "${interviewer[@]}"
    local kit
    kit=$(field .id)
    grep -qi "^location: /api/v1/kits/$kit" headers || fail "201 without Location"
    send 201 POST /api/v1/kits '{"role":"backend-developer-junior","stage":"screen","save":true}' "${recruiter[@]}"
    send 400 POST /api/v1/kits '{"role":"no-such-role"}' "${interviewer[@]}"
    send 400 POST /api/v1/kits '{"role":"backend-developer-mid","stage":"lunch"}' "${interviewer[@]}"
    send 400 POST /api/v1/kits '{"role":"backend-developer-mid","level":"guru"}' "${interviewer[@]}"
    send 400 POST /api/v1/kits '{"role":"backend-developer-mid","minutes":601}' "${interviewer[@]}"
    send 400 POST /api/v1/kits '{"role":"backend-developer-mid","colour":"blue"}' "${interviewer[@]}"
    send 400 POST /api/v1/kits '{"level":"mid"}' "${interviewer[@]}"
    send 400 POST /api/v1/kits '{"role":' "${interviewer[@]}"
    send 401 POST /api/v1/kits '{"role":"backend-developer-mid"}'
    send 403 POST /api/v1/kits '{"role":"backend-developer-mid"}' "${candidate[@]}"
    send 413 POST /api/v1/kits "{\"role\":\"backend-developer-mid\",\"candidate\":\"$long\"}" "${interviewer[@]}"
    call 413 POST /api/v1/kits "${interviewer[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/kits "${interviewer[@]}" -d '{"role":"backend-developer-mid"}'
    call 200 GET "/api/v1/kits/$kit" "${recruiter[@]}"
    [ "$(field ".id == $kit and .candidate == \"Ada Lovelace\"")" = true ] || fail "not the stored kit"
    call 304 GET "/api/v1/kits/$kit" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 401 GET "/api/v1/kits/$kit"
    call 403 GET "/api/v1/kits/$kit" "${candidate[@]}"
    call 404 GET /api/v1/kits/999 "${recruiter[@]}"
    call 404 GET /api/v1/kits/0 "${recruiter[@]}"

    # ---- candidates (admins and recruiters) ----
    send 201 POST /api/v1/candidates '{"name":"Amara Okafor","email":"Amara.Okafor@Example.org","phone":"+44 20 7946 0958","role":"backend-developer-senior"}' "${recruiter[@]}"
    local cand
    cand=$(field .id)
    grep -qi "^location: /api/v1/candidates/$cand" headers || fail "201 without Location"
    [ "$(field '.email == "amara.okafor@example.org" and .stage == "applied" and .resumes == []')" = true ] ||
        fail "POST /api/v1/candidates: not the new candidate"
    send 201 POST /api/v1/candidates '{"name":"Tomasz Nowak","email":null,"phone":null,"role":null}' "${admin[@]}"
    send 400 POST /api/v1/candidates '{"name":"X","stage":"hired"}' "${recruiter[@]}"
    [ "$(field .field)" = stage ] || fail "400 on an unknown field, not naming it"
    send 400 POST /api/v1/candidates '{"email":"x@example.org"}' "${recruiter[@]}"
    send 400 POST /api/v1/candidates '{"name":""}' "${recruiter[@]}"
    send 400 POST /api/v1/candidates '{"name":1}' "${recruiter[@]}"
    send 400 POST /api/v1/candidates '{"name":"X","email":"not an address"}' "${recruiter[@]}"
    send 400 POST /api/v1/candidates '{"name":"X","role":"no-such-role"}' "${recruiter[@]}"
    [ "$(field .field)" = role ] || fail "400 on an unknown role, not naming it"
    send 400 POST /api/v1/candidates '{"name":' "${recruiter[@]}"
    send 401 POST /api/v1/candidates '{"name":"X"}'
    send 403 POST /api/v1/candidates '{"name":"X"}' "${interviewer[@]}"
    send 403 POST /api/v1/candidates '{"name":"X"}' "${candidate[@]}"
    send 403 POST /api/v1/candidates '{"name":"X"}' "${admin_nocsrf[@]}"
    send 413 POST /api/v1/candidates "{\"name\":\"$long\"}" "${recruiter[@]}"
    call 413 POST /api/v1/candidates "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/candidates "${recruiter[@]}" -H 'Content-Type: text/plain' -d '{"name":"X"}'
    call 200 GET /api/v1/candidates "${recruiter[@]}"
    [ "$(field '.total')" = 2 ] || fail "not the 2 candidates"
    call 304 GET /api/v1/candidates "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/candidates?stage=applied&role=backend-developer-senior&limit=1' "${admin[@]}"
    [ "$(field '[.total, (.items | length), .items[0].id] | join(" ")')" = "1 1 $cand" ] ||
        fail "GET /api/v1/candidates does not filter"
    call 200 GET '/api/v1/candidates?limit=1&offset=5' "${admin[@]}"
    [ "$(field '[.total, (.items | length)] | join(" ")')" = "2 0" ] || fail "a page past the end"
    call 200 GET '/api/v1/candidates?q=OKAFOR' "${recruiter[@]}"
    [ "$(field '[.total, .items[0].id] | join(" ")')" = "1 $cand" ] || fail "q does not find a name in another case"
    call 200 GET '/api/v1/candidates?q=amara.okafor%40' "${recruiter[@]}"
    [ "$(field .total)" = 1 ] || fail "q does not find an email"
    call 200 GET '/api/v1/candidates?q=nobody-by-that-name&offset=1' "${recruiter[@]}"
    [ "$(field .total)" = 0 ] || fail "q matches what it should not"
    call 400 GET "/api/v1/candidates?q=$(head -c 201 /dev/zero | tr '\0' q)" "${recruiter[@]}"
    [ "$(field .field)" = q ] || fail "400 on a long q, not naming it"
    call 400 GET '/api/v1/candidates?stage=hiring' "${recruiter[@]}"
    call 400 GET '/api/v1/candidates?limit=0' "${recruiter[@]}"
    call 401 GET /api/v1/candidates
    call 403 GET /api/v1/candidates "${interviewer[@]}"
    call 403 GET /api/v1/candidates "${candidate[@]}"
    call 200 GET "/api/v1/candidates/$cand" "${recruiter[@]}"
    call 304 GET "/api/v1/candidates/$cand" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 HEAD "/api/v1/candidates/$cand" "${recruiter[@]}"
    call 401 GET "/api/v1/candidates/$cand"
    call 403 GET "/api/v1/candidates/$cand" "${interviewer[@]}"
    call 403 GET "/api/v1/candidates/$cand" "${candidate[@]}"
    call 404 GET /api/v1/candidates/999 "${recruiter[@]}"
    call 404 GET /api/v1/candidates/abc "${recruiter[@]}"

    # ---- resumes: multipart uploads, parsed on arrival ----
    printf '\x89PNG\r\n\x1a\n\0\0\0\0' >photo.png
    head -c 300000 /dev/zero | tr '\0' 'x' >big.txt # over upload_max (256 KiB here)
    upload 201 "/api/v1/resumes?candidate=$cand" "$DATA/resumes/plain.txt" photo.png \
        "$DATA/resumes/markdown.md;filename=../../tomasz.md" -- "${recruiter[@]}"
    [ "$(field '[.items[].filename] | join(" ")')" = "plain.txt photo.png tomasz.md" ] ||
        fail "POST /api/v1/resumes: not the three files, by their base names"
    [ "$(field '.items[0].error == null and .items[0].format == "text" and .items[1].format == null and (.items[1].error | length) > 0')" = true ] ||
        fail "POST /api/v1/resumes: the image is not marked unreadable"
    local r_amara r_photo r_tomasz r_loose
    r_amara=$(field '.items[0].id')
    r_photo=$(field '.items[1].id')
    r_tomasz=$(field '.items[2].id')
    upload 201 /api/v1/resumes "$DATA/resumes/plain.txt;filename=$(printf 'caf\xe9.txt')" -- "${admin[@]}"
    r_loose=$(field '.items[0].id')
    [ "$(field '.items[0].filename')" = caf_.txt ] || fail "a file name not in UTF-8 is kept as it is"
    upload 400 '/api/v1/resumes?candidate=999' "$DATA/resumes/plain.txt" -- "${recruiter[@]}"
    [ "$(field .field)" = candidate ] || fail "400 on an unknown candidate, not naming it"
    upload 400 '/api/v1/resumes?candidate=abc' "$DATA/resumes/plain.txt" -- "${recruiter[@]}"
    [ "$(field .field)" = candidate ] || fail "400 on a bad candidate id, not naming it"
    call 400 POST /api/v1/resumes "${recruiter[@]}" -F 'note=no file here'
    [ "$(field .field)" = files ] || fail "400 on an upload with no file, not naming it"
    call 400 POST /api/v1/resumes "${recruiter[@]}" -H 'Content-Type: multipart/form-data' --data-binary 'no boundary'
    upload 401 /api/v1/resumes "$DATA/resumes/plain.txt"
    upload 403 /api/v1/resumes "$DATA/resumes/plain.txt" -- "${interviewer[@]}"
    upload 403 /api/v1/resumes "$DATA/resumes/plain.txt" -- "${candidate[@]}"
    upload 403 /api/v1/resumes "$DATA/resumes/plain.txt" -- "${admin_nocsrf[@]}"
    upload 413 /api/v1/resumes big.txt -- "${recruiter[@]}"
    send 415 POST "/api/v1/resumes?candidate=$cand" '{"file":"plain.txt"}' "${recruiter[@]}"
    call 200 GET "/api/v1/resumes/$r_amara" "${recruiter[@]}"
    [ "$(field ".candidate == $cand and .parsed.name == \"Amara Okafor\" and .parsed.file == \"plain.txt\" and (has(\"hash\") | not)")" = true ] ||
        fail "GET /api/v1/resumes/{id}: not the parse, or with the hash"
    call 304 GET "/api/v1/resumes/$r_amara" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET "/api/v1/resumes/$r_photo" "${admin[@]}"
    [ "$(field '.parsed == null and .format == null')" = true ] || fail "an unreadable resume with a parse"
    call 200 GET "/api/v1/resumes/$r_loose" "${admin[@]}"
    call 401 GET "/api/v1/resumes/$r_amara"
    call 403 GET "/api/v1/resumes/$r_amara" "${interviewer[@]}"
    call 403 GET "/api/v1/resumes/$r_amara" "${candidate[@]}"
    call 404 GET /api/v1/resumes/999 "${recruiter[@]}"
    call 404 GET /api/v1/resumes/-1 "${recruiter[@]}"
    # the original, byte for byte, as bytes (an HTML resume must never render in the app)
    call 200 GET "/api/v1/resumes/$r_tomasz/original" "${recruiter[@]}"
    cmp -s body "$DATA/resumes/markdown.md" || fail "GET /api/v1/resumes/{id}/original: not the file uploaded"
    grep -qi '^content-type: application/octet-stream' headers || fail "an original not sent as bytes"
    call 304 GET "/api/v1/resumes/$r_tomasz/original" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 401 GET "/api/v1/resumes/$r_tomasz/original"
    call 403 GET "/api/v1/resumes/$r_tomasz/original" "${interviewer[@]}"
    call 404 GET /api/v1/resumes/999/original "${recruiter[@]}"
    call 200 GET "/api/v1/candidates/$cand" "${recruiter[@]}"
    [ "$(field '.resumes | length')" = 3 ] || fail "the candidate does not list the 3 resumes"

    # ---- screenings: background jobs, polled ----
    local sid
    send 202 POST /api/v1/screenings "{\"role\":\"backend-developer-senior\",\"resumes\":[$r_amara,$r_tomasz,$r_amara]}" "${recruiter[@]}"
    sid=$(field .id)
    grep -qi "^location: /api/v1/screenings/$sid" headers || fail "202 without Location"
    [ "$(field '.total == 2 and .blind == false and .criteria.id == "backend-developer-senior"')" = true ] ||
        fail "POST /api/v1/screenings: not the job asked for"
    poll "/api/v1/screenings/$sid" "${recruiter[@]}"
    local open_sid=$sid # (for the fairness audit below)
    ! grep -qi '^etag:' headers || fail "GET /api/v1/screenings/{id} with an ETag"
    [ "$(field '.done == 2 and .failed == 0 and .finished_at != null')" = true ] || fail "not every resume screened"
    call 200 GET "/api/v1/screenings/$sid/results" "${recruiter[@]}"
    [ "$(field '.total == 2 and .items[0].rank == 1 and .items[0].score >= .items[1].score and .items[0].name == "Amara Okafor" and .items[0].filename == "plain.txt"')" = true ] ||
        fail "GET /api/v1/screenings/{id}/results: not the ranking"
    call 304 GET "/api/v1/screenings/$sid/results" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET "/api/v1/screenings/$sid/results?limit=1&offset=1" "${admin[@]}"
    [ "$(field '[.total, .limit, .offset, (.items | length), .items[0].rank] | join(" ")')" = "2 1 1 1 2" ] ||
        fail "GET /api/v1/screenings/{id}/results does not page"
    call 200 GET "/api/v1/screenings/$sid/results?offset=10" "${admin[@]}"
    [ "$(field '[.total, (.items | length)] | join(" ")')" = "2 0" ] || fail "a page past the end"
    call 400 GET "/api/v1/screenings/$sid/results?limit=501" "${recruiter[@]}"
    call 400 GET "/api/v1/screenings/$sid/results?offset=-1" "${recruiter[@]}"
    call 401 GET "/api/v1/screenings/$sid/results"
    call 403 GET "/api/v1/screenings/$sid/results" "${interviewer[@]}"
    call 403 GET "/api/v1/screenings/$sid/results" "${candidate[@]}"
    call 404 GET /api/v1/screenings/999/results "${recruiter[@]}"
    call 404 GET /api/v1/screenings/abc/results "${recruiter[@]}"
    call 401 GET "/api/v1/screenings/$sid"
    call 403 GET "/api/v1/screenings/$sid" "${interviewer[@]}"
    call 403 GET "/api/v1/screenings/$sid" "${candidate[@]}"
    call 404 GET /api/v1/screenings/999 "${recruiter[@]}"
    call 404 GET /api/v1/screenings/0 "${recruiter[@]}"
    # blind, against a job description, with a resume that cannot be scored
    local job
    job=$(jq -Rs . <"$DATA/jobs/senior-backend-go.txt")
    send 202 POST /api/v1/screenings "{\"job\":$job,\"blind\":true,\"resumes\":[$r_amara,$r_photo,$r_tomasz],\"role\":null}" "${admin[@]}"
    sid=$(field .id)
    poll "/api/v1/screenings/$sid" "${admin[@]}"
    [ "$(field '.role == "job" and .blind and .total == 3 and .failed == 1')" = true ] ||
        fail "the blind screening: not 3 resumes with 1 failed"
    local criteria
    criteria=$(jq -c .criteria body)
    # the score audit, the open screening against this blind one (fairness)
    call 200 GET "/api/v1/fairness/audit?screening=$open_sid&compare=$sid" "${recruiter[@]}"
    [ "$(field '.results == 2 and (.features | length) == 5 and .blind_comparison.common == .results and .blind_comparison.blind == true')" = true ] ||
        fail "fairness audit: not five criteria and the blind screening compared: $(cat body)"
    [ "$(field '.proxies == null')" = true ] || fail "a recruiter's audit read self-identification"
    # an admin's has the proxy test (no answers here: nothing tested)
    call 200 GET "/api/v1/fairness/audit?screening=$open_sid" "${admin[@]}"
    [ "$(field '.proxies.tested == 0 and .proxies.flagged == []')" = true ] ||
        fail "fairness audit: an admin's has no proxy test: $(cat body)"
    call 400 GET /api/v1/fairness/audit "${recruiter[@]}"
    call 401 GET "/api/v1/fairness/audit?screening=$open_sid"
    call 403 GET "/api/v1/fairness/audit?screening=$open_sid" "${interviewer[@]}"
    call 404 GET /api/v1/fairness/audit?screening=999 "${recruiter[@]}"
    # its report: CSV with one row per ranked resume and no name (blind), and the HTML page
    call 200 GET "/api/v1/screenings/$sid/report?format=csv" "${admin[@]}"
    grep -qi '^content-type: text/csv' headers || fail "the CSV report is not text/csv"
    [ "$(head -1 body | tr -d '\r' | cut -d, -f1-3)" = "rank,id,score" ] || fail "the CSV report's header"
    [ "$(wc -l <body)" = 3 ] || fail "the CSV report: not a header and 2 ranked rows"
    ! grep -q 'name,email' body || fail "a blind CSV report with names"
    call 304 GET "/api/v1/screenings/$sid/report?format=csv" "${admin[@]}" -H "If-None-Match: $(etag)"
    call 200 GET "/api/v1/screenings/$sid/report?format=html" "${recruiter[@]}"
    grep -q '<svg' body && grep -qi 'must-have' body || fail "the HTML report without its charts or criteria"
    call 400 GET "/api/v1/screenings/$sid/report?format=xlsx" "${recruiter[@]}"
    [ "$(field .field)" = format ] || fail "400 on an unknown format, not naming it"
    call 401 GET "/api/v1/screenings/$sid/report?format=csv"
    call 403 GET "/api/v1/screenings/$sid/report?format=csv" "${interviewer[@]}"
    call 404 GET "/api/v1/screenings/999/report?format=csv" "${recruiter[@]}"
    # the criteria read before screening are those the screening ran with
    send 200 POST /api/v1/jobs/read "{\"job\":$job}" "${recruiter[@]}"
    [ "$(jq -c . body)" = "$criteria" ] || fail "POST /api/v1/jobs/read: not the criteria the screening used"
    [ "$(field '.must_have | length > 0')" = true ] || fail "no must-have read from the job"
    send 200 POST /api/v1/jobs/read '{"job":"We like kind people who enjoy long walks."}' "${recruiter[@]}"
    [ "$(field '.must_have == [] and .nice_to_have == []')" = true ] ||
        fail "POST /api/v1/jobs/read: skills read from a text that names none"
    send 400 POST /api/v1/jobs/read '{"job":"  \n "}' "${recruiter[@]}"
    [ "$(field .field)" = job ] || fail "400 on an empty job, not naming it"
    send 400 POST /api/v1/jobs/read '{"job":"Go","extra":1}' "${recruiter[@]}"
    send 401 POST /api/v1/jobs/read '{"job":"Go"}'
    send 403 POST /api/v1/jobs/read '{"job":"Go"}' "${interviewer[@]}"
    send 413 POST /api/v1/jobs/read "{\"job\":\"$(head -c 65537 /dev/zero | tr '\0' g)\"}" "${recruiter[@]}"
    call 415 POST /api/v1/jobs/read "${recruiter[@]}" -d '{"job":"Go"}'
    call 200 GET "/api/v1/screenings/$sid/results" "${admin[@]}"
    [ "$(field 'all(.items[]; (has("name") or has("filename")) | not) and .items[2].rank == 3 and .items[2].resume == '"$r_photo"' and (.items[2] | has("error"))')" = true ] ||
        fail "blind results with names, or the unreadable resume not last"
    # the criteria read from a job, overridden as `rubric screen --must --nice --years` does
    send 202 POST /api/v1/screenings "{\"job\":$job,\"must\":[\"golang\",\"oracle|postgres\"],\"nice\":[\"redis\"],\"years\":2,\"resumes\":[$r_amara]}" "${recruiter[@]}"
    [ "$(field '[.criteria.must_have[].skill] == ["go", "oracle database", "postgresql"] and (.criteria.must_have[0] | has("group") | not) and .criteria.must_have[1].group == .criteria.must_have[2].group and .criteria.min_years == 2 and ([.criteria.nice_to_have[].skill] == ["redis"])')" = true ] ||
        fail "POST /api/v1/screenings: must, nice and years not applied"
    poll "/api/v1/screenings/$(field .id)" "${recruiter[@]}"
    send 400 POST /api/v1/screenings "{\"job\":$job,\"must\":[\"cobolt\"]}" "${recruiter[@]}"
    # every readable resume, by default
    send 202 POST /api/v1/screenings '{"role":"backend-developer-mid","blind":false,"job":null,"resumes":null}' "${recruiter[@]}"
    [ "$(field .total)" = 3 ] || fail "not every readable resume screened by default"
    poll "/api/v1/screenings/$(field .id)" "${recruiter[@]}"
    send 400 POST /api/v1/screenings '{"role":"backend-developer-mid","top":5}' "${recruiter[@]}"
    [ "$(field .field)" = top ] || fail "400 on an unknown field, not naming it"
    send 400 POST /api/v1/screenings '{}' "${recruiter[@]}"
    send 400 POST /api/v1/screenings '{"role":"backend-developer-mid","job":"Go and PostgreSQL"}' "${recruiter[@]}"
    send 400 POST /api/v1/screenings '{"role":"no-such-role"}' "${recruiter[@]}"
    [ "$(field .field)" = role ] || fail "400 on an unknown role, not naming it"
    send 400 POST /api/v1/screenings '{"job":"We are hiring a nice person.","years":51}' "${recruiter[@]}"
    [ "$(field .field)" = years ] || fail "400 on years out of bounds, not naming it"
    send 400 POST /api/v1/screenings '{"role":"backend-developer-mid","resumes":[999]}' "${recruiter[@]}"
    [ "$(field .field)" = resumes ] || fail "400 on an unknown resume, not naming it"
    send 400 POST /api/v1/screenings '{"role":"backend-developer-mid","resumes":["1"]}' "${recruiter[@]}"
    send 400 POST /api/v1/screenings '{"role":"backend-developer-mid","resumes":[0]}' "${recruiter[@]}"
    send 400 POST /api/v1/screenings '{"role":"backend-developer-mid","resumes":[]}' "${recruiter[@]}"
    send 400 POST /api/v1/screenings '{"role":"backend-developer-mid","blind":"yes"}' "${recruiter[@]}"
    send 400 POST /api/v1/screenings '{"role":' "${recruiter[@]}"
    send 401 POST /api/v1/screenings '{"role":"backend-developer-mid"}'
    send 403 POST /api/v1/screenings '{"role":"backend-developer-mid"}' "${interviewer[@]}"
    send 403 POST /api/v1/screenings '{"role":"backend-developer-mid"}' "${candidate[@]}"
    send 403 POST /api/v1/screenings '{"role":"backend-developer-mid"}' "${admin_nocsrf[@]}"
    send 413 POST /api/v1/screenings "{\"job\":\"$(head -c 65537 /dev/zero | tr '\0' g)\"}" "${recruiter[@]}"
    call 413 POST /api/v1/screenings "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/screenings "${recruiter[@]}" -d '{"role":"backend-developer-mid"}'

    # ---- loops: stages, interviews, scorecards under the panel rule ----
    local iid tpl rcard icard q
    send 200 POST "/api/v1/candidates/$cand/stage" '{"stage":"interviewing","reason":"strong screen"}' "${recruiter[@]}"
    [ "$(field '.stage == "interviewing" and .history[-1].reason == "strong screen"')" = true ] ||
        fail "POST /api/v1/candidates/{id}/stage: not moved"
    send 409 POST "/api/v1/candidates/$cand/stage" '{"stage":"interviewing"}' "${recruiter[@]}"
    send 400 POST "/api/v1/candidates/$cand/stage" '{"stage":"promoted"}' "${recruiter[@]}"
    send 400 POST "/api/v1/candidates/$cand/stage" '{"stage":"offer","why":"x"}' "${recruiter[@]}"
    send 404 POST /api/v1/candidates/999/stage '{"stage":"offer"}' "${recruiter[@]}"
    send 401 POST "/api/v1/candidates/$cand/stage" '{"stage":"offer"}'
    send 403 POST "/api/v1/candidates/$cand/stage" '{"stage":"offer"}' "${interviewer[@]}"
    send 413 POST "/api/v1/candidates/$cand/stage" "{\"stage\":\"offer\",\"reason\":\"$(head -c 1001 /dev/zero | tr '\0' n)\"}" "${recruiter[@]}"
    call 415 POST "/api/v1/candidates/$cand/stage" "${recruiter[@]}" -H 'Content-Type: text/plain' -d '{}'
    send 201 POST /api/v1/interviews "{\"candidate\":$cand,\"stage\":\"technical\",\"interviewers\":[\"interviewer@example.org\",\"recruiter@example.org\"],\"minutes\":45,\"seed\":5,\"scheduled_at\":\"2026-12-01T10:00:00Z\"}" "${recruiter[@]}"
    iid=$(field .id)
    grep -qi "^location: /api/v1/interviews/$iid" headers || fail "201 without Location"
    send 400 POST /api/v1/interviews "{\"candidate\":$cand,\"stage\":\"lunch\",\"interviewers\":[\"interviewer@example.org\"]}" "${recruiter[@]}"
    send 400 POST /api/v1/interviews "{\"candidate\":$cand,\"stage\":\"technical\",\"interviewers\":[\"candidate@example.org\"]}" "${recruiter[@]}"
    send 400 POST /api/v1/interviews '{"candidate":999,"stage":"technical","interviewers":["interviewer@example.org"]}' "${admin[@]}"
    send 401 POST /api/v1/interviews '{}'
    send 403 POST /api/v1/interviews '{}' "${interviewer[@]}"
    call 413 POST /api/v1/interviews "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/interviews "${recruiter[@]}" -d '{}'
    call 200 GET /api/v1/interviewers "${recruiter[@]}"
    [ "$(field '[.items[].email] | index("interviewer@example.org") != null and index("candidate@example.org") == null')" = true ] ||
        fail "GET /api/v1/interviewers: not the staff who may interview"
    call 304 GET /api/v1/interviewers "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 401 GET /api/v1/interviewers
    call 403 GET /api/v1/interviewers "${interviewer[@]}"
    call 200 GET /api/v1/interviews "${interviewer[@]}"
    [ "$(field '.total == 1 and .items[0].scorecards == 0')" = true ] || fail "the interviewer's interviews"
    [ "$(field '.items[0] | [.candidate_name, (.panel | map(.email + ":" + (.scorecard | tostring)) | join(","))] | join(" ")')" = "Amara Okafor interviewer@example.org:null,recruiter@example.org:null" ] ||
        fail "an interview's summary lacks the candidate's name or the panel"
    call 304 GET /api/v1/interviews "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/interviews?mine=true&waiting=true' "${recruiter[@]}"
    [ "$(field .total)" = 1 ] || fail "the recruiter's interview waiting for a scorecard"
    call 200 GET '/api/v1/interviews?mine=true' "${admin[@]}"
    [ "$(field .total)" = 0 ] || fail "mine=true lists interviews the admin is not on"
    call 400 GET '/api/v1/interviews?waiting=yes' "${recruiter[@]}"
    [ "$(field .field)" = waiting ] || fail "400 on waiting=yes, not naming it"
    call 200 GET "/api/v1/interviews?candidate=$cand&limit=1" "${admin[@]}"
    call 400 GET '/api/v1/interviews?candidate=x' "${admin[@]}"
    call 401 GET /api/v1/interviews
    call 403 GET /api/v1/interviews "${candidate[@]}"
    call 200 GET "/api/v1/interviews/$iid" "${interviewer[@]}"
    call 304 GET "/api/v1/interviews/$iid" "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 401 GET "/api/v1/interviews/$iid"
    call 403 GET "/api/v1/interviews/$iid" "${candidate[@]}"
    call 404 GET /api/v1/interviews/999 "${admin[@]}"
    call 200 GET "/api/v1/interviews/$iid/scorecard-template" "${interviewer[@]}"
    tpl=$(cat body)
    call 304 GET "/api/v1/interviews/$iid/scorecard-template" "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 401 GET "/api/v1/interviews/$iid/scorecard-template"
    call 403 GET "/api/v1/interviews/$iid/scorecard-template" "${candidate[@]}"
    call 404 GET /api/v1/interviews/999/scorecard-template "${admin[@]}"
    # scorecard drafts: the author's own, gone once the scorecard is submitted
    call 404 GET "/api/v1/interviews/$iid/draft" "${interviewer[@]}"
    send 200 PUT "/api/v1/interviews/$iid/draft" "$(jq -c '{draft: (.ratings[0].rating = 3 | .ratings[0].notes = "halfway")}' <<<"$tpl")" "${interviewer[@]}"
    [ "$(field .revision)" = 1 ] || fail "a first draft is not revision 1"
    send 200 PUT "/api/v1/interviews/$iid/draft" "$(jq -c '{draft: (.ratings[0].rating = 2), revision: 1}' <<<"$tpl")" "${interviewer[@]}"
    [ "$(field .revision)" = 2 ] || fail "a second save is not revision 2"
    send 409 PUT "/api/v1/interviews/$iid/draft" '{"draft":{"notes":"from an old tab"},"revision":1}' "${interviewer[@]}"
    [ "$(field .field)" = revision ] || fail "409 on a stale draft, not naming revision"
    send 400 PUT "/api/v1/interviews/$iid/draft" '{"draft":[1]}' "${interviewer[@]}"
    send 400 PUT "/api/v1/interviews/$iid/draft" '{"draft":{},"revision":0}' "${interviewer[@]}"
    [ "$(field .field)" = revision ] || fail "400 on revision 0, not naming it"
    send 401 PUT "/api/v1/interviews/$iid/draft" '{"draft":{}}'
    send 403 PUT "/api/v1/interviews/$iid/draft" '{"draft":{}}' "${admin[@]}"
    send 403 PUT "/api/v1/interviews/$iid/draft" '{"draft":{}}' "${candidate[@]}"
    send 404 PUT /api/v1/interviews/999/draft '{"draft":{}}' "${interviewer[@]}"
    call 413 PUT "/api/v1/interviews/$iid/draft" "${interviewer[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 PUT "/api/v1/interviews/$iid/draft" "${interviewer[@]}" -d '{"draft":{}}'
    call 200 GET "/api/v1/interviews/$iid/draft" "${interviewer[@]}"
    [ "$(field '.revision == 2 and .candidate == '"$cand"' and .draft.ratings[0].rating == 2 and .draft.ratings[0].notes == null')" = true ] ||
        fail "GET /api/v1/interviews/{id}/draft: not the draft last saved"
    call 404 GET "/api/v1/interviews/$iid/draft" "${recruiter[@]}"
    call 403 GET "/api/v1/interviews/$iid/draft" "${admin[@]}"
    call 403 GET "/api/v1/interviews/$iid/draft" "${candidate[@]}"
    call 401 GET "/api/v1/interviews/$iid/draft"
    call 404 GET /api/v1/interviews/999/draft "${interviewer[@]}"
    send 200 PUT "/api/v1/interviews/$iid/draft" '{"draft":{"notes":"to throw away"}}' "${recruiter[@]}"
    call 204 DELETE "/api/v1/interviews/$iid/draft" "${recruiter[@]}"
    call 404 DELETE "/api/v1/interviews/$iid/draft" "${recruiter[@]}"
    call 401 DELETE "/api/v1/interviews/$iid/draft"
    call 403 DELETE "/api/v1/interviews/$iid/draft" "${candidate[@]}"
    send 200 PUT "/api/v1/interviews/$iid/draft" '{"draft":{"notes":"until submitted"}}' "${recruiter[@]}"
    send 201 POST "/api/v1/interviews/$iid/scorecards" "$(jq -c '.recommendation = "yes" | .ratings |= map(.rating = 3)' <<<"$tpl")" "${recruiter[@]}"
    rcard=$(field .id)
    grep -qi "^location: /api/v1/scorecards/$rcard" headers || fail "201 without Location"
    call 404 GET "/api/v1/interviews/$iid/draft" "${recruiter[@]}"
    send 409 PUT "/api/v1/interviews/$iid/draft" '{"draft":{}}' "${recruiter[@]}"
    call 200 GET '/api/v1/interviews?waiting=true' "${recruiter[@]}"
    [ "$(field .total)" = 0 ] || fail "an interview still waiting after the recruiter's scorecard"
    call 200 GET '/api/v1/interviews?waiting=true' "${interviewer[@]}"
    [ "$(field '[.total, (.items[0].panel | map(.scorecard != null) | join(","))] | join(" ")')" = "1 false,true" ] ||
        fail "the interviewer's waiting interview, with the recruiter's card in"
    call 200 GET "/api/v1/candidates/$cand/scorecards" "${interviewer[@]}"
    [ "$(field '.items == [] and .complete == false')" = true ] || fail "a pending panel member sees others' scorecards"
    call 403 GET "/api/v1/scorecards/$rcard" "${interviewer[@]}"
    send 400 POST "/api/v1/interviews/$iid/scorecards" "$(jq -c '.recommendation = "maybe" | .ratings[0].rating = 2' <<<"$tpl")" "${interviewer[@]}"
    [ "$(field .field)" = recommendation ] || fail "400 not naming the recommendation"
    send 400 POST "/api/v1/interviews/$iid/scorecards" '{"recommendation":"yes"}' "${interviewer[@]}"
    send 201 POST "/api/v1/interviews/$iid/scorecards" "$(jq -c '.recommendation = "strong no" | .notes = "unsure on retries" | .ratings |= map(.rating = 2 | .notes = "thin")' <<<"$tpl")" "${interviewer[@]}"
    icard=$(field .id)
    send 409 POST "/api/v1/interviews/$iid/scorecards" "$(jq -c '.recommendation = "yes" | .ratings[0].rating = 4' <<<"$tpl")" "${interviewer[@]}"
    send 403 POST "/api/v1/interviews/$iid/scorecards" "$(jq -c '.recommendation = "yes" | .ratings[0].rating = 2' <<<"$tpl")" "${admin[@]}"
    send 404 POST /api/v1/interviews/999/scorecards '{"recommendation":"yes"}' "${admin[@]}"
    send 401 POST "/api/v1/interviews/$iid/scorecards" '{}'
    call 413 POST "/api/v1/interviews/$iid/scorecards" "${interviewer[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST "/api/v1/interviews/$iid/scorecards" "${interviewer[@]}" -d '{}'
    call 200 GET "/api/v1/interviews/$iid/scorecards" "${interviewer[@]}"
    [ "$(field '(.items | length) == 2 and .complete')" = true ] || fail "the panel's scorecards once both are in"
    call 401 GET "/api/v1/interviews/$iid/scorecards"
    call 403 GET "/api/v1/interviews/$iid/scorecards" "${candidate[@]}"
    call 404 GET /api/v1/interviews/999/scorecards "${admin[@]}"
    call 200 GET "/api/v1/candidates/$cand/scorecards" "${admin[@]}"
    call 401 GET "/api/v1/candidates/$cand/scorecards"
    call 403 GET "/api/v1/candidates/$cand/scorecards" "${candidate[@]}"
    call 404 GET /api/v1/candidates/999/scorecards "${admin[@]}"
    call 200 GET "/api/v1/scorecards/$rcard" "${interviewer[@]}"
    call 401 GET "/api/v1/scorecards/$rcard"
    call 404 GET /api/v1/scorecards/999 "${admin[@]}"
    q=$(jq -r '.ratings[0].question' <<<"$tpl")
    send 200 POST "/api/v1/scorecards/$icard/amendments" "{\"reason\":\"misread my notes\",\"changes\":{\"recommendation\":\"no\",\"ratings\":[{\"question\":\"$q\",\"rating\":3}]}}" "${interviewer[@]}"
    [ "$(field '.recommendation == "no" and .original.recommendation == "strong-no" and (.amendments | length) >= 2')" = true ] ||
        fail "the amendment did not keep the original"
    send 400 POST "/api/v1/scorecards/$icard/amendments" '{"reason":"again","changes":{"recommendation":"no"}}' "${interviewer[@]}"
    send 400 POST "/api/v1/scorecards/$icard/amendments" '{"changes":{}}' "${interviewer[@]}"
    send 403 POST "/api/v1/scorecards/$icard/amendments" '{"reason":"not mine","changes":{"notes":"x"}}' "${recruiter[@]}"
    send 404 POST /api/v1/scorecards/999/amendments '{"reason":"x","changes":{"notes":"x"}}' "${admin[@]}"
    send 401 POST "/api/v1/scorecards/$icard/amendments" '{}'
    call 413 POST "/api/v1/scorecards/$icard/amendments" "${interviewer[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST "/api/v1/scorecards/$icard/amendments" "${interviewer[@]}" -d '{}'
    # ---- debriefs and insight (a loop made with the command line on the same store) ----
    local tomasz dcand iv db=(--db "sqlite:$PWD/api.db")
    call 200 GET '/api/v1/candidates?limit=50' "${admin[@]}"
    tomasz=$(field '.items[] | select(.name == "Tomasz Nowak") | .id')
    send 201 POST /api/v1/candidates '{"name":"Ines Example","role":"backend-developer-senior"}' "${recruiter[@]}"
    dcand=$(field .id)
    iv=$("$RUBRIC" "${db[@]}" interview create "$dcand" --stage technical --seed 7 \
        --interviewer interviewer@example.org) || fail "interview create"
    "$RUBRIC" "${db[@]}" scorecard template "$iv" --json |
        jq '.recommendation = "yes" | .ratings |= map(.rating = 3)' >card.json
    call 403 GET "/api/v1/candidates/$dcand/debrief" "${interviewer[@]}"
    grep -q 'submit your scorecard' body || fail "403 without saying to submit first"
    "$RUBRIC" "${db[@]}" scorecard submit "$iv" --as interviewer@example.org card.json >/dev/null ||
        fail "scorecard submit"
    call 200 GET "/api/v1/candidates/$dcand/debrief" "${interviewer[@]}"
    call 200 GET "/api/v1/candidates/$dcand/debrief" "${recruiter[@]}"
    # every rated competency has the one rating (which competencies the kit holds depends on the bank)
    [ "$(field '.recommendation_counts.yes == 1 and .summary.scorecards == 1 and ([.competencies[].ratings | length] | max) == 1')" = true ] ||
        fail "GET /api/v1/candidates/{id}/debrief: not the scorecard submitted"
    call 304 GET "/api/v1/candidates/$dcand/debrief" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET "/api/v1/candidates/$cand/debrief" "${admin[@]}"
    call 400 GET "/api/v1/candidates/$tomasz/debrief" "${admin[@]}"
    call 401 GET "/api/v1/candidates/$dcand/debrief"
    call 403 GET "/api/v1/candidates/$dcand/debrief" "${candidate[@]}"
    call 404 GET /api/v1/candidates/999/debrief "${recruiter[@]}"
    call 404 GET /api/v1/candidates/abc/debrief "${recruiter[@]}"
    call 200 GET /api/v1/roles/backend-developer-senior/comparison "${recruiter[@]}"
    [ "$(field "any(.candidates[]; .candidate == $dcand)")" = true ] || fail "the comparison lacks the candidate"
    call 304 GET /api/v1/roles/backend-developer-senior/comparison "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET /api/v1/roles/backend-developer-mid/comparison "${admin[@]}"
    call 401 GET /api/v1/roles/backend-developer-senior/comparison
    call 403 GET /api/v1/roles/backend-developer-senior/comparison "${interviewer[@]}"
    call 404 GET /api/v1/roles/no-such-role/comparison "${recruiter[@]}"
    call 200 GET /api/v1/insight/interviewers "${recruiter[@]}"
    call 304 GET /api/v1/insight/interviewers "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/insight/interviewers?role=backend-developer-senior&min=1' "${admin[@]}"
    call 400 GET '/api/v1/insight/interviewers?min=0' "${admin[@]}"
    call 400 GET '/api/v1/insight/interviewers?role=no-such-role' "${admin[@]}"
    call 401 GET /api/v1/insight/interviewers
    call 403 GET /api/v1/insight/interviewers "${interviewer[@]}"
    call 200 GET /api/v1/insight/questions "${recruiter[@]}"
    [ "$(field '(.questions | length) > 0 and .questions[0].title != null')" = true ] ||
        fail "GET /api/v1/insight/questions: no rated question with its title"
    call 304 GET /api/v1/insight/questions "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/insight/questions?role=backend-developer-senior&min=2' "${admin[@]}"
    call 400 GET '/api/v1/insight/questions?min=many' "${admin[@]}"
    call 401 GET /api/v1/insight/questions
    call 403 GET /api/v1/insight/questions "${candidate[@]}"

    # ---- data protection: export, the audit log, erase ----
    call 200 GET "/api/v1/candidates/$cand/export" "${recruiter[@]}"
    [ "$(field '.candidate.name == "Amara Okafor" and (.resumes | length) == 3 and (.screenings | length) >= 2 and (.files | length) == 3 and (.interviews | length) >= 1 and (.scorecards | length) >= 1')" = true ] ||
        fail "GET /api/v1/candidates/{id}/export: not everything held"
    ! grep -qi '^etag:' headers || fail "an export with an ETag"
    call 401 GET "/api/v1/candidates/$cand/export"
    call 403 GET "/api/v1/candidates/$cand/export" "${interviewer[@]}"
    call 403 GET "/api/v1/candidates/$cand/export" "${candidate[@]}"
    call 404 GET /api/v1/candidates/999/export "${admin[@]}"
    call 200 GET "/api/v1/audit?candidate=$cand&action=view&actor=Recruiter@Example.org&since=2000-01-01&limit=5" "${admin[@]}"
    [ "$(field '.total > 0 and all(.items[]; .candidate == '"$cand"' and .action == "view")')" = true ] ||
        fail "GET /api/v1/audit: not the recruiter's views"
    call 200 GET /api/v1/audit "${admin[@]}"
    call 400 GET '/api/v1/audit?action=delete' "${admin[@]}"
    call 400 GET '/api/v1/audit?since=yesterday' "${admin[@]}"
    call 401 GET /api/v1/audit
    call 403 GET /api/v1/audit "${recruiter[@]}"
    send 400 POST "/api/v1/candidates/$cand/erase" '{"confirm":false}' "${admin[@]}"
    send 400 POST "/api/v1/candidates/$cand/erase" '{"confirm":true,"files":false}' "${admin[@]}"
    send 400 POST "/api/v1/candidates/$cand/erase" '{}' "${admin[@]}"
    send 401 POST "/api/v1/candidates/$cand/erase" '{"confirm":true}'
    send 403 POST "/api/v1/candidates/$cand/erase" '{"confirm":true}' "${recruiter[@]}"
    send 403 POST "/api/v1/candidates/$cand/erase" '{"confirm":true}' "${admin_nocsrf[@]}"
    send 404 POST /api/v1/candidates/999/erase '{"confirm":true}' "${admin[@]}"
    call 413 POST "/api/v1/candidates/$cand/erase" "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST "/api/v1/candidates/$cand/erase" "${admin[@]}" -H 'Content-Type: text/plain' -d '{"confirm":true}'
    send 200 POST "/api/v1/candidates/$cand/erase" '{"confirm":true}' "${admin[@]}"
    # plain.txt stays: the same bytes were uploaded for nobody (caf_.txt)
    [ "$(field '.resumes == 3 and .files_removed == 2 and .scorecards >= 1 and .storage_clean')" = true ] ||
        fail "POST /api/v1/candidates/{id}/erase: not erased"
    call 200 GET "/api/v1/resumes/$r_loose/original" "${admin[@]}"
    cmp -s body "$DATA/resumes/plain.txt" || fail "an original another resume refers to was erased"
    call 200 GET "/api/v1/candidates/$cand" "${admin[@]}"
    [ "$(field '.name == "[erased]" and .email == null and .resumes == []')" = true ] ||
        fail "the erased candidate is not a tombstone"
    call 200 GET "/api/v1/candidates/$cand/export" "${admin[@]}"
    # ---- practice: any signed-in user, for themselves ----
    call 401 GET /api/v1/practice/next
    call 400 GET '/api/v1/practice/next?level=guru' "${candidate[@]}"
    call 400 GET '/api/v1/practice/next?role=no-such-role' "${candidate[@]}"
    call 200 GET '/api/v1/practice/next?role=backend-developer-mid&stage=screen' "${candidate[@]}"
    local pq
    pq=$(field .question.id)
    [ "$(field '.kind == "new" and .card == null and (.question | has("points") | not)')" = true ] ||
        fail "practice next: not a new question without its points"
    call 304 GET '/api/v1/practice/next?role=backend-developer-mid&stage=screen' "${candidate[@]}" \
        -H "If-None-Match: $(etag)"
    send 201 POST /api/v1/practice/answers "{\"question\":\"$pq\",\"rating\":\"good\",\"answer\":\"I would cache it and keep the data fresh.\",\"seconds\":42}" "${candidate[@]}"
    [ "$(field '.coverage.kind == "keyword coverage" and .schedule.reps == 1')" = true ] ||
        fail "practice answer: no coverage or schedule"
    send 201 POST /api/v1/practice/answers "{\"question\":\"$pq\",\"rating\":\"again\"}" "${interviewer[@]}"
    [ "$(field '.coverage == null and .schedule.interval_days == 1')" = true ] ||
        fail "practice answer without a typed answer"
    send 400 POST /api/v1/practice/answers "{\"question\":\"$pq\",\"rating\":\"great\"}" "${candidate[@]}"
    [ "$(field .field)" = rating ] || fail "400 on a bad rating, not naming it"
    send 400 POST /api/v1/practice/answers "{\"question\":\"$pq\"}" "${candidate[@]}"
    send 400 POST /api/v1/practice/answers "{\"question\":\"$pq\",\"rating\":\"good\",\"seconds\":-1}" "${candidate[@]}"
    send 404 POST /api/v1/practice/answers '{"question":"no-such-question","rating":"good"}' "${interviewer[@]}"
    send 403 POST /api/v1/practice/answers '{"question":"no-such-question","rating":"good"}' "${candidate[@]}"
    send 401 POST /api/v1/practice/answers "{\"question\":\"$pq\",\"rating\":\"good\"}"
    send 403 POST /api/v1/practice/answers "{\"question\":\"$pq\",\"rating\":\"good\"}" "${admin_nocsrf[@]}"
    send 413 POST /api/v1/practice/answers "{\"question\":\"$pq\",\"rating\":\"good\",\"answer\":\"$(head -c 65537 /dev/zero | tr '\0' a)\"}" "${candidate[@]}"
    call 413 POST /api/v1/practice/answers "${candidate[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/practice/answers "${candidate[@]}" -d '{"question":"x","rating":"good"}'
    call 200 GET /api/v1/practice/stats "${candidate[@]}"
    [ "$(field '.answers == 1 and .cards == 1 and .seconds == 42')" = true ] ||
        fail "practice stats: not the one answer of the candidate"
    call 304 GET /api/v1/practice/stats "${candidate[@]}" -H "If-None-Match: $(etag)"
    call 401 GET /api/v1/practice/stats

    # ---- what the web app needed: the bank's filters, kit swaps, skipping, the Anki deck ----
    call 200 GET '/api/v1/questions?q=index&minutes=10&limit=100' "${interviewer[@]}"
    [ "$(field '.total > 0 and all(.items[]; .minutes <= 10)')" = true ] ||
        fail "a search for questions of at most 10 minutes found longer ones"
    call 200 GET '/api/v1/questions?minutes=5&category=screening' "${interviewer[@]}"
    [ "$(field '.total > 0 and all(.items[]; .minutes <= 5 and .category == "screening")')" = true ] ||
        fail "the minutes filter of a plain list"
    call 400 GET '/api/v1/questions?minutes=0' "${interviewer[@]}"
    [ "$(field .field)" = minutes ] || fail "400 on bad minutes, not naming them"
    call 400 GET '/api/v1/questions?q=index&minutes=ten' "${interviewer[@]}"
    call 200 GET '/api/v1/competencies?limit=200' "${interviewer[@]}"
    [ "$(field '.total > 5 and (.items | map(.id) | index("data-storage")) != null and all(.items[]; .questions >= 0)')" = true ] ||
        fail "competencies: not the bank's"
    call 304 GET '/api/v1/competencies?limit=200' "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 400 GET '/api/v1/competencies?limit=many' "${interviewer[@]}"
    call 401 GET /api/v1/competencies
    call 403 GET /api/v1/competencies "${candidate[@]}"
    local swq swa
    send 200 POST /api/v1/kits '{"role":"backend-developer-mid","seed":11}' "${interviewer[@]}"
    swq=$(field '.questions[0].id')
    swa=$(field '.questions[0].alternates[0].id')
    [ -n "$swa" ] && [ "$swa" != null ] || fail "the kit's first question has no alternate"
    send 200 POST /api/v1/kits "{\"role\":\"backend-developer-mid\",\"seed\":11,\"swaps\":[{\"question\":\"$swq\",\"alternate\":\"$swa\"}]}" "${interviewer[@]}"
    [ "$(field ".questions[0].id == \"$swa\" and (.questions[0].alternates | map(.id) | index(\"$swq\")) != null and .minutes <= .budget")" = true ] ||
        fail "the swap did not put the alternate in the question's place"
    send 201 POST /api/v1/kits "{\"role\":\"backend-developer-mid\",\"seed\":11,\"candidate\":\"Wren Castellano\",\"swaps\":[{\"question\":\"$swq\",\"alternate\":\"$swa\"}]}" "${interviewer[@]}"
    call 200 GET "/api/v1/kits/$(field .id)" "${interviewer[@]}"
    [ "$(field ".questions[0].id == \"$swa\"")" = true ] || fail "the saved kit lost its swap"
    send 400 POST /api/v1/kits "{\"role\":\"backend-developer-mid\",\"seed\":11,\"swaps\":[{\"question\":\"$swq\",\"alternate\":\"no-such-question\"}]}" "${interviewer[@]}"
    [ "$(field '.field == "swaps" and (.detail | startswith("swaps[0]: "))')" = true ] ||
        fail "400 on a bad swap, not naming it"
    send 400 POST /api/v1/kits '{"role":"backend-developer-mid","swaps":[{"question":"x"}]}' "${interviewer[@]}"
    call 200 GET '/api/v1/practice/next?role=backend-developer-mid' "${candidate[@]}"
    local sk
    sk=$(field .question.id)
    call 200 GET "/api/v1/practice/next?role=backend-developer-mid&skip=$sk,other-id" "${candidate[@]}"
    [ "$(field ".question.id != \"$sk\"")" = true ] || fail "a skipped question came again"
    call 400 GET "/api/v1/practice/next?skip=$(head -c 65 /dev/zero | tr '\0' a)" "${candidate[@]}"
    call 200 GET /api/v1/practice/stats "${candidate[@]}"
    [ "$(field '(.due_ahead | length) == 14 and (.recent_days | length) == 30 and .recent_days[-1].practised')" = true ] ||
        fail "practice stats: no calendar"
    call 200 GET '/api/v1/practice/export?format=csv&role=backend-developer-mid' "${candidate[@]}"
    grep -q '^#deck:Rubric::backend-developer-mid' body || fail "the CSV deck has no deck line"
    call 304 GET '/api/v1/practice/export?format=csv&role=backend-developer-mid' "${candidate[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/practice/export?role=backend-developer-mid&stage=screen' "${candidate[@]}"
    [ "$(head -c 2 body)" = PK ] || fail "the Anki package is not a zip"
    call 400 GET '/api/v1/practice/export?format=pdf' "${candidate[@]}"
    call 400 GET '/api/v1/practice/export?role=no-such-role' "${candidate[@]}"
    call 401 GET /api/v1/practice/export
    send 200 POST /api/v1/practice/reveal "{\"question\":\"$sk\",\"answer\":\"I would add an index and check the query plan.\"}" "${candidate[@]}"
    [ "$(field '.coverage.kind == "keyword coverage" and (.points | length) > 0')" = true ] ||
        fail "reveal: no coverage or points"
    send 200 POST /api/v1/practice/reveal "{\"question\":\"$sk\"}" "${candidate[@]}"
    [ "$(field '.coverage == null')" = true ] || fail "reveal without an answer has coverage"
    call 200 GET /api/v1/practice/stats "${candidate[@]}"
    [ "$(field .answers)" = 1 ] || fail "a reveal was recorded as an answer"
    send 400 POST /api/v1/practice/reveal '{"answer":"no question"}' "${candidate[@]}"
    send 404 POST /api/v1/practice/reveal '{"question":"no-such-question"}' "${candidate[@]}"
    send 401 POST /api/v1/practice/reveal "{\"question\":\"$sk\"}"
    send 403 POST /api/v1/practice/reveal "{\"question\":\"$sk\"}" "${admin_nocsrf[@]}"
    send 413 POST /api/v1/practice/reveal "{\"question\":\"$sk\",\"answer\":\"$(head -c 65537 /dev/zero | tr '\0' a)\"}" "${candidate[@]}"
    call 415 POST /api/v1/practice/reveal "${candidate[@]}" -d "{\"question\":\"$sk\"}"
    # a kit for a candidate previewed, not stored, is the kit then stored
    send 200 POST /api/v1/kits '{"role":"backend-developer-mid","seed":12,"candidate":"Wren Castellano","save":false}' "${interviewer[@]}"
    [ "$(field 'has("id") | not')" = true ] || fail "a preview was stored"
    jq -c '[.questions[].id]' body >preview.json
    send 201 POST /api/v1/kits '{"role":"backend-developer-mid","seed":12,"candidate":"Wren Castellano"}' "${interviewer[@]}"
    [ "$(jq -c '[.questions[].id]' body)" = "$(cat preview.json)" ] || fail "the stored kit is not the preview"

    # ---- openings and applications ----
    local op op2 app app2 cid
    send 201 POST /api/v1/openings '{"title":"Platform engineer","role":"backend-developer-senior","description":"## Requirements\n- PostgreSQL and Kubernetes\n\n<img src=x onerror=alert(1)>","location":"Utrecht","remote":"hybrid","salary":{"min":60000,"max":80000,"currency":"EUR"},"headcount":2,"team":{"recruiters":["recruiter@example.org"],"hiring_manager":"interviewer@example.org","panel":["interviewer@example.org"]}}' "${recruiter[@]}"
    op=$(field .id)
    grep -qi "^location: /api/v1/openings/$op" headers || fail "opening: 201 without Location"
    [ "$(field '.status == "draft" and (.criteria.must_have | index("postgresql") != null)')" = true ] ||
        fail "opening: not a draft, or no criteria read from its description"
    send 201 POST /api/v1/openings '{"title":"Site reliability engineer","stages":[{"name":"applied","kind":"applied"},{"name":"phone","kind":"screened"},{"name":"onsite","kind":"interviewing"},{"name":"hired","kind":"hired"},{"name":"rejected","kind":"rejected"},{"name":"withdrawn","kind":"withdrawn"}],"role":null,"team":null}' "${admin[@]}"
    op2=$(field .id)
    send 400 POST /api/v1/openings '{"title":""}' "${recruiter[@]}"
    send 400 POST /api/v1/openings '{"title":"X","stages":[{"name":"a","kind":"applied"}]}' "${recruiter[@]}"
    [ "$(field .field)" = stages ] || fail "opening: 400 on stages, not naming them"
    send 400 POST /api/v1/openings '{"title":"X","team":{"recruiters":["nobody@example.org"]}}' "${recruiter[@]}"
    send 400 POST /api/v1/openings '{"title":"X","salary":{"min":9,"max":1,"currency":"EUR"}}' "${recruiter[@]}"
    send 400 POST /api/v1/openings '{"title":"X","role":"no-such-role"}' "${recruiter[@]}"
    send 401 POST /api/v1/openings '{"title":"X"}'
    send 403 POST /api/v1/openings '{"title":"X"}' "${interviewer[@]}"
    send 413 POST /api/v1/openings "{\"title\":\"X\",\"description\":\"$(head -c 65537 /dev/zero | tr '\0' d)\"}" "${recruiter[@]}"
    call 413 POST /api/v1/openings "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/openings "${recruiter[@]}" -d '{"title":"X"}'
    call 200 GET /api/v1/openings "${recruiter[@]}"
    [ "$(field '.total == 2')" = true ] || fail "openings: not the two made"
    call 304 GET /api/v1/openings "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 200 GET '/api/v1/openings?status=open&limit=1' "${admin[@]}"
    call 400 GET '/api/v1/openings?status=shut' "${admin[@]}"
    call 401 GET /api/v1/openings
    call 403 GET /api/v1/openings "${interviewer[@]}"
    call 200 GET "/api/v1/openings/$op" "${interviewer[@]}" # its hiring manager
    call 304 GET "/api/v1/openings/$op" "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 403 GET "/api/v1/openings/$op2" "${interviewer[@]}"
    call 401 GET "/api/v1/openings/$op"
    call 404 GET /api/v1/openings/999 "${admin[@]}"
    send 200 PATCH "/api/v1/openings/$op" '{"location":null,"headcount":1}' "${recruiter[@]}"
    [ "$(field '.location == null and .headcount == 1 and .title == "Platform engineer"')" = true ] ||
        fail "opening: PATCH did not change only what it gave"
    # the criteria read from the description, edited by hand: kept, and read again with a new description
    send 200 PATCH "/api/v1/openings/$op" '{"criteria_edits":{"must":["postgres|mysql"],"years":3}}' "${recruiter[@]}"
    [ "$(field '.criteria.must_have_groups == [{"any_of":["postgresql","mysql"],"years":0}] and .criteria.min_years == 3 and ([.criteria.nice_to_have[].skill] | index("kubernetes") != null) and .criteria.edits.years == 3')" = true ] ||
        fail "opening: the criteria edits were not applied"
    send 200 PATCH "/api/v1/openings/$op" '{"description":"## Requirements\n- PostgreSQL, Kubernetes and Terraform"}' "${recruiter[@]}"
    [ "$(field '.criteria.min_years == 3 and ([.criteria.nice_to_have[].skill] | index("terraform") != null)')" = true ] ||
        fail "opening: a new description lost the edits, or was not read"
    send 400 PATCH "/api/v1/openings/$op" '{"criteria_edits":{"must":["no-such-skill-at-all"]}}' "${recruiter[@]}"
    [ "$(field .field)" = criteria_edits ] || fail "400 on an unknown skill, not naming criteria_edits"
    send 400 PATCH "/api/v1/openings/$op" '{"criteria_edits":{"colour":"blue"}}' "${recruiter[@]}"
    # the careers form's own questions
    send 200 PATCH "/api/v1/openings/$op2" '{"questions":[{"id":"why","label":"Why us?","kind":"text"},{"id":"notice","label":"Notice period","kind":"choice","required":true,"choices":["none","1 month"]}]}' "${admin[@]}"
    [ "$(field '[.questions[].id] == ["why", "notice"]')" = true ] || fail "opening: the questions were not kept"
    send 400 PATCH "/api/v1/openings/$op2" '{"questions":[{"id":"why","label":"Why us?","kind":"essay"}]}' "${admin[@]}"
    [ "$(field .field)" = questions ] || fail "400 on a question's kind, not naming questions"
    send 200 PATCH "/api/v1/openings/$op2" '{"questions":null}' "${admin[@]}"
    [ "$(field '.questions == []')" = true ] || fail "opening: questions not cleared by null"
    send 200 PATCH "/api/v1/openings/$op" '{"criteria_edits":null}' "${recruiter[@]}"
    [ "$(field '.criteria.edits == null and .criteria.min_years == 0')" = true ] || fail "opening: edits not cleared"
    send 400 PATCH "/api/v1/openings/$op" '{}' "${recruiter[@]}"
    send 400 PATCH "/api/v1/openings/$op" '{"remote":"moon"}' "${recruiter[@]}"
    send 401 PATCH "/api/v1/openings/$op" '{"headcount":3}'
    send 403 PATCH "/api/v1/openings/$op" '{"headcount":3}' "${interviewer[@]}"
    send 404 PATCH /api/v1/openings/999 '{"headcount":3}' "${admin[@]}"
    call 413 PATCH "/api/v1/openings/$op" "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 PATCH "/api/v1/openings/$op" "${recruiter[@]}" -d '{"headcount":3}'
    send 400 POST "/api/v1/openings/$op/status" '{"status":"shut"}' "${recruiter[@]}"
    send 409 POST "/api/v1/openings/$op/status" '{"status":"filled"}' "${recruiter[@]}"
    send 200 POST "/api/v1/openings/$op/status" '{"status":"open","reason":"budget approved"}' "${recruiter[@]}"
    [ "$(field .status)" = open ] || fail "opening: not open"
    send 401 POST "/api/v1/openings/$op/status" '{"status":"on-hold"}'
    send 403 POST "/api/v1/openings/$op/status" '{"status":"on-hold"}' "${interviewer[@]}"
    send 404 POST /api/v1/openings/999/status '{"status":"open"}' "${admin[@]}"
    call 413 POST "/api/v1/openings/$op/status" "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST "/api/v1/openings/$op/status" "${recruiter[@]}" -d '{"status":"open"}'

    send 201 POST "/api/v1/openings/$op/applications" '{"name":"Lindiwe Mokoena","email":"Lindiwe@Example.org","reason":"met at a meetup"}' "${recruiter[@]}"
    app=$(field .id) cid=$(field .candidate)
    grep -qi "^location: /api/v1/applications/$app" headers || fail "application: 201 without Location"
    [ "$(field '.stage == "applied" and .source == "manual" and .email == "lindiwe@example.org" and (.history | length) == 1')" = true ] ||
        fail "application: not at the first stage with its creation in its history"
    send 201 POST "/api/v1/openings/$op2/applications" "{\"candidate\":$(field .candidate),\"source\":\"referral\"}" "${admin[@]}"
    app2=$(field .id)
    send 409 POST "/api/v1/openings/$op/applications" "{\"candidate\":$(field .candidate)}" "${recruiter[@]}"
    send 400 POST "/api/v1/openings/$op/applications" '{"email":"x@example.org"}' "${recruiter[@]}"
    send 400 POST "/api/v1/openings/$op/applications" '{"name":"X","source":"magic"}' "${recruiter[@]}"
    send 401 POST "/api/v1/openings/$op/applications" '{"name":"X"}'
    send 403 POST "/api/v1/openings/$op/applications" '{"name":"X"}' "${interviewer[@]}"
    send 404 POST /api/v1/openings/999/applications '{"name":"X"}' "${admin[@]}"
    call 413 POST "/api/v1/openings/$op/applications" "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST "/api/v1/openings/$op/applications" "${recruiter[@]}" -d '{"name":"X"}'
    # each application moves on its own
    send 200 POST "/api/v1/applications/$app/stage" '{"stage":"interviewing","reason":"strong resume"}' "${interviewer[@]}"
    send 200 POST "/api/v1/applications/$app2/stage" '{"stage":"phone"}' "${admin[@]}"
    [ "$(field '.stage == "phone" and .kind == "screened"')" = true ] || fail "application 2 did not move"
    call 200 GET "/api/v1/applications/$app" "${recruiter[@]}"
    [ "$(field '.stage == "interviewing" and .history[1].reason == "strong resume" and .history[1].by == "interviewer@example.org"')" = true ] ||
        fail "application 1 moved with application 2, or lost its history"
    call 304 GET "/api/v1/applications/$app" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 403 GET "/api/v1/applications/$app2" "${interviewer[@]}"
    call 401 GET "/api/v1/applications/$app"
    call 404 GET /api/v1/applications/999 "${admin[@]}"
    send 400 POST "/api/v1/applications/$app/stage" '{"stage":"phone"}' "${recruiter[@]}"
    send 409 POST "/api/v1/applications/$app/stage" '{"stage":"interviewing"}' "${recruiter[@]}"
    send 401 POST "/api/v1/applications/$app/stage" '{"stage":"offer"}'
    send 403 POST "/api/v1/applications/$app2/stage" '{"stage":"onsite"}' "${interviewer[@]}"
    send 404 POST /api/v1/applications/999/stage '{"stage":"offer"}' "${admin[@]}"
    call 413 POST "/api/v1/applications/$app/stage" "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST "/api/v1/applications/$app/stage" "${recruiter[@]}" -d '{"stage":"offer"}'
    call 200 GET "/api/v1/applications/$app/history" "${recruiter[@]}"
    [ "$(field '[.items[].to] == ["applied", "interviewing"]')" = true ] || fail "history: not the two stages"
    call 304 GET "/api/v1/applications/$app/history" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 401 GET "/api/v1/applications/$app/history"
    call 403 GET "/api/v1/applications/$app2/history" "${interviewer[@]}"
    call 404 GET /api/v1/applications/999/history "${admin[@]}"
    call 200 GET "/api/v1/candidates/$cid/applications" "${recruiter[@]}"
    [ "$(field '[.items[].id] | length == 2')" = true ] || fail "the candidate's applications: not two"
    call 304 GET "/api/v1/candidates/$cid/applications" "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 401 GET /api/v1/candidates/1/applications
    call 403 GET /api/v1/candidates/1/applications "${interviewer[@]}"
    call 404 GET /api/v1/candidates/999/applications "${admin[@]}"
    # a candidate added with an opening comes in with their application to it
    send 201 POST /api/v1/candidates "{\"name\":\"Kofi Mensah\",\"email\":\"kofi@example.org\",\"opening\":$op}" "${recruiter[@]}"
    local kofi
    kofi=$(field .id)
    call 200 GET "/api/v1/candidates/$kofi/applications" "${recruiter[@]}"
    [ "$(field "[.items[] | [.opening, .stage, .source]] == [[$op, \"applied\", \"manual\"]]")" = true ] ||
        fail "POST /api/v1/candidates with an opening: not one application to it"
    # a screened resume that is someone's already makes the application theirs: Lindiwe holds one
    upload 201 "/api/v1/resumes?candidate=$cid" "$DATA/resumes/plain.txt" -- "${recruiter[@]}"
    local r_lin s_lin
    r_lin=$(field '.items[0].id')
    send 202 POST /api/v1/screenings "{\"role\":\"backend-developer-senior\",\"resumes\":[$r_lin]}" "${recruiter[@]}"
    s_lin=$(field .id)
    poll "/api/v1/screenings/$s_lin" "${recruiter[@]}"
    send 409 POST /api/v1/candidates "{\"screening\":$s_lin,\"resume\":$r_lin,\"opening\":$op}" "${recruiter[@]}"
    send 404 POST /api/v1/candidates '{"name":"X","opening":999}' "${recruiter[@]}"
    # an upload for an opening: the person the resume names comes in with their application, screened
    upload 201 "/api/v1/resumes?opening=$op" "$DATA/resumes/markdown.md" -- "${recruiter[@]}"
    local r_up
    r_up=$(field '.items[0].id')
    call 200 GET "/api/v1/openings/$op/applications?q=tomasz.nowak" "${recruiter[@]}"
    [ "$(field "[.items[] | [.name, .source, .resume, (.screening != null)]] == [[\"Tomasz Nowak\", \"upload\", $r_up, true]]")" = true ] ||
        fail "POST /api/v1/resumes?opening=: not one screened application from the resume"
    upload 404 "/api/v1/resumes?opening=999" "$DATA/resumes/markdown.md" -- "${recruiter[@]}"
    upload 400 "/api/v1/resumes?opening=abc" "$DATA/resumes/markdown.md" -- "${recruiter[@]}"
    [ "$(field .field)" = opening ] || fail "400 on a bad opening id, not naming it"
    send 400 POST /api/v1/candidates "{\"name\":\"X\",\"opening\":$op,\"role\":\"backend-developer-senior\"}" "${recruiter[@]}"
    [ "$(field .field)" = role ] || fail "400 on a role with an opening, not naming it"
    # a stage that holds applications cannot be dropped
    send 409 PATCH "/api/v1/openings/$op2" '{"stages":[{"name":"applied","kind":"applied"},{"name":"hired","kind":"hired"},{"name":"rejected","kind":"rejected"},{"name":"withdrawn","kind":"withdrawn"}]}' "${admin[@]}"

    # the careers page and its form
    call 200 GET /careers
    grep -q "/careers/$op\"" body || fail "careers: the open opening is not listed"
    ! grep -q "/careers/$op2\"" body || fail "careers: a draft is listed"
    call 200 GET "/careers/$op"
    grep -q 'application/ld+json' body && ! grep -q '<img src=x' body ||
        fail "careers: no JobPosting data, or raw HTML from the description"
    grep -qi "^content-security-policy: default-src 'none'; style-src 'self'" headers ||
        fail "careers: not its CSP"
    call 404 GET "/careers/$op2"
    call 200 GET /careers/style.css
    printf 'Chidi Example\nchidi@example.org\n\nSkills: PostgreSQL, Kubernetes, Go\n' >cv.txt
    local form=(-F name="Chidi Example" -F email=chidi@example.org -F consent=yes -F 'resume=@cv.txt')
    REQUEST='{"name":"Chidi Example","email":"chidi@example.org","consent":"yes","resume":"cv.txt"}' \
        REQUEST_TYPE=multipart/form-data call 201 POST "/api/v1/openings/$op/applications/public" "${form[@]}"
    REQUEST='{"name":"Chidi Example","email":"chidi@example.org","consent":"yes","resume":"cv.txt"}' \
        REQUEST_TYPE=multipart/form-data call 303 POST "/api/v1/openings/$op/applications/public" "${form[@]}" -H 'Accept: text/html'
    grep -qi "^location: /careers/$op?applied=1" headers || fail "careers: 303 not to the page"
    REQUEST_TYPE=multipart/form-data call 400 POST "/api/v1/openings/$op/applications/public" -F name=X -F email=x@example.org -F 'resume=@cv.txt'
    [ "$(field .field)" = consent ] || fail "careers: 400 not naming consent"
    REQUEST_TYPE=multipart/form-data call 404 POST "/api/v1/openings/$op2/applications/public" "${form[@]}"
    head -c 300000 /dev/zero >big.txt
    REQUEST_TYPE=multipart/form-data call 413 POST "/api/v1/openings/$op/applications/public" -F name=X -F email=x@example.org -F consent=yes -F 'resume=@big.txt'
    call 415 POST "/api/v1/openings/$op/applications/public" -H 'Content-Type: application/json' -d '{"name":"X"}'
    for i in 1 2 3; do
        REQUEST_TYPE=multipart/form-data call 201 POST "/api/v1/openings/$op/applications/public" -F name=Robot -F email=robot@example.org -F consent=yes -F website=http://spam.example -F 'resume=@cv.txt'
    done
    REQUEST_TYPE=multipart/form-data call 429 POST "/api/v1/openings/$op/applications/public" "${form[@]}"
    call 200 GET "/api/v1/openings/$op/applications?q=chidi" "${recruiter[@]}"
    [ "$(field '.total == 1 and .items[0].source == "careers" and .items[0].resume != null')" = true ] ||
        fail "careers: the application is not on the board once, from the careers page"
    call 200 GET "/api/v1/openings/$op/applications?q=robot" "${recruiter[@]}"
    [ "$(field '.total == 0')" = true ] || fail "careers: the honeypot's application was kept"
    call 200 GET "/api/v1/openings/$op/applications?stage=interviewing" "${interviewer[@]}"
    # applied: Chidi from the careers page, Kofi by hand and Tomasz from an upload
    [ "$(field '.total == 1 and (.counts | map(select(.stage == "applied"))[0].count) == 3')" = true ] ||
        fail "board: not one at interviewing, with three applied in the counts"
    call 304 GET "/api/v1/openings/$op/applications?stage=interviewing" "${interviewer[@]}" -H "If-None-Match: $(etag)"
    call 400 GET "/api/v1/openings/$op/applications?stage=phone" "${recruiter[@]}"
    call 401 GET "/api/v1/openings/$op/applications"
    call 403 GET "/api/v1/openings/$op2/applications" "${interviewer[@]}"
    call 404 GET /api/v1/openings/999/applications "${admin[@]}"
    # the recruiter's dashboard
    send 200 POST "/api/v1/openings/$op2/status" '{"status":"open"}' "${admin[@]}"
    send 200 POST "/api/v1/openings/$op2/status" '{"status":"filled"}' "${admin[@]}"
    call 200 GET /api/v1/dashboard "${recruiter[@]}"
    [ "$(jq -r --argjson op "$op" '.openings[] | select(.id == $op) | (.funnel | map(.reached)) == [4, 1, 1, 0, 0]' body)" = true ] ||
        fail "dashboard: the funnel is not applied 4 (Lindiwe, Chidi, Kofi, Tomasz), screened 1, interviewing 1"
    [ "$(jq -r --argjson op "$op2" '.openings[] | select(.id == $op) | .time_to_fill_days == 0 and .filled_at != null' body)" = true ] ||
        fail "dashboard: no time to fill for the filled opening"
    [ "$(field '.awaiting_screening.total >= 1 and all(.awaiting_screening.items[]; .kind == "applied")')" = true ] ||
        fail "dashboard: not the applications at their first stage"
    call 304 GET /api/v1/dashboard "${recruiter[@]}" -H "If-None-Match: $(etag)"
    call 401 GET /api/v1/dashboard
    call 403 GET /api/v1/dashboard "${interviewer[@]}"

    # ---- admin: role and bank imports, status ----
    send 200 POST /api/v1/roles/import '{"text":"Platform Engineer (senior)\nWe run Go services on Kubernetes and PostgreSQL.\nRequirements: 5+ years of Go.","dry_run":true}' "${admin[@]}"
    [ "$(field '.dry_run == true and ((.role.must_have + .role.nice_to_have) | length) > 0')" = true ] ||
        fail "role import: a dry run of prose reads no skills"
    send 201 POST /api/v1/roles/import '{"text":"{\"title\":\"Data Platform Engineer\",\"experience\":\"Senior\",\"description\":\"Kafka pipelines and PostgreSQL\",\"skills\":[{\"name\":\"Data\",\"keywords\":[\"Kafka\",\"PostgreSQL\"]}]}","id":"data-platform-engineer"}' "${admin[@]}"
    grep -qi '^location: /api/v1/roles/data-platform-engineer' headers || fail "role import: no Location"
    call 200 GET /api/v1/roles/data-platform-engineer "${admin[@]}"
    send 400 POST /api/v1/roles/import '{"text":"{\"title\":"}' "${admin[@]}"
    send 400 POST /api/v1/roles/import '{"text":"Engineer","id":"No Spaces"}' "${admin[@]}"
    send 400 POST /api/v1/roles/import '{"job":"Engineer"}' "${admin[@]}"
    send 401 POST /api/v1/roles/import '{"text":"Engineer"}'
    send 403 POST /api/v1/roles/import '{"text":"Engineer"}' "${recruiter[@]}"
    send 403 POST /api/v1/roles/import '{"text":"Engineer"}' "${admin_nocsrf[@]}"
    call 413 POST /api/v1/roles/import "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/roles/import "${admin[@]}" -d '{"text":"x"}'
    list='# Interview questions\n\n## Databases\n\n- What is a covering index, and when does it help?\n- How would you find slow queries in PostgreSQL?\n'
    send 200 POST /api/v1/bank/imports "{\"markdown\":\"$list\",\"dry_run\":true}" "${admin[@]}"
    [ "$(field '.dry_run == true and .added == 2 and (.questions | length) == 2')" = true ] ||
        fail "bank import: the dry run does not list the two questions"
    send 201 POST /api/v1/bank/imports "{\"markdown\":\"$list\",\"source\":\"contract test\"}" "${admin[@]}"
    [ "$(field '.added == 2')" = true ] || fail "bank import: not added"
    send 200 POST /api/v1/bank/imports "{\"markdown\":\"$list\",\"dry_run\":true}" "${admin[@]}"
    [ "$(field '.added == 0 and (.skipped | length) == 2')" = true ] ||
        fail "bank import: a second dry run would add again"
    send 400 POST /api/v1/bank/imports "{\"markdown\":\"$list\",\"competency\":\"no-such-competency\"}" "${admin[@]}"
    [ "$(field '.field == "competency"')" = true ] || fail "bank import: the field at fault is not named"
    send 401 POST /api/v1/bank/imports "{\"markdown\":\"$list\"}"
    send 403 POST /api/v1/bank/imports "{\"markdown\":\"$list\"}" "${interviewer[@]}"
    call 413 POST /api/v1/bank/imports "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 POST /api/v1/bank/imports "${admin[@]}" -d '{"markdown":"x"}'
    call 200 GET /api/v1/status "${admin[@]}"
    [ "$(field '.store.ready == true and .store.questions > 0 and .settings.upload_max != null')" = true ] ||
        fail "status: no store or settings"
    call 401 GET /api/v1/status
    call 403 GET /api/v1/status "${recruiter[@]}"

    # ---- fairness: self-identification, the report, score audits, the notice ----
    call 200 GET /careers/notice
    grep -q 'A person decides' body || fail "notice: no word on human review"
    call 200 GET /api/v1/self-id/categories
    [ "$(field '.categories[0].name == "sex" and (.categories[0].answers | last) == "prefer_not_to_say"')" = true ] ||
        fail "self-id categories: not the default ones"
    send 201 POST /api/v1/candidates '{"name":"Kalani Self","email":"candidate@example.org"}' "${recruiter[@]}"
    local scand
    scand=$(field .id)
    send 204 PUT "/api/v1/candidates/$scand/self-id" '{"answers":{"sex":"prefer_not_to_say"}}' "${candidate[@]}"
    call 200 GET "/api/v1/candidates/$scand/self-id" "${candidate[@]}"
    [ "$(field '.answers.sex == "prefer_not_to_say" and .given_by == "candidate"')" = true ] ||
        fail "self-id: not the candidate's own answers"
    send 204 PUT "/api/v1/candidates/$scand/self-id" '{"answers":{"sex":"female","race_ethnicity":"asian"},"consent":"by email on 2026-03-02"}' "${recruiter[@]}"
    send 400 PUT "/api/v1/candidates/$scand/self-id" '{"answers":{"sex":"robot"},"consent":"x"}' "${recruiter[@]}"
    send 400 PUT "/api/v1/candidates/$scand/self-id" '{"answers":{"sex":"female"}}' "${recruiter[@]}"
    [ "$(field .field)" = consent ] || fail "self-id: 400 not naming consent"
    send 401 PUT "/api/v1/candidates/$scand/self-id" '{"answers":{}}'
    send 403 PUT "/api/v1/candidates/$scand/self-id" '{"answers":{},"consent":"x"}' "${interviewer[@]}"
    send 403 PUT "/api/v1/candidates/$scand/self-id" '{"answers":{},"consent":"x"}' "${admin_nocsrf[@]}"
    send 404 PUT /api/v1/candidates/999/self-id '{"answers":{},"consent":"x"}' "${recruiter[@]}"
    call 413 PUT "/api/v1/candidates/$scand/self-id" "${admin[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 PUT "/api/v1/candidates/$scand/self-id" "${admin[@]}" -d '{"answers":{}}'
    call 200 GET "/api/v1/candidates/$scand/self-id" "${admin[@]}"
    ! grep -qi '^etag:' headers || fail "self-id read with an ETag"
    call 401 GET "/api/v1/candidates/$scand/self-id"
    call 403 GET "/api/v1/candidates/$scand/self-id" "${recruiter[@]}"
    call 404 GET /api/v1/candidates/999/self-id "${admin[@]}"
    call 200 GET '/api/v1/fairness/report?stage=screened' "${admin[@]}"
    [ "$(field '.decision.stage == "screened" and (.categories | length) == 2 and (.intersections | length) == 1')" = true ] ||
        fail "fairness report: not two categories and their intersection"
    call 200 GET '/api/v1/fairness/report?stage=screening&threshold=40&min_group=1&format=csv' "${admin[@]}"
    grep -qi '^content-type: text/csv' headers || fail "fairness report: the CSV is not text/csv"
    call 200 GET '/api/v1/fairness/report?stage=hired&format=html' "${admin[@]}"
    call 400 GET '/api/v1/fairness/report?stage=promoted' "${admin[@]}"
    call 400 GET '/api/v1/fairness/report?stage=offer&min_group=0' "${admin[@]}"
    call 401 GET '/api/v1/fairness/report?stage=offer'
    call 403 GET '/api/v1/fairness/report?stage=offer' "${recruiter[@]}"

    # ---- calendar: an interview's invite, moving and cancelling it ----
    local cal
    call 200 GET "/api/v1/interviews/$iid/invite.ics" "${interviewer[@]}"
    # (content lines unfolded: a long ATTENDEE line continues on the next)
    grep -q '^METHOD:REQUEST' body && sed -z 's/\r\n //g' body | grep -q '^ATTENDEE.*mailto:interviewer@example.org' ||
        fail "GET /api/v1/interviews/{id}/invite.ics: not a request naming the panel"
    call 401 GET "/api/v1/interviews/$iid/invite.ics"
    call 403 GET "/api/v1/interviews/$iid/invite.ics" "${candidate[@]}"
    call 404 GET /api/v1/interviews/999/invite.ics "${admin[@]}"
    send 201 POST /api/v1/interviews "{\"candidate\":$cand,\"stage\":\"behavioral\",\"interviewers\":[\"interviewer@example.org\"],\"seed\":6}" "${recruiter[@]}"
    cal=$(field .id)
    call 409 GET "/api/v1/interviews/$cal/invite.ics" "${recruiter[@]}"
    send 200 PATCH "/api/v1/interviews/$cal" '{"scheduled_at":"2026-12-09T15:30","time_zone":"Europe/Berlin"}' "${recruiter[@]}"
    [ "$(field '.sequence == 1 and .time_zone == "Europe/Berlin" and .cancelled_at == null')" = true ] ||
        fail "PATCH /api/v1/interviews/{id}: not moved"
    send 400 PATCH "/api/v1/interviews/$cal" '{"scheduled_at":"next tuesday"}' "${recruiter[@]}"
    [ "$(field .field)" = scheduled_at ] || fail "PATCH: a bad time, not naming scheduled_at"
    send 400 PATCH "/api/v1/interviews/$cal" '{"time_zone":"Mars/Olympus_Mons"}' "${recruiter[@]}"
    [ "$(field .field)" = time_zone ] || fail "PATCH: a bad zone, not naming time_zone"
    send 401 PATCH "/api/v1/interviews/$cal" '{"scheduled_at":"2026-12-09T15:30Z"}'
    send 403 PATCH "/api/v1/interviews/$cal" '{"scheduled_at":"2026-12-09T15:30Z"}' "${interviewer[@]}"
    send 404 PATCH /api/v1/interviews/999 '{"scheduled_at":"2026-12-09T15:30Z"}' "${admin[@]}"
    call 413 PATCH "/api/v1/interviews/$cal" "${recruiter[@]}" -H 'Content-Type: application/json' --data-binary @big.json
    call 415 PATCH "/api/v1/interviews/$cal" "${recruiter[@]}" -d '{}'
    call 200 POST "/api/v1/interviews/$cal/cancel" "${recruiter[@]}"
    [ "$(field '.sequence == 2 and .cancelled_at != null')" = true ] ||
        fail "POST /api/v1/interviews/{id}/cancel: not cancelled"
    call 409 POST "/api/v1/interviews/$cal/cancel" "${recruiter[@]}"
    send 409 PATCH "/api/v1/interviews/$cal" '{"scheduled_at":"2026-12-10T10:00Z"}' "${recruiter[@]}"
    call 401 POST "/api/v1/interviews/$cal/cancel"
    call 403 POST "/api/v1/interviews/$cal/cancel" "${interviewer[@]}"
    call 404 POST /api/v1/interviews/999/cancel "${admin[@]}"
    call 200 GET "/api/v1/interviews/$cal/invite.ics" "${interviewer[@]}"
    grep -q '^METHOD:CANCEL' body && grep -q '^SEQUENCE:2' body ||
        fail "the invite of a cancelled interview is not a CANCEL with the last SEQUENCE"

    # ---- logging out (last: it ends sessions used above) ----
    send 201 POST /api/v1/tokens '{"name":"no session"}' "${recruiter[@]}"
    call 400 DELETE /api/v1/session -H "Authorization: Bearer $(field .token)"
    call 401 DELETE /api/v1/session
    call 403 DELETE /api/v1/session "${admin_nocsrf[@]}"
    call 204 DELETE /api/v1/session "${candidate[@]}"
    grep -qi '^set-cookie: rubric_session=;.*Max-Age=0' headers || fail "logout keeps the cookie"
    call 401 GET /api/v1/session "${candidate[@]}"

    # ---- the server stops cleanly ----
    kill -TERM "$SERVER_PID"
    RC=0
    wait "$SERVER_PID" || RC=$?
    SERVER_PID=
    ERR=$(grep -v '^{"time"' server.err)
    [ "$RC" -eq 0 ] || fail "rubric serve exited with $RC after SIGTERM"
    ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' server.err ||
        fail "the sanitizers found something in the server"

    # ---- and every exchange against the document ----
    run node "$CHECK" --spec "$ROOT/docs/openapi.json" --routes "$ROOT/src/http/routes.c" \
        --exchanges exchanges.jsonl \
        --untested '500,503,409:POST /api/v1/practice/answers,404:GET /metrics'
    assert_rc 0
    assert_out "the same as the route table"
    # (a 409 on an answer needs two answers to one card racing: tests/unit/test_practice.c)
}

# The checker itself must catch what it is there for.
test_openapi_check_finds_faults() {
    local spec="$ROOT/docs/openapi.json" routes="$ROOT/src/http/routes.c"
    # a user with a role the document does not know and a field it does not list
    printf '%s\n' '{"method":"GET","path":"/api/v1/users/7","status":200,"content_type":"application/json","headers":{"etag":"\"1\""},"body":"{\"id\":7,\"email\":\"a@example.org\",\"name\":null,\"role\":\"owner\",\"disabled\":false,\"created_at\":\"2026-01-02T03:04:05Z\",\"age\":3}"}' \
        '{"method":"POST","path":"/api/v1/kits","status":202,"content_type":"application/json","headers":{},"body":"{}"}' \
        '{"method":"GET","path":"/api/v1/roles","status":200,"content_type":"text/html","headers":{"etag":"\"2\""},"body":"<p>"}' \
        '{"method":"POST","path":"/api/v1/tokens","status":201,"content_type":"application/json","headers":{},"body":"{\"id\":1,\"name\":\"x\",\"token\":\"rbt_x\",\"note\":\"n\"}","request":"{\"name\":\"x\",\"scope\":1}"}' \
        '{"method":"GET","path":"/api/v1/elsewhere","status":200,"content_type":"application/json","headers":{},"body":"{}"}' \
        '{"method":"POST","path":"/api/v1/resumes","status":201,"content_type":"application/json","headers":{},"body":"{\"items\":[]}","request":"{\"file\":[]}","request_type":"multipart/form-data"}' \
        '{"method":"POST","path":"/api/v1/resumes?candidate=1","status":201,"content_type":"application/json","headers":{},"body":"{\"items\":[{\"id\":1,\"filename\":\"a.txt\",\"size\":1,\"format\":\"text\",\"error\":null}]}","request":"{}"}' \
        >ex.jsonl
    run node "$ROOT/tests/e2e/openapi_check.js" --spec "$spec" --routes "$routes" --exchanges ex.jsonl
    assert_rc 1
    assert_err "GET /api/v1/users/{id} 200: /role must be equal to one of the allowed values (schema #/components/schemas/UserRole/enum"
    assert_err "must NOT have additional properties ('age') (schema #/components/schemas/User/additionalProperties"
    assert_err "POST /api/v1/kits -> 202: status 202 is not documented for POST /api/v1/kits"
    assert_err "GET /api/v1/roles -> 200: Content-Type 'text/html' is not one of application/json"
    assert_err "POST /api/v1/tokens -> 201: no Location header"
    assert_err "the server accepted a request body the document rejects"
    assert_err "GET /api/v1/elsewhere -> 200: no path of the document matches"
    # an upload accepted with no file, or as JSON
    assert_err "POST /api/v1/resumes -> 201: the server accepted a request body the document rejects: /file must NOT have fewer than 1 items"
    assert_err "POST /api/v1/resumes 201: /items must NOT have fewer than 1 items"
    assert_err "POST /api/v1/resumes?candidate=1 -> 201: the server accepted a request body in application/json, which #/paths/~1api~1v1~1resumes/post/requestBody does not list"
    assert_err "GET /api/v1/kits/{id}: never answered 200, 304, 401, 403, 404, 500, 503"
    # a status left untested for one route only
    run node "$ROOT/tests/e2e/openapi_check.js" --spec "$spec" --routes "$routes" \
        --exchanges ex.jsonl --untested '200:GET /api/v1/kits/{id}'
    assert_err "GET /api/v1/kits/{id}: never answered 304, 401, 403, 404, 500, 503"
    assert_err "GET /api/v1/roles/{id}: never answered 200,"
    # a route in the table that the document lacks, and one the other way round
    sed -e 's|"/api/v1/roles/{id}"|"/api/v1/roles/{id}/kits"|' "$routes" >routes.c
    : >none.jsonl
    run node "$ROOT/tests/e2e/openapi_check.js" --spec "$spec" --routes routes.c --exchanges none.jsonl
    assert_rc 1
    assert_err "GET /api/v1/roles/{id}/kits: in routes.c but not in $spec"
    assert_err "GET /api/v1/roles/{id}: in $spec but not in routes.c"
}
