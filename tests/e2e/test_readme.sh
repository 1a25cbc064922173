# SPDX-License-Identifier: MIT
# README's examples as a new user runs them: every ```console block, each on a fresh store in
# a folder that sees the repository's examples/, data/ and tests/ (so every path reads as it
# does from the repository root), with the binary under test first on PATH. Each `$ ` line
# (with its `\` continuations) is run in turn in one shell; then each command's exit status
# (0, or N where its comment says `# exit N`) and its output's shape are checked against the
# lines README shows under it: table headers present with rows below them, JSON with the keys
# shown, or the same first word; a `rubric:` line shown means a message on stderr. The server
# example runs on a random loopback port instead of 8080, which another program may hold.

README=$ROOT/README.md

# Writes console block N of README (1-based) to stdout; prints nothing past the last one.
readme_block() {
    awk -v want="$1" '
        /^```console$/ { n++; inside = (n == want); next }
        /^```/ { inside = 0; next }
        inside { print }' "$README"
}

# Splits a block (stdin) into cmd.N (the command, continuations joined) and want.N (the
# lines shown under it) in the current folder; prints the number of commands.
split_block() {
    awk '
        function flush() { if (cmd != "") { print cmd > ("cmd." n); close("cmd." n) } }
        /^\$ / {
            flush(); n++; cmd = substr($0, 3); cont = (cmd ~ /\\$/)
            printf "" > ("want." n); close("want." n)
            next
        }
        cont { cmd = cmd "\n" $0; cont = ($0 ~ /\\$/); next }
        n { print >> ("want." n); close("want." n) }
        END { flush(); print n + 0 }'
}

# The command of step i without its trailing comment, and whether it runs in the background.
step_text() { sed -e 's/[[:space:]]#[^"'"'"']*$//' "cmd.$1"; }

# Runs every step of the block in one shell; each step's stdout, stderr and status go to
# out.i, err.i and rc.i. A step ending in `&` is a server: the next step waits until it
# serves (10 s at most).
run_block() {
    local n=$1 i text script=run.sh
    {
        echo 'set +e'
        # a server step runs inside a { } group, so `kill %1` stops the group's shell and not
        # the server under it: at the end, the server on this test's port goes too
        printf 'trap '"'"'kill $(jobs -p) 2>/dev/null; pkill -TERM -f -- "serve --listen 127.0.0.1:%s" 2>/dev/null; wait'"'"' EXIT\n' "$PORT"
        for i in $(seq 1 "$n"); do
            text=$(step_text "$i" | sed "s/127\.0\.0\.1:8080/127.0.0.1:$PORT/g")
            if grep -qE '&[[:space:]]*$' <<<"$text"; then
                text=$(sed -E 's/&[[:space:]]*$//' <<<"$text")
                printf '{ %s\n} >out.%s 2>err.%s &\n' "$text" "$i" "$i"
                printf 'echo 0 >rc.%s\n' "$i"
                printf 'for _ in $(seq 1 100); do grep -q "serving on" err.%s 2>/dev/null && break; sleep 0.1; done\n' "$i"
            else
                printf '{ %s\n} >out.%s 2>err.%s </dev/null\n' "$text" "$i" "$i"
                printf 'echo $? >rc.%s\n' "$i"
            fi
        done
    } >"$script"
    bash "$script" >/dev/null 2>&1
}

# Fails unless step i's output has the shape README shows for it.
check_step() {
    local i=$1 want_rc=0 cmd shown first got gotfirst w g hdr
    cmd=$(cat "cmd.$i")
    RC=$(cat "rc.$i" 2>/dev/null || echo missing)
    OUT=$(cat "out.$i" 2>/dev/null)
    ERR=$(cat "err.$i" 2>/dev/null)
    if [[ $cmd =~ \#[[:space:]]*exit[[:space:]]+([0-9]+) ]]; then
        want_rc=${BASH_REMATCH[1]}
    fi
    [ "$RC" = "$want_rc" ] || fail "README: '$cmd' exited $RC, README says $want_rc"
    grep -qE '&[[:space:]]*(#.*)?$' <<<"$cmd" && return 0
    # what README shows, without stderr lines, elisions and comment continuations
    shown=$(grep -vE '^(rubric:|\.\.\.|…|[[:space:]]+#|[[:space:]]*$)' "want.$i" || true)
    if grep -q '^rubric:' "want.$i"; then
        grep -q '^rubric:' <<<"$ERR" || fail "README: '$cmd' shows a message and printed none"
    fi
    first=$(head -1 <<<"$shown")
    if [ -z "$first" ]; then
        if grep -q -- '--json' <<<"$cmd" && ! grep -q '>' <<<"$cmd"; then
            jq -s . <<<"$OUT" >/dev/null 2>&1 || fail "README: '$cmd' printed no JSON"
        fi
        return 0
    fi
    [ -n "$OUT" ] || fail "README: '$cmd' printed nothing on stdout"
    case $first in
    '{'* | '[')
        jq -s . <<<"$OUT" >/dev/null 2>&1 || fail "README: '$cmd' printed no JSON"
        got=$(jq -s -r '[.. | objects | keys[]] | unique[]' <<<"$OUT")
        for w in $(grep -oE '"[a-z_]+":' <<<"$shown" | tr -d '":' | sort -u); do
            grep -qx "$w" <<<"$got" || fail "README: '$cmd' JSON lacks the key '$w'"
        done
        return 0
        ;;
    esac
    # table headers: two or more capitalised column names apart by two spaces or more
    while IFS= read -r hdr; do
        w=$(tr -s ' ' <<<"$hdr")
        g=$(tr -s ' ' <<<"$OUT" | grep -nxF -- "$w" | head -1 | cut -d: -f1)
        [ -n "$g" ] || fail "README: '$cmd' has no header '$w'"
        [ "$(tr -s ' ' <<<"$OUT" | sed -n "$((g + 1))p")" != "" ] ||
            fail "README: '$cmd' has no row under '$w'"
    done < <(grep -E '^[A-Z][A-Z]+( {2,}[A-Z][A-Z ]*)+$' <<<"$shown")
    gotfirst=$(grep -v '^[[:space:]]*$' <<<"$OUT" | head -1 | awk '{print $1}')
    w=$(awk '{print $1}' <<<"$first" | sed -e 's/\.\.\.$//' -e 's/…$//')
    if [[ $w =~ ^[0-9]+$ ]]; then
        [[ $gotfirst =~ ^[0-9]+$ ]] || fail "README: '$cmd' should print a number, not '$gotfirst'"
    else
        [[ $gotfirst == "$w"* ]] || fail "README: '$cmd' starts with '$gotfirst', README with '$w'"
    fi
}

# Runs console block k of README and checks every step; fails when there is no block k.
readme_example() {
    local k=$1 n i
    mkdir "block$k"
    cd "block$k"
    ln -s "$ROOT/examples" examples
    ln -s "$ROOT/data" data
    ln -s "$ROOT/tests" tests
    unset RUBRIC_DB
    export PATH="$(dirname "$RUBRIC"):$PATH"
    [ "$(basename "$RUBRIC")" = rubric ] || fail "the binary under test must be called rubric"
    PORT=$((20000 + RANDOM % 40000))
    readme_block "$k" >block.txt
    [ -s block.txt ] || fail "README has no console block $k"
    n=$(split_block <block.txt)
    [ "$n" -gt 0 ] || fail "console block $k of README has no command"
    run_block "$n"
    for i in $(seq 1 "$n"); do
        check_step "$i"
    done
}

test_readme_has_the_examples_this_test_runs() {
    n=$(grep -c '^```console$' "$README")
    assert_eq "$n" "6" "console blocks in README (add a test_readme_block_N when you add one)"
}

test_readme_block_1_the_bank() { readme_example 1; }
test_readme_block_2_roles_kits_resumes() { readme_example 2; }
test_readme_block_3_the_server() { readme_example 3; }
test_readme_block_4_an_interview_loop() { readme_example 4; }
test_readme_block_5_practice() { readme_example 5; }
test_readme_block_6_email_and_calendar() { readme_example 6; }
