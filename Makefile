# darn build. `make` builds ./darn (optimised); `make check` builds a
# sanitizer build (ASan + UBSan) under build/san and runs the whole suite
# against it. Every library comes from pkg-config.

PKGS := glib-2.0 sqlite3 libzstd jansson

CC ?= cc
# libgit2 is compiled against but loaded with dlopen() only when a
# public-inbox archive is read (src/archive/git2-dl.h): linking it would
# add 3 ms to every process start, i.e. to every parsemail.
# GMime likewise is loaded when the first multipart body is split
# (src/mail/gmime-dl.h): with GIO, GObject and GPGME it cost another 3 ms.
# libcrypto (password hashes, tokens) is loaded when first used
# (src/util/crypto-dl.h): linking it cost every process 2 ms.
# libmicrohttpd (with GnuTLS and p11-kit) is loaded by `darn serve` only
# (src/http/mhd-dl.h): linked, it doubled the cost of every parsemail.
# libxml2 is loaded by the first XML-RPC request (src/api/xml-dl.h).
# libpq is loaded when a postgresql:// database is opened
# (src/store/pg-dl.h): SQLite sites and their parsemails never load it.
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2) 2>/dev/null | awk '/SONAME/ {print $$2}')
LIBGIT2_SONAME := $(call soname,libgit2,libgit2.so)
GMIME_SONAME := $(call soname,gmime-3.0,libgmime-3.0.so)
LIBCRYPTO_SONAME := $(call soname,libcrypto,libcrypto.so)
MHD_SONAME := $(call soname,libmicrohttpd,libmicrohttpd.so)
LIBXML2_SONAME := $(call soname,libxml-2.0,libxml2.so)
LIBPQ_SONAME := $(call soname,libpq,libpq.so)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) libgit2 gmime-3.0 libcrypto \
		libmicrohttpd libxml-2.0 libpq) \
	-DDARN_LIBPQ_SONAME='"$(or $(LIBPQ_SONAME),libpq.so)"' \
	-DDARN_LIBXML2_SONAME='"$(or $(LIBXML2_SONAME),libxml2.so)"' \
	-DDARN_MHD_SONAME='"$(or $(MHD_SONAME),libmicrohttpd.so)"' \
	-DDARN_LIBGIT2_SONAME='"$(or $(LIBGIT2_SONAME),libgit2.so)"' \
	-DDARN_GMIME_SONAME='"$(or $(GMIME_SONAME),libgmime-3.0.so)"' \
	-DDARN_LIBCRYPTO_SONAME='"$(or $(LIBCRYPTO_SONAME),libcrypto.so)"'
PKG_LIBS := -Wl,--as-needed $(shell pkg-config --libs $(PKGS))
# Unit tests build git repositories and call GMime themselves.
TEST_LIBS := $(PKG_LIBS) $(shell pkg-config --libs libgit2 gmime-3.0)

WARN := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Wvla -Wwrite-strings -Wno-unused-parameter
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -Isrc $(WARN) $(PKG_CFLAGS) \
	-include src/util/banned.h -MMD -MP

OPT_CFLAGS := -O2 -g
SAN_CFLAGS := -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined

LIB_SRC := $(filter-out src/darn.c,$(shell find src -name '*.c' | sort)) \
	build/gen/migrations.c
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))

# $(call objs,VARIANT,SOURCES)
objs = $(patsubst %.c,build/$(1)/%.o,$(2))

.PHONY: all check unit blackbox blackbox-pg check-pg golden golden-pg clean \
	demo deps fuzz fuzz-replay bench format scale browser

all: darn

darn: build/opt/darn
	ln -sf build/opt/darn darn

build/gen/migrations.c: $(MIGRATIONS) scripts/embed-sql.awk
	@mkdir -p $(dir $@)
	awk -f scripts/embed-sql.awk $(MIGRATIONS) > $@

# ---- optimised build ----------------------------------------------------
build/opt/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) $(CFLAGS) -c -o $@ $<

build/opt/libdarn.a: $(call objs,opt,$(LIB_SRC))
	rm -f $@ && ar rcs $@ $^

build/opt/darn: build/opt/src/darn.o build/opt/libdarn.a
	$(CC) $(OPT_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# ---- sanitizer build (what the tests run) -------------------------------
build/san/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	@$(CC) $(BASE_CFLAGS) $(SAN_CFLAGS) $(CFLAGS) -c -o $@ $<

build/san/libdarn.a: $(call objs,san,$(LIB_SRC))
	rm -f $@ && ar rcs $@ $^

build/san/darn: build/san/src/darn.o build/san/libdarn.a
	$(CC) $(SAN_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

build/san/tests/unit/%: build/san/tests/unit/%.o build/san/libdarn.a
	$(CC) $(SAN_CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) -lm

# bench/scale-writes: the maintainers' writes of a generated database
# (bench/scale.sh; the sanitizer build for tests/t).
build/%/bench/scale-writes: build/%/bench/scale-writes.o build/%/libdarn.a
	$(CC) $(if $(filter san,$*),$(SAN_CFLAGS),$(OPT_CFLAGS)) $(LDFLAGS) \
		-o $@ $^ $(PKG_LIBS) -lm

UNIT_BIN := $(patsubst %.c,build/san/%,$(UNIT_SRC))
# test-list-queries counts the statements of each request: the linker
# sends the store's db_query and db_query_text through its counter (and
# db_query_prefetch, whose statement its reader runs).
build/san/tests/unit/test-list-queries: LDFLAGS += \
	-Wl,--wrap=db_query,--wrap=db_query_text,--wrap=db_query_prefetch
# test-web-plans plans the statements of the bundle and todo pages.
build/san/tests/unit/test-web-plans: LDFLAGS += \
	-Wl,--wrap=db_query,--wrap=db_query_text

# ---- tests ---------------------------------------------------------------
# ASAN_OPTIONS: GLib keeps a few process-lifetime caches; leaks are checked
# by the dedicated LSan pass in tests/t, not by every run.
export ASAN_OPTIONS ?= detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1

unit: $(UNIT_BIN)
	prove -e '' $(UNIT_BIN)

blackbox: build/san/darn build/san/bench/scale-writes \
		build/san/tests/unit/test-list-plans build/san/tests/unit/test-web-plans
	DARN=$(CURDIR)/build/san/darn prove --timer -e /bin/sh $(sort $(wildcard tests/t/t*.sh))

# The same suite on PostgreSQL: a private cluster for the run
# (tests/tools/pg-cluster: a temporary directory, a Unix socket, an
# unprivileged user when run as root), a fresh database per test script.
blackbox-pg: build/san/darn build/san/bench/scale-writes \
		build/san/tests/unit/test-list-plans build/san/tests/unit/test-web-plans
	@uri=$$(tests/tools/pg-cluster start) || exit 1; \
	trap 'tests/tools/pg-cluster stop "$$uri"' EXIT INT TERM; \
	echo "PostgreSQL cluster: $$uri"; \
	DARN=$(CURDIR)/build/san/darn DARN_TEST_BACKEND=pg \
		DARN_TEST_PG_URI="$$uri" \
		prove --timer -e /bin/sh $(sort $(wildcard tests/t/t*.sh))

# The golden comparisons of the linux-cifs archive (storage, REST API and
# downloads, OpenAPI) and of the writes scenario (its REST and XML-RPC
# writes, then the web pages of what they leave) with the database on
# PostgreSQL, on a private cluster; needs ../shared like `make golden`.
golden-pg: darn
	@uri=$$(tests/tools/pg-cluster start) || exit 1; \
	trap 'tests/tools/pg-cluster stop "$$uri"' EXIT INT TERM; \
	export DARN_GOLDEN_PG_URI="$$uri" DARN_WORK=$(CURDIR)/build/golden-pg; \
	tests/golden/linux-cifs.sh | tail -n 3 && \
	DARN_API_MIN=$${DARN_API_MIN:-99} tests/golden/api.sh | tail -n 5 && \
	DARN_OPENAPI_FATAL=$${DARN_OPENAPI_FATAL:-1} tests/golden/openapi.sh | \
		grep -E '^(Patchwork|  v1\.[0-9]\.yaml|valid:)' && \
	tests/golden/writes.sh | tail -n 3 && tests/golden/web.sh | tail -n 1

# blackbox-pg when PostgreSQL's server is installed (Debian: postgresql).
check-pg:
	@if tests/tools/pg-cluster available >/dev/null 2>&1; then \
		$(MAKE) blackbox-pg; \
	else \
		echo "PostgreSQL not installed: backend pg skipped"; \
	fi

golden: darn
	tests/golden/run-all.sh

# The web pages in headless Chromium (tests/browser, docs/web.md "Browser
# tests"): skipped with the reason when Chromium, Node.js or
# tests/browser/node_modules is missing. Screenshots in build/screenshots/.
browser: build/san/darn
	DARN=$(CURDIR)/build/san/darn tests/browser/run

# Replays the fuzzing seeds through the libFuzzer build (clang, ASan,
# UBSan with clang's extra checks).
fuzz-replay:
	$(MAKE) -s -C tests/fuzz replay

check: unit blackbox check-pg fuzz-replay browser
	@if [ -d ../shared/golden ]; then $(MAKE) golden; \
	else echo "golden: ../shared absent, skipped"; fi

# ---- conveniences --------------------------------------------------------
deps:
	scripts/install-deps

# `make demo PORT=8001` serves on another port (on 127.0.0.1 only).
PORT ?= 8000
demo: darn
	rm -f sample/demo.db
	./darn --database sample/demo.db init
	./darn --database sample/demo.db project add --linkname sample \
		--name "Sample project" --listid sample.darn.example \
		--listemail sample@darn.example
	./darn --database sample/demo.db parsearchive sample/sample.mbox
	./darn --database sample/demo.db project show sample
	@echo "serving on http://127.0.0.1:$(PORT)/api/ (Ctrl-C stops)"
	./darn --database sample/demo.db serve --listen 127.0.0.1:$(PORT)

fuzz:
	$(MAKE) -C tests/fuzz

bench: darn
	bench/parsearchive.sh

# A database of 1,000,000 generated patches and the benchmarks on it
# (bench/scale.sh; minutes, and ~10 GB in build/scale). Not in `check`.
scale: darn build/opt/bench/scale-writes
	bench/scale.sh

format:
	clang-format -i $$(find src tests -name '*.[ch]')

clean:
	rm -rf build darn

-include $(shell find build -name '*.d' 2>/dev/null)
