/* Escaping of plain values for every output decrec writes. Into buffers,
 * safe bytes are copied in runs, so escaping costs one append per special
 * character, not per byte. */
#include "escape.h"

#include "utf8.h"

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

int dr_escape_wml(dr_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0, i = 0;
	while (i < n) {
		const char *rep;
		size_t len = 1;
		unsigned c = p[i];
		if (c == '&')
			rep = "&amp;";
		else if (c == '<')
			rep = "&lt;";
		else if (c == '>')
			rep = "&gt;";
		else if (c == '"')
			rep = "&quot;";
		else if (c == '\'')
			rep = "&apos;";
		else if (c == '\t' || c == '\n' || c == '\r')
			rep = " "; /* a w:t is one line: Word shows a break as a space */
		else if (c < 0x20)
			rep = "\xEF\xBF\xBD";
		else if (c < 0x80) {
			i++;
			continue;
		} else {
			len = dr_utf8_len(p + i, n - i);
			if (len &&
			    !(len == 3 && c == 0xEF && p[i + 1] == 0xBF && p[i + 2] >= 0xBE)) {
				i += len;
				continue;
			}
			rep = "\xEF\xBF\xBD"; /* not XML 1.0 text, which Word refuses */
			len = len ? len : 1;
		}
		if (dr_buf_add(out, s + run, i - run) || dr_buf_puts(out, rep))
			return -1;
		i += len;
		run = i;
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

void dr_escape_json(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc((int)c, out);
			p++;
		} else if (c < 0x20 || c == 0x7F) {
			fprintf(out, "\\u%04x", c);
			p++;
		} else if (c < 0x80) {
			fputc((int)c, out);
			p++;
		} else {
			/* Copy a valid UTF-8 sequence whole; replace anything else. The
			 * NUL ending s is no continuation byte: no overrun. */
			size_t n = dr_utf8_len(p, 4);
			if (n) {
				fwrite(p, 1, n, out);
				p += n;
			} else {
				fputs("\\ufffd", out);
				p++;
			}
		}
	}
}

void dr_escape_xml(FILE *out, const char *s, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs(attr ? "&quot;" : "\"", out);
			break;
		case '\'':
			fputs(attr ? "&apos;" : "'", out);
			break;
		case '\r':
			fputs("&#13;", out);
			break;
		case '\t':
		case '\n':
			if (attr)
				fprintf(out, "&#%u;", c);
			else
				fputc((int)c, out);
			break;
		default:
			if (c < 0x20) {
				fputs("\xEF\xBF\xBD", out);
			} else if (c < 0x80) {
				fputc((int)c, out);
			} else {
				/* The NUL ending s is no continuation byte: no overrun. */
				size_t n = dr_utf8_len(p, 4);
				if (!n ||
				    (n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE)) {
					fputs("\xEF\xBF\xBD", out);
					n = n ? n : 1;
				} else {
					fwrite(p, 1, n, out);
				}
				p += n;
				continue;
			}
		}
		p++;
	}
}

void dr_escape_github(FILE *out, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static int uri_unreserved(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

void dr_escape_uri_path(FILE *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned c = *p;
		if (uri_unreserved(c))
			fputc((int)c, out);
		else
			fprintf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

int dr_escape_uri_path_buf(dr_buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = path;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (uri_unreserved(*p))
			continue;
		char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
		if (dr_buf_add(out, run, (size_t)((const char *)p - run)) ||
		    dr_buf_add(out, enc, 3))
			return -1;
		run = (const char *)p + 1;
	}
	return dr_buf_add(out, run, strlen(run));
}
