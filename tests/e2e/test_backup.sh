# SPDX-License-Identifier: MIT
# Backups (docs/SECURITY.md, "Backups"), in both lanes: `rubric backup` taken while the server
# takes writes is a SQLite file that passes its integrity check and restores, into a store of
# either backend, every write acknowledged before the backup began; a file that is not a
# whole store, or a damaged backup, is refused and the store stays as it was.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

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
    # into a fresh store of the lane too (on PostgreSQL: the file's rows copied in), holding
    # the same rows as the SQLite one
    local fresh
    fresh=$(lane_store fresh)
    run "$RUBRIC" --db "$fresh" restore --input backup.db
    assert_rc 0
    run "$RUBRIC" store compare --quiet "sqlite:$PWD/restored.db" "$fresh"
    assert_rc 0
    assert_out "the same"
    # the restored stores open and answer
    run "$RUBRIC" --db "sqlite:$PWD/restored.db" candidate show "$(tail -1 before.txt)" --json
    assert_rc 0
    run "$RUBRIC" --db "$fresh" candidate show "$(tail -1 before.txt)" --json
    assert_rc 0
    # a new candidate there gets an id past the restored ones
    run "$RUBRIC" --db "$fresh" candidate add --name "Noor Afterwards" --json
    assert_rc 0
    [ "$(jq .id <<<"$OUT")" -gt "$(sort -n restored.txt | tail -1)" ] || fail "id reused: $OUT"
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

test_a_backup_never_replaces_what_is_not_a_file() {
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    # a device such as /dev/null, here a pipe; a folder; a link to an earlier backup
    mkfifo pipe
    mkdir folder
    run "$RUBRIC" backup --output earlier.db
    assert_rc 0
    ln -s earlier.db link.db
    for out in pipe folder link.db; do
        run "$RUBRIC" backup --output "$out"
        assert_rc 4
        assert_err "$out: not a regular file"
    done
    [ -p pipe ] && [ -d folder ] && [ -L link.db ] || fail "a backup replaced what was there"
    # an earlier backup is replaced whole, as before
    run "$RUBRIC" backup --output earlier.db
    assert_rc 0
}

# Every row of the test's store as text, less what is not data: pg_dump's \restrict lines
# carry a key new each run, and SQLite's planner statistics are rewritten when a store closes.
dump() { db_dump | grep -v -e '^\\\(un\)\?restrict ' -e 'sqlite_stat1'; }

test_a_damaged_backup_is_refused_and_the_store_stays_as_it_was() {
    local before
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    "$RUBRIC" backup --output good.db 2>/dev/null
    "$RUBRIC" candidate add --name "Ola Later" >/dev/null
    # a page in the middle of a real backup overwritten
    cp good.db damaged.db
    dd if=/dev/urandom of=damaged.db bs=4096 seek=3 count=2 conv=notrunc status=none
    before=$(dump)
    run "$RUBRIC" restore --input damaged.db
    assert_rc 1
    assert_err "damaged.db fails its integrity check"
    assert_err "not restored"
    # a backup of a schema this rubric does not know
    cp good.db newer.db
    sqlite3 newer.db 'PRAGMA user_version = 999'
    run "$RUBRIC" restore --input newer.db
    assert_rc 1
    assert_err "newer.db has schema version 999: not a store this rubric knows"
    assert_eq "$(dump)" "$before" "the store after the refused restores"
    # the whole backup puts the store back as it was when taken
    run "$RUBRIC" restore --input good.db
    assert_rc 0
    run "$RUBRIC" candidate list --json
    assert_json 'length == 1 and .[0].name == "Noor Testcase"'
}

test_a_restore_into_postgresql_that_fails_midway_changes_nothing() {
    on_pg || skip "a restore into SQLite copies pages, checked before; this is PostgreSQL's row copy"
    local before
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    "$RUBRIC" backup --output good.db 2>/dev/null
    "$RUBRIC" candidate add --name "Ola Later" >/dev/null
    # whole and of a known schema, but a name that is not UTF-8, which PostgreSQL refuses: the
    # copy stops at the candidates, after the store's rows were emptied, in its transaction
    cp good.db bad.db
    sqlite3 bad.db "UPDATE candidate SET name = CAST(x'4e6fff' AS TEXT)"
    before=$(dump)
    run "$RUBRIC" restore --input bad.db
    assert_rc 5
    assert_err "write rows into candidate"
    assert_err "UTF8"
    assert_eq "$(dump)" "$before" "the store after the failed restore"
}

test_a_backup_with_other_pages_restores_into_a_new_store() {
    if on_pg; then skip "page sizes are SQLite's"; fi
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
