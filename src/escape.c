/* HTML and Markdown escaping of plain values. Safe bytes are copied in runs,
 * so escaping costs one buffer append per special character, not per byte. */
#include "escape.h"

#include <string.h>

int dr_escape_html(dr_buf *out, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		if (dr_buf_add(out, s + run, i - run) || dr_buf_puts(out, rep))
			return -1;
		run = i + 1;
	}
	return dr_buf_add(out, s + run, n - run);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static int is_break(char c)
{
	return c == '\n' || c == '\r';
}

/* Markdown, reasoned from the CommonMark spec (and GFM's | and ~):
 * - inline syntax can start anywhere, so its characters are always escaped:
 *   \ (escapes), ` (code), * _ (emphasis), [ ] (links), < (autolinks and
 *   raw HTML), & (entities), | (table cells), ~ (strikethrough, fences),
 *   > (block quotes), and ! before [ (images);
 * - block syntax only counts at a line start, and a value is often placed at
 *   one: # (headings), + - (lists, rules, setext underlines), = (setext),
 *   "1." and "1)" followed by a space (ordered lists);
 * - whitespace at the start would be stripped or start a code block, and at
 *   the end stripped: a character reference keeps it;
 * - a value is one line: line breaks become spaces, so nothing in it can
 *   start a line of its own;
 * - U+FEFF at the start would be taken for a byte order mark, and dropped,
 *   when the value starts the document: a character reference keeps it. */
int dr_escape_markdown(dr_buf *out, const char *s, size_t n)
{
	if (!n)
		return 0;
	/* The last character (a \r\n is one) and a closing run of #s. */
	size_t last = n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n' ? n - 2 : n - 1;
	size_t hashes = n;
	while (hashes > 0 && s[hashes - 1] == '#')
		hashes--;
	if (hashes == n || (hashes > 0 && !is_blank(s[hashes - 1]) && !is_break(s[hashes - 1])))
		hashes = n; /* none */
	/* "12." or "3)" and a space or the end at the start: an ordered list. */
	size_t digits = 0, delim = n;
	while (digits < n && s[digits] >= '0' && s[digits] <= '9')
		digits++;
	if (digits > 0 && digits < n && (s[digits] == '.' || s[digits] == ')') &&
	    (digits + 1 == n || is_blank(s[digits + 1]) || is_break(s[digits + 1])))
		delim = digits;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i], esc[3] = {'\\', c, '\0'};
		const char *rep;
		size_t skip = 1;
		if (i == 0 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			rep = "&#xFEFF;"; /* at a document's start cmark drops it as a BOM */
			skip = 3;
		} else if (is_break(c)) {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				skip = 2;
			rep = i == 0 || i == last ? "&#32;" : " ";
		} else if (is_blank(c) && (i == 0 || i == last)) {
			rep = c == ' '    ? "&#32;"
			      : c == '\t' ? "&#9;"
			      : c == '\v' ? "&#11;"
			                  : "&#12;";
		} else if ((c && strchr("\\`*_[]<>&|~", c)) ||
		           (c == '!' && i + 1 < n && s[i + 1] == '[') ||
		           (i == 0 && (c == '#' || c == '+' || c == '-' || c == '=')) ||
		           i == delim || i == hashes) {
			rep = esc;
		} else {
			continue;
		}
		if (dr_buf_add(out, s + run, i - run) || dr_buf_puts(out, rep))
			return -1;
		run = i + skip;
		i += skip - 1;
	}
	return dr_buf_add(out, s + run, n - run);
}
