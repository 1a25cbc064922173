# SPDX-License-Identifier: MIT
# Erasure on PostgreSQL keeps the promise of docs/PRIVACY.md ("On PostgreSQL"): after an
# erase and the store's compaction, then a CHECKPOINT and a WAL segment switch, a candidate's
# distinctive values are in no file of the cluster's data directory (heap, indexes, TOAST,
# WAL), while another candidate's still are. The test reads the data directory, so it starts
# a private cluster of its own (tests/pg/cluster) in a short folder under /tmp; it runs in the
# PostgreSQL lane (RUBRIC_TEST_PG set), where a cluster is known to be at hand.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"
export RUBRIC_THREADS=2

# found STRING: the files under the cluster's data directory that hold STRING's bytes.
found() { LC_ALL=C grep -r -a -l -F -- "$1" "$PGDIR/data" 2>/dev/null || true; }

# psql on the private cluster's store
pg() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$RUBRIC_DB" -c "$1"; }

# A candidate through the API with a resume whose text holds $4 and an original file
# (not a resume: kept only as its bytes) that holds $5; prints the candidate's id.
candidate_with_files() {
    local id
    id=$(curl -sS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"email\":\"$2\",\"phone\":\"$3\",\"role\":\"backend-developer-senior\"}" \
        "$BASE/api/v1/candidates" | jq -r .id)
    [ "$id" -gt 0 ] 2>/dev/null || fail "candidate $1 not added"
    printf '%s\n%s | %s\n\nPROFESSIONAL EXPERIENCE\n\nSenior Backend Engineer, %s\nJan 2019 - Present\n- Go services with PostgreSQL\n' \
        "$1" "$2" "$3" "$4" >"cv-$id.txt"
    # an original over the TOAST threshold (about 2 kB), its marker past the first kilobyte
    { printf '\x89PNG\r\n\x1a\n'; head -c 3000 /dev/zero | tr '\0' 'x'; printf '%s' "$5"; } >"scan-$id.png"
    http POST "/api/v1/resumes?candidate=$id" -H "Authorization: Bearer $TOKEN" \
        -F "file=@cv-$id.txt" -F "file=@scan-$id.png"
    [ "$RC" = 201 ] || fail "upload for $1: $RC $OUT"
    "$RUBRIC" candidate stage "$id" interviewing --reason "$6" >/dev/null 2>&1 ||
        fail "stage change of $id"
    echo "$id"
}

test_erase_on_postgresql_leaves_no_trace_in_the_data_directory() {
    local rc=0
    on_pg || skip "reads a PostgreSQL cluster's data directory: runs in the PostgreSQL lane"
    PGDIR=$(mktemp -d /tmp/rpe.XXXXXX)
    # (from /tmp: run as root, the cluster's owner is nobody, who cannot enter the scratch folder)
    RUBRIC_DB=$(cd /tmp && "$ROOT/tests/pg/cluster" start "$PGDIR") || fail "no cluster in $PGDIR"
    export RUBRIC_DB
    # in a subshell of its own (the server's EXIT trap is its own), then the cluster stopped
    # whatever happened in it
    (erase_and_read) || rc=$?
    (cd /tmp && "$ROOT/tests/pg/cluster" stop "$PGDIR") >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
    return "$rc"
}

erase_and_read() {
    local c1 c2 s url=$RUBRIC_DB
    # as a production server writes its log: full pages after each checkpoint
    psql -X -q -d "$url" -c 'ALTER SYSTEM SET full_page_writes = on' -c 'SELECT pg_reload_conf()' \
        >/dev/null || fail "full_page_writes"
    start_server --db "$url"
    TOKEN=$(token_for recruiter)
    local admin
    admin=$("$RUBRIC" token create admin@example.org 2>/dev/null)
    c1=$(candidate_with_files "Zorbla Quintessa" "zorbla.quintessa@example.org" \
        "+44 20 7946 0713" "Quillfeather Vortexworks" "Xyloquartz Original 6617" \
        "reason vexillomancy 42")
    c2=$(candidate_with_files "Ada Example" "ada.example@example.org" "+44 20 7946 0555" \
        "Marblehead Logistics" "Kept Original 2209" "reason kept beside")
    # the planner's statistics sample column values (autovacuum analyzes a busy table)
    pg 'ANALYZE' >/dev/null
    pg 'CHECKPOINT' >/dev/null
    local -a gone=("Zorbla Quintessa" "zorbla.quintessa@example.org" "+44 20 7946 0713"
        "Quillfeather Vortexworks" "Xyloquartz Original 6617" "reason vexillomancy 42")
    local -a kept=("Ada Example" "ada.example@example.org" "Marblehead Logistics"
        "Kept Original 2209" "reason kept beside")
    for s in "${gone[@]}" "${kept[@]}"; do
        [ -n "$(found "$s")" ] || fail "'$s' is not in the data directory before the erase"
    done
    [ -n "$(found 'Xyloquartz Original 6617' | grep -v pg_wal)" ] ||
        fail "the original file is not in a table's files before the erase"

    # erased through the API, the server's other connections open
    http POST "/api/v1/candidates/$c1/erase" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"confirm":true}'
    assert_eq "$RC" 200 "the erase: $OUT"
    OUT=$(cat body.out)
    assert_json '.resumes == 2 and .files_removed == 2 and .storage_clean'
    # as docs/PRIVACY.md says: the compaction ran; then a checkpoint and a segment switch
    pg 'CHECKPOINT' >/dev/null
    pg 'SELECT pg_switch_wal()' >/dev/null
    pg 'CHECKPOINT' >/dev/null
    for s in "${gone[@]}"; do
        [ -z "$(found "$s")" ] || fail "'$s' is still in $(found "$s" | tr '\n' ' ')after the erase"
    done
    for s in "${kept[@]}"; do
        [ -n "$(found "$s")" ] || fail "'$s' of the other candidate went too"
    done
    http GET "/api/v1/resumes/$(pg "SELECT min(id) FROM resume WHERE candidate = $c2")/original" \
        -H "Authorization: Bearer $TOKEN"
    assert_eq "$RC" 200 "the other candidate's original"
    stop_server
}
