# SPDX-License-Identifier: MIT
# A password change ends the user's other sessions and, unless they keep them, their API
# tokens: their own change over the API, an admin's reset (PATCH /users/{id}) and the
# operator's (`rubric user passwd`). A stolen token must not outlive the reset meant to stop it.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

OLA=ola@example.org

# A session for ola into jar $1; prints its CSRF token.
ola_session() { login "$OLA" "$1" "$2"; }

# status METHOD PATH [curl args...]: prints only the HTTP status
setup() {
    start_server
    printf 'ola-password-1\n' | "$RUBRIC" user add "$OLA" --role interviewer --password-stdin \
        >/dev/null || fail "user add"
    TOKEN=$("$RUBRIC" token create "$OLA" 2>/dev/null) || fail "token create"
}

test_my_change_ends_my_other_sessions_and_tokens() {
    local mine other
    setup
    mine=$(ola_session ola-password-1 mine.jar)
    other=$(ola_session ola-password-1 other.jar)
    [ -n "$mine" ] && [ -n "$other" ] || fail "no sessions"
    http POST /api/v1/account/password -b mine.jar -H "X-CSRF-Token: $mine" \
        -H 'Content-Type: application/json' \
        -d '{"current":"ola-password-1","new":"ola-password-2","keep_tokens":false}'
    assert_rc 204
    [ "$(status GET /api/v1/session -b mine.jar)" = 200 ] || fail "the changing session ended"
    [ "$(status GET /api/v1/session -b other.jar)" = 401 ] || fail "another session lives on"
    [ "$(status GET /api/v1/session -H "Authorization: Bearer $TOKEN")" = 401 ] ||
        fail "the token still works"
    # the new password signs in, the old one does not
    http POST /api/v1/session -H 'Content-Type: application/json' \
        -d "{\"email\":\"$OLA\",\"password\":\"ola-password-1\"}"
    assert_rc 401
    [ -n "$(ola_session ola-password-2 new.jar)" ] || fail "the new password does not work"
}

test_keep_tokens_keeps_them_and_a_token_may_change_the_password() {
    setup
    http POST /api/v1/account/password -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' \
        -d '{"current":"ola-password-1","new":"ola-password-2","keep_tokens":true}'
    assert_rc 204
    [ "$(status GET /api/v1/session -H "Authorization: Bearer $TOKEN")" = 200 ] ||
        fail "keep_tokens did not keep the token"
    # wrong current password: 403, naming the field, and nothing changed
    http POST /api/v1/account/password -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d '{"current":"guess-guess","new":"ola-password-3"}'
    assert_rc 403
    assert_json '.field == "current"'
    [ -n "$(ola_session ola-password-2 j)" ] || fail "a refused change changed the password"
}

test_an_admin_reset_ends_sessions_and_tokens() {
    local admin_csrf id
    setup
    ola_session ola-password-1 ola.jar >/dev/null
    admin_csrf=$(login "$ADMIN" "$ADMIN_PW" admin.jar)
    id=$("$RUBRIC" user list --json | jq -r ".[] | select(.email == \"$OLA\") | .id")
    http PATCH "/api/v1/users/$id" -b admin.jar -H "X-CSRF-Token: $admin_csrf" \
        -H 'Content-Type: application/json' -d '{"password":"reset-password-1"}'
    assert_rc 200
    [ "$(status GET /api/v1/session -b ola.jar)" = 401 ] || fail "the session survived the reset"
    [ "$(status GET /api/v1/session -H "Authorization: Bearer $TOKEN")" = 401 ] ||
        fail "the token survived the reset"
}

test_the_operators_reset_revokes_tokens_too() {
    setup
    printf 'reset-password-2\n' | "$RUBRIC" user passwd "$OLA" --password-stdin >/dev/null ||
        fail "user passwd"
    [ "$(status GET /api/v1/session -H "Authorization: Bearer $TOKEN")" = 401 ] ||
        fail "the token survived 'rubric user passwd'"
}
