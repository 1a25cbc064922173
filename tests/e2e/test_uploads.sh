# SPDX-License-Identifier: MIT
# Resume files in the uploads folder exist only for stored resumes: a refused upload leaves
# nothing on disk, and the sweep at server start removes files no resume refers to (left by a
# crash between a file and its row) once they are an hour old (docs/SECURITY.md, "Uploads").

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"

# upload QUERY FILE: POST /api/v1/resumes?QUERY as the recruiter; sets RC and OUT
upload() {
    http POST "/api/v1/resumes?$1" -H "Authorization: Bearer $TOKEN" -F "file=@$2"
}

# the files of the uploads folder, one a line (none: empty)
files() { find uploads -type f -printf '%f\n' 2>/dev/null | sort; }

test_a_refused_upload_leaves_no_file() {
    export RUBRIC_UPLOADS=$PWD/uploads
    start_server
    TOKEN=$(token_for recruiter)
    printf 'Ilse Examplar\nilse@example.org\n+44 20 7946 0003\nExperience\n' >cv.txt
    upload candidate=99999 cv.txt
    assert_rc 400
    assert_eq "$(files)" "" "the refused resume's file"
    # a stored one keeps its file, and a refused second copy of the same bytes leaves it be
    "$RUBRIC" candidate add --name "Ilse Examplar" >/dev/null
    upload candidate=1 cv.txt
    assert_rc 201
    [ "$(files | wc -l)" -eq 1 ] || fail "the stored resume has no file"
    upload candidate=99999 cv.txt
    assert_rc 400
    [ "$(files | wc -l)" -eq 1 ] || fail "a refused copy removed another resume's file"
    stop_server
}

test_the_sweep_at_start_removes_old_files_no_resume_refers_to() {
    local kept old young
    export RUBRIC_UPLOADS=$PWD/uploads
    start_server
    TOKEN=$(token_for recruiter)
    printf 'Noor Testcase\nnoor@example.org\nExperience\n' >cv.txt
    "$RUBRIC" candidate add --name "Noor Testcase" >/dev/null
    upload candidate=1 cv.txt
    assert_rc 201
    kept=$(files)
    stop_server
    old=$(printf 'a%.0s' $(seq 64))
    young=$(printf 'b%.0s' $(seq 64))
    echo "left by a crash" >"uploads/$old"
    echo "left by a crash" >"uploads/$old.tmp.4242"
    echo "in flight" >"uploads/$young"
    touch -d '2 hours ago' "uploads/$old" "uploads/$old.tmp.4242" "uploads/$kept"
    export RUBRIC_UPLOADS=$PWD/uploads
    start_server
    for _ in $(seq 1 50); do
        [ -e "uploads/$old" ] || break
        sleep 0.1
    done
    assert_eq "$(files | tr '\n' ' ')" "$(printf '%s\n' "$kept" "$young" | sort | tr '\n' ' ')" \
        "the uploads after the sweep"
    stop_server
}
