# SPDX-License-Identifier: MIT
# README's exit-status table, command by command: each case issue 17 found wrong, and one
# case per documented code, each on a fresh store (0 ok, 1 problems or invalid input, 2 usage,
# 3 not found, 4 file error, 5 store error, 6 partial kit; 70 is a bug and has no case).

EX=$ROOT/examples

test_0_ok_and_a_fresh_store_is_seeded_for_commands_that_read_the_bank() {
    run "$RUBRIC" bank search cache --limit 2
    assert_rc 0
    assert_err "a fresh store: loaded the built-in bank"
    assert_out " 1. "
    # the second command finds the bank there and says nothing about it
    run "$RUBRIC" role list
    assert_rc 0
    [ -z "$ERR" ] || fail "a seeded store is not seeded twice"
    assert_out "backend-developer-senior"
}

test_role_load_before_bank_load_works() {
    run "$RUBRIC" role load
    assert_rc 0
    assert_err "loaded the built-in bank first"
    assert_out "loaded 7 roles"
}

test_screen_with_a_role_on_a_fresh_store() {
    run "$RUBRIC" screen "$EX/resumes/amara.txt" --role backend-developer-senior
    assert_rc 0
    assert_out "Amara Okafor"
}

test_a_store_with_its_own_bank_is_not_given_the_builtin_roles() {
    "$RUBRIC" bank load "$DATA/bank-small" >/dev/null
    run "$RUBRIC" role list --json
    assert_rc 0
    assert_json '.roles | length == 0'
    assert_not_out "backend-developer"
}

test_1_invalid_input() {
    run "$RUBRIC" bank lint "$DATA/bank-bad"
    assert_rc 1
}

test_1_an_empty_scorecard_file_is_called_a_file_not_a_body() {
    "$RUBRIC" candidate add --name "Ilse Examplar" --role backend-developer-mid >/dev/null 2>&1
    printf 'a-long-enough-password\n' |
        "$RUBRIC" user add ada@example.org --role interviewer --password-stdin >/dev/null
    "$RUBRIC" interview create 1 --stage technical --interviewer ada@example.org >/dev/null
    : >card.json
    run "$RUBRIC" scorecard submit 1 --as ada@example.org card.json
    assert_rc 1
    assert_err "card.json: the file is empty"
    ! grep -q "body" <<<"$ERR" || fail "the command line speaks of a request body: $ERR"
}

test_2_usage() {
    run "$RUBRIC" bank
    assert_rc 2
    assert_err "usage: rubric bank"
    run "$RUBRIC" --db "" bank stats
    assert_rc 2
    assert_err "--db is empty"
    [ ! -e rubric.db ] || fail "an empty --db fell back to the default store"
    run "$RUBRIC" kit --role backend-developer-mid --minutes zero
    assert_rc 2
    run "$RUBRIC" serve --listen 127.0.0.1:99999
    assert_rc 2
    assert_err "bad port"
}

test_3_not_found() {
    run "$RUBRIC" bank show no-such-question
    assert_rc 3
    assert_err "no question with id 'no-such-question'"
    run "$RUBRIC" skills find no-such-skill
    assert_rc 3
    run "$RUBRIC" kit --role backend-developer-mid --candidate 4
    assert_rc 3
    assert_err "rubric candidate list"
}

test_4_file_errors() {
    run "$RUBRIC" parse nonexistent.txt
    assert_rc 4
    assert_err "nonexistent.txt"
    run "$RUBRIC" bank load /nonexistent.md
    assert_rc 4
    run "$RUBRIC" screen /nonexistent --role backend-developer-senior
    assert_rc 4
    assert_err "cannot read /nonexistent"
    [ -z "$OUT" ] || fail "a missing folder printed a ranking: $OUT"
    run "$RUBRIC" job show /nonexistent.txt
    assert_rc 4
}

test_5_store_errors() {
    printf 'not a database, only text\n%.0s' $(seq 1 200) >broken.db
    run "$RUBRIC" --db broken.db bank stats
    assert_rc 5
    # a socket folder that does not exist: refused at once, and never a server on this machine
    run "$RUBRIC" --db "postgres://ada:s3cret-pw@localhost/rubric?host=$PWD/no-such-dir" bank stats
    assert_rc 5
    assert_err "postgres://ada:***@localhost/rubric"
    ! grep -q "s3cret-pw" <<<"$ERR" || fail "the password was shown"
}

test_6_partial_kit() {
    run "$RUBRIC" kit --role backend-architect --stage system-design --minutes 5 --format json
    assert_rc 6
}

test_serve_refuses_a_port_in_use_before_creating_an_admin() {
    # shellcheck source=tests/e2e/serve_lib.sh
    source "$ROOT/tests/e2e/serve_lib.sh"
    start_server
    run "$RUBRIC" --db "sqlite:$PWD/second.db" serve --listen "127.0.0.1:$PORT"
    assert_rc 4
    assert_err "cannot listen on 127.0.0.1:$PORT"
    ! grep -q "created the first admin" <<<"$ERR" || fail "an admin was created first: $ERR"
    run "$RUBRIC" --db "sqlite:$PWD/second.db" user list --json
    assert_json 'length == 0'
    stop_server
}

test_help_for_a_command_is_that_commands_help() {
    run "$RUBRIC" help bank
    assert_rc 0
    assert_out "usage: rubric bank COMMAND"
    run "$RUBRIC" help kit
    assert_rc 0
    assert_out "usage: rubric kit"
    run "$RUBRIC" help no-such-command
    assert_rc 2
}
