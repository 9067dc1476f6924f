# decrec: make run (install what is missing, build, validate and render
# records/) and make check (the whole test suite). See README.md.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
PKGS     = yaml-0.1 libcmark libzip
# Recursively expanded, so pkg-config runs after `deps` has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
# The tests read the XML of Word documents with libxml2.
CHECK_CFLAGS = $(shell pkg-config --cflags check libxml-2.0)
CHECK_LIBS   = $(shell pkg-config --libs check libxml-2.0)
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Werror \
           -Wno-format-truncation
CPPFLAGS += -Iinclude -Isrc -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
ALL_CFLAGS = $(WARN) $(OPT) $(CFLAGS) $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread
# The library's objects: position-independent, so that one set builds both
# libdecrec.a and libdecrec.so (with hidden visibility, calls inside the
# library stay direct), and exporting only what decrec.h marks DR_EXPORT.
LIB_CFLAGS = -fPIC -fvisibility=hidden

LIB_SRC = $(wildcard src/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
TEST_SRC = $(wildcard tests/check_*.c) tests/runner.c tests/oom.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/templates.o
TEMPLATES = $(wildcard templates/*.md templates/*.html templates/*.docx.xml)
CLI_OBJ = $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o)
TEST_OBJ = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)

BIN = $(BUILD)/decrec
LIBA = $(BUILD)/libdecrec.a
RUNNER = $(BUILD)/check-decrec

# The shared library: libdecrec.so.$(VERSION), its soname libdecrec.so.0
# (the ABI's major number), and the links to it. The version is the header's.
VERSION := $(shell sed -n 's/^\#define DR_VERSION "\(.*\)"$$/\1/p' include/decrec.h)
SOVERSION = 0
SONAME = libdecrec.so.$(SOVERSION)
LIBSO = $(BUILD)/libdecrec.so.$(VERSION)
LIBSO_LINKS = $(BUILD)/$(SONAME) $(BUILD)/libdecrec.so

# Where the shared conformance data lives (never copied into the project).
SHARED ?= $(abspath ../shared)
export SHARED

.PHONY: all deps test-deps run check clean format format-check asan ubsan docs check-docs check-browser \
        man check-man

all: $(BIN) $(LIBSO_LINKS)

# Install what is missing (apt-get as root or with sudo, else say what to
# install): deps what make builds with (libyaml, cmark, pkg-config), test-deps
# what the tests add (Check, xmllint, Python's jsonschema, git). Building
# needs only deps, so a user without root or sudo can build once those exist.
deps:
	@sh .ci/deps build

test-deps: deps
	@sh .ci/deps test

# V=1 shows the commands.
Q = $(if $(V),,@)

$(BUILD)/lib/%.o: src/%.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LIB_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c | test-deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

# The built-in templates, compiled into the library.
$(BUILD)/templates.c: $(TEMPLATES) src/templates.awk
	@mkdir -p $(dir $@)
	$(Q)LC_ALL=C awk -f src/templates.awk $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/lib/templates.o: $(BUILD)/templates.c | deps
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LIB_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

# Objects built before the library had its own flags are rebuilt.
$(LIB_OBJ): Makefile

# --no-undefined: the library names every library it needs (libyaml, cmark).
$(LIBSO): $(LIB_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined $(OPT) $(CFLAGS) $(LDFLAGS) \
	  -o $@ $(LIB_OBJ) $(LDLIBS)

$(BUILD)/$(SONAME): $(LIBSO)
	$(Q)ln -sf $(notdir $(LIBSO)) $@

$(BUILD)/libdecrec.so: $(BUILD)/$(SONAME)
	$(Q)ln -sf $(SONAME) $@

$(BIN): $(CLI_OBJ) $(LIBA)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(LDLIBS)

# The command's modules that a suite tests directly (check_sitetree.c),
# with the helpers they call.
TEST_CLI_OBJ = $(BUILD)/cli/sitetree.o $(BUILD)/cli/common.o $(BUILD)/cli/publish.o
# The allocation functions, failed on demand by tests/oom.c: every call to
# them from the objects linked into the runner goes to its __wrap_ versions.
RUNNER_WRAP = $(foreach f,malloc calloc realloc strdup strndup open_memstream,-Wl,--wrap=$(f))

$(RUNNER): $(TEST_OBJ) $(TEST_CLI_OBJ) $(LIBA)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) $(RUNNER_WRAP) -o $@ $(TEST_OBJ) $(TEST_CLI_OBJ) $(LIBA) \
	  $(CHECK_LIBS) $(LDLIBS)

# ---- installing (as cmark does) ---------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=]: bin/decrec, the libraries,
# decrec.h, libdecrec.pc, the man pages and the shell completions (where
# bash-completion, zsh and fish look under PREFIX); make uninstall removes
# them.
PREFIX ?= /usr/local
bindir = $(PREFIX)/bin
libdir = $(PREFIX)/lib
includedir = $(PREFIX)/include
mandir = $(PREFIX)/share/man
bashcompdir = $(PREFIX)/share/bash-completion/completions
zshcompdir = $(PREFIX)/share/zsh/site-functions
fishcompdir = $(PREFIX)/share/fish/vendor_completions.d

# The completion scripts, written by decrec from its command table.
COMPLETIONS = $(BUILD)/completion/decrec $(BUILD)/completion/_decrec \
              $(BUILD)/completion/decrec.fish
$(BUILD)/completion/decrec: $(BIN)
	@mkdir -p $(dir $@)
	$(Q)./$(BIN) completion bash > $@.tmp && mv $@.tmp $@
$(BUILD)/completion/_decrec: $(BIN)
	@mkdir -p $(dir $@)
	$(Q)./$(BIN) completion zsh > $@.tmp && mv $@.tmp $@
$(BUILD)/completion/decrec.fish: $(BIN)
	@mkdir -p $(dir $@)
	$(Q)./$(BIN) completion fish > $@.tmp && mv $@.tmp $@

.PHONY: install uninstall check-install

# libdecrec.pc is written at install time, for this PREFIX.
install: $(BIN) $(LIBA) $(LIBSO) man $(COMPLETIONS)
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(libdir)/pkgconfig $(DESTDIR)$(includedir) \
	  $(DESTDIR)$(mandir)/man1 $(DESTDIR)$(mandir)/man3 $(DESTDIR)$(mandir)/man5 \
	  $(DESTDIR)$(bashcompdir) $(DESTDIR)$(zshcompdir) $(DESTDIR)$(fishcompdir)
	install -m 755 $(BIN) $(DESTDIR)$(bindir)/decrec
	install -m 644 $(LIBA) $(DESTDIR)$(libdir)/libdecrec.a
	install -m 755 $(LIBSO) $(DESTDIR)$(libdir)/$(notdir $(LIBSO))
	ln -sf $(notdir $(LIBSO)) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libdecrec.so
	install -m 644 include/decrec.h $(DESTDIR)$(includedir)/decrec.h
	sed 's|@PREFIX@|$(PREFIX)|; s|@VERSION@|$(VERSION)|' src/libdecrec.pc.in \
	  > $(DESTDIR)$(libdir)/pkgconfig/libdecrec.pc
	install -m 644 man/man3/libdecrec.3 $(DESTDIR)$(mandir)/man3/libdecrec.3
	install -m 644 $(MAN1_PAGES:%=$(BUILD)/man/man1/%.1) $(DESTDIR)$(mandir)/man1/
	install -m 644 $(MAN5_PAGES:%=$(BUILD)/man/man5/%.5) $(DESTDIR)$(mandir)/man5/
	install -m 644 $(BUILD)/completion/decrec $(DESTDIR)$(bashcompdir)/decrec
	install -m 644 $(BUILD)/completion/_decrec $(DESTDIR)$(zshcompdir)/_decrec
	install -m 644 $(BUILD)/completion/decrec.fish $(DESTDIR)$(fishcompdir)/decrec.fish

uninstall:
	rm -f $(DESTDIR)$(bindir)/decrec $(DESTDIR)$(libdir)/libdecrec.a \
	  $(DESTDIR)$(libdir)/libdecrec.so.$(VERSION) $(DESTDIR)$(libdir)/$(SONAME) \
	  $(DESTDIR)$(libdir)/libdecrec.so $(DESTDIR)$(includedir)/decrec.h \
	  $(DESTDIR)$(libdir)/pkgconfig/libdecrec.pc $(DESTDIR)$(mandir)/man3/libdecrec.3 \
	  $(MAN1_PAGES:%=$(DESTDIR)$(mandir)/man1/%.1) $(MAN5_PAGES:%=$(DESTDIR)$(mandir)/man5/%.5) \
	  $(DESTDIR)$(bashcompdir)/decrec $(DESTDIR)$(zshcompdir)/_decrec \
	  $(DESTDIR)$(fishcompdir)/decrec.fish

# What make check adds for the library: the header compiles as C++; the
# shared library exports exactly its functions; libdecrec(3) is clean under
# groff; then an install into $(STAGE), the example built against that
# installed tree through pkg-config and run (its output exactly
# examples/validate-string.out, its status 1 for the record's error), and an
# uninstall that leaves no file behind.
STAGE = $(abspath $(BUILD))/stage
STAGE_PREFIX = /usr/local
check-install: $(BIN) $(LIBA) $(LIBSO) | test-deps
	$(Q)g++ -fsyntax-only -Wall -Wextra -Werror -x c++ include/decrec.h
	$(Q)sh tests/exports.sh $(CC) include/decrec.h $(LIBSO) $(BUILD)/exports man/man3/libdecrec.3
	$(Q)groff -man -ww -z man/man3/libdecrec.3
	$(Q)rm -rf $(STAGE)
	$(Q)$(MAKE) -s install DESTDIR=$(STAGE) PREFIX=$(STAGE_PREFIX) >/dev/null
	$(Q)readelf -d $(STAGE)$(STAGE_PREFIX)/lib/libdecrec.so | grep -q 'SONAME.*\[$(SONAME)\]' \
	  || { echo "check-install: libdecrec.so has no soname $(SONAME)" >&2; exit 1; }
	$(Q)flags=$$(PKG_CONFIG_PATH=$(STAGE)$(STAGE_PREFIX)/lib/pkgconfig \
	  pkg-config --define-variable=prefix=$(STAGE)$(STAGE_PREFIX) --cflags --libs libdecrec) \
	  && echo "  example: cc examples/validate-string.c $$flags" \
	  && $(CC) $(WARN) $(OPT) $(CFLAGS) -o $(BUILD)/validate-string examples/validate-string.c $$flags \
	    -Wl,-rpath,$(STAGE)$(STAGE_PREFIX)/lib
	$(Q)readelf -d $(BUILD)/validate-string | grep -q 'NEEDED.*\[$(SONAME)\]' \
	  || { echo "check-install: the example is not linked to $(SONAME)" >&2; exit 1; }
	$(Q)st=0; ./$(BUILD)/validate-string > $(BUILD)/validate-string.out || st=$$?; \
	  [ $$st = 1 ] || { echo "check-install: the example exited $$st, not 1" >&2; exit 1; }; \
	  diff -u examples/validate-string.out $(BUILD)/validate-string.out
	$(Q)$(MAKE) -s uninstall DESTDIR=$(STAGE) PREFIX=$(STAGE_PREFIX) >/dev/null
	$(Q)left=$$(find $(STAGE) ! -type d); [ -z "$$left" ] \
	  || { echo "check-install: make uninstall left: $$left" >&2; exit 1; }
	@echo "check-install: installed, example built with pkg-config and run, uninstalled"

# Validates the project's own records, then renders each to its Record of
# Decision and Decision details pages, in HTML and Markdown, under build/site.
run: $(BIN)
	./$(BIN) validate records
	@for t in record details; do for f in html md docx; do \
		mkdir -p $(BUILD)/site/$$t && \
		./$(BIN) render -t $$f --template $$t --out-dir $(BUILD)/site/$$t records || exit; \
	done; done
	@# The example records' forward plan and call-in notice, at their dates.
	./$(BIN) plan --date 2024-09-02 -t html -o $(BUILD)/site/plan.html records
	./$(BIN) notice --published 2024-07-19 -t html -o $(BUILD)/site/notice.html records
	@# The whole register as a website, as on the day of the plan above.
	./$(BIN) site --today 2024-09-02 -o $(BUILD)/public records
	@echo "rendered: $(BUILD)/site/record/ and $(BUILD)/site/details/ (open 24-00058.html, or 24-00058.docx in Word), $(BUILD)/site/plan.html and $(BUILD)/site/notice.html; the website: $(BUILD)/public/index.html"

# The system's python3, which has Debian's python3-jsonschema and
# python3-yaml (a python3 earlier in PATH may lack them).
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)

check: $(BIN) $(RUNNER) check-docs check-man check-install | test-deps
	sh tests/modules.sh $(BUILD)
	$(PYTHON) tests/schema.py $(BIN)
	sh tests/completion.sh $(BIN)
	$(PYTHON) tests/docxread.py check $(BIN) $(BUILD)/docxread $(DOCX_RECORDS)
	DECREC=$(abspath $(BIN)) ./$(RUNNER)

# The field table of docs/record-format.md is generated from src/fields.def.
docs: $(BIN)
	sh tests/gen-docs.sh $(BIN) update

check-docs: $(BIN)
	sh tests/gen-docs.sh $(BIN) check

# ---- man pages (decrec(1), decrec-<command>(1), decrec.yaml(5)) ----------------
# Written by decrec itself (its hidden `decrec --man PAGE`) from the tables
# that drive its parsing and --help (src/cli/options.def and options.c) and
# the config's keys (src/config.def). MAN_PAGES lists every generated page;
# `make install` copies them to $(DESTDIR)$(PREFIX)/share/man/man1 and man5.
# check-man fails on any warning of groff -man -ww (groff-base, which
# .ci/deps test installs).
MAN1_PAGES = decrec decrec-validate decrec-render decrec-plan decrec-notice decrec-site decrec-new decrec-fix decrec-dates decrec-fields \
             decrec-rules decrec-labels decrec-settings decrec-schema decrec-completion
MAN5_PAGES = decrec.yaml
MAN_PAGES = $(MAN1_PAGES:%=$(BUILD)/man/man1/%.1) $(MAN5_PAGES:%=$(BUILD)/man/man5/%.5)
.PHONY: man check-man
man: $(MAN_PAGES)

$(BUILD)/man/man1/%.1: $(BIN)
	@mkdir -p $(dir $@)
	$(Q)./$(BIN) --man $* > $@.tmp && mv $@.tmp $@

$(BUILD)/man/man5/%.5: $(BIN)
	@mkdir -p $(dir $@)
	$(Q)./$(BIN) --man $* > $@.tmp && mv $@.tmp $@

check-man: $(MAN_PAGES) | test-deps
	@pages=$$(echo $$(./$(BIN) --man)); test "$$pages" = "$(strip $(MAN1_PAGES) $(MAN5_PAGES))" || \
	  { echo "check-man: MAN1_PAGES and MAN5_PAGES are not the list of 'decrec --man': $$pages" >&2; exit 1; }
	@for p in $(MAN_PAGES); do \
	  out=$$(groff -man -ww -z $$p 2>&1) && [ -z "$$out" ] || { echo "$$p: groff: $$out" >&2; exit 1; }; \
	done
# ---- end of the man pages ---------------------------------------------------------

# The Word documents: make check reads them with python-docx
# (tests/docxread.py); check-docx converts them to PDF in LibreOffice
# (headless, libreoffice-writer-nogui) and reads the PDF with pdftotext
# (tests/docxpdf.py), leaving page images in $(BUILD)/docx/pages.
DOCX_RECORDS = $(sort $(wildcard records/*.yaml)) tests/render/hostile.yaml tests/render/exempt.yaml
.PHONY: check-docx
check-docx: $(BIN) | test-deps
	@$(call apt_need,soffice,libreoffice-writer-nogui,check-docx)
	@$(call apt_need,pdftoppm,poppler-utils,check-docx)
	$(PYTHON) tests/docxpdf.py $(BIN) $(BUILD)/docx $(DOCX_RECORDS)

# The HTML pages in a real browser (headless Chromium through playwright-core):
# structure, axe-core's WCAG 2.2 AA rules, no script, no request, phone width,
# A4 print. The pages: the record and details of two records and of the
# hostile one; the plan and the call-in notice of records/, and of the hostile
# and exempt records (made proposed, for the plan, by sed). Screenshots and PDFs
# go to $(BUILD)/browser/screenshots. Installs Debian's chromium, poppler-utils
# (pdftotext reads the PDF page by page), nodejs and npm when they are missing,
# and the pinned playwright-core (into $(BUILD)/browser; its version still runs
# on Debian 12's Node.js 18).
BROWSER_DIR = $(BUILD)/browser
check-browser: $(BIN)
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null 2>&1; then \
	  sudo=; \
	  if [ "$$(id -u)" != 0 ]; then \
	    if command -v sudo >/dev/null 2>&1; then sudo=sudo; else \
	      echo "check-browser: /usr/bin/chromium or pdftotext is missing; as root run: apt-get update && apt-get install -y chromium poppler-utils" >&2; exit 1; fi; \
	  fi; \
	  command -v apt-get >/dev/null 2>&1 || { echo "check-browser: /usr/bin/chromium is missing and there is no apt-get: install Chromium there, or set CHROMIUM for tests/browser/check.mjs" >&2; exit 1; }; \
	  echo "check-browser: installing chromium and poppler-utils with apt-get" >&2; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium poppler-utils >/dev/null \
	    && [ -x /usr/bin/chromium ] || { echo "check-browser: could not install chromium and poppler-utils with apt-get" >&2; exit 1; }; \
	fi
	@$(call apt_need,node,nodejs,check-browser)
	@$(call apt_need,npm,npm,check-browser)
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' \
	  || { echo "check-browser: needs Node.js 18 or later (Debian 12's nodejs); this is $$(node --version)" >&2; exit 1; }
	@mkdir -p $(BROWSER_DIR)
	@if [ ! -d $(BROWSER_DIR)/node_modules/playwright-core ] || ! cmp -s tests/browser/package.json $(BROWSER_DIR)/package.json; then \
	  cp tests/browser/package.json $(BROWSER_DIR)/package.json && \
	  npm install --no-audit --no-fund --prefix $(BROWSER_DIR) || { echo "check-browser: npm install of playwright-core failed" >&2; exit 1; }; \
	fi
	@rm -rf $(BROWSER_DIR)/pages && mkdir -p $(BROWSER_DIR)/pages
	$(Q)for r in 24-00058 24-00071; do for t in record details; do \
	  ./$(BIN) render --no-config -t html --template $$t records/$$r.yaml > $(BROWSER_DIR)/pages/$$r.$$t.html || exit 1; done; done
	$(Q)for t in record details; do \
	  ./$(BIN) render --no-config --force -t html --template $$t tests/render/hostile.yaml > $(BROWSER_DIR)/pages/hostile.$$t.html 2>$(BROWSER_DIR)/hostile.$$t.log \
	    || { cat $(BROWSER_DIR)/hostile.$$t.log >&2; exit 1; }; done
	$(Q)./$(BIN) plan --config decrec.yaml -t html --date 2024-09-02 --since 2024-08-05 records \
	  > $(BROWSER_DIR)/pages/records.plan.html
	$(Q)./$(BIN) notice --config decrec.yaml -t html --from 2024-07-19 --to 2024-08-16 records \
	  > $(BROWSER_DIR)/pages/records.notice.html
	$(Q)for f in hostile exempt; do \
	  sed -e 's/^status: .*/status: For Determination/' -e '/^  published: 2024-07-19$$/d' \
	    -e '/^  effective: 2024-07-27$$/d' -e 's/^  decision: 2024-07-19$$/  due: 2024-07-26/' \
	    -e "s|^  first_published: 2024-06-18$$|&\n  restriction: $$([ $$f = hostile ] && echo part-exempt || echo fully-exempt)\n  restriction_reason: \"<script>alert('restriction')</script> *paragraph 3*\"\n  documents: [\"<img src=x onerror=alert('doc')>\", \"</li><script>alert('li')</script>\"]|" \
	    tests/render/$$f.yaml > $(BROWSER_DIR)/$$f-proposed.yaml || exit 1; done
	$(Q)./$(BIN) plan --no-config --force -t html --date 2024-07-01 $(BROWSER_DIR)/hostile-proposed.yaml \
	  $(BROWSER_DIR)/exempt-proposed.yaml > $(BROWSER_DIR)/pages/hostile.plan.html 2>$(BROWSER_DIR)/hostile.plan.log \
	  || { cat $(BROWSER_DIR)/hostile.plan.log >&2; exit 1; }
	$(Q)./$(BIN) notice --no-config --force -t html --published 2024-07-19 tests/render/hostile.yaml \
	  tests/render/exempt.yaml > $(BROWSER_DIR)/pages/hostile.notice.html 2>$(BROWSER_DIR)/hostile.notice.log \
	  || { cat $(BROWSER_DIR)/hostile.notice.log >&2; exit 1; }
	$(Q)rm -rf $(BROWSER_DIR)/site-repo $(BROWSER_DIR)/site && mkdir -p $(BROWSER_DIR)/site-repo/records \
	  && cp records/*.yaml tests/render/exempt.yaml tests/render/hostile.yaml $(BROWSER_DIR)/site-repo/records/ \
	  && printf 'authority: Kent County Council\ncall_in:\n  closes_at: "17:00"\nsite:\n  title: Decisions\n  base_url: https://decisions.example.org\n  records_per_page: 5\n' \
	  > $(BROWSER_DIR)/site-repo/decrec.yaml
	$(Q)cd $(BROWSER_DIR)/site-repo && $(CURDIR)/$(BIN) site --force --today 2024-07-24 -o ../site >../site.log 2>&1 \
	  || { cat ../site.log >&2; exit 1; }
	node tests/browser/check.mjs $(BROWSER_DIR)/pages $(BROWSER_DIR)/screenshots $(BROWSER_DIR)/site

# make asan is make check-asan (below).
asan: check-asan

ubsan:
	$(MAKE) BUILD=build/ubsan OPT="-O1 -g -fsanitize=undefined -fno-sanitize-recover=all" check

# Fuzzing (tests/fuzz/): each libFuzzer target, and the library under it,
# built with clang, ASan and UBSan in $(BUILD)/fuzz; seeds from records/,
# tests/ and $(SHARED); then each target runs FUZZ_SECONDS, one after the
# other, its corpus kept in $(BUILD)/fuzz/corpus. Fails on the first crash,
# leak, timeout or broken oracle; the input is left in $(BUILD)/fuzz/crashes.
# Installs clang and its runtimes with apt-get when they are missing. The
# regression suite replays tests/fuzz/regressions/ through the same targets.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_TARGETS = record template render config date
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = $(filter-out -Wno-format-truncation,$(WARN)) -g -O1 -fno-omit-frame-pointer \
              $(FUZZ_SAN) $(PKG_CFLAGS)
FUZZ_LIB_OBJ = $(LIB_SRC:src/%.c=$(FUZZ_DIR)/lib/%.o) $(FUZZ_DIR)/lib/templates.o \
               $(FUZZ_DIR)/targets.o
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
TEST_SRC += tests/fuzz/targets.c
$(RUNNER): $(BUILD)/tests/fuzz/targets.o

.PHONY: fuzz fuzz-deps
fuzz-deps: test-deps
	@sh tests/fuzz/deps.sh $(FUZZ_CC)

$(FUZZ_DIR)/lib/%.o: src/%.c | fuzz-deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_DIR)/lib/templates.o: $(BUILD)/templates.c | fuzz-deps
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/targets.o: tests/fuzz/targets.c | fuzz-deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(CHECK_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BINS): $(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJ) | fuzz-deps
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(LDLIBS) \
	  $(shell pkg-config --libs libxml-2.0)

fuzz: $(FUZZ_BINS)
	@rm -rf $(FUZZ_DIR)/seeds && sh tests/fuzz/seeds.sh $(FUZZ_DIR)/seeds
	@for t in $(FUZZ_TARGETS); do \
	  case $$t in date) len=64;; config|template) len=16384;; *) len=65536;; esac; \
	  dict=; [ -f $(FUZZ_DIR)/seeds/$$t.dict ] && dict=-dict=$(FUZZ_DIR)/seeds/$$t.dict; \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/crashes/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/$$t.log)"; \
	  $(FUZZ_DIR)/fuzz_$$t $$dict -max_total_time=$(FUZZ_SECONDS) -max_len=$$len -timeout=25 \
	    -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crashes/$$t/ \
	    $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/seeds/$$t >$(FUZZ_DIR)/$$t.log 2>&1 \
	  || { tail -n 60 $(FUZZ_DIR)/$$t.log >&2; \
	       echo "fuzz: $$t failed; the input is in $(FUZZ_DIR)/crashes/$$t/" >&2; exit 1; }; \
	  grep -E '^#[0-9]+.*cov: ' $(FUZZ_DIR)/$$t.log | tail -n 1; \
	done

-include $(FUZZ_LIB_OBJ:.o=.d)

# Dynamic analysis and coverage, each over the whole suite (make check).
# Each installs its tool with apt-get when it is missing, as .ci/deps does.
.PHONY: check-asan check-valgrind coverage

# $(call apt_need,COMMAND,PACKAGE,TARGET): installs PACKAGE when COMMAND is
# missing (apt-get, as root or through sudo), or says what to install.
apt_need = command -v $(1) >/dev/null 2>&1 || { \
  sudo=; if [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo=sudo; fi; \
  if command -v apt-get >/dev/null 2>&1; then \
    echo "$(3): installing $(2) with apt-get" >&2; \
    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(2) >/dev/null; \
  fi; \
  command -v $(1) >/dev/null 2>&1 || { echo "$(3): needs $(1): install the $(2) package" >&2; exit 1; }; }

# $(call no_reports,DIR,TARGET): shows the reports in DIR (files that are not
# empty) and fails when there is one, whatever the tests made of it.
no_reports = n=$$(find $(1) -type f -size +0c | wc -l); \
  if [ "$$n" != 0 ]; then \
    for f in $$(find $(1) -type f -size +0c | sort | head -n 5); do echo "==> $$f" >&2; cat "$$f" >&2; done; \
    echo "$(2): $$n reports in $(1) (the first ones above)" >&2; exit 1; \
  fi

# check-asan: the suite built with ASan and UBSan in $(BUILD)/asan, and run
# with LeakSanitizer on in the runner, its forked tests and every decrec they
# spawn. A report aborts its process, which fails the test that reads its
# status; each report is also written to $(BUILD)/asan/reports, and any report
# there fails the run, even from a process whose status no test reads.
# ASan makes the tests two to three times slower: Check's time limits are
# stretched by ASAN_SLOWDOWN, so that a busy machine does not fail them.
ASAN_SLOWDOWN ?= 4
ASAN_OPT = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_REPORTS = $(abspath $(BUILD))/asan/reports
check-asan:
	@rm -rf $(ASAN_REPORTS) && mkdir -p $(ASAN_REPORTS) && chmod 1777 $(ASAN_REPORTS)
	@st=0; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$(ASAN_REPORTS)/asan \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1:log_path=$(ASAN_REPORTS)/ubsan \
	CK_TIMEOUT_MULTIPLIER=$(ASAN_SLOWDOWN) \
	  $(MAKE) BUILD=$(BUILD)/asan OPT="$(ASAN_OPT)" check || st=$$?; \
	$(call no_reports,$(ASAN_REPORTS),check-asan); \
	exit $$st

# check-valgrind: the suite under valgrind memcheck: no error, no definite or
# indirect leak. The runner runs under valgrind, which follows its forked
# tests; the tests spawn decrec through a shell, so DECREC points to a script
# that runs it under valgrind too, and sh, timeout, git, python3 and the
# rest run natively (valgrind's --trace-children-skip would skip the decrec
# below a skipped sh along with it). Check's time limits are multiplied by
# VALGRIND_SLOWDOWN. Reports go to $(BUILD)/valgrind/logs, one per process.
# valgrind itself cannot start without a TMPDIR or under `ulimit -f 0`, so
# the few tests that run decrec so get the plain binary (DECREC_NATIVE);
# the library tests cover the same paths under valgrind.
VALGRIND_DIR = $(BUILD)/valgrind
VALGRIND_LOGS = $(abspath $(VALGRIND_DIR))/logs
VALGRIND_SLOWDOWN ?= 10
VALGRIND_FLAGS ?=
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
           --errors-for-leak-kinds=definite,indirect --num-callers=40 \
           --log-file=$(VALGRIND_LOGS)/%p.log $(VALGRIND_FLAGS)
check-valgrind: $(BIN) $(RUNNER)
	@$(call apt_need,valgrind,valgrind,check-valgrind)
	@rm -rf $(VALGRIND_LOGS) && mkdir -p $(VALGRIND_LOGS) && chmod 1777 $(VALGRIND_LOGS)
	@printf '#!/bin/sh\n# decrec under valgrind, for make check-valgrind.\nexec %s %s "$$@"\n' \
	  '$(VALGRIND)' '$(abspath $(BIN))' > $(VALGRIND_DIR)/decrec && chmod +x $(VALGRIND_DIR)/decrec
	@st=0; \
	sh tests/gen-docs.sh $(VALGRIND_DIR)/decrec check || st=$$?; \
	echo "DECREC=$(abspath $(VALGRIND_DIR))/decrec $(VALGRIND) ./$(RUNNER)"; \
	DECREC=$(abspath $(VALGRIND_DIR))/decrec DECREC_NATIVE=$(abspath $(BIN)) DECREC_UNDER_VALGRIND=1 \
	  CK_FORK=yes CK_TIMEOUT_MULTIPLIER=$(VALGRIND_SLOWDOWN) \
	  $(VALGRIND) ./$(RUNNER) || st=$$?; \
	$(call no_reports,$(VALGRIND_LOGS),check-valgrind); \
	exit $$st

# coverage: the suite built with gcov instrumentation in $(BUILD)/coverage,
# then gcovr's line and branch coverage of src/ (library and CLI; not the
# tests, nor the generated templates.c): the summary, a table per file, and
# an HTML report in $(BUILD)/coverage/html. Fails under COVERAGE_LINES percent
# of lines or COVERAGE_BRANCHES percent of branches. Atomic counters, since
# decrec checks files on several threads. A decrec that a test runs under a
# file-size limit (ulimit -f) can write only the start of its counts, which
# would spoil the sums of every other run: DECREC points to a script that
# sends its counts to $(BUILD)/coverage/limited, which gcovr does not read.
COV_DIR = $(BUILD)/coverage
COV_OPT = -O0 -g --coverage -fprofile-update=atomic
COVERAGE_LINES ?= 90
COVERAGE_BRANCHES ?= 80
GCOVR_JSON = $(COV_DIR)/coverage.json
coverage:
	@$(call apt_need,gcovr,gcovr,coverage)
	$(MAKE) BUILD=$(COV_DIR) OPT="$(COV_OPT)" $(COV_DIR)/decrec $(COV_DIR)/check-decrec
	@find $(COV_DIR) -name '*.gcda' -delete && rm -rf $(COV_DIR)/limited $(COV_DIR)/html
	@printf '#!/bin/sh\n# decrec for make coverage: counts made under a file-size limit go aside.\n%s\nexec %s "$$@"\n' \
	  '[ "$$(ulimit -f)" = unlimited ] || { GCOV_PREFIX=$(abspath $(COV_DIR))/limited; export GCOV_PREFIX; }' \
	  '$(abspath $(COV_DIR))/decrec' > $(COV_DIR)/decrec-cov && chmod +x $(COV_DIR)/decrec-cov
	sh tests/gen-docs.sh $(COV_DIR)/decrec check
	DECREC=$(abspath $(COV_DIR))/decrec-cov ./$(COV_DIR)/check-decrec
	$(Q)gcovr --root . --filter 'src/' --exclude '$(COV_DIR)/' --object-directory $(COV_DIR) \
	  --json $(GCOVR_JSON)
	$(Q)gcovr --add-tracefile $(GCOVR_JSON) --root . --sort-percentage
	$(Q)gcovr --add-tracefile $(GCOVR_JSON) --root . --sort-percentage --branches
	@mkdir -p $(COV_DIR)/html
	$(Q)gcovr --add-tracefile $(GCOVR_JSON) --root . --html-details $(COV_DIR)/html/index.html \
	  --print-summary --fail-under-line $(COVERAGE_LINES) --fail-under-branch $(COVERAGE_BRANCHES) \
	  || { echo "coverage: under $(COVERAGE_LINES)% of lines or $(COVERAGE_BRANCHES)% of branches" >&2; exit 1; }
	@echo "coverage: $(COV_DIR)/html/index.html"

FORMAT_FILES = $(wildcard src/*.c src/*.h src/cli/*.c src/cli/*.h include/*.h tests/*.c examples/*.c)
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run -Werror $(FORMAT_FILES)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
