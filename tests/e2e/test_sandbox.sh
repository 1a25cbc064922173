# SPDX-License-Identifier: MIT
# The PDF reader's confinement (extract/sandbox.h): a stand-in for pdftotext tries to read a
# file beside the store, to write one, and to connect to a port on loopback. Run by itself it
# can do all three; run by `rubric extract` as the PDF reader it can do none, and says so in
# the text it returns.

test_pdf_reader_cannot_read_write_or_connect() {
    mkdir bin
    echo "the store's secret" >secret.txt
    local port=""
    # a listener on a free loopback port for 20 s at most, so that a connection could succeed
    node -e 'const s = require("net").createServer((c) => c.end()).listen(0, "127.0.0.1",
        () => console.log(s.address().port)); setTimeout(() => s.close(), 20000);' >port.txt &
    local listener=$!
    for _ in $(seq 50); do
        port=$(cat port.txt)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || fail "the listener did not start"
    cat >bin/pdftotext <<STANDIN
#!/bin/bash
cat >/dev/null
if cat "$PWD/secret.txt" >/dev/null 2>&1; then echo "read: done"; else echo "read: refused"; fi
if echo x 2>/dev/null >"$PWD/written.txt"; then echo "write: done"; else echo "write: refused"; fi
if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "connect: done"; else echo "connect: refused"; fi
STANDIN
    chmod +x bin/pdftotext
    printf '%%PDF-1.4\n%%%%EOF\n' >cv.pdf
    # unconfined, the stand-in can do all three (the test can fail)
    run bin/pdftotext <cv.pdf
    assert_out "read: done"
    assert_out "write: done"
    assert_out "connect: done"
    rm -f written.txt
    # as rubric's PDF reader it can do none
    run env PATH="$PWD/bin:$PATH" "$RUBRIC" extract --json cv.pdf
    kill "$listener" 2>/dev/null || true
    assert_rc 0
    assert_json '.text | contains("read: refused")'
    assert_json '.text | contains("write: refused")'
    assert_json '.text | contains("connect: refused")'
    [ ! -e written.txt ] || fail "the PDF reader wrote a file"
}
