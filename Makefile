# crsv-kit: `make run` sets up, builds and generates out/ from content/;
# `make check` builds and runs every test.  See README.md.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/crsv-kit
LIBEXECDIR = $(PREFIX)/lib/crsv-kit

CC      ?= cc
PKGS     = libcmark libxml-2.0 yaml-0.1 libzip sqlite3 nettle hogweed fribidi libxxhash
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -Icommon -Igenerator/model -Igenerator/emit -Igenerator/author \
            -Igenerator/officer -Ikiosk \
            -DCRSV_DATADIR='"$(DATADIR)"'
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lgettextpo -lpthread -lm
# Only crsv-gen issues certificates, speaks to an LRS and synthesizes
# narration drafts: these stay out of the kiosk.
CERT_PKGS   = jansson libqrencode pangocairo libcurl espeak-ng libopusenc opusfile
CERT_CFLAGS := $(shell pkg-config --cflags $(CERT_PKGS) 2>/dev/null)
CERT_LIBS   := $(shell pkg-config --libs $(CERT_PKGS) 2>/dev/null) -lmp3lame

B = build
COMMON_SRC = $(sort $(wildcard common/*.c))
# generator/ is in folders by stage: model/ reads the content, its
# translations and recordings (site.yaml, modules, quizzes, PO files);
# emit/ makes the site and the packages from it (build.c runs them);
# author/ holds what authors, translators and narrators run besides the
# build (extract, status, narrate); officer/ the records -> reports flow
# (merge, report, certify, xapi).  main.c is the commands.
GEN_SRC    = $(sort $(wildcard generator/model/*.c generator/emit/*.c \
                    generator/author/*.c generator/officer/*.c))
LIB_OBJ    = $(patsubst %.c,$(B)/obj/%.o,$(COMMON_SRC) $(GEN_SRC))
GEN_MAIN   = $(B)/obj/generator/main.o
# crsv-gen itself is main.c built with CRSV_CORE and linked from an archive
# with --as-needed, so it maps only the libraries its commands use; the
# three commands of heavy libraries (narrate, certify, xapi) it runs
# through crsv-gen-tools, which has everything (see main.c).
GEN_CORE_MAIN = $(B)/obj/generator/main-core.o
GEN_LIB    = $(B)/libcrsv-gen.a
# Kiosk files that are plain C (no SDL), linked into the unit tests; list
# them one by one (main.c and the SDL files stay out).
KIOSK_LIB_SRC = kiosk/layout.c kiosk/store.c kiosk/material.c kiosk/view.c \
                kiosk/app.c kiosk/widgets.c kiosk/screen_start.c kiosk/screen_keypad.c \
                kiosk/screen_modules.c kiosk/screen_reader.c kiosk/screen_quiz.c \
                kiosk/screen_help.c kiosk/screen_admin.c kiosk/screen_error.c \
                kiosk/script.c kiosk/update.c kiosk/textcache.c kiosk/panel.c \
                kiosk/narrator.c
KIOSK_LIB_OBJ = $(patsubst %.c,$(B)/obj/%.o,$(KIOSK_LIB_SRC))
# The SDL side of the kiosk: only these see SDL's headers and libraries.
KIOSK_SDL_SRC = kiosk/main.c kiosk/render.c kiosk/input.c kiosk/sound.c
KIOSK_SDL_OBJ = $(patsubst %.c,$(B)/obj/%.o,$(KIOSK_SDL_SRC))
SDL_PKGS      = sdl2 SDL2_ttf SDL2_image opusfile
SDL_CFLAGS   := $(shell pkg-config --cflags $(SDL_PKGS) 2>/dev/null)
SDL_LIBS     := $(shell pkg-config --libs $(SDL_PKGS) 2>/dev/null)
# Only the pattern rule for tests names them: keep make from deleting them
# as intermediate files after each test link.
.SECONDARY: $(KIOSK_LIB_OBJ)
TEST_SRC   = $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN   = $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRC))
# tests/kiosk/run.sh compares screenshots with this small tool, and counts
# the kiosk's heap allocations with the other, preloaded (built with the
# tests; not named test_*, so tests/run.sh does not run them as suites).
TEST_BIN  += $(B)/tests/kiosk-bmpcmp $(B)/tests/kiosk-allocs.so

.PHONY: all run check deps deps-test bench install clean golden-update \
        unit-tests golden-tests bad-input-tests memcheck kiosk-demo kiosk-sheet \
        fuzz fuzz-build fuzz-bins
all: $(B)/crsv-gen $(B)/crsv-gen-tools $(B)/crsv-kiosk

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c $< -o $@

$(GEN_LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(GEN_CORE_MAIN): generator/main.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -DCRSV_CORE -DCRSV_LIBEXECDIR='"$(LIBEXECDIR)"' $(PKG_CFLAGS) $(CFLAGS) \
	  $(WARN) -MMD -MP -c $< -o $@

$(B)/crsv-gen: $(GEN_CORE_MAIN) $(GEN_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $^ $(CERT_LIBS) $(LDLIBS)

$(B)/crsv-gen-tools: $(GEN_MAIN) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CERT_LIBS) $(LDLIBS)

$(KIOSK_SDL_OBJ): CPPFLAGS += $(SDL_CFLAGS)
$(GEN_MAIN) $(GEN_CORE_MAIN) $(patsubst %.c,$(B)/obj/%.o,$(GEN_SRC)): CPPFLAGS += $(CERT_CFLAGS)
$(B)/crsv-kiosk: $(KIOSK_SDL_OBJ) $(KIOSK_LIB_OBJ) $(B)/obj/common/buf.o \
                 $(B)/obj/common/err.o $(B)/obj/common/fs.o $(B)/obj/common/strmap.o \
                 $(B)/obj/common/utf8.o $(B)/obj/common/bundle.o $(B)/obj/common/records.o \
                 $(B)/obj/common/seal.o $(B)/obj/common/sign.o $(B)/obj/common/utc.o \
                 $(B)/obj/common/ledger.o $(B)/obj/common/media.o $(B)/obj/common/dbcheck.o \
                 $(B)/obj/common/sqlbind.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(SDL_LIBS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(LIB_OBJ) $(KIOSK_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CERT_CFLAGS) $(CFLAGS) $(WARN) -Wno-missing-prototypes \
	  -o $@ $< $(LIB_OBJ) $(KIOSK_LIB_OBJ) $(TEST_LDFLAGS) $(CERT_LIBS) $(LDLIBS) -lcmocka
# test_app counts the heap allocations of the kiosk's code: every call to
# these goes through its __wrap_ functions.
$(B)/tests/test_app: TEST_LDFLAGS = -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc

$(B)/tests/kiosk-bmpcmp: tests/kiosk/bmpcmp.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $<

$(B)/tests/kiosk-sheet: tests/kiosk/sheet.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(SDL_CFLAGS) $(CFLAGS) $(WARN) -o $@ $< $(SDL_LIBS)

$(B)/tests/kiosk-allocs.so: tests/kiosk/allocs.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(SDL_CFLAGS) $(CFLAGS) $(WARN) -shared -fPIC -o $@ $< -ldl

# Fuzzing (clang's libFuzzer): every tests/fuzz/fuzz_*.c is a harness,
# linked with the whole library (generator and kiosk) and tests/fuzz/
# fuzzlib.c, built by `make fuzz-build` into build-fuzz/fuzz/ with
# everything instrumented (ASan, UBSan, coverage); `make fuzz` runs each
# for FUZZ_SECONDS (tests/fuzz/run.sh, which make check calls to replay
# tests/fuzz/regress/).
FUZZ_SECONDS ?= 60
FUZZ_SAN   = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC   = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN   = $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))
FUZZ_LIB   = $(B)/obj/tests/fuzz/fuzzlib.o
$(FUZZ_LIB): CPPFLAGS += $(CERT_CFLAGS)
$(B)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB) $(LIB_OBJ) $(KIOSK_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) -Itests/fuzz -fsanitize=fuzzer $(FUZZ_SAN) \
	  -o $@ $< $(FUZZ_LIB) $(LIB_OBJ) $(KIOSK_LIB_OBJ) $(CERT_LIBS) $(LDLIBS)
fuzz-bins: $(FUZZ_BIN)
fuzz-build:
	$(MAKE) B=build-fuzz CC=clang \
	  CFLAGS='-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)' fuzz-bins
fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh --run

# The SQL schemas are compiled into the programs: each line of X.sql becomes
# a C string literal in $(B)/gen/X_sql.h, which one C file includes, so the
# programs share a schema without a path to it.
#   common/bundle.sql            the kiosk bundle (common/bundle.c; both programs)
#   common/records.sql           a kiosk's records (common/records.c: kiosk/store.c
#                                and the officer's tools)
#   generator/officer/master.sql the officer's master file (generator/officer/merge.c)
vpath %.sql common generator/officer
.PRECIOUS: $(B)/gen/%_sql.h
$(B)/gen/%_sql.h: %.sql
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@.tmp
	mv $@.tmp $@
$(B)/obj/common/bundle.o: $(B)/gen/bundle_sql.h
$(B)/obj/common/records.o: $(B)/gen/records_sql.h
$(B)/obj/generator/officer/merge.o: $(B)/gen/master_sql.h
$(B)/obj/common/bundle.o $(B)/obj/common/records.o \
$(B)/obj/generator/officer/merge.o: CPPFLAGS += -I$(B)/gen

# main.c has DATADIR compiled in: rebuild it when PREFIX changes.
$(B)/datadir.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(GEN_MAIN) $(GEN_CORE_MAIN): $(B)/datadir.stamp
FORCE:

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)

deps:
	@sh tools/deps.sh build

deps-test:
	@sh tools/deps.sh test

# Set up (Debian packages, only if missing), build, and generate out/.
run: deps
	$(MAKE) all
	./$(B)/crsv-gen build

check: deps-test
	$(MAKE) all $(TEST_BIN)
	sh tests/run.sh

# Build everything, generate the bundle, and start the kiosk in a window on
# it (records in out/kiosk-records.db).
kiosk-demo: deps
	$(MAKE) all
	./$(B)/crsv-gen build
	./$(B)/crsv-kiosk --bundle out/packages/kiosk.bundle --records out/kiosk-records.db

bench: deps
	@sh tools/deps.sh all
	$(MAKE) all
	bash bench/run.sh
	bash bench/officer.sh
	bash bench/xapi.sh
	bash bench/kiosk-field.sh

# One PNG of every kiosk screen golden, to look at: build/kiosk-sheet.png.
kiosk-sheet:
	$(MAKE) $(B)/tests/kiosk-sheet
	sh tests/kiosk/sheet.sh

golden-update: all
	sh tests/golden/run.sh --update
	sh tests/kiosk/run.sh --update

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/assets
	install -m 755 $(B)/crsv-gen $(DESTDIR)$(BINDIR)/crsv-gen
	install -d $(DESTDIR)$(LIBEXECDIR)
	install -m 755 $(B)/crsv-gen-tools $(DESTDIR)$(LIBEXECDIR)/crsv-gen-tools
	install -m 755 $(B)/crsv-kiosk $(DESTDIR)$(BINDIR)/crsv-kiosk
	cp -R assets/. $(DESTDIR)$(DATADIR)/assets/
	find $(DESTDIR)$(DATADIR)/assets -type d -exec chmod 755 {} +
	find $(DESTDIR)$(DATADIR)/assets -type f -exec chmod 644 {} +

clean:
	rm -rf $(B)
