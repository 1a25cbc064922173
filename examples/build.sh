#!/bin/sh
# SPDX-License-Identifier: MIT
# Rebuilds examples/resumes/ from the invented JSON Resumes in examples/sources/, with the
# project's own generator (tests/accuracy/gen.c): each person in one format, so that a
# screening of the folder ranks six different people. Run from the repository root:
#   make build/accuracy-gen && sh examples/build.sh
set -eu
gen=${ACCURACY_GEN:-build/accuracy-gen}
out=build/examples
rm -rf "$out"
"$gen" -o "$out" examples/sources/*.json
mkdir -p examples/resumes
cp "$out/amara-classic.txt" examples/resumes/amara.txt
cp "$out/tomasz-classic.md" examples/resumes/tomasz.md
cp "$out/priya-classic.html" examples/resumes/priya.html
cp "$out/ines-classic.docx" examples/resumes/ines.docx
cp "$out/kofi-classic.pdf" examples/resumes/kofi.pdf
cp examples/sources/lena.json examples/resumes/lena.json
echo "examples/resumes: $(ls examples/resumes | wc -l) files"
