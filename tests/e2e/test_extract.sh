# SPDX-License-Identifier: MIT
# End-to-end tests of `rubric extract`: real files, the real pdftotext.

test_extract_reads_every_format_and_goes_on_after_failures() {
    run "$RUBRIC" extract --help
    assert_rc 0
    cp "$ROOT/tests/fuzz/corpus/extract/cv.docx" cv.docx
    cp "$ROOT/tests/fuzz/corpus/extract/cv.html" cv.html
    cp "$ROOT/node_modules/@jsonresume/schema/sample.resume.json" cv.json
    printf 'Jos\xe9 Alvarez, backend engineer, Java and PostgreSQL since 2015\n' >cv.txt
    printf '\x89PNG\r\n\x1a\n\0\0\0\0' >photo.png
    : >empty.txt
    run "$RUBRIC" extract --json cv.docx cv.html cv.json cv.txt photo.png empty.txt missing.pdf
    assert_rc 1
    assert_eq "$(wc -l <<<"$OUT")" "7" "one JSON line per file"
    assert_jsonl 'map(select(.file == "cv.docx"))[0] | .format == "docx" and (.text | contains("Marta"))'
    assert_jsonl 'map(select(.file == "cv.json"))[0].format == "json-resume"'
    assert_jsonl 'map(select(.file == "cv.html"))[0].text | contains("Ana Ferreira")'
    assert_jsonl 'map(select(.file == "cv.txt"))[0].note == "converted from Windows-1252"'
    assert_jsonl 'map(select(.file == "photo.png"))[0].error == "an image, not a resume format"'
    assert_jsonl 'map(select(.file == "empty.txt"))[0].error == "empty file"'
    assert_err "cannot read missing.pdf"
    run "$RUBRIC" extract cv.html
    assert_rc 0
    assert_out "Ana Ferreira"
}

test_extract_pdf_in_a_child_process() {
    # a one-page PDF with a text line, written by hand (offsets need not be exact:
    # pdftotext rebuilds a broken cross-reference table)
    printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n4 0 obj << /Length 60 >> stream\nBT /F1 12 Tf 72 720 Td (Tomasz Nowak, site reliability engineer) Tj ET\nendstream endobj\n5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >cv.pdf
    run "$RUBRIC" extract --json cv.pdf
    assert_rc 0
    assert_json '.format == "pdf" and (.text | contains("Tomasz Nowak"))'
    printf '%%PDF-1.4\nnot really a pdf\n' >broken.pdf
    run "$RUBRIC" extract broken.pdf
    assert_rc 1
    assert_err "broken.pdf"
}

test_extract_a_pdf_that_hangs_is_killed_and_the_run_goes_on() {
    # a pdftotext that never answers stands in for a PDF built to take forever
    mkdir bin
    printf '#!/bin/sh\nexec sleep 60\n' >bin/pdftotext
    chmod +x bin/pdftotext
    printf '%%PDF-1.4\n%%%%EOF\n' >slow.pdf
    printf 'Amara Okafor\nBackend engineer\n' >cv.txt
    start=$(date +%s)
    run env PATH="$PWD/bin:$PATH" "$RUBRIC" extract --json slow.pdf cv.txt
    took=$(($(date +%s) - start))
    assert_rc 1
    assert_jsonl 'map(select(.file == "slow.pdf"))[0].error | test("took too long")'
    assert_jsonl 'map(select(.file == "cv.txt"))[0].text | contains("Amara")'
    [ "$took" -lt 30 ] || fail "the run waited ${took}s for a hung pdftotext"
}
