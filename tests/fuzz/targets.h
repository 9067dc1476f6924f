/* The bodies of the fuzz targets, shared by the libFuzzer entry points
 * (tests/fuzz/fuzz_*.c, one line each) and the regression suite
 * (tests/check_fuzz_regressions.c), so that a saved input replays through
 * exactly the code path that found it. */
#ifndef DR_FUZZ_TARGETS_H
#define DR_FUZZ_TARGETS_H

#include "buf.h"
#include "load.h"
#include "value.h"

#include <stddef.h>
#include <stdint.h>

/* Each runs one input and returns NULL when every oracle holds, else a
 * one-line description of the broken one (static; do not free). A crash,
 * leak or undefined behaviour is left to the sanitizers. The state the
 * targets set up once (the default config, the renderers) lives for the
 * process. */

/* dr_file_check of the input as a file of records (default config, a fixed
 * today), dr_check_references, and every report format. */
const char *fuzz_record(const uint8_t *data, size_t size);
/* Template text, a NUL byte, then a YAML or JSON data document: compiled and
 * rendered with the HTML and the Markdown escaper, partials "a", "b" and
 * "self" (the template itself), output capped at 1 MB. */
const char *fuzz_template(const uint8_t *data, size_t size);
/* The records rendered to HTML and Markdown with the built-in `record` and
 * `details` templates, and as the forward plan and the call-in notice
 * (dr_listing_*); the HTML must hold no script, no event handler attribute
 * and no script URL, a listing is one document and its items left out each
 * have a one-line reason. */
const char *fuzz_render(const uint8_t *data, size_t size);
/* dr_config_load of the input as decrec.yaml; text after a NUL byte is the
 * file `holidays.json` beside it. A config that loads then checks a fixed
 * record and computes call-in dates. */
const char *fuzz_config(const uint8_t *data, size_t size);
/* dr_date_parse of the input, round trips through the ISO and short forms,
 * and the call-in arithmetic of the default config. */
const char *fuzz_date(const uint8_t *data, size_t size);

/* For the LLVMFuzzerTestOneInput wrappers: prints the violation, if any, and
 * aborts so that libFuzzer saves the input. Returns 0. */
int fuzz_verdict(const char *target, const char *violation);

/* The HTML oracle of fuzz_render on html[0..len): NULL, or what is wrong. */
const char *fuzz_html_unsafe(const char *html, size_t len);

/* The Word document oracle of fuzz_render on doc[0..len): a zip that libzip
 * opens, each XML part there and well-formed to libxml2. NULL, or what is
 * wrong. */
const char *fuzz_docx_bad(const char *doc, size_t len);

/* The Mustache spec's data model over the project's loader (in arena a):
 * unquoted true/false are booleans, null is null, other unquoted scalars
 * numbers, quoted ones strings; a collection used as a key is skipped.
 * Shared with check_mustache.c. */
dr_value *fuzz_to_value(dr_arena *a, const dr_node *n);

/* Appends s[0..n) as cmark writes text: each line break one space, & < > "
 * as references (cmark leaves ' alone). Shared with check_mustache.c. */
void fuzz_cmark_text(dr_buf *b, const char *s, size_t n);

#endif
