/* A Word document (.docx): the WordprocessingML package around a rendered
 * body, with decrec's styles, numbering, header and footer, or those of a
 * council's reference document. The archive itself is zipfile.c's. */
#ifndef DR_DOCX_H
#define DR_DOCX_H

#include "buf.h"
#include "wml.h"

#include <stddef.h>

/* What a council's reference document lends: its styles (with decrec's
 * added where it lacks one the body uses), fonts and theme, header and
 * footer (with the images they show). */
typedef struct dr_docx_ref dr_docx_ref;

/* Reads the reference document at path into *out. Returns 0, DR_EIO with
 * *err (caller frees) when it cannot be read or is not a Word document,
 * or DR_ENOMEM. */
int dr_docx_ref_load(dr_docx_ref **out, const char *path, char **err);
void dr_docx_ref_free(dr_docx_ref *ref);

typedef struct dr_docx_doc {
	const char *body; /* w:body content: paragraphs and tables */
	const char *header, *footer; /* w:hdr and w:ftr content */
	const dr_wml *wml; /* the body's links and lists */
	/* docProps/core.xml; NULL leaves one out. Dates are YYYY-MM-DD. */
	const char *title, *creator, *identifier, *created, *modified;
	const char *lang; /* e.g. en-GB */
} dr_docx_doc;

/* Writes the package of doc into out (reset first), with ref's styles,
 * fonts, header and footer when ref is not NULL. The same doc gives the
 * same bytes. Returns 0, or -1 (out of memory, or out's cap). */
int dr_docx_write(dr_buf *out, const dr_docx_doc *doc, const dr_docx_ref *ref);

#endif
