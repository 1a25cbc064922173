# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric serve`: the real binary on a loopback port, a fresh SQLite
# file, real HTTP through curl.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# How many questions the built-in bank holds, as its own lint counts them.
builtin_questions() {
    "$RUBRIC" bank lint builtin 2>&1 | sed -n 's/.*ok: \([0-9]*\) questions.*/\1/p'
}

test_serve_bootstraps_answers_health_and_stops_cleanly() {
    start_server
    n=$(builtin_questions)
    [ -n "$n" ] || fail "the built-in bank does not lint"
    grep -q "loaded the built-in bank: $n questions" server.log || fail "no bank loaded"
    grep -q "created the first admin, $ADMIN" server.log || fail "no admin created"
    ! grep -q "$ADMIN_PW" server.log || fail "a password given by the environment is never shown"
    http GET /healthz
    assert_rc 200
    assert_json '.status == "ok"'
    http GET /readyz
    assert_rc 200
    # /metrics is for admins only on the public listener (metrics_listen = admin)
    http GET /metrics
    assert_rc 401
    http GET /metrics -H "Authorization: Bearer $("$RUBRIC" token create "$ADMIN" 2>/dev/null)"
    assert_rc 200
    grep -qE '^rubric_http_requests_total[{]route="GET /readyz",status="2xx"[}] 1$' <<<"$OUT" ||
        fail "no count of /readyz"
    assert_out "rubric_http_request_duration_seconds_bucket{le=\"+Inf\"}"
    grep -q '"route":"/readyz","status":200' server.log || fail "no access log line"
    stop_server || fail "exit status $? after SIGTERM"
    grep -q "rubric: stopped" server.log || fail "no clean stop"
    [ ! -s rubric.db-wal ] || fail "the store was not closed cleanly (WAL left)"
}

test_serve_settings_come_from_file_env_and_flags() {
    printf '# a comment\nlisten = 127.0.0.1:9001\njson_max = 4K\nsession_hours = 2\n' >rubric.conf
    run env RUBRIC_JSON_MAX=8K "$RUBRIC" serve --config rubric.conf --listen 127.0.0.1:9002 \
        --print-config
    assert_rc 0
    assert_out "listen = 127.0.0.1:9002"
    assert_out "json_max = 8192"
    assert_out "session_hours = 2"
    printf 'listen 9001\n' >bad.conf
    run "$RUBRIC" serve --config bad.conf --print-config
    assert_rc 1
    assert_err "bad.conf:1: expected 'key = value'"
    run env RUBRIC_THREADS=lots "$RUBRIC" serve --print-config
    assert_rc 1
    assert_err "RUBRIC_THREADS"
}

test_serve_logins_sessions_csrf_and_tokens() {
    start_server
    local body='{"email":"nobody@example.org","password":"whatever-it-is"}'
    http POST /api/v1/session -H 'Content-Type: application/json' -d "$body"
    assert_rc 401
    local unknown=$OUT
    http POST /api/v1/session -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN\",\"password\":\"wrong-password-1\"}"
    assert_rc 401
    assert_eq "$(jq -c 'del(.instance)' <<<"$OUT")" "$(jq -c 'del(.instance)' <<<"$unknown")" \
        "an unknown account and a wrong password look the same"
    csrf=$(login "$ADMIN" "$ADMIN_PW" jar)
    [ -n "$csrf" ] && [ "$csrf" != null ] || fail "no CSRF token"
    grep -q 'rubric_session' jar || fail "no session cookie"
    http POST /api/v1/session -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}"
    grep -qi '^set-cookie: rubric_session=rbs_[^;]*; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict' \
        <<<"$HDR" || fail "cookie flags: $HDR"
    http GET /api/v1/session -b jar
    assert_rc 200
    assert_json '.user.email == "admin@example.org" and .by == "session"'
    # a change with the cookie must echo the CSRF token
    http POST /api/v1/tokens -b jar -H 'Content-Type: application/json' -d '{"name":"ci"}'
    assert_rc 403
    assert_json '.type == "/problems/forbidden" and (.detail | contains("X-CSRF-Token"))'
    http POST /api/v1/tokens -b jar -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
        -d '{"name":"ci"}'
    assert_rc 201
    token=$(jq -r .token <<<"$OUT")
    id=$(jq -r .id <<<"$OUT")
    [[ $token == rbt_* ]] || fail "token: $token"
    ! db_sql "SELECT token_hash FROM api_token" | grep -q "${token#rbt_}" ||
        fail "the token is stored in clear"
    http GET /api/v1/session -H "Authorization: Bearer $token"
    assert_rc 200
    assert_json '.by == "token"'
    http GET /api/v1/tokens -H "Authorization: Bearer $token"
    assert_json '.items[0].name == "ci" and (.items[0] | has("token") | not)'
    http DELETE "/api/v1/tokens/$id" -H "Authorization: Bearer $token"
    assert_rc 204
    http GET /api/v1/session -H "Authorization: Bearer $token"
    assert_rc 401
    http DELETE /api/v1/session -b jar -H "X-CSRF-Token: $csrf"
    assert_rc 204
    http GET /api/v1/session -b jar
    assert_rc 401
    # the password never lands in the store or the log
    ! grep -q "$ADMIN_PW" rubric.db server.log || fail "a password in clear"
    stop_server
}

test_serve_rate_limits_failed_logins() {
    start_server
    for i in 1 2 3 4 5; do
        http POST /api/v1/session -H 'Content-Type: application/json' \
            -d "{\"email\":\"$ADMIN\",\"password\":\"wrong-password-$i\"}"
        assert_rc 401
    done
    http POST /api/v1/session -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}"
    assert_rc 429
    assert_json '.type == "/problems/rate-limited"'
    stop_server
}

# Each route of src/http/routes.c, called by each role: refused exactly when the table says.
test_serve_every_route_checks_every_role() {
    start_server
    declare -A tok
    for role in recruiter interviewer candidate; do tok[$role]=$(token_for $role); done
    tok[admin]=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    routes=$(grep -oE '^ *\{"(GET|POST|PUT|PATCH|DELETE)", "[^"]+", api_[a-z_]+, [A-Z_]+' \
        "$ROOT/src/http/routes.c" |
        sed -E 's/^ *\{"([A-Z]+)", "([^"]+)", (api_[a-z_]+), ([A-Z_]+)$/\1 \2 \3 \4/')
    [ "$(wc -l <<<"$routes")" -ge 20 ] || fail "routes not found in routes.c"
    while read -r method path fn who; do
        local concrete=${path//\{id\}/1}
        for role in anonymous admin recruiter interviewer candidate; do
            local auth=()
            [ "$role" = anonymous ] || auth=(-H "Authorization: Bearer ${tok[$role]}")
            # DELETE /session and PATCH the admin themselves would change the test itself
            case "$method $path $role" in
            "DELETE /api/v1/session "* | "DELETE /api/v1/tokens/{id} "*) continue ;;
            esac
            http "$method" "$concrete" "${auth[@]}" -H 'Content-Type: application/json' \
                -d '{}'
            case "$who" in
            ANY) allowed=1 ;;
            SIGNED_IN) [ "$role" != anonymous ] && allowed=1 || allowed=0 ;;
            STAFF) [[ $role =~ ^(admin|recruiter|interviewer)$ ]] && allowed=1 || allowed=0 ;;
            HIRING) [[ $role =~ ^(admin|recruiter)$ ]] && allowed=1 || allowed=0 ;;
            ADMIN) [ "$role" = admin ] && allowed=1 || allowed=0 ;;
            SELFID_WRITERS) [[ $role =~ ^(admin|recruiter|candidate)$ ]] && allowed=1 || allowed=0 ;;
            SELFID_READERS) [[ $role =~ ^(admin|candidate)$ ]] && allowed=1 || allowed=0 ;;
            *) fail "unknown roles $who for $method $path" ;;
            esac
            if [ $allowed = 0 ]; then
                local want=403
                [ "$role" = anonymous ] && want=401
                [ "$RC" = "$want" ] || fail "$role: $method $path gave $RC, expected $want"
            else
                [ "$RC" != 401 ] && [ "$RC" != 403 ] ||
                    fail "$role: $method $path refused ($RC) but the table allows it"
            fi
        done
    done <<<"$routes"
    stop_server
}

test_serve_rejects_bad_requests_and_changes_nothing() {
    RUBRIC_JSON_MAX=1K start_server
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    A=(-H "Authorization: Bearer $token")
    J=(-H 'Content-Type: application/json')
    users_before=$(db_sql 'SELECT count(*) FROM account')
    http POST /api/v1/users "${A[@]}" "${J[@]}" -d '{"email": "x@example.org", "role": '
    assert_rc 400
    assert_json '.field == "body" and (.detail | startswith("malformed JSON at line 1"))'
    http POST /api/v1/users "${A[@]}" "${J[@]}" -d '{"email":"x@example.org","role":"admin","shoe":1}'
    assert_rc 400
    assert_json '.field == "shoe" and .type == "/problems/invalid-input"'
    http POST /api/v1/users "${A[@]}" "${J[@]}" -d '{"email":"x@example.org","role":7}'
    assert_rc 400
    assert_json '.field == "role" and .detail == "role: expected a string"'
    http POST /api/v1/users "${A[@]}" "${J[@]}" -d '{"email":"x@example.org","role":"pirate"}'
    assert_rc 400
    assert_json '.field == "role"'
    http POST /api/v1/users "${A[@]}" "${J[@]}" --data-binary $'{"email":"x\xff@example.org","role":"admin"}'
    assert_rc 400
    assert_json '.detail | contains("UTF-8")'
    http POST /api/v1/users "${A[@]}" "${J[@]}" -d "{\"email\":\"x@example.org\",\"name\":\"$(head -c 2000 /dev/zero | tr '\0' a)\",\"role\":\"admin\"}"
    assert_rc 413
    assert_json '.type == "/problems/too-large"'
    http POST /api/v1/users "${A[@]}" -H 'Content-Type: text/plain' -d '{"email":"x@example.org","role":"admin"}'
    assert_rc 415
    http POST /api/v1/users "${A[@]}" "${J[@]}" -d '{"email":"not-an-address","role":"admin"}'
    assert_rc 400
    assert_json '.field == "email"'
    http POST /api/v1/users "${A[@]}" "${J[@]}" -d "{\"email\":\"$ADMIN\",\"role\":\"admin\"}"
    assert_rc 409
    assert_eq "$(db_sql 'SELECT count(*) FROM account')" "$users_before" "no user added"
    http GET /api/v1/nothing-here
    assert_rc 404
    assert_json '.type == "/problems/not-found"'
    http PUT /api/v1/roles "${A[@]}"
    assert_rc 405
    grep -qi '^allow: GET' <<<"$HDR" || fail "405 without Allow"
    stop_server
}

test_serve_questions_roles_kits_etags_and_paging() {
    start_server
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    A=(-H "Authorization: Bearer $token")
    J=(-H 'Content-Type: application/json')
    http GET '/api/v1/questions?limit=5&offset=10' "${A[@]}"
    assert_rc 200
    base=$(builtin_questions)
    assert_json ".total == $base and (.items | length) == 5 and .offset == 10"
    http GET '/api/v1/questions?q=idempotency&level=senior' "${A[@]}"
    assert_json '.total >= 1 and all(.items[]; .level_min != "junior" or .level_max != "junior")'
    http GET '/api/v1/questions?q=replication&role=database-administrator&limit=3' "${A[@]}"
    assert_rc 200
    assert_json '(.items | length) <= 3'
    http GET '/api/v1/questions?level=wizard' "${A[@]}"
    assert_rc 400
    assert_json '.field == "level"'
    http GET '/api/v1/questions?limit=0' "${A[@]}"
    assert_json '.field == "limit"'
    id=$(curl -s "${A[@]}" "$BASE/api/v1/questions?limit=1" | jq -r '.items[0].id')
    http GET "/api/v1/questions/$id" "${A[@]}"
    assert_rc 200
    etag=$(grep -i '^etag:' <<<"$HDR" | cut -d' ' -f2 | tr -d '\r')
    [ -n "$etag" ] || fail "no ETag"
    http GET "/api/v1/questions/$id" "${A[@]}" -H "If-None-Match: $etag"
    assert_rc 304
    assert_eq "$OUT" "" "a 304 has no body"
    # admins write questions; bank files are left alone by it
    q=$(curl -s "${A[@]}" "$BASE/api/v1/questions/$id" |
        jq '.id = "api-made-question" | .title = "A question made through the API" |
            .text = "How would you version a public API that mobile apps call?"')
    http POST /api/v1/questions "${A[@]}" "${J[@]}" -d "$(jq '.colour = "red"' <<<"$q")"
    assert_rc 400
    assert_json '.field == "colour"'
    http POST /api/v1/questions "${A[@]}" "${J[@]}" \
        -d "$(jq '.source = "mine" | .points = [.points[0]]' <<<"$q")"
    assert_rc 400
    assert_json '.detail | contains("pitfall") or contains("points")'
    http POST /api/v1/questions "${A[@]}" "${J[@]}" -d "$q"
    assert_rc 201
    grep -qi '^location: /api/v1/questions/api-made-question' <<<"$HDR" || fail "no Location"
    assert_json '.source == "api"'
    http POST /api/v1/questions "${A[@]}" "${J[@]}" -d "$q"
    assert_rc 409
    http GET /api/v1/questions/api-made-question "${A[@]}"
    assert_json '.minutes != 7'
    http PUT /api/v1/questions/api-made-question "${A[@]}" "${J[@]}" \
        -d "$(jq '.minutes = 7' <<<"$q")"
    assert_rc 200
    assert_json '.minutes == 7'
    # answers are cached by bank generation: a change, by the API or another process, shows
    http GET /api/v1/questions/api-made-question "${A[@]}"
    assert_json '.minutes == 7'
    printf '# Questions\n\n- How do you page through a list that changes while you read it?\n' \
        >more.md
    "$RUBRIC" bank import more.md --competency api-design --source cli-test >/dev/null
    http GET '/api/v1/questions?limit=1' "${A[@]}"
    assert_json ".total == $((base + 2))"
    http GET '/api/v1/questions?q=mobile+apps+version' "${A[@]}"
    assert_json 'any(.items[]; .id == "api-made-question")'
    http DELETE /api/v1/questions/api-made-question "${A[@]}"
    assert_rc 204
    http GET '/api/v1/questions?q=mobile+apps+version' "${A[@]}"
    assert_json 'all(.items[]; .id != "api-made-question")'
    http GET '/api/v1/questions?limit=1' "${A[@]}"
    assert_json ".total == $((base + 1))"
    http PUT /api/v1/questions/api-made-question "${A[@]}" "${J[@]}" -d "$(jq '.id = "other"' <<<"$q")"
    assert_rc 400
    assert_json '.field == "id"'
    # roles and kits
    http GET /api/v1/roles "${A[@]}"
    assert_json '.total == 7 and any(.items[]; .id == "site-reliability-engineer")'
    http GET /api/v1/roles/backend-developer-senior "${A[@]}"
    assert_rc 200
    http POST /api/v1/kits "${A[@]}" "${J[@]}" -d '{"role":"backend-developer-senior","stage":"technical","seed":7,"save":true}'
    assert_rc 201
    kit=$(jq -r .id <<<"$OUT")
    questions=$(jq -c '[.. | .id? // empty]' <<<"$OUT")
    http GET "/api/v1/kits/$kit" "${A[@]}"
    assert_rc 200
    assert_json ".id == $kit"
    http POST /api/v1/kits "${A[@]}" "${J[@]}" -d '{"role":"nobody"}'
    assert_rc 400
    assert_json '.field == "role"'
    stop_server
}

test_user_and_token_commands() {
    run_in $'a-long-enough-password\n' "$RUBRIC" user add Kai.Brenner@Example.org --role recruiter \
        --name "Kai Brenner" --password-stdin
    assert_rc 0
    assert_eq "$OUT" "1"
    run_in $'short\n' "$RUBRIC" user add lee@example.org --role recruiter --password-stdin
    assert_rc 1
    assert_err "at least 10 characters"
    run_in $'a-long-enough-password\n' "$RUBRIC" user add kai.brenner@example.org --role admin \
        --password-stdin
    assert_rc 1
    assert_err "exists already"
    run "$RUBRIC" user add x@example.org --role pirate
    assert_rc 2
    run "$RUBRIC" user list --json
    assert_json '.[0].email == "kai.brenner@example.org" and .[0].role == "recruiter"'
    run "$RUBRIC" token create kai.brenner@example.org --name laptop
    assert_rc 0
    [[ $OUT == rbt_* ]] || fail "token: $OUT"
    run "$RUBRIC" token list kai.brenner@example.org
    assert_json '.[0].name == "laptop" and .[0].revoked == false'
    run "$RUBRIC" user disable kai.brenner@example.org
    assert_rc 0
    run "$RUBRIC" token list kai.brenner@example.org
    assert_json '.[0].revoked == true'
    run_in $'another-long-password\n' "$RUBRIC" user passwd kai.brenner@example.org --password-stdin
    assert_rc 0
    run "$RUBRIC" user disable nobody@example.org
    assert_rc 3
}

test_serve_candidates_uploads_and_screenings() {
    start_server
    rec=$(token_for recruiter)
    A=(-H "Authorization: Bearer $rec")
    J=(-H 'Content-Type: application/json')
    http POST /api/v1/candidates "${A[@]}" "${J[@]}" \
        -d '{"name":"Amara Okafor","email":"Amara.Okafor@Example.org","role":"backend-developer-senior"}'
    assert_rc 201
    assert_json '.id == 1 and .stage == "applied" and .email == "amara.okafor@example.org" and .resumes == []'
    http POST /api/v1/candidates "${A[@]}" "${J[@]}" -d '{"name":"X","role":"nobody"}'
    assert_rc 400
    assert_json '.field == "role"'
    printf '\x89PNG\r\n\x1a\n\0\0\0\0' >photo.png
    http POST '/api/v1/resumes?candidate=1' "${A[@]}" -F "file=@$DATA/resumes/plain.txt" \
        -F "file=@photo.png" -F "file=@$DATA/resumes/markdown.md;filename=../../tomasz.md"
    assert_rc 201
    assert_json '(.items | length) == 3 and .items[0].format == "text" and .items[0].error == null'
    assert_json '.items[1].error == "an image, not a resume format"'
    assert_json '.items[2].filename == "tomasz.md"'
    [ ! -e uploads ] || fail "an uploads folder was made: originals are kept in the store"
    http POST '/api/v1/resumes?candidate=99' "${A[@]}" -F "file=@$DATA/resumes/plain.txt"
    assert_rc 400
    assert_json '.field == "candidate"'
    http POST /api/v1/resumes "${A[@]}" "${J[@]}" -d '{}'
    assert_rc 415
    http GET /api/v1/resumes/1 "${A[@]}"
    assert_rc 200
    assert_json '.parsed.name == "Amara Okafor" and (has("hash") | not)'
    http GET /api/v1/candidates/1 "${A[@]}"
    assert_json '(.resumes | length) == 3'
    http GET '/api/v1/candidates?stage=applied' "${A[@]}"
    assert_json '.total == 1'
    # a screening runs in the background: poll it
    http POST /api/v1/screenings "${A[@]}" "${J[@]}" -d '{"role":"backend-developer-senior"}'
    assert_rc 202
    assert_json '.total == 2 and (.state == "queued" or .state == "running" or .state == "done")'
    sid=$(jq -r .id <<<"$OUT")
    grep -qi "^location: /api/v1/screenings/$sid" <<<"$HDR" || fail "no Location"
    for _ in $(seq 1 100); do
        http GET "/api/v1/screenings/$sid" "${A[@]}"
        [ "$(jq -r .state <<<"$OUT")" = done ] && break
        sleep 0.1
    done
    assert_json '.state == "done" and .done == 2 and .failed == 0'
    http GET "/api/v1/screenings/$sid/results" "${A[@]}"
    assert_rc 200
    assert_json '.total == 2 and .items[0].rank == 1 and .items[0].score >= .items[1].score'
    assert_json '.items[0].name == "Amara Okafor" and .items[0].filename == "plain.txt"'
    # blind, against a job description in prose
    job=$(jq -Rs . <"$DATA/jobs/senior-backend-go.txt")
    http POST /api/v1/screenings "${A[@]}" "${J[@]}" -d "{\"job\":$job,\"blind\":true,\"resumes\":[1,3]}"
    assert_rc 202
    sid=$(jq -r .id <<<"$OUT")
    assert_json '.criteria.must_have | any(.skill == "go")'
    for _ in $(seq 1 100); do
        http GET "/api/v1/screenings/$sid" "${A[@]}"
        [ "$(jq -r .state <<<"$OUT")" = done ] && break
        sleep 0.1
    done
    http GET "/api/v1/screenings/$sid/results" "${A[@]}"
    assert_json '.total == 2 and all(.items[]; (has("name") or has("filename")) | not)'
    assert_not_out "Amara"
    http POST /api/v1/screenings "${A[@]}" "${J[@]}" -d '{"role":"backend-developer-senior","resumes":[42]}'
    assert_rc 400
    assert_json '.field == "resumes"'
    http POST /api/v1/screenings "${A[@]}" "${J[@]}" -d '{}'
    assert_rc 400
    http GET /metrics -H "Authorization: Bearer $("$RUBRIC" token create "$ADMIN" 2>/dev/null)"
    assert_out "rubric_screenings_active 0"
    stop_server
}

test_serve_sessions_expire_and_bad_multipart_is_refused() {
    RUBRIC_SESSION_HOURS=0 RUBRIC_UPLOAD_MAX=2K start_server
    http POST /api/v1/session -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}"
    assert_rc 200
    cookie=$(grep -io 'rubric_session=rbs_[^;]*' <<<"$HDR")
    [ -n "$cookie" ] || fail "no session cookie"
    # a browser would drop it at once (Max-Age=0); the server refuses it too
    http GET /api/v1/session -H "Cookie: $cookie"
    assert_rc 401
    assert_json '.detail | contains("expired")'
    token=$("$RUBRIC" token create "$ADMIN" 2>/dev/null)
    http POST /api/v1/resumes -H "Authorization: Bearer $token" \
        -H 'Content-Type: multipart/form-data; boundary=XYZ' --data-binary $'--XYZ\r\nnonsense'
    assert_rc 400
    assert_json '.field == "body" or .field == "files"'
    http POST /api/v1/resumes -H "Authorization: Bearer $token" \
        -H 'Content-Type: multipart/form-data' --data-binary 'no boundary at all'
    assert_rc 400
    # the upload limit holds for all files together, with or without a Content-Length
    head -c 1500 /dev/zero | tr '\0' a >a.txt
    http POST /api/v1/resumes -H "Authorization: Bearer $token" -H 'Transfer-Encoding: chunked' \
        -F file=@a.txt -F file=@a.txt
    assert_rc 413
    http POST /api/v1/resumes -H "Authorization: Bearer $token" -F file=@a.txt -F file=@a.txt
    assert_rc 413
    assert_eq "$(db_sql 'SELECT count(*) FROM resume')" "0" "nothing stored"
    stop_server
}

# Servers started together on an empty store (two behind a proxy, restarted by systemd at
# once) all find it empty and all seed it: each must come up, with one admin and one bank.
test_servers_started_together_on_an_empty_store_all_come_up() {
    local pids=() ports=() i up tries
    # together_start I: server I on a random port, over the test's store (either backend)
    together_start() {
        ports[$1]=$((20000 + RANDOM % 40000))
        RUBRIC_ADMIN_PASSWORD=$ADMIN_PW "$RUBRIC" serve --listen "127.0.0.1:${ports[$1]}" \
            </dev/null >/dev/null 2>"together-$1.log" &
        pids[$1]=$!
    }
    for i in 1 2 3; do
        together_start "$i"
    done
    trap 'kill -KILL ${pids[*]} 2>/dev/null || true' EXIT
    tries=0
    for _ in $(seq 1 200); do
        up=0
        for i in 1 2 3; do
            grep -q "serving on http://127.0.0.1:${ports[$i]} " "together-$i.log" && up=$((up + 1))
            # another program (the other lane's tests) held that port: this one again, elsewhere
            if grep -q 'Address already in use' "together-$i.log" && [ "$tries" -lt 5 ]; then
                tries=$((tries + 1))
                wait "${pids[$i]}" 2>/dev/null || true
                together_start "$i"
            fi
        done
        [ "$up" -eq 3 ] && break
        sleep 0.1
    done
    for i in 1 2 3; do
        kill -0 "${pids[$i]}" 2>/dev/null ||
            fail "server $i did not come up: $(cat "together-$i.log")"
        grep -q "serving on" "together-$i.log" || fail "server $i is not serving: $(cat "together-$i.log")"
    done
    kill -TERM "${pids[@]}"
    wait "${pids[@]}" 2>/dev/null || true
    run "$RUBRIC" user list --json
    [ "$(jq length <<<"$OUT")" = 1 ] || fail "not one admin: $OUT"
    run "$RUBRIC" bank stats --json
    [ "$(jq .questions <<<"$OUT")" = "$(builtin_questions)" ] || fail "not one bank: $OUT"
}
