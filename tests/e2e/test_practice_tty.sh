# SPDX-License-Identifier: MIT
# `rubric practice` driven on a real terminal: tmux runs it in a detached session of a fixed
# size; send-keys types, capture-pane reads the screen. Every wait polls in 0.1 s steps and
# the whole test has a hard deadline. Checked: the countdown, commands, feedback, rating,
# quitting, the due question back on another (injected) day, and that Ctrl-C or a closed
# terminal loses no rating already given.

ROLE=backend-developer-mid
TTY_DEADLINE=120 # seconds for one test, at most

setup_store() {
    RC=0 OUT="" ERR=""
    "$RUBRIC" bank load >/dev/null && "$RUBRIC" role load >/dev/null
    printf 'a-long-enough-password\n' | "$RUBRIC" user add ada@example.org --role candidate \
        --password-stdin >/dev/null
    DEADLINE=$((SECONDS + TTY_DEADLINE))
    TMUX_CMD=(tmux -S "$PWD/tmux.sock" -f /dev/null)
    trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null || true' EXIT
}

# start NAME ARGS...: `rubric practice ARGS` in a new tmux session NAME (120x50), its
# standard error in NAME.err and its exit status in NAME.status. The shell around it ignores
# Ctrl-C and hang-ups, which go to rubric (it sets its own handlers), so that it lives to
# write the status; the pane stays after it ends, to be read.
start() {
    local name=$1
    shift
    "${TMUX_CMD[@]}" new-session -d -s "$name" -x 120 -y 50 \
        "trap '' INT HUP; env RUBRIC_DB='$RUBRIC_DB' ASAN_OPTIONS='${ASAN_OPTIONS:-}' '$RUBRIC' practice $* 2>'$PWD/$name.err'; echo \$? >'$PWD/$name.status'" \; \
        set-option -t "$name" remain-on-exit on >/dev/null ||
        fail "tmux could not start"
}

screen() { "${TMUX_CMD[@]}" capture-pane -p -J -t "$1" -S -300; }

# wait_for NAME TEXT: until the screen shows TEXT (fixed string), or fail.
wait_for() {
    local i
    for i in $(seq 150); do
        screen "$1" | grep -qF -- "$2" && return 0
        [ "$SECONDS" -lt "$DEADLINE" ] || break
        sleep 0.1
    done
    OUT=$(screen "$1" | grep -v '^$' | tail -15)
    ERR=$(cat "$1.err" 2>/dev/null)
    fail "the screen never showed '$2'"
}

# wait_prompt NAME: until the last line is an empty answer prompt ("[09:59] > "): the
# terminal is then in libedit's hands (a Ctrl-D typed before would be the tty's own EOF).
wait_prompt() {
    local i
    for i in $(seq 150); do
        screen "$1" | grep -v '^$' | tail -1 | grep -qE '^\[\+?[0-9]{2}:[0-9]{2}\] > ?$' && return 0
        [ "$SECONDS" -lt "$DEADLINE" ] || break
        sleep 0.1
    done
    OUT=$(screen "$1" | grep -v '^$' | tail -15)
    fail "no answer prompt"
}

keys() { "${TMUX_CMD[@]}" send-keys -t "$1" "${@:2}"; }
# type NAME LINE: a line of text, then Enter
type_line() { keys "$1" -l -- "$2" && keys "$1" Enter; }

# ended NAME: waits for the program to end; prints its exit status.
ended() {
    local i
    for i in $(seq 150); do
        if [ -s "$1.status" ]; then
            cat "$1.status"
            return 0
        fi
        [ "$SECONDS" -lt "$DEADLINE" ] || break
        sleep 0.1
    done
    OUT=$(screen "$1" | grep -v '^$' | tail -15)
    ERR=$(cat "$1.err" 2>/dev/null)
    fail "rubric practice did not end"
}

no_sanitizer_reports() {
    ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$1.err" ||
        { ERR=$(cat "$1.err"); fail "the sanitizers found something"; }
}

# child_of PID: the processes whose parent is PID (from /proc: "pid (comm) state ppid ...").
child_of() {
    local d
    for d in /proc/[0-9]*; do
        [ "$(sed 's/.*) [A-Za-z] \([0-9]*\) .*/\1/' "$d/stat" 2>/dev/null)" = "$1" ] &&
            echo "${d#/proc/}"
    done
    return 0
}

reviews() { db_sql 'SELECT count(*) FROM practice_review'; }

test_practice_session_answers_rates_quits_and_resumes_the_next_day() {
    setup_store
    local q title concept minutes first
    q=$("$RUBRIC" practice next --user ada@example.org --role $ROLE --now 2025-03-01 --json |
        jq -r .question.id)
    "$RUBRIC" bank show "$q" --json >q.json
    title=$(jq -r .title q.json)
    minutes=$(jq -r .minutes q.json)
    concept=$(jq -r '[.points[] | select(.kind == "shows")][0].concepts[0]' q.json)

    start s1 --user ada@example.org --role $ROLE --now 2025-03-01T09:00:00Z
    wait_for s1 "== $title (new,"
    wait_for s1 "end with a line holding only '.'"
    # the countdown starts at the question's minutes and goes down while one types
    wait_for s1 "$(printf '[%02d:00] > ' "$minutes")"
    keys s1 -l -- "I would start with"
    first=$(printf '[%02d:5' $((minutes - 1)))
    wait_for s1 "$first"
    keys s1 -l -- " the $concept,"
    keys s1 Enter
    type_line s1 ":hint"
    wait_for s1 "hint: "
    type_line s1 ":pause"
    wait_for s1 "Paused: the clock is stopped."
    keys s1 Enter
    type_line s1 "and then explain the trade-offs."
    type_line s1 "."
    wait_for s1 "Keyword coverage (a hint, not a judgement of your answer):"
    wait_for s1 "found: $concept"
    wait_for s1 "A good answer shows ([x] every key concept mentioned"
    wait_for s1 "How did it go? again (1), hard (2), good (3) or easy (4)"
    assert_eq "$(reviews)" "0" "nothing is stored before the rating"
    type_line s1 "splendid"
    wait_for s1 "Type again, hard, good or easy"
    type_line s1 "again"
    wait_for s1 "Saved: again. Next time in 1 day, on 2025-03-02."
    # stored while the session goes on
    assert_eq "$(reviews)" "1"
    assert_eq "$(db_sql "SELECT q.slug, c.due FROM practice_card c JOIN question q ON q.id = c.question")" "$q|2025-03-02"
    # the next question (the one just rated is due tomorrow, not now); leave it
    wait_for s1 "0 due, "
    wait_prompt s1
    type_line s1 ":skip"
    wait_for s1 "Skipped: not rated"
    wait_prompt s1
    type_line s1 ":quit"
    wait_for s1 "Answered 1 (1 new, 0 reviews). Progress kept."
    assert_eq "$(ended s1)" "0"
    no_sanitizer_reports s1
    assert_eq "$(reviews)" "1"

    # the next day the question is back, first, as a review
    start s2 --user ada@example.org --role $ROLE --now 2025-03-02T08:30:00Z
    wait_for s2 "1 due, "
    wait_for s2 "== $title (review,"
    type_line s2 "."
    wait_for s2 "How did it go?"
    type_line s2 "3"
    wait_for s2 "Saved: good."
    wait_for s2 "0 due, "
    wait_prompt s2
    keys s2 C-d
    wait_for s2 "Progress kept."
    assert_eq "$(ended s2)" "0"
    no_sanitizer_reports s2
    assert_eq "$(reviews)" "2"
    assert_eq "$(db_sql "SELECT reps, lapses FROM practice_card c JOIN question q ON q.id = c.question WHERE q.slug = '$q'")" "2|0"
}

test_practice_ctrl_c_keeps_the_ratings_given() {
    setup_store
    start c1 --user ada@example.org --now 2025-03-01
    wait_for c1 "Answer below"
    type_line c1 "."
    wait_for c1 "How did it go?"
    type_line c1 "easy"
    wait_for c1 "Saved: easy."
    wait_prompt c1
    keys c1 -l -- "half an answer that is never finished"
    keys c1 C-c
    assert_eq "$(ended c1)" "130"
    no_sanitizer_reports c1
    assert_eq "$(reviews)" "1"
    assert_eq "$(db_sql 'SELECT rating FROM practice_review')" "4"
    on_pg || assert_eq "$(sqlite3 rubric.db 'PRAGMA integrity_check')" "ok"
}

test_practice_closing_the_terminal_keeps_the_ratings_given() {
    setup_store
    local pid i
    start h1 --user ada@example.org --now 2025-03-01
    wait_for h1 "Answer below"
    pid=$(child_of "$("${TMUX_CMD[@]}" display-message -p -t h1 '#{pane_pid}')")
    [ -n "$pid" ] || fail "no rubric process in the pane"
    type_line h1 "."
    wait_for h1 "How did it go?"
    type_line h1 "hard"
    wait_for h1 "Saved: hard."
    wait_prompt h1
    # the terminal goes away: the program gets SIGHUP
    "${TMUX_CMD[@]}" kill-session -t h1
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    ! kill -0 "$pid" 2>/dev/null || fail "rubric practice is still running without a terminal"
    no_sanitizer_reports h1
    assert_eq "$(db_sql 'SELECT rating FROM practice_review')" "2"
    on_pg || assert_eq "$(sqlite3 rubric.db 'PRAGMA integrity_check')" "ok"
}
