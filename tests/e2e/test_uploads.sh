# SPDX-License-Identifier: MIT
# Resume originals are kept in the store, once per distinct file (by the SHA-256 of its
# bytes), written with the resume rows that refer to them and deleted with the last of them;
# an uploads folder of a version before that is moved into the store when a server starts
# (docs/PRIVACY.md, docs/DEPLOY.md). Both backends: the store is read through its own client
# (db_sql).

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# upload QUERY FILE: POST /api/v1/resumes?QUERY as the recruiter; sets RC and OUT
upload() {
    http POST "/api/v1/resumes?$1" -H "Authorization: Bearer $TOKEN" -F "file=@$2"
}

originals() { db_sql 'SELECT count(*) FROM original'; }

# original ID: GET /api/v1/resumes/ID/original as the recruiter into got.bin; sets RC
original() {
    RC=$(curl -sS -o got.bin -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        "$BASE/api/v1/resumes/$1/original")
}

cv() { printf 'Ilse Examplar\nilse@example.org\n+44 20 7946 0003\nExperience\n%s\n' "$1"; }

test_the_same_file_uploaded_twice_is_kept_once_and_each_resume_serves_it() {
    local a b c
    start_server
    TOKEN=$(token_for recruiter)
    "$RUBRIC" candidate add --name "Ilse Examplar" >/dev/null
    "$RUBRIC" candidate add --name "Juno Placeholder" >/dev/null
    cv 'Rust' >cv.txt
    cv 'Go' >other.txt
    upload candidate=1 cv.txt
    assert_rc 201
    a=$(jq -r '.items[0].id' <<<"$OUT")
    upload candidate=2 cv.txt
    assert_rc 201
    b=$(jq -r '.items[0].id' <<<"$OUT")
    upload candidate=2 other.txt
    assert_rc 201
    c=$(jq -r '.items[0].id' <<<"$OUT")
    assert_eq "$(originals)" 2 "originals kept for three resumes of two distinct files"
    for id in "$a" "$b"; do
        original "$id"
        assert_eq "$RC" 200 "GET the original of resume $id"
        cmp -s got.bin cv.txt || fail "resume $id: not the bytes uploaded"
    done
    original "$c"
    cmp -s got.bin other.txt || fail "resume $c: not the bytes uploaded"
    [ ! -e uploads ] || fail "an uploads folder was made: $(ls -la uploads)"
    stop_server
}

test_a_refused_upload_leaves_no_original() {
    start_server
    TOKEN=$(token_for recruiter)
    cv 'Kotlin' >cv.txt
    upload candidate=99999 cv.txt
    assert_rc 400
    assert_eq "$(originals)" 0 "originals after a refused upload"
    # a stored one keeps its original, and a refused second copy of the same bytes leaves it be
    "$RUBRIC" candidate add --name "Ilse Examplar" >/dev/null
    upload candidate=1 cv.txt
    assert_rc 201
    upload candidate=99999 cv.txt
    assert_rc 400
    assert_eq "$(originals)" 1 "a refused copy touched another resume's original"
    original 1
    cmp -s got.bin cv.txt || fail "the stored resume lost its original"
    stop_server
}

test_an_original_goes_with_the_last_resume_that_refers_to_it() {
    local c1 c2 r2
    start_server
    TOKEN=$(token_for recruiter)
    c1=$("$RUBRIC" candidate add --name "Ilse Examplar")
    c2=$("$RUBRIC" candidate add --name "Juno Placeholder")
    cv 'Elixir' >shared.txt
    cv 'Haskell' >own.txt
    upload "candidate=$c1" shared.txt
    upload "candidate=$c1" own.txt
    upload "candidate=$c2" shared.txt
    r2=$(jq -r '.items[0].id' <<<"$OUT")
    assert_eq "$(originals)" 2 "before the erase"
    run "$RUBRIC" candidate erase "$c1" --yes --json
    assert_rc 0
    assert_json '.files_removed == 1 and .resumes == 2'
    assert_eq "$(originals)" 1 "the shared original stays for the other candidate"
    original "$r2"
    assert_eq "$RC" 200 "the other candidate's resume after the erase"
    cmp -s got.bin shared.txt || fail "the other candidate's original changed"
    run "$RUBRIC" candidate erase "$c2" --yes --json
    assert_json '.files_removed == 1'
    assert_eq "$(originals)" 0 "after both erases"
    original "$r2"
    assert_eq "$RC" 404 "an erased resume's original"
    # each erase is in the audit log
    assert_eq "$(db_sql "SELECT count(*) FROM audit WHERE action = 'erase'")" 2 "erase entries"
    stop_server
}

# A store as a version before originals were kept in it leaves it: resume rows whose files
# are in an uploads folder. Made here by uploading, then moving each original out of the
# store into the folder, named by its hash.
old_store_with_folder() {
    local hash
    start_server
    TOKEN=$(token_for recruiter)
    "$RUBRIC" candidate add --name "Ilse Examplar" >/dev/null
    cv 'Zig' >cv.txt
    upload candidate=1 cv.txt
    assert_rc 201
    stop_server
    hash=$(sha256sum cv.txt | cut -c1-64)
    mkdir -p uploads
    cp cv.txt "uploads/$hash"
    db_sql "DELETE FROM original" >/dev/null
    assert_eq "$(originals)" 0 "the old store"
    ORPHAN=$(printf 'a%.0s' $(seq 64))
    echo "nobody's file" >"uploads/$ORPHAN"
    echo "half written" >"uploads/$ORPHAN.tmp.4242"
}

test_a_server_started_beside_an_old_uploads_folder_moves_it_into_the_store() {
    old_store_with_folder
    RUBRIC_UPLOADS=$PWD/uploads start_server
    grep -q 'the uploads setting is deprecated' server.log ||
        fail "no deprecation said: $(cat server.log)"
    grep -q "uploads folder $PWD/uploads: 1 original moved into the store, 2 files no resume refers to removed, 0 left" server.log ||
        fail "the import is not reported: $(cat server.log)"
    assert_eq "$(originals)" 1 "originals after the import"
    [ ! -e uploads ] || fail "the emptied folder stays: $(ls -la uploads)"
    original 1
    assert_eq "$RC" 200 "the imported original"
    cmp -s got.bin cv.txt || fail "the imported original is not the file"
    stop_server
    # the next start has nothing to do, and says nothing
    RUBRIC_UPLOADS=$PWD/uploads start_server
    ! grep -q 'moved into the store' server.log || fail "imported again: $(cat server.log)"
    stop_server
}

test_an_import_leaves_what_it_cannot_vouch_for() {
    local fake
    old_store_with_folder
    # bytes that are not those their name says, and a name that is not an upload's
    fake=$(sha256sum /dev/null | cut -c1-64)
    db_sql "UPDATE resume SET hash = '$fake'" >/dev/null
    cp "uploads/$(sha256sum cv.txt | cut -c1-64)" "uploads/$fake"
    echo "keep me" >uploads/notes.txt
    # the default folder, ./uploads, is found without a setting (and no deprecation is said)
    start_server
    ! grep -q 'deprecated' server.log || fail "a deprecation said with no setting"
    grep -q "uploads folder ./uploads: 0 originals moved into the store, 3 files no resume refers to removed, 1 left" server.log ||
        fail "the import is not reported: $(cat server.log)"
    [ -f "uploads/$fake" ] && [ -f uploads/notes.txt ] || fail "a file was removed: $(ls uploads)"
    assert_eq "$(originals)" 0 "a damaged file kept as an original"
    stop_server
}

test_the_command_line_moves_an_old_folder_in_before_it_exports() {
    old_store_with_folder
    run "$RUBRIC" candidate export 1 --output out --uploads "$PWD/uploads"
    assert_rc 0
    assert_err "--uploads is deprecated"
    assert_err "1 original moved into the store"
    cmp -s out/resume-1-cv.txt cv.txt || fail "the exported original is not the file"
    run "$RUBRIC" demo --uploads "$PWD/elsewhere"
    assert_err "--uploads is deprecated and has no effect"
}
