# SPDX-License-Identifier: MIT
# `rubric store copy` and `rubric store compare`, in both lanes: a SQLite store copied into
# the lane's store (PostgreSQL in its lane) and back into SQLite holds every row it held, as
# sqlite3 itself reads them, and exports the same; a destination with rows is refused and
# left alone; a copy taken while a server writes to the source is verified and holds every
# write acknowledged before it began; a table the copy does not know stops it by name.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# Every row of the test's store as text, less what is not data: pg_dump's \restrict lines
# carry a key new each run, and SQLite's planner statistics are rewritten when a store closes.
dump() { db_dump | grep -v -e '^\\\(un\)\?restrict ' -e 'sqlite_stat1'; }

# table_rows FILE TABLE: the table's rows as sqlite3 reads them, JSON text parsed (jsonb gives
# keys back in an order of its own), sorted; parsed_resume's rowid is SQLite's alone.
table_rows() {
    sqlite3 -json "$1" "SELECT * FROM \"$2\"" |
        jq -S -c --arg t "$2" '[.[] | if $t == "parsed_resume" then del(.id) else . end
            | map_values(if type == "string" then (fromjson? // .) else . end)] | sort'
}

test_a_round_trip_through_the_lane_keeps_every_row() {
    local tables n
    "$RUBRIC" --db "sqlite:$PWD/orig.db" demo >/dev/null 2>&1 || fail "rubric demo"
    n=$(sqlite3 orig.db 'SELECT count(*) FROM candidate')
    [ "$n" -gt 10 ] || fail "the demo made $n candidates"
    run "$RUBRIC" store copy --from "sqlite:$PWD/orig.db" --to "$RUBRIC_DB"
    assert_rc 0
    assert_out "verified"
    assert_err "copy candidate: $n rows"
    # --from is the --db store by default
    run "$RUBRIC" store copy --to "sqlite:$PWD/back.db"
    assert_rc 0
    assert_out "verified"
    tables=$(sqlite3 orig.db "SELECT name FROM pragma_table_list WHERE schema = 'main' AND
        type = 'table' AND name NOT LIKE 'sqlite%'")
    [ "$(wc -w <<<"$tables")" -gt 40 ] || fail "too few tables: $tables"
    for t in $tables; do
        [ "$(table_rows orig.db "$t")" = "$(table_rows back.db "$t")" ] ||
            fail "table $t differs after the round trip"
    done
    run "$RUBRIC" store compare --quiet "sqlite:$PWD/orig.db" "sqlite:$PWD/back.db"
    assert_rc 0
    assert_out "the same"
    # what the stores export is the same
    "$RUBRIC" --db "sqlite:$PWD/orig.db" bank export --format json --output orig-bank.json
    "$RUBRIC" --db "sqlite:$PWD/back.db" bank export --format json --output back-bank.json
    cmp orig-bank.json back-bank.json || fail "the bank exports differ"
    # the copy's search index was rebuilt: the same search finds the same questions
    run "$RUBRIC" --db "sqlite:$PWD/back.db" bank search "cache invalidation" --json
    assert_rc 0
    assert_json '.results | length > 0'
    [ "$OUT" = "$("$RUBRIC" --db "sqlite:$PWD/orig.db" bank search "cache invalidation" --json)" ] ||
        fail "the search answers differently after the round trip"
    for id in 1 "$n"; do
        "$RUBRIC" --db "sqlite:$PWD/orig.db" candidate export "$id" --output "orig-$id" >/dev/null
        "$RUBRIC" --db "$RUBRIC_DB" candidate export "$id" --output "lane-$id" >/dev/null
        "$RUBRIC" --db "sqlite:$PWD/back.db" candidate export "$id" --output "back-$id" >/dev/null
        for other in lane back; do
            [ "$(jq -S 'del(.exported_at)' "orig-$id/candidate.json")" = \
                "$(jq -S 'del(.exported_at)' "$other-$id/candidate.json")" ] ||
                fail "candidate $id's export from the $other store differs"
        done
    done
    # compare: the same, then a difference named by its table
    run "$RUBRIC" store copy --quiet --to "sqlite:$PWD/again.db"
    assert_rc 0
    run "$RUBRIC" store compare "$RUBRIC_DB" "sqlite:$PWD/again.db"
    assert_rc 0
    assert_out "the same"
    "$RUBRIC" --db "sqlite:$PWD/again.db" candidate add --name "Ola Extra" >/dev/null
    run "$RUBRIC" store compare --quiet "$RUBRIC_DB" "sqlite:$PWD/again.db"
    assert_rc 1
    assert_out "table candidate differs: $n rows in the first store, $((n + 1)) in the second"
}

test_copying_into_a_store_with_rows_is_refused() {
    local before
    "$RUBRIC" --db "sqlite:$PWD/src.db" candidate add --name "Ada Source" >/dev/null 2>&1
    "$RUBRIC" candidate add --name "Grace Already" >/dev/null 2>&1
    before=$(dump)
    run "$RUBRIC" store copy --from "sqlite:$PWD/src.db" --to "$RUBRIC_DB"
    assert_rc 1
    assert_err "the destination store is not empty"
    assert_err "copy into a new, empty store; nothing was changed"
    assert_eq "$(dump)" "$before" "the destination after the refusal"
    run "$RUBRIC" store copy --from "sqlite:$PWD/src.db"
    assert_rc 2
    assert_err "give the store to copy into with --to URL"
}

test_a_table_the_copy_does_not_know_stops_it_by_name() {
    "$RUBRIC" --db "sqlite:$PWD/src.db" candidate add --name "Ada Source" >/dev/null 2>&1
    sqlite3 src.db 'CREATE TABLE resume_original (hash TEXT PRIMARY KEY, bytes BLOB)'
    run "$RUBRIC" store copy --from "sqlite:$PWD/src.db" --to "$RUBRIC_DB"
    assert_rc 70
    assert_err "a table 'resume_original' that the copy does not know: add it to TABLES"
    run "$RUBRIC" candidate list --json
    assert_json 'length == 0'
}

test_a_copy_taken_while_a_server_writes_is_verified_and_whole() {
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
    run "$RUBRIC" store copy --to "sqlite:$PWD/copy.db"
    assert_rc 0
    assert_out "verified"
    sleep 0.5 # the writer goes on after the copy too
    touch stop
    wait "$wpid"
    stop_server
    awk -v t="$began" '$2 < t { print $1 }' acked.txt | sort -n >before.txt
    [ "$(wc -l <before.txt)" -ge 20 ] || fail "too few writes before the copy"
    sqlite3 copy.db 'SELECT id FROM candidate' | sort -n >copied.txt
    missing=$(comm -23 before.txt copied.txt)
    [ -z "$missing" ] || fail "acknowledged before the copy, missing from it: $missing"
    [ "$(wc -l <acked.txt)" -gt "$(wc -l <copied.txt)" ] ||
        fail "no write after the copy began: the test proves nothing about a snapshot"
}
