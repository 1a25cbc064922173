# SPDX-License-Identifier: MIT
# Rubric's one entry point. `make` builds build/rubric; `make check` builds everything with
# AddressSanitizer and UndefinedBehaviorSanitizer and runs every test; `make run` starts
# Rubric on the embedded default store. See README.md.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:
.SECONDARY:

CC ?= cc
CLANG ?= clang
PREFIX ?= /usr/local
VERSION := 0.1.0
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

PKGS := sqlite3 libcmark jansson libutf8proc libxml-2.0 libzip libhs libsodium libseccomp libcurl
# libpq: the PostgreSQL backend (src/store/pg*.c), the only module that includes libpq-fe.h
PKGS += libpq
PKGS_CLI := libedit libmicrohttpd
# Resolved lazily (=), after scripts/deps has had its chance to install them.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(PKGS_CLI) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
# libstemmer (Snowball, Debian's libstemmer-dev) ships no pkg-config file: linked by name.
PKG_LIBS += -lstemmer
PKG_LIBS_CLI = $(shell pkg-config --libs $(PKGS_CLI) 2>/dev/null)
CRITERION_LIBS = $(shell pkg-config --libs criterion 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wcast-qual -Wformat=2 -Wvla
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -pthread $(WARN) -fstack-protector-strong -Isrc -Ibuild/gen \
               -DRUBRIC_VERSION='"$(VERSION)"'
OPT_CFLAGS := -O2 -g -D_FORTIFY_SOURCE=3
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS := -O1 -g $(SAN_FLAGS)

ENGINE_SRC := $(sort $(wildcard src/util/*.c src/core/*.c src/store/*.c src/extract/*.c \
                                src/resume/*.c))
# report/ renders what core returns; model/ holds the plain types below core and store
ENGINE_SRC := $(sort $(ENGINE_SRC) $(wildcard src/model/*.c src/report/*.c))
CLI_SRC := $(sort $(wildcard src/cmd/*.c src/http/*.c)) src/main.c
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRC))
EMBED_FILES := $(filter-out %/README.md,$(sort $(wildcard data/bank/*.md))) data/bank/synonyms.txt \
               $(filter-out %/README.md,$(sort $(wildcard data/roles/*.md))) \
               $(sort $(wildcard data/skills/*.txt)) \
               $(sort $(wildcard src/store/sql/sqlite/*.sql)) docs/openapi.json data/kit/kit.css \
               $(sort $(wildcard src/store/sql/postgres/*.sql))
HEADERS := $(wildcard src/*/*.h tests/unit/*.h bench/*.h)

# ---- build ---------------------------------------------------------------------------------

.PHONY: all deps
all: build/rubric

# Installs missing Debian packages; quick when nothing is missing.
deps:
	@scripts/deps run

build/.deps-ok: scripts/deps | deps
	@mkdir -p build && touch $@

# What tests and fuzzing need besides (clang, Criterion, chromium, ...).
build/.deps-check: scripts/deps | build/.deps-ok
	@scripts/deps check
	@touch $@

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

build/gen/embedded.c: build/tools/embed $(EMBED_FILES)
	@mkdir -p $(@D)
	build/tools/embed $@ bank/=data/bank roles/=data/roles skills/=data/skills \
	    sql/sqlite/=src/store/sql/sqlite openapi/=docs kit/=data/kit \
	    sql/postgres/=src/store/sql/postgres \
	    $(EMBED_FILES)

# ---- the web app (web/): TypeScript and Preact, built by Vite into build/web/dist, each text
# file gzipped beside itself, then compiled into the server as a second table of files ------

WEB_SRC := $(shell find web/src -type f -not -path 'web/src/gen/*' 2>/dev/null) web/index.html \
           web/vite.config.ts web/tsconfig.json web/package.json data/kit/kit.css
NPM_CI := npm ci --no-audit --no-fund --loglevel=error

.PHONY: web web-check
web: build/web/.built

web/node_modules/.stamp: web/package.json web/package-lock.json | build/.deps-ok
	@echo "web: installing the npm packages of web/package-lock.json"
	cd web && $(NPM_CI)
	@touch $@

build/web/.built: $(WEB_SRC) docs/openapi.json web/node_modules/.stamp
	@mkdir -p build/web
	cd web && npm run --silent build -- --logLevel warn
	find build/web/dist -path build/web/dist/.vite -prune -o -type f \
	    \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
	    -exec gzip -9 -k -n -f {} +
	@touch $@

build/gen/webassets.c: build/tools/embed build/web/.built
	@mkdir -p $(@D)
	build/tools/embed -t web $@ web/=build/web/dist \
	    $$(find build/web/dist -path build/web/dist/.vite -prune -o -type f -print | sort)

build/obj/build/gen/webassets.o: build/gen/webassets.c src/util/embed.h | build/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O1 -c -o $@ $<

build/asan/obj/build/gen/webassets.o: build/gen/webassets.c src/util/embed.h | build/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O1 -c -o $@ $<

# Strict TypeScript against the types generated from docs/openapi.json, and ESLint.
web-check: web/node_modules/.stamp
	@cd web && npm run --silent typecheck && echo "web: tsc ok"
	@cd web && npm run --silent lint && echo "web: eslint ok"

# Release objects in build/obj, sanitizer objects in build/asan/obj.
build/obj/%.o: %.c $(HEADERS) | build/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/obj/%.o: %.c $(HEADERS) | build/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

ENGINE_OBJ := $(patsubst %.c,build/obj/%.o,$(ENGINE_SRC)) build/obj/build/gen/embedded.o
CLI_OBJ := $(patsubst %.c,build/obj/%.o,$(CLI_SRC)) build/obj/build/gen/webassets.o \
           build/obj/build/gen/hsdb.o build/obj/build/gen/sqlsnap.o
ASAN_ENGINE_OBJ := $(patsubst %.c,build/asan/obj/%.o,$(ENGINE_SRC)) \
                   build/asan/obj/build/gen/embedded.o
ASAN_CLI_OBJ := $(patsubst %.c,build/asan/obj/%.o,$(CLI_SRC)) build/asan/obj/build/gen/webassets.o \
                build/asan/obj/build/gen/hsdb.o build/asan/obj/build/gen/sqlsnap.o

build/obj/build/gen/embedded.o: build/gen/embedded.c src/util/embed.h | build/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O1 -c -o $@ $<

build/asan/obj/build/gen/embedded.o: build/gen/embedded.c src/util/embed.h | build/.deps-ok
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O1 -c -o $@ $<

# The skills taxonomy's Hyperscan database compiled at build time and linked into the binary
# (tools/hsdb.c), so that a start loads it instead of compiling it.
build/tools/hsdb: tools/hsdb.c build/librubric.a
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -O1 -o $@ $< build/librubric.a $(PKG_LIBS)

build/gen/hsdb.c: build/tools/hsdb
	build/tools/hsdb $@.tmp && if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

# A new SQLite store's schema, made by the migrations at build time (tools/sqlsnap.c), so that
# a first open runs one script instead of every migration.
build/tools/sqlsnap: tools/sqlsnap.c build/librubric.a
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -O1 -o $@ $< build/librubric.a $(PKG_LIBS)

build/gen/sqlsnap.c: build/tools/sqlsnap
	build/tools/sqlsnap $@.tmp && if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

build/librubric.a: $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/asan/librubric.a: $(ASAN_ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/rubric: $(CLI_OBJ) build/librubric.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) build/librubric.a $(PKG_LIBS_CLI) $(PKG_LIBS)

build/asan/rubric: $(ASAN_CLI_OBJ) build/asan/librubric.a
	$(CC) $(SAN_FLAGS) $(LDFLAGS) -o $@ $(ASAN_CLI_OBJ) build/asan/librubric.a \
	    $(PKG_LIBS_CLI) $(PKG_LIBS)

# ---- tests ---------------------------------------------------------------------------------

build/asan/unit-tests: $(patsubst %.c,build/asan/obj/%.o,$(UNIT_SRC)) build/asan/librubric.a
	$(CC) $(SAN_FLAGS) -o $@ $(patsubst %.c,build/asan/obj/%.o,$(UNIT_SRC)) \
	    build/asan/librubric.a $(CRITERION_LIBS) $(PKG_LIBS)

# The accuracy corpus: accuracy-gen writes labelled resumes in every format, accuracy-score
# compares `rubric parse --json` with the labels (tests/accuracy/run, tests/e2e/test_accuracy.sh).
ACCURACY_PROGS := accuracy-gen accuracy-score accuracy-rank
build/asan/accuracy-%: build/asan/obj/tests/accuracy/%.o build/asan/librubric.a
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/accuracy-%: build/obj/tests/accuracy/%.o build/librubric.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Fuzz harnesses built with a replay main: make check runs every corpus file through them.
build/asan/fuzz-%: build/asan/obj/tests/fuzz/fuzz_%.o build/asan/obj/tests/fuzz/replay.o \
                   build/asan/librubric.a
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

.PHONY: check test-build format format-check lint tidy openapi-lint
test-build: build/asan/rubric build/asan/unit-tests $(addprefix build/asan/fuzz-,$(FUZZ_NAMES)) \
            $(addprefix build/asan/,$(ACCURACY_PROGS))

check: build/.deps-ok
	@scripts/deps check
	@$(MAKE) --no-print-directory format-check lint openapi-lint tidy web-check
	@$(MAKE) --no-print-directory -j$(JOBS) test-build
	@tests/run build/asan

# The shared store unit tests against PostgreSQL, on a private cluster started and stopped
# around them (tests/pg/check): which pass, which are skipped (operations the PostgreSQL
# backend does not have yet, by name) and which fail.
.PHONY: check-pg
check-pg: build/asan/unit-tests
	@scripts/deps check
	@tests/pg/check build/asan

C_FILES = $(shell find src tests bench tools -name node_modules -prune -o -name '*.[ch]' -print)

format:
	clang-format -i $(C_FILES)

format-check:
	@if ! clang-format --dry-run --Werror $(C_FILES) 2>/dev/null; then \
	    clang-format --dry-run $(C_FILES) 2>&1 | grep warning: | head -20; \
	    echo "format: run 'make format'"; exit 1; fi; \
	echo "format: ok"

# clang-tidy with the checks of .clang-tidy, over the engine and the front ends.
# The engine, the front ends, benchmarks, fuzz targets and tools. Not tests/unit (Criterion's
# macros) nor the accuracy corpus generator (tests/accuracy: test data, not product code).
TIDY_SRC = $(ENGINE_SRC) $(CLI_SRC) $(wildcard bench/*.c tests/fuzz/*.c tools/*.c)
tidy: build/gen/embedded.c
	@printf '%s\n' $(TIDY_SRC) | xargs -P$(JOBS) -n4 sh -c 'clang-tidy --quiet "$$@" \
	    -- -std=c17 -D_GNU_SOURCE -Isrc -Ibuild/gen -Ibench $(PKG_CFLAGS) 2>&1' tidy \
	    | grep -E 'warning:|error:' && exit 1 || echo "tidy: ok"

# Functions that have no place in this code base, and the SPDX line every source file opens
# with.
lint:
	@if grep -nE '\b(strcpy|strcat|sprintf|vsprintf|atoi|atol|strtok|gets)\s*\(' \
	    $$(find src tests bench tools -name node_modules -prune -o -name '*.[ch]' -print); then \
	    echo "lint: use the bounded alternatives (snprintf, buf_*, strtol)"; exit 1; fi
	@for f in $$(find src tests bench tools scripts -name node_modules -prune -o -type f \( -name '*.[ch]' -o -name '*.sql' \
	    -o -name '*.sh' \) -print); do head -3 $$f | grep -q 'SPDX-License-Identifier' || \
	    { echo "lint: $$f has no SPDX line"; exit 1; }; done
	@echo "lint: ok"

# docs/openapi.json against the OpenAPI 3.1 schema and Redocly's recommended-strict rules
# (redocly.yaml), offline; quiet unless it fails. tests/e2e/test_openapi.sh checks the server's
# real answers against the same document.
openapi-lint:
	@if ! out=$$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	    npx --no-install redocly lint --format=stylish docs/openapi.json 2>&1); then \
	    echo "$$out" | sed -n '/^validating/,$$p'; echo "openapi: redocly lint failed"; exit 1; fi; \
	echo "openapi: ok"

# ---- run, bench, fuzz, install -------------------------------------------------------------

.PHONY: run bench fuzz install clean accuracy
# The main job on the embedded default store: load the built-in bank and roles into
# ./rubric.db, show what is in it, and open the search prompt when there is a terminal.
# The main job: the server on 127.0.0.1:8080 over ./rubric.db. A fresh store gets the
# built-in bank and roles and a first admin (its password printed once, or
# RUBRIC_ADMIN_PASSWORD). Ctrl-C stops it cleanly.
run: build/rubric
	build/rubric serve

build/bench/%: bench/%.c bench/synth.c bench/synth.h build/librubric.a
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) $(PKG_CFLAGS) -o $@ $< bench/synth.c build/librubric.a \
	    $(PKG_LIBS)

# Peak memory of a command; needs nothing of the engine.
build/bench/peakrss: bench/peakrss.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) -o $@ $<

# bench/run also needs what scripts/deps installs: hyperfine, ghostscript, jq, node and the
# npm peers, and for bench/http.sh (which runs build/rubric serve) wrk, nginx and curl.
bench: build/rubric build/bench/bench_search build/bench/bench_kit build/bench/bench_parse \
       build/bench/gen_resumes build/bench/peakrss build/bench/bench_backends \
       build/bench/bench_interviews
	@scripts/deps bench
	bench/run

# The large tables at 100,000 and 1,000,000 rows on SQLite and PostgreSQL (bench/scale.sh):
# 45 minutes for both sizes on the shared 2 cores (load 5 to 16), so not part of make bench.
# docs/SCALING.md reads its figures.
.PHONY: bench-scale
bench-scale: build/bench/bench_scale
	@scripts/deps bench
	bench/scale.sh

# Parsing accuracy on the labelled corpus, with the release build (make check runs the same
# under the sanitizers): a table by format and layout. ACCURACY_N resumes (default 200).
ACCURACY_N ?= 200
accuracy: build/rubric $(addprefix build/,$(ACCURACY_PROGS))
	@scripts/deps check
	tests/accuracy/run build $(ACCURACY_N)
	tests/accuracy/screening build

FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
build/fuzz/%: tests/fuzz/fuzz_%.c $(ENGINE_SRC) build/gen/embedded.c $(HEADERS) | build/.deps-check
	@mkdir -p $(@D)
	$(CLANG) $(BASE_CFLAGS) $(FUZZ_FLAGS) $(PKG_CFLAGS) -o $@ $< $(ENGINE_SRC) \
	    build/gen/embedded.c $(PKG_LIBS)

fuzz: build/.deps-ok $(addprefix build/fuzz/,$(FUZZ_NAMES))
	@for f in $(FUZZ_NAMES); do \
	    mkdir -p build/fuzz/corpus-$$f; \
	    echo "fuzz: $$f for $(FUZZ_SECONDS)s"; \
	    build/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        -dict=tests/fuzz/$$f.dict build/fuzz/corpus-$$f tests/fuzz/corpus/$$f \
	        || exit 1; done

install: build/rubric
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 build/rubric $(DESTDIR)$(PREFIX)/bin/rubric

clean:
	rm -rf build
