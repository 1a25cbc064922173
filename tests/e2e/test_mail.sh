# SPDX-License-Identifier: MIT
# End-to-end tests of invites and notifications by email: `rubric serve` sends to a small
# SMTP sink on loopback (tests/e2e/smtp_sink.mjs), and every message is read back strictly
# (tests/e2e/mail_read.mjs: the MIME parts, and the calendar with a reader of its own).
# Scheduling, moving and cancelling an interview gives each panel member three invites of
# one event (the same UID, a rising SEQUENCE, REQUEST then CANCEL); a sink that is down at
# first gets the mail once it is up, and the change was never held up; an application
# through the careers page gets one confirmation; `rubric mail send-pending` does the same
# from cron.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

J=(-H 'Content-Type: application/json')

# Starts the sink (on port $1, or any free one): sets SINK_PORT and SINK_PID; messages land
# in ./mail.
start_sink() {
    rm -f sink.port
    node "$ROOT/tests/e2e/smtp_sink.mjs" mail sink.port "${1:-0}" 2>>sink.log &
    SINK_PID=$!
    for _ in $(seq 1 100); do
        [ -s sink.port ] && break
        sleep 0.1
    done
    [ -s sink.port ] || fail "the SMTP sink did not start: $(cat sink.log)"
    SINK_PORT=$(cat sink.port)
    SINKS="${SINKS:-} $SINK_PID"
    trap 'kill -KILL $SINKS ${SERVER_PID:-} 2>/dev/null || true' EXIT
}

# start_server, with the sinks stopped too when the test ends (its trap replaces ours).
serve() {
    start_server
    trap 'kill -KILL ${SINKS:-} $SERVER_PID 2>/dev/null || true' EXIT
}

# wait_mail N: until the sink holds at least N messages (30 s at most), then reads them all
# into OUT (one JSON line each).
wait_mail() {
    for _ in $(seq 1 300); do
        [ "$(find mail -name '*.json' 2>/dev/null | wc -l)" -ge "$1" ] && break
        sleep 0.1
    done
    run node "$ROOT/tests/e2e/mail_read.mjs" mail
    assert_rc 0
    [ "$(wc -l <<<"$OUT")" -ge "$1" ] || fail "expected $1 messages in the sink"
}

# A store with the bank and roles, a recruiter (rita) and two interviewers with names,
# a candidate with a role; tokens in tok[].
setup_people() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    declare -gA tok
    "$RUBRIC" user add rita@example.org --name "Rita Fenn" --role recruiter --no-password >/dev/null
    "$RUBRIC" user add ada@example.org --name "Ada Quill, PhD" --role interviewer --no-password >/dev/null
    "$RUBRIC" user add bo@example.org --role interviewer --no-password >/dev/null
    tok[rita]=$("$RUBRIC" token create rita@example.org 2>/dev/null)
    "$RUBRIC" candidate add --name "Noor Vale" --role backend-developer-senior >/dev/null
}

smtp_env() {
    export RUBRIC_SMTP_URL="smtp://127.0.0.1:$1" RUBRIC_SMTP_FROM=rubric@example.org
    export RUBRIC_MAIL_RETRY_SECONDS=1
}

as_rita() { http "$1" "$2" -H "Authorization: Bearer ${tok[rita]}" "${@:3}"; }

test_each_panel_member_gets_the_invite_its_move_and_its_cancel() {
    setup_people
    start_sink
    smtp_env "$SINK_PORT"
    serve
    as_rita POST /api/v1/interviews "${J[@]}" -d '{"candidate":1,"stage":"technical",
        "interviewers":["ada@example.org","bo@example.org"],"minutes":45,"seed":2,
        "scheduled_at":"2026-12-08T10:00","time_zone":"Europe/Berlin"}'
    assert_eq "$RC" 201
    iid=$(jq .id <<<"$OUT")
    wait_mail 2
    as_rita PATCH "/api/v1/interviews/$iid" "${J[@]}" -d '{"scheduled_at":"2026-12-09T14:30"}'
    assert_eq "$RC" 200
    wait_mail 4
    tok[ada]=$("$RUBRIC" token create ada@example.org 2>/dev/null)
    http GET '/api/v1/interviews?mine=true&waiting=true' -H "Authorization: Bearer ${tok[ada]}"
    assert_json '.total == 1'
    as_rita POST "/api/v1/interviews/$iid/cancel"
    assert_eq "$RC" 200
    # a cancelled interview waits for no scorecard, in ada's list or the dashboard
    http GET '/api/v1/interviews?mine=true&waiting=true' -H "Authorization: Bearer ${tok[ada]}"
    assert_json '.total == 0'
    as_rita GET /api/v1/dashboard
    assert_json '[.awaiting_scorecards.items[]? | select(.interview == '"$iid"')] == []'
    wait_mail 6
    printf '%s\n' "$OUT" >read.jsonl
    OUT=$(cat read.jsonl)
    assert_jsonl 'length == 6 and all(.[]; .envelope_to == [.to] and .ical != null)'
    for who in ada@example.org bo@example.org; do
        OUT=$(jq -c --arg who "$who" 'select(.to == $who)' read.jsonl)
        # one event: the same UID; each change a higher SEQUENCE; REQUEST, REQUEST, CANCEL
        assert_jsonl 'length == 3 and ([.[].ical.uid] | unique | length) == 1'
        assert_jsonl '[.[].ical.sequence] as $s | $s[0] < $s[1] and $s[1] < $s[2]'
        assert_jsonl '[.[].ical.method] == ["REQUEST", "REQUEST", "CANCEL"]'
        assert_jsonl '[.[].ical.status] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]'
        assert_jsonl '[.[].calendar_type | test("method=(REQUEST|CANCEL)")] | all'
        # in the interview's zone, at the times given (December: CET, +0100)
        assert_jsonl '[.[].ical.dtstart] == ["20261208T100000", "20261209T143000", "20261209T143000"]'
        assert_jsonl 'all(.[]; .ical.tzid == "Europe/Berlin" and .ical.offset == "+0100")'
        assert_jsonl 'all(.[]; .ical.organizer == "rita@example.org"
            and .ical.attendees == ["ada@example.org", "bo@example.org"])'
        assert_jsonl 'all(.[]; .ical.summary == "technical interview with Noor Vale")'
        assert_jsonl '[.[].subject | split(":")[0]] == ["Invitation", "Moved", "Cancelled"]'
    done
    # nothing personal beyond the panel's view: no contact details, no kit, no ratings
    ! grep -qiE 'phone|resume|rating|recommend' <(jq -r '.text, .subject' read.jsonl) ||
        fail "more than the panel sees"
    # sent rows keep no body or attachment
    run "$RUBRIC" mail list --json
    assert_json '.total == 6 and all(.items[]; .sent_at != null and .attempts == 1)'
    [ "$(db_sql 'SELECT count(*) FROM outbox WHERE body IS NOT NULL OR attachment IS NOT NULL')" = 0 ] ||
        fail "a sent message kept its body"
}

test_a_sink_down_at_first_gets_the_mail_once_it_is_up() {
    setup_people
    # a port with nothing on it yet (the sink takes it later)
    start_sink
    port=$SINK_PORT
    kill "$SINK_PID" && wait "$SINK_PID" 2>/dev/null
    smtp_env "$port"
    serve
    as_rita POST /api/v1/interviews "${J[@]}" -d '{"candidate":1,"stage":"technical",
        "interviewers":["ada@example.org"],"seed":3,"scheduled_at":"2026-12-08T09:00:00Z"}'
    assert_eq "$RC" 201 # the change is not held up by the mail
    for _ in $(seq 1 100); do
        run "$RUBRIC" mail list --json
        [ "$(jq '.items[0].attempts >= 1' <<<"$OUT")" = true ] && break
        sleep 0.1
    done
    assert_json '.total == 1 and .items[0].sent_at == null and .items[0].attempts >= 1
        and (.items[0].last_error | test("connect|Connection|refused"; "i"))'
    start_sink "$port"
    wait_mail 1
    assert_jsonl 'length == 1 and .[0].to == "ada@example.org" and .[0].ical.method == "REQUEST"'
    for _ in $(seq 1 50); do
        run "$RUBRIC" mail list --json
        [ "$(jq '.items[0].sent_at != null' <<<"$OUT")" = true ] && break
        sleep 0.1
    done
    assert_json '.items[0].sent_at != null and .items[0].attempts >= 2 and .items[0].last_error == null'
    grep -q 'mail: 0 sent, 1 failed' server.log || fail "the server's log does not say a try failed"
    ! grep -q 'ada@example.org' server.log || fail "the log names a recipient"
}

test_an_application_through_the_careers_page_sends_one_confirmation() {
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    printf '%s\n' '## Requirements' '- PostgreSQL' >jd.md
    "$RUBRIC" opening add --title "Platform engineer" --role backend-developer-senior \
        --description jd.md >/dev/null
    "$RUBRIC" opening status 1 open 2>/dev/null
    printf '%s\n' 'Ama Testperson' 'ama@example.org' '' 'Skills: PostgreSQL' >cv.txt
    start_sink
    smtp_env "$SINK_PORT"
    serve
    for e in ama@example.org AMA@Example.org; do # the second is merged into the first
        http POST /api/v1/openings/1/applications/public -F name="Ama Testperson" -F email=$e \
            -F consent=yes -F 'resume=@cv.txt'
        assert_eq "$RC" 201
    done
    wait_mail 1
    sleep 2 # time for a second message, were one queued
    wait_mail 1
    assert_jsonl 'length == 1 and .[0].to == "ama@example.org" and .[0].ical == null'
    assert_jsonl '.[0].subject == "We received your application: Platform engineer"'
    assert_jsonl '.[0].text | test("Hello Ama Testperson,") and (test("PostgreSQL") | not)'
}

test_mail_send_pending_sends_what_the_command_line_queued() {
    setup_people
    run "$RUBRIC" interview create 1 --stage technical --interviewer bo@example.org \
        --at 2026-12-08T10:00:00Z --seed 4
    assert_rc 0
    run "$RUBRIC" mail send-pending
    assert_rc 2
    assert_err "SMTP is not configured"
    start_sink
    printf 'smtp_url = smtp://127.0.0.1:%s\nsmtp_from = rubric@example.org\n' "$SINK_PORT" >mail.conf
    run "$RUBRIC" mail send-pending --config mail.conf
    assert_rc 0
    assert_out "1 sent, 0 failed"
    wait_mail 1
    assert_jsonl '.[0].to == "bo@example.org" and .[0].ical.method == "REQUEST"
        and .[0].ical.dtstart == "20261208T100000Z"'
    run "$RUBRIC" interview invite 1 --output invite.ics
    assert_rc 0
    grep -q $'^UID:rubric-interview-1-' invite.ics || fail "the saved invite has no UID"
    run "$RUBRIC" mail send-pending --config mail.conf
    assert_out "0 sent, 0 failed"
}

test_recruiters_hear_when_a_screening_finishes_and_the_panel_too_when_a_loop_is_complete() {
    setup_people
    tok[ada]=$("$RUBRIC" token create ada@example.org 2>/dev/null)
    start_sink
    smtp_env "$SINK_PORT"
    serve
    http POST /api/v1/resumes -H "Authorization: Bearer ${tok[rita]}" -F "file=@$DATA/resumes/plain.txt"
    assert_eq "$RC" 201
    as_rita POST /api/v1/screenings "${J[@]}" -d '{"role":"backend-developer-senior"}'
    sid=$(jq -r .id <<<"$OUT")
    wait_mail 1
    assert_jsonl '.[0].to == "rita@example.org" and .[0].subject == "Screening '"$sid"' finished"'
    assert_jsonl '.[0].text | test("1 resume, 1 scored")'
    as_rita POST /api/v1/interviews "${J[@]}" -d '{"candidate":1,"stage":"technical",
        "interviewers":["ada@example.org"],"seed":5}'
    iid=$(jq .id <<<"$OUT")
    http GET "/api/v1/interviews/$iid/scorecard-template" -H "Authorization: Bearer ${tok[ada]}"
    card=$(jq -c '.ratings |= map(.rating = 3) | .recommendation = "yes"' <<<"$OUT")
    http POST "/api/v1/interviews/$iid/scorecards" -H "Authorization: Bearer ${tok[ada]}" \
        "${J[@]}" -d "$card"
    assert_eq "$RC" 201
    # the recruiter, and the panel, whose debrief is open to them now
    wait_mail 3
    OUT=$(jq -c 'select(.subject | startswith("Scorecards all in"))' <<<"$OUT")
    assert_jsonl 'length == 2 and ([.[].to] | sort) == ["ada@example.org", "rita@example.org"]
        and all(.[]; .subject == "Scorecards all in: Noor Vale")'
}
