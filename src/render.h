/* The renderer's internal side: rendering a view that is not one record's,
 * such as the document of many records that listing.c builds. The
 * renderer's public functions are in decrec.h. */
#ifndef DR_RENDER_H
#define DR_RENDER_H

#include "buf.h"
#include "decrec.h"
#include "value.h"

/* Renders `view` with r's template into `out` (reset first) and hands the
 * document to emit(ctx, name, ...). Returns 0, DR_EINVAL with *err (caller
 * frees) for a template error, DR_ENOMEM, or emit's non-zero return. */
int dr_renderer_render(dr_renderer *r, const dr_value *view, const char *name, dr_buf *out,
                       dr_emit_fn emit, void *ctx, char **err);

#endif
