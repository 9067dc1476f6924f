/* Escaping of plain values for the two output formats: HTML character
 * references, and Markdown backslash escapes that keep a title or a name
 * literal text wherever a template puts it. Both fit dr_escape_fn. */
#ifndef DR_ESCAPE_H
#define DR_ESCAPE_H

#include "buf.h"

#include <stddef.h>

/* Appends s[0..n) to out with & < > " ' as &amp; &lt; &gt; &quot; &#39;.
 * Returns 0, or -1 when out is full. */
int dr_escape_html(dr_buf *out, const char *s, size_t n);

/* Appends s[0..n) to out as CommonMark text that renders as exactly s:
 * \ ` * _ [ ] < > & | ~ are backslash-escaped everywhere, ! before [, and
 * what would start a block at the start of the value (# + - = > and a
 * number followed by . or ) and a space); a run of # at the end after a
 * space (it would close an ATX heading). Each line break (\n, \r\n, \r)
 * becomes one space, and whitespace at the start or the end becomes a
 * character reference (&#32; &#9;), which Markdown would otherwise drop or
 * read as a code block. Returns 0, or -1 when out is full. */
int dr_escape_markdown(dr_buf *out, const char *s, size_t n);

#endif
