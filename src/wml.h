/* WordprocessingML, the XML of a Word document's body, from the Markdown of
 * a record's text fields: paragraphs, headings, bold and italic runs, real
 * Word numbering for lists, hyperlinks. What the paragraphs refer to outside
 * themselves (link targets, numbering instances) is kept in a dr_wml, one
 * per document, for docx.c to write into the package. */
#ifndef DR_WML_H
#define DR_WML_H

#include "arena.h"

#include <stddef.h>

/* The numbering instance (w:numId) of every bulleted list; numbered lists
 * get one each from DR_WML_FIRST_NUM on, so that each starts again. */
#define DR_WML_BULLETS 1
#define DR_WML_FIRST_NUM 2

typedef struct dr_wml {
	dr_arena *a;
	const char **links; /* hyperlink i's target, related as rIdL<i+1> */
	size_t nlinks, link_cap;
	int *starts; /* numbered list i (w:numId DR_WML_FIRST_NUM + i): first number */
	size_t nlists, list_cap;
} dr_wml;

/* An empty set of references, kept in arena a. */
void dr_wml_init(dr_wml *w, dr_arena *a);

/* The CommonMark text s[0..n) as WordprocessingML block content (w:p
 * elements), in w's arena, its links and lists added to w. Raw HTML is
 * dropped, and a link whose target is not a web address, a relative path
 * or mailto: is kept as text, as in the HTML (cmark's safe mode). NULL on
 * OOM. */
char *dr_wml_from_md(dr_wml *w, const char *s, size_t n);

#endif
