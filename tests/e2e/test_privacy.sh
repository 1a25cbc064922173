# SPDX-License-Identifier: MIT
# End-to-end tests of data protection: the audit log, `rubric candidate export|erase|
# retention` and their API routes, on the real binary, a real server on loopback and a real
# SQLite file. The erase test reads the raw bytes of the store's files (the main file, the
# write-ahead log and its index) and of the uploads folder, before and after.

# shellcheck source=tests/e2e/serve_lib.sh
source "$ROOT/tests/e2e/serve_lib.sh"
export RUBRIC_THREADS=2

# A bearer token for a new user of role $1 ($1@example.org; ivan is an interviewer); admin:
# the first admin's.
bearer_for() {
    if [ "$1" != admin ]; then
        printf 'a-long-enough-password\n' | "$RUBRIC" user add "$1@example.org" \
            --role "$([ "$1" = ivan ] && echo interviewer || echo "$1")" --password-stdin \
            >/dev/null || fail "user add $1"
    fi
    "$RUBRIC" token create "$1@example.org" 2>/dev/null
}

# found STRING: the store's files and uploads that hold STRING's bytes, one per line.
found() {
    LC_ALL=C grep -a -l -F -- "$1" rubric.db rubric.db-wal rubric.db-shm uploads/* 2>/dev/null ||
        true
}

# poll_screening ID TOKEN: waits until the screening is done (10 s at most).
poll_screening() {
    for _ in $(seq 1 100); do
        http GET "/api/v1/screenings/$1" -H "Authorization: Bearer $2"
        [ "$(jq -r .state <<<"$OUT")" = done ] && return 0
        sleep 0.1
    done
    fail "screening $1 not done"
}

# A candidate with a resume uploaded through the API, a screening, a stage change with a
# reason and an interview; prints the candidate's id. $1 name, $2 email, $3 phone, $4 a
# phrase of the resume, $5 the stage reason, $6 the resume's file name, $7 the token.
candidate_with_everything() {
    local id rid sid
    id=$(curl -sS -H "Authorization: Bearer $7" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"email\":\"$2\",\"phone\":\"$3\",\"role\":\"backend-developer-senior\"}" \
        "$BASE/api/v1/candidates" | jq -r .id)
    printf '%s\nSenior Backend Engineer\n%s | %s\n\nPROFESSIONAL EXPERIENCE\n\nSenior Backend Engineer, %s\nJan 2019 - Present\n- Go services on Kubernetes with PostgreSQL and Kafka\n' \
        "$1" "$2" "$3" "$4" >"$6"
    rid=$(curl -sS -H "Authorization: Bearer $7" -F "file=@$6" \
        "$BASE/api/v1/resumes?candidate=$id" | jq -r '.items[0].id')
    sid=$(curl -sS -H "Authorization: Bearer $7" -H 'Content-Type: application/json' \
        -d "{\"role\":\"backend-developer-senior\",\"resumes\":[$rid]}" \
        "$BASE/api/v1/screenings" | jq -r .id)
    poll_screening "$sid" "$7" >/dev/null
    "$RUBRIC" candidate stage "$id" interviewing --reason "$5" >/dev/null 2>&1 ||
        fail "stage change of $id"
    "$RUBRIC" interview create "$id" --stage technical --interviewer ivan@example.org \
        --seed 1 >/dev/null || fail "interview of $id"
    echo "$id"
}

# ivan's scorecard for the interview of candidate $1, submitted with `rubric scorecard
# submit`: notes $2 on the card and on every question, one competency rated away from its
# derived rating with a reason, then amended with new notes and a reason.
scorecard_with_notes() {
    local iv c card
    iv=$(db_sql "SELECT id FROM interview WHERE candidate = $1")
    "$RUBRIC" scorecard template "$iv" --json >"tpl-$1.json" || fail "scorecard template $iv"
    c=$(jq -r '.ratings[0].competency' "tpl-$1.json")
    jq --arg n "$2" --arg c "$c" '.recommendation = "yes" | .notes = ("overall " + $n)
        | .ratings |= [.[] | .rating = 3 | .notes = ("q " + $n)]
        | (.competencies[] | select(.competency == $c)) |= (.rating = 4
            | .override_reason = ("why " + $n))' "tpl-$1.json" >"card-$1.json"
    card=$("$RUBRIC" scorecard submit "$iv" --as ivan@example.org "card-$1.json") ||
        fail "scorecard submit: $card"
    jq -n --arg n "$2" '{notes: ("amended " + $n)}' >"fix-$1.json"
    "$RUBRIC" scorecard amend "$card" --as ivan@example.org --reason "typo $2" "fix-$1.json" \
        >/dev/null || fail "scorecard amend $card"
}

test_erase_leaves_no_trace_in_the_store_files_or_uploads() {
    on_pg && skip "reads SQLite's files; on PostgreSQL the cluster's files are read by its own test"
    start_server
    local admin c1 c2 s
    admin=$(bearer_for admin)
    bearer_for ivan >/dev/null
    # the one erased, and one kept beside them
    c1=$(candidate_with_everything "Zorbla Quintessa" "zorbla.quintessa@example.org" \
        "+44 20 7946 0713" "Quillfeather Vortexworks" "reason vexillomancy 42" \
        "zorbla-cv-7781.txt" "$admin")
    c2=$(candidate_with_everything "Ada Example" "ada.example@example.org" "+44 20 7946 0555" \
        "Marblehead Logistics" "reason kept beside" "ada-cv.txt" "$admin")
    scorecard_with_notes "$c1" "umbrageous notes 77"
    scorecard_with_notes "$c2" "kept notes 55"
    # self-identification, entered by an admin with the candidates' consent recorded
    http PUT "/api/v1/candidates/$c1/self-id" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"answers":{"sex":"intersex",
        "race_ethnicity":"native_hawaiian_or_pacific_islander"},"consent":"consent by letter 9931"}'
    assert_rc 204
    http PUT "/api/v1/candidates/$c2/self-id" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"answers":{"race_ethnicity":"hispanic_or_latino"},
        "consent":"consent kept 4412"}'
    assert_rc 204
    # a kit saved with the candidate's name typed in
    "$RUBRIC" kit --role backend-developer-senior --candidate "Zorbla Quintessa" --save \
        --format json >/dev/null
    # the parses of `rubric screen` are cached by the file's hash too
    run "$RUBRIC" screen uploads --role backend-developer-senior --json
    assert_rc 0
    [ "$(db_sql 'SELECT count(*) FROM parsed_resume')" = 2 ] || fail "no parse cached"
    local -a gone=("Zorbla Quintessa" "zorbla.quintessa@example.org" "+44 20 7946 0713"
        "Quillfeather Vortexworks" "reason vexillomancy 42" "zorbla-cv-7781.txt"
        "umbrageous notes 77" "native_hawaiian_or_pacific_islander" "consent by letter 9931")
    local -a kept=("Ada Example" "ada.example@example.org" "Marblehead Logistics"
        "reason kept beside" "kept notes 55" "hispanic_or_latino" "consent kept 4412")
    for s in "${gone[@]}" "${kept[@]}"; do
        [ -n "$(found "$s")" ] || fail "'$s' is not in the store's files or uploads before the erase"
    done
    [ -n "$(found 'Quillfeather Vortexworks' | grep uploads/)" ] || fail "the upload is not kept"

    # without confirmation nothing happens
    http POST "/api/v1/candidates/$c1/erase" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"confirm":false}'
    assert_rc 400
    run "$RUBRIC" candidate erase "$c1"
    assert_rc 2
    assert_err "give --yes"
    assert_err "1 resume with 1 screening result"
    [ -n "$(found 'Zorbla Quintessa')" ] || fail "erased without confirmation"

    # erased through the API while the server runs (its other connections open)
    http POST "/api/v1/candidates/$c1/erase" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"confirm":true}'
    assert_rc 200
    assert_json ".candidate == $c1 and .resumes == 1 and .scorecards == 1 and .files_removed == 1
        and .storage_clean and (.already_erased | not)"
    for s in "${gone[@]}"; do
        [ -z "$(found "$s")" ] || fail "'$s' is still in $(found "$s" | tr '\n' ' ')after the erase"
    done
    for s in "${kept[@]}"; do
        [ -n "$(found "$s")" ] || fail "'$s' of the other candidate went too"
    done
    [ "$(find uploads -type f | wc -l)" = 1 ] || fail "not exactly the other upload left"

    # what stays: an anonymous tombstone, interviews, ratings, recommendations, the log
    run "$RUBRIC" candidate show "$c1" --json
    assert_json '.name == "[erased]" and .email == null and .phone == null and (.erased_at | test("Z$"))
        and .stage == "interviewing" and .role == "backend-developer-senior" and .resumes == []
        and ([.history[].reason] | all(. == null)) and (.history | length) == 2'
    assert_eq "$(db_sql "SELECT count(*) FROM interview WHERE candidate = $c1")" 1
    # ratings, recommendations and the amendment trail's shape stay; their free text goes
    local cards="SELECT sc.id FROM scorecard sc JOIN interview i ON i.id = sc.interview
        WHERE i.candidate = $c1"
    local notes_sql
    if on_pg; then
        notes_sql="SELECT recommendation, CASE WHEN notes IS NULL THEN 1 ELSE 0 END,
        original::jsonb->>'recommendation',
        CASE WHEN jsonb_typeof(original::jsonb->'notes') = 'null' THEN 1 ELSE 0 END,
        original::jsonb#>>'{ratings,0,rating}',
        CASE WHEN jsonb_typeof(original::jsonb#>'{ratings,0,notes}') = 'null' THEN 1 ELSE 0 END,
        (SELECT count(*) FROM jsonb_path_query(original::jsonb, 'strict \$.**.override_reason') v
         WHERE v <> 'null'::jsonb)"
    else
        notes_sql="SELECT recommendation, notes IS NULL,
        json_extract(original, '\$.recommendation'), json_type(original, '\$.notes') = 'null',
        json_extract(original, '\$.ratings[0].rating'),
        json_type(original, '\$.ratings[0].notes') = 'null',
        (SELECT count(*) FROM json_tree(original) WHERE key = 'override_reason'
         AND type != 'null')"
    fi
    assert_eq "$(db_sql "$notes_sql
        FROM scorecard WHERE id IN ($cards)")" "yes|1|yes|1|3|1|0" "the scorecard's notes"
    assert_eq "$(db_sql "SELECT count(*), sum(CASE WHEN rating = 3 THEN 1 ELSE 0 END), count(notes)
        FROM scorecard_rating WHERE scorecard IN ($cards)")" \
        "$(jq -r '.ratings | "\(length)|\(length)|0"' "tpl-$c1.json")" "question ratings"
    assert_eq "$(db_sql "SELECT rating || ':' || coalesce(override_reason, '-')
        FROM scorecard_competency WHERE scorecard IN ($cards)
        AND rating IS DISTINCT FROM derived" | paste -sd,)" "4:" "the override's reason"
    assert_eq "$(db_sql "SELECT field, CASE WHEN old_value IS NULL THEN 1 ELSE 0 END,
        CASE WHEN new_value IS NULL THEN 1 ELSE 0 END, reason
        FROM scorecard_amendment WHERE scorecard IN ($cards)")" "notes|1|1|" "the amendment"
    run "$RUBRIC" audit --candidate "$c1" --action erase --json
    assert_json 'length == 1 and .[0].actor == "admin@example.org" and .[0].what == "candidate"'
    # the other candidate is whole
    run "$RUBRIC" candidate show "$c2" --json
    assert_json '.name == "Ada Example" and (.resumes | length) == 1'

    # a second erase finds nothing left, and the files stay clean once the server stops
    http POST "/api/v1/candidates/$c1/erase" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"confirm":true}'
    assert_rc 200
    assert_json '.already_erased and .resumes == 0 and .files_removed == 0'
    stop_server
    for s in "${gone[@]}"; do
        [ -z "$(found "$s")" ] || fail "'$s' came back in $(found "$s")"
    done

    # the command line erases the other one the same way
    run "$RUBRIC" candidate erase "$c2" --yes --json --uploads "$PWD/uploads"
    assert_rc 0
    assert_json '.files_removed == 1 and .storage_clean'
    for s in "${kept[@]}"; do
        [ -z "$(found "$s")" ] || fail "'$s' is still in $(found "$s")"
    done
    run "$RUBRIC" candidate erase 99 --yes
    assert_rc 3
}

test_export_writes_json_and_the_original_files() {
    start_server
    local admin recruiter id
    admin=$(bearer_for admin)
    recruiter=$(bearer_for recruiter)
    id=$(curl -sS -H "Authorization: Bearer $recruiter" -H 'Content-Type: application/json' \
        -d '{"name":"Noor Testcase","email":"noor@example.org"}' "$BASE/api/v1/candidates" |
        jq -r .id)
    cp "$DATA/resumes/plain.txt" noor.txt
    printf '\x89PNG\r\n\x1a\n\0\0\0\0binary' >photo.png
    curl -sS -H "Authorization: Bearer $recruiter" -F "file=@noor.txt" -F "file=@photo.png" \
        "$BASE/api/v1/resumes?candidate=$id" >/dev/null
    "$RUBRIC" candidate stage "$id" screened --reason "good call" >/dev/null 2>&1

    # the API: JSON only, no hashes, never cached
    http GET "/api/v1/candidates/$id/export" -H "Authorization: Bearer $recruiter"
    assert_rc 200
    assert_json ".candidate.name == \"Noor Testcase\" and .candidate.erased_at == null
        and (.resumes | length) == 2 and .resumes[0].parsed.name == \"Amara Okafor\"
        and .history[1].reason == \"good call\" and (.files | length) == 2
        and ([.. | objects | has(\"hash\")] | any | not)
        and (.audit | map(.action) | index(\"create\")) != null"
    http GET /api/v1/candidates/999/export -H "Authorization: Bearer $admin"
    assert_rc 404

    # the command line: candidate.json and the originals byte for byte, private modes
    run "$RUBRIC" candidate export "$id" --output out
    assert_rc 0
    assert_err "candidate.json and 2 original files"
    assert_eq "$(stat -c %a out)" 700
    assert_eq "$(stat -c %a out/candidate.json)" 600
    cmp noor.txt "out/resume-1-noor.txt" || fail "the exported resume differs from the upload"
    cmp photo.png "out/resume-2-photo.png" || fail "the exported image differs from the upload"
    assert_eq "$(stat -c %a out/resume-1-noor.txt)" 600
    OUT=$(cat out/candidate.json)
    assert_json '.files == [{"resume": 1, "filename": "noor.txt", "size": '"$(stat -c %s noor.txt)"',
        "file": "resume-1-noor.txt"}, {"resume": 2, "filename": "photo.png",
        "size": '"$(stat -c %s photo.png)"', "file": "resume-2-photo.png"}]
        and .candidate.email == "noor@example.org"'
    # an export is recorded, by whom
    run "$RUBRIC" audit --candidate "$id" --action export --json
    assert_json 'length == 2 and ([.[].actor] | sort) == ["command line", "recruiter@example.org"]'
    # a folder that is not empty is refused without --force
    run "$RUBRIC" candidate export "$id" --output out
    assert_rc 1
    assert_err "not empty"
    run "$RUBRIC" candidate export "$id" --output out --force
    assert_rc 0
    # an original missing from the uploads folder is said, and the rest written
    run "$RUBRIC" candidate export "$id" --output out2 --uploads "$PWD/elsewhere"
    assert_rc 1
    assert_err "resume 1: the original is not in the uploads folder"
    OUT=$(cat out2/candidate.json)
    assert_json '.files[0].missing and .files[0].file == null'
    run "$RUBRIC" candidate export "$id"
    assert_rc 2
    run "$RUBRIC" candidate export 99 --output out3
    assert_rc 3
    [ ! -e out3 ] || fail "a folder made for a candidate that does not exist"
}

test_retention_erases_candidates_at_a_final_stage_long_ago() {
    local id
    for id in 1 2 3 4; do
        "$RUBRIC" candidate add --name "Retained Person $id" >/dev/null
    done
    "$RUBRIC" candidate stage 1 rejected --reason "no fit" >/dev/null 2>&1
    "$RUBRIC" candidate stage 2 hired >/dev/null 2>&1
    "$RUBRIC" candidate stage 4 withdrawn >/dev/null 2>&1
    # 1, 2 and 3 reached their stage 400 days ago; 4 withdrew today; 3 is not at a final stage
    db_sql "UPDATE candidate_stage_change SET at = '$(date -u -d '400 days ago' +%Y-%m-%dT%H:%M:%SZ)'
        WHERE candidate IN (1, 2, 3)"
    run "$RUBRIC" candidate retention --days 365 --dry-run --json
    assert_rc 0
    assert_json '[.due[].id] == [1, 2] and .erased == 0 and .days == 365'
    run "$RUBRIC" candidate list --json
    assert_json '[.[].name] | index("[erased]") == null'
    run "$RUBRIC" candidate retention --days 365
    assert_rc 0
    assert_out "rejected"
    assert_err "2 candidates at a final stage since before"
    run "$RUBRIC" candidate list --json
    assert_json '[.[] | [.id, .name, .stage]] == [[1, "[erased]", "rejected"],
        [2, "[erased]", "hired"], [3, "Retained Person 3", "applied"],
        [4, "Retained Person 4", "withdrawn"]]'
    run "$RUBRIC" audit --actor retention --json
    assert_json '[.[] | [.action, .candidate]] == [["erase", 2], ["erase", 1]]'
    run "$RUBRIC" candidate retention --days 365 --json
    assert_json '.due == [] and .erased == 0'
    run "$RUBRIC" candidate retention
    assert_rc 2
    assert_err "give --days N"
    run "$RUBRIC" candidate retention --days 0
    assert_rc 2

    # the server does it on start when retention_days is set
    db_sql "UPDATE candidate_stage_change SET at = '$(date -u -d '40 days ago' +%Y-%m-%dT%H:%M:%SZ)'
        WHERE candidate = 4"
    run env RUBRIC_RETENTION_DAYS=30 "$RUBRIC" serve --print-config
    assert_out "retention_days = 30"
    start_server --retention-days 30
    for _ in $(seq 1 50); do
        [ "$(db_sql 'SELECT count(*) FROM candidate WHERE id = 4 AND erased_at IS NOT NULL')" = 1 ] &&
            break
        sleep 0.1
    done
    stop_server
    run "$RUBRIC" candidate show 4 --json
    assert_json '.name == "[erased]" and .stage == "withdrawn"'
    grep -q "retention: erased 1 candidate" server.log || fail "no log line of the retention run"
    run "$RUBRIC" candidate show 3 --json
    assert_json '.name == "Retained Person 3"'
}

test_roles_see_what_they_may() {
    start_server
    local admin recruiter interviewer candidate id
    admin=$(bearer_for admin)
    recruiter=$(bearer_for recruiter)
    interviewer=$(bearer_for interviewer)
    candidate=$(bearer_for candidate)
    id=$("$RUBRIC" candidate add --name "Ada Example")
    local t
    for t in "$interviewer" "$candidate"; do
        http GET "/api/v1/candidates/$id/export" -H "Authorization: Bearer $t"
        assert_rc 403
        http GET /api/v1/audit -H "Authorization: Bearer $t"
        assert_rc 403
        http POST "/api/v1/candidates/$id/erase" -H "Authorization: Bearer $t" \
            -H 'Content-Type: application/json' -d '{"confirm":true}'
        assert_rc 403
    done
    http GET "/api/v1/candidates/$id/export" -H "Authorization: Bearer $recruiter"
    assert_rc 200
    http GET /api/v1/audit -H "Authorization: Bearer $recruiter"
    assert_rc 403
    http POST "/api/v1/candidates/$id/erase" -H "Authorization: Bearer $recruiter" \
        -H 'Content-Type: application/json' -d '{"confirm":true}'
    assert_rc 403
    http GET "/api/v1/candidates/$id/export"
    assert_rc 401
    run "$RUBRIC" candidate show "$id" --json
    assert_json '.name == "Ada Example"'
    http GET /api/v1/audit -H "Authorization: Bearer $admin"
    assert_rc 200
    http POST "/api/v1/candidates/$id/erase" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{}'
    assert_rc 400
    assert_json '.field == "confirm"'
    http POST "/api/v1/candidates/$id/erase" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"confirm":true}'
    assert_rc 200
    http POST /api/v1/candidates/999/erase -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"confirm":true}'
    assert_rc 404
}

test_audit_records_each_access_with_ids_only() {
    start_server
    local admin recruiter id rid
    admin=$(bearer_for admin)
    recruiter=$(bearer_for recruiter)
    # the command line: add, show, list, stage (as an account)
    id=$("$RUBRIC" candidate add --name "Ines Marlow" --email ines.marlow@example.org)
    "$RUBRIC" candidate show "$id" >/dev/null
    "$RUBRIC" candidate list >/dev/null
    "$RUBRIC" candidate stage "$id" screened --as recruiter@example.org >/dev/null 2>&1
    # the API: stage, get, list, upload, resume, screening results, export, erase
    curl -sS -H "Authorization: Bearer $recruiter" -H 'Content-Type: application/json' \
        -d '{"stage":"interviewing"}' "$BASE/api/v1/candidates/$id/stage" >/dev/null
    curl -sS -H "Authorization: Bearer $recruiter" "$BASE/api/v1/candidates/$id" >/dev/null
    curl -sS -H "Authorization: Bearer $recruiter" "$BASE/api/v1/candidates" >/dev/null
    rid=$(curl -sS -H "Authorization: Bearer $recruiter" -F "file=@$DATA/resumes/plain.txt" \
        "$BASE/api/v1/resumes?candidate=$id" | jq -r '.items[0].id')
    curl -sS -H "Authorization: Bearer $recruiter" "$BASE/api/v1/resumes/$rid" >/dev/null
    local sid
    sid=$(curl -sS -H "Authorization: Bearer $recruiter" -H 'Content-Type: application/json' \
        -d "{\"role\":\"backend-developer-senior\",\"resumes\":[$rid]}" \
        "$BASE/api/v1/screenings" | jq -r .id)
    poll_screening "$sid" "$recruiter"
    curl -sS -H "Authorization: Bearer $recruiter" "$BASE/api/v1/screenings/$sid/results" \
        >/dev/null
    curl -sS -H "Authorization: Bearer $recruiter" "$BASE/api/v1/candidates/$id/export" >/dev/null
    curl -sS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
        -d '{"confirm":true}' "$BASE/api/v1/candidates/$id/erase" >/dev/null

    http GET "/api/v1/audit?candidate=$id&limit=100" -H "Authorization: Bearer $admin"
    assert_rc 200
    assert_json "[.items | reverse[] | [.actor, .action, .what]] == [
        [\"command line\", \"create\", \"candidate\"],
        [\"command line\", \"view\", \"candidate\"],
        [\"command line\", \"view\", \"candidate list\"],
        [\"recruiter@example.org\", \"change\", \"stage\"],
        [\"recruiter@example.org\", \"change\", \"stage\"],
        [\"recruiter@example.org\", \"view\", \"candidate\"],
        [\"recruiter@example.org\", \"view\", \"candidate list\"],
        [\"recruiter@example.org\", \"create\", \"resume $rid\"],
        [\"recruiter@example.org\", \"view\", \"resume $rid\"],
        [\"recruiter@example.org\", \"view\", \"screening $sid results\"],
        [\"recruiter@example.org\", \"export\", \"candidate\"],
        [\"admin@example.org\", \"erase\", \"candidate\"]] and .total == 12
        and all(.items[]; .candidate == $id and (.at | test(\"Z$\")))"
    http GET "/api/v1/audit?actor=Recruiter@Example.org&action=view&limit=2" \
        -H "Authorization: Bearer $admin"
    assert_json '.total == 4 and (.items | length) == 2 and .items[0].what == "screening '"$sid"' results"'
    http GET "/api/v1/audit?since=2000-01-01&action=erase" -H "Authorization: Bearer $admin"
    assert_json '.total == 1 and .items[0].actor_id == 1'
    http GET "/api/v1/audit?since=2999-01-01" -H "Authorization: Bearer $admin"
    assert_json '.total == 0'
    http GET "/api/v1/audit?action=delete" -H "Authorization: Bearer $admin"
    assert_rc 400
    assert_json '.field == "action"'
    http GET "/api/v1/audit?since=yesterday" -H "Authorization: Bearer $admin"
    assert_rc 400
    http GET "/api/v1/audit?candidate=x" -H "Authorization: Bearer $admin"
    assert_rc 400
    stop_server
    # nothing personal in the log, and it outlives the erase
    [ -z "$(db_sql "SELECT * FROM audit" | grep -i -e ines -e marlow -e amara)" ] ||
        fail "personal data in the audit log"
    run "$RUBRIC" audit --candidate "$id" --limit 3
    assert_rc 0
    assert_out "admin@example.org"
    assert_err "3 of 12 entries shown"
    run "$RUBRIC" audit --action delete
    assert_rc 2
    run "$RUBRIC" audit --since yesterday
    assert_rc 2
}
