# decrec: make run (install what is missing, build, validate and render
# records/) and make check (the whole test suite). See README.md.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
PKGS     = yaml-0.1 libcmark
# Recursively expanded, so pkg-config runs after `deps` has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS   = $(shell pkg-config --libs check)
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Werror \
           -Wno-format-truncation
CPPFLAGS += -Iinclude -Isrc -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L
ALL_CFLAGS = $(WARN) $(OPT) $(CFLAGS) $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread

LIB_SRC = $(wildcard src/*.c)
CLI_SRC = $(wildcard src/cli/*.c)
TEST_SRC = $(wildcard tests/check_*.c) tests/runner.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/templates.o
TEMPLATES = $(wildcard templates/*.md templates/*.html)
CLI_OBJ = $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o)
TEST_OBJ = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)

BIN = $(BUILD)/decrec
LIBA = $(BUILD)/libdecrec.a
RUNNER = $(BUILD)/check-decrec

# Where the shared conformance data lives (never copied into the project).
SHARED ?= $(abspath ../shared)
export SHARED

.PHONY: all deps run check clean format format-check asan ubsan docs check-docs

all: $(BIN)

# Installs the build and test dependencies when pkg-config cannot find them.
deps:
	@sh .ci/deps

# V=1 shows the commands.
Q = $(if $(V),,@)

$(BUILD)/lib/%.o: src/%.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

# The built-in templates, compiled into the library.
$(BUILD)/templates.c: $(TEMPLATES) src/templates.awk
	@mkdir -p $(dir $@)
	$(Q)awk -f src/templates.awk $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/lib/templates.o: $(BUILD)/templates.c | deps
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIBA)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(LDLIBS)

$(RUNNER): $(TEST_OBJ) $(LIBA)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJ) $(LIBA) $(CHECK_LIBS) $(LDLIBS)

# Validates the project's own records, then renders each to its Record of
# Decision and Decision details pages, in HTML and Markdown, under build/site.
run: $(BIN)
	./$(BIN) validate records
	@for t in record details; do for f in html md; do \
		mkdir -p $(BUILD)/site/$$t && \
		./$(BIN) render -t $$f --template $$t --out-dir $(BUILD)/site/$$t records || exit; \
	done; done
	@echo "rendered: $(BUILD)/site/record/ and $(BUILD)/site/details/ (open 24-00058.html)"

check: $(BIN) $(RUNNER) check-docs
	DECREC=$(abspath $(BIN)) ./$(RUNNER)

# The field table of docs/record-format.md is generated from src/fields.def.
docs: $(BIN)
	sh tests/gen-docs.sh $(BIN) update

check-docs: $(BIN)
	sh tests/gen-docs.sh $(BIN) check

asan:
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check

ubsan:
	$(MAKE) BUILD=build/ubsan OPT="-O1 -g -fsanitize=undefined -fno-sanitize-recover=all" check

FORMAT_FILES = $(wildcard src/*.c src/*.h src/cli/*.c src/cli/*.h include/*.h tests/*.c)
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run -Werror $(FORMAT_FILES)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
