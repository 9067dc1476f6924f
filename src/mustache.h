/* The Mustache template engine (spec v1.4: interpolation, sections, inverted
 * sections, comments, partials, set delimiters, and ~inheritance's parents
 * and blocks). Templates compile once to a flat node array that renders
 * without re-parsing; a compiled template is read-only and may be shared. */
#ifndef DR_MUSTACHE_H
#define DR_MUSTACHE_H

#include "buf.h"
#include "value.h"

#include <stddef.h>

/* Hard limits (docs/limits.md). A template larger than DR_MAX_TEMPLATE bytes,
 * sections (with inverted sections, parents and blocks) nested more than
 * DR_MAX_NESTING deep in one template, and partials (with parents) included
 * more than DR_MAX_PARTIAL_DEPTH deep in one render are errors: they keep a
 * hostile or runaway template (a partial that includes itself) from
 * exhausting the stack or memory. */
#define DR_MAX_TEMPLATE (1u << 20)
#define DR_MAX_NESTING 64
#define DR_MAX_PARTIAL_DEPTH 32
/* Tags rendered in one render: far past any document, well short of a
 * runaway (about a second of work). */
#define DR_MAX_RENDER_STEPS 20000000ul

typedef struct dr_template dr_template;

/* Escapes s[0..n) into out (HTML or Markdown escaping, chosen per output).
 * Returns 0, or -1 when out is full. */
typedef int (*dr_escape_fn)(dr_buf *out, const char *s, size_t n);

/* Finds partial `name`: sets *src and *len to its text (owned by the callee, valid
 * for the whole render) and returns 0, or returns -1 when there is no such
 * partial (which renders as empty, per the spec). */
typedef int (*dr_partial_fn)(void *ctx, const char *name, const char **src, size_t *len);

/* Compiles src[0..len) (copied: src need not outlive the template). `name`
 * (copied) names the template in messages. Returns 0 with *out set (free it
 * with dr_template_free), DR_ENOMEM, or DR_EINVAL with *err a one-line
 * message "NAME:LINE:COL: what is wrong" (caller frees; err may be NULL).
 * Lines and columns are 1-based, columns in characters. */
int dr_template_compile(dr_template **out, const char *name, const char *src, size_t len,
                        char **err);
/* Frees a template; NULL is a no-op. */
void dr_template_free(dr_template *t);
/* The name the template was compiled with. */
const char *dr_template_name(const dr_template *t);

/* Renders `t` with `data` (NULL: null) as the root context, appending to out.
 * `partials` (NULL: there are none) is asked for each partial or parent name
 * the first time the render meets it; the compiled partial is kept until the
 * render ends. Standalone partials are indented as the spec requires.
 * `escape` (NULL: none) escapes {{name}}; {{{name}}} and {{&name}} are raw.
 * Numbers print as written, true and false as "true" and "false", null,
 * lists and maps as nothing. Returns 0, DR_ENOMEM, or DR_EINVAL with *err set
 * as for dr_template_compile (caller frees) when a partial does not compile,
 * partials nest deeper than DR_MAX_PARTIAL_DEPTH, or the output grows past
 * out->max; out then holds a cut-off output. Thread-safe for distinct `out`. */
int dr_template_render(const dr_template *t, const dr_value *data, dr_partial_fn partials,
                       void *pctx, dr_escape_fn escape, dr_buf *out, char **err);

#endif
