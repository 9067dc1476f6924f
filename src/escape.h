/* Every escaper of decrec, below the modules that use them: for rendering,
 * HTML character references and Markdown backslash escapes that keep a
 * title or a name literal text wherever a template puts it (both into a
 * buffer, and both fit dr_escape_fn, as does WordprocessingML text); for the reports, JSON strings,
 * XML text and attributes, GitHub workflow commands and URI paths (each onto a stream, from a
 * NUL-terminated string). */
#ifndef DR_ESCAPE_H
#define DR_ESCAPE_H

#include "buf.h"

#include <stddef.h>
#include <stdio.h>

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

/* Appends s[0..n) to out as the text of a WordprocessingML run (w:t): the
 * five XML specials as entities; tab and line breaks as a space; what XML
 * 1.0 cannot hold (other control characters, U+FFFE, U+FFFF, invalid
 * UTF-8) as U+FFFD, so that no value makes a document Word refuses.
 * Returns 0, or -1 when out is full. */
int dr_escape_wml(dr_buf *out, const char *s, size_t n);

/* Writes s as the inside of a JSON string: quotes, backslashes and control
 * characters (DEL too) escaped, invalid UTF-8 replaced by \ufffd. */
void dr_escape_json(FILE *out, const char *s);

/* Writes s as XML 1.0 character data, or with `attr` as an attribute value
 * in double quotes. & < > always become entities (so "]]>" never appears
 * raw), and quotes do in attributes. What XML 1.0 cannot hold (control
 * characters but tab, line feed and carriage return; U+FFFE, U+FFFF;
 * invalid UTF-8) becomes U+FFFD. Carriage returns, and in attributes tabs
 * and line feeds too, become character references, which parsers do not
 * normalise away. */
void dr_escape_xml(FILE *out, const char *s, int attr);

/* Writes s as a GitHub workflow command's message, or with `property` as a
 * property's value, escaped as the runner unescapes (actions/toolkit's
 * command.ts): % CR LF always, and : , in a property, where they would end
 * it. */
void dr_escape_github(FILE *out, const char *s, int property);

/* Writes `path` as a URI reference: letters, digits, - . _ ~ and / as they
 * are, every other byte percent-encoded (space, %, #, ?, and : which in a
 * first segment would read as a scheme; and each byte of a non-ASCII
 * character, so that the URI names the file's exact bytes). */
void dr_escape_uri_path(FILE *out, const char *path);

/* The same, appended to `out`: 0, or -1 when it would pass its cap. */
int dr_escape_uri_path_buf(dr_buf *out, const char *path);

#endif
