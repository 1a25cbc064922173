# SPDX-License-Identifier: MIT
# Backups (docs/SECURITY.md, "Backups"): `rubric backup` taken while the server takes writes
# restores to a store that passes its integrity check and holds every write acknowledged
# before the backup began; a file that is not a whole store is refused.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# Adds candidates through the API until the file stop exists (2,000 at most), appending
# "ID NANOSECONDS" to acked.txt after each 201: the time the write was acknowledged.
writer() {
    local id
    for i in $(seq 1 2000); do
        [ -e stop ] && return 0
        id=$(curl -sS -m 10 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"name\":\"Load Person $i\"}" "$BASE/api/v1/candidates" | jq -r '.id // empty')
        [ -n "$id" ] && echo "$id $(date +%s%N)" >>acked.txt
    done
}

test_a_backup_under_writes_restores_every_acknowledged_write() {
    local began missing
    start_server
    TOKEN=$(token_for recruiter)
    : >acked.txt
    writer &
    local wpid=$!
    for _ in $(seq 1 100); do
        [ "$(wc -l <acked.txt)" -ge 20 ] && break
        sleep 0.1
    done
    began=$(date +%s%N)
    run "$RUBRIC" backup --output backup.db
    assert_rc 0
    sleep 0.5 # the writer goes on after the backup too
    touch stop
    wait "$wpid"
    stop_server
    [ "$(stat -c %a backup.db)" = 600 ] || fail "the backup is readable by others"
    assert_eq "$(sqlite3 backup.db 'PRAGMA integrity_check')" ok "the backup's integrity"
    # into a new store
    run "$RUBRIC" --db "sqlite:$PWD/restored.db" restore --input backup.db
    assert_rc 0
    assert_eq "$(sqlite3 restored.db 'PRAGMA integrity_check')" ok "the restored store's integrity"
    awk -v t="$began" '$2 < t { print $1 }' acked.txt | sort -n >before.txt
    [ "$(wc -l <before.txt)" -ge 20 ] || fail "too few writes before the backup"
    sqlite3 restored.db 'SELECT id FROM candidate' | sort -n >restored.txt
    missing=$(comm -23 before.txt restored.txt)
    [ -z "$missing" ] || fail "acknowledged before the backup, missing after: $missing"
    # the restored store opens and answers
    run "$RUBRIC" --db "sqlite:$PWD/restored.db" candidate show "$(tail -1 before.txt)" --json
    assert_rc 0
}

test_a_file_that_is_not_a_whole_store_is_refused() {
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    head -c 8192 /dev/urandom >junk.db
    run "$RUBRIC" restore --input junk.db
    assert_rc 1
    assert_err "not restored"
    run "$RUBRIC" restore --input missing.db
    assert_rc 4
    assert_err "cannot read missing.db"
    # the store is as it was
    run "$RUBRIC" candidate list --json
    assert_json 'length == 1'
}

test_a_backup_with_other_pages_restores_into_a_new_store() {
    # a store made before new stores had 8 KB pages: 4 KB pages, as SQLite's default
    "$RUBRIC" --db "sqlite:$PWD/old.db" candidate add --name "Ilse Fixture" >/dev/null
    sqlite3 old.db 'PRAGMA journal_mode = DELETE' 'PRAGMA page_size = 4096' 'VACUUM' \
        'PRAGMA journal_mode = WAL' >/dev/null
    assert_eq "$(sqlite3 old.db 'PRAGMA page_size')" 4096 "the old store's page size"
    run "$RUBRIC" --db "sqlite:$PWD/old.db" backup --output old-backup.db
    assert_rc 0
    "$RUBRIC" --db "sqlite:$PWD/new.db" candidate list >/dev/null
    assert_eq "$(sqlite3 new.db 'PRAGMA page_size')" 8192 "a new store's page size"
    run "$RUBRIC" --db "sqlite:$PWD/new.db" restore --input old-backup.db
    assert_rc 0
    assert_eq "$(sqlite3 new.db 'PRAGMA integrity_check')" ok "the restored store's integrity"
    assert_eq "$(sqlite3 new.db 'PRAGMA journal_mode')" wal "the restored store's journal"
    run "$RUBRIC" --db "sqlite:$PWD/new.db" candidate list --json
    assert_json '.[0].name == "Ilse Fixture"'
}
