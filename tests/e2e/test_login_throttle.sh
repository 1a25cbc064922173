# SPDX-License-Identifier: MIT
# Sign-in throttling (docs/SECURITY.md, "Sign-in throttling"): attempts are counted before
# the password is checked, atomically, so that concurrent ones cannot overrun the limit; and
# wrong passwords from one address do not stop the owner signing in from another. Other
# loopback addresses (127.0.0.2, ...) stand for other machines: curl --interface binds them.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# attempt FROM PASSWORD: prints the HTTP status of a sign-in as the admin from address FROM
attempt() {
    curl -sS -m 60 -o /dev/null -w '%{http_code}\n' --interface "$1" \
        -H 'Content-Type: application/json' \
        -d "{\"email\":\"$ADMIN\",\"password\":\"$2\"}" "$BASE/api/v1/session"
}

test_concurrent_wrong_logins_are_checked_exactly_the_limit() {
    local pids=()
    start_server
    RC=0 OUT="" ERR=""
    for i in $(seq 1 40); do
        attempt 127.0.0.1 "wrong-password-$i" >"status.$i" &
        pids+=($!)
    done
    # curl gives up after 60 s, so this wait is bounded
    wait "${pids[@]}"
    OUT=$(cat status.* | sort | uniq -c)
    [ "$(cat status.* | grep -c .)" -eq 40 ] || fail "not every attempt was answered"
    # 5 per account and address: exactly 5 passwords checked, the others refused unchecked
    [ "$(cat status.* | grep -cx 401)" -eq 5 ] || fail "not exactly 5 attempts checked"
    [ "$(cat status.* | grep -cx 429)" -eq 35 ] || fail "not 35 refused"
    stop_server
}

test_wrong_passwords_from_one_address_do_not_lock_out_another() {
    start_server
    for i in 1 2 3 4 5; do
        [ "$(attempt 127.0.0.2 "wrong-password-$i")" = 401 ] || fail "attempt $i not checked"
    done
    # that address is now refused, even with the right password
    [ "$(attempt 127.0.0.2 "$ADMIN_PW")" = 429 ] || fail "127.0.0.2 not refused"
    # the owner, elsewhere, is not
    [ "$(attempt 127.0.0.3 "$ADMIN_PW")" = 200 ] || fail "the owner was locked out"
    # and once signed in from there, failures from many addresses do not delay them there
    for a in 127.0.0.4 127.0.0.5 127.0.0.6; do
        for i in 1 2 3 4 5; do attempt $a "wrong-password-$i" >/dev/null; done
    done
    [ "$(attempt 127.0.0.7 "$ADMIN_PW")" = 429 ] || fail "a new address is not slowed down"
    [ "$(attempt 127.0.0.3 "$ADMIN_PW")" = 200 ] || fail "the owner's own address was slowed"
    stop_server
}
