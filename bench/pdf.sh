#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# PDF resumes: `rubric parse --json` over a folder of PDFs against pdftotext alone on the
# same files, run as the extractor runs it (src/extract/pdf.c: `pdftotext -layout -enc UTF-8
# -q - -`, the PDF on stdin), one process a file, timed by hyperfine in the same run.
# Rubric's extra work is its own start, a spawn and two pipes a file, and understanding the
# text; the target is to stay within 1.2x. The PDFs are the synthetic resumes of
# bench/synth.c, one A4 page each in Courier 7 pt (embedded), made by ghostscript from
# PostScript that bench/gen_resumes writes.
#
# usage: bench/pdf.sh [PDFS] (BENCH_PDF_RUNS: hyperfine runs, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
runs=${BENCH_PDF_RUNS:-5}
dir=build/bench/pdf
times=build/bench/pdf-times.json
trap 'rm -rf "$dir" "$times"' EXIT
rm -rf "$dir"
build/bench/gen_resumes --ps "$n" "$dir"
# one PDF a page, r000001.pdf on; the standard fonts embedded, as exported resumes have them
gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=pdfwrite -sPAPERSIZE=a4 -dEmbedAllFonts=true \
    -o "$dir/r%06d.pdf" -c '<</NeverEmbed []>> setdistillerparams' -f "$dir/resumes.ps"
rm "$dir/resumes.ps"
made=$(find "$dir" -name '*.pdf' | wc -l)
if [ "$made" -ne "$n" ]; then
    echo "bench/pdf.sh: ghostscript made $made PDFs, not $n" >&2
    exit 1
fi
# every PDF must be read, or the timing means nothing
if ! build/rubric parse --json "$dir"/*.pdf >/dev/null; then
    echo "bench/pdf.sh: rubric could not read every PDF" >&2
    exit 1
fi
kb=$(($(cat "$dir"/*.pdf | wc -c) / 1024))

hyperfine --style none --warmup 1 --runs "$runs" --export-json "$times" \
    -n "pdftotext -layout, a file at a time" \
    "for f in $dir/*.pdf; do pdftotext -layout -enc UTF-8 -q - - <\"\$f\"; done >/dev/null" \
    -n "rubric parse --json" \
    "build/rubric parse --json $dir/*.pdf >/dev/null"

echo "PDF resumes: $n one-page PDFs ($((kb / n)) KB each), hyperfine, $runs runs after a warm-up"
echo
# the verdict on the fastest run of each: the one least disturbed on a shared machine
jq -r --argjson n "$n" '
    .results as $r
    | (["command", "mean s", "stddev s", "min s", "ms a file (min)", "vs pdftotext (min)"]
       | @tsv),
      ($r[] | [.command, (.mean * 1000 | round / 1000), (.stddev * 1000 | round / 1000),
               (.min * 1000 | round / 1000), (.min * 1000 / $n * 100 | round / 100),
               ((.min / $r[0].min * 100 | round / 100 | tostring) + "x")] | @tsv)
' "$times" | column -t -s $'\t'
echo
jq -r '.results as $r | ($r[1].min / $r[0].min) as $ratio
    | "rubric / pdftotext: \($ratio * 100 | round / 100)x fastest runs, " +
      "\($r[1].mean / $r[0].mean * 100 | round / 100)x means; target <= 1.2x: " +
      (if $ratio <= 1.2 then "ok" else "MISSED" end)' "$times"
