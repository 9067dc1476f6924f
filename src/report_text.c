/* Text report, gcc style: "file:line:col: severity: message [rule]", the
 * source line, a caret under the span; the summary goes to stderr. */
#include "emit.h"

#include "utf8.h"

#include <string.h>

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define GREEN "\033[1;32m"
#define RESET "\033[0m"

/* Bytes of the UTF-8 character starting with byte c. */
static size_t char_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void quote(const dr_emit *e, const dr_file *f, const dr_diag *d)
{
	size_t len;
	const char *line = dr_file_line(f, d->line, &len);
	FILE *out = e->out;
	int color = e->o && e->o->color;
	if (!line)
		return;
	/* The line as text a terminal shows safely: bad bytes and control
	 * characters (the file may be why we are here) become U+FFFD. */
	fprintf(out, "%5u | ", d->line);
	for (size_t k = 0; k < len;) {
		size_t n = dr_utf8_len((const unsigned char *)line + k, len - k);
		if (!n || ((unsigned char)line[k] < 0x20 && line[k] != '\t') || line[k] == 0x7F) {
			fputs("\xEF\xBF\xBD", out);
			k += n ? n : 1;
			continue;
		}
		fwrite(line + k, 1, n, out);
		k += n;
	}
	fputc('\n', out);
	fputs("      | ", out);
	/* Columns count characters: pad with one space per character (tabs kept). */
	size_t i = 0;
	uint32_t col = 1;
	while (col < d->column && i < len) {
		fputc(line[i] == '\t' ? '\t' : ' ', out);
		i += char_len((unsigned char)line[i]);
		col++;
	}
	size_t width = 1;
	if (d->end_line == d->line && d->end_column > d->column) {
		width = d->end_column - d->column;
	} else if (d->end_line > d->line) {
		width = 0; /* to the end of the line */
		for (size_t j = i; j < len; j += char_len((unsigned char)line[j]))
			width++;
		if (!width)
			width = 1;
	}
	if (color)
		fputs(GREEN, out);
	fputc('^', out);
	for (size_t k = 1; k < width; k++)
		fputc('~', out);
	if (color)
		fputs(RESET, out);
	fputc('\n', out);
}

static void finding(const dr_emit *e, const dr_file *f, const dr_diag *d)
{
	const char *sev = dr_severity_name(d->severity);
	if (e->o && e->o->color)
		fprintf(e->out, BOLD "%s:%u:%u:" RESET " %s%s:" RESET " %s [%s]\n", dr_file_name(f),
		        d->line, d->column, d->severity == DR_ERROR ? RED : MAGENTA, sev,
		        d->message, dr_rule_name(d->rule));
	else
		fprintf(e->out, "%s:%u:%u: %s: %s [%s]\n", dr_file_name(f), d->line, d->column, sev,
		        d->message, dr_rule_name(d->rule));
	quote(e, f, d);
}

static void end(const dr_emit *e)
{
	/* The run's own failure, in the same form, for a report written to a
	 * file (on a terminal, decrec says it on stderr instead). */
	const dr_run_problem *p = e->o ? e->o->problem : NULL;
	if (p && p->file && p->line)
		fprintf(e->out, "%s:%u:%u: error: %s [%s]\n", p->file, p->line,
		        p->column ? p->column : 1, p->message, p->id);
	else if (p)
		fprintf(e->out, "%s: error: %s [%s]\n", p->file ? p->file : "decrec", p->message,
		        p->id);
	dr_emit_summary(e);
}

const dr_emitter dr_emitter_text = {.finding = finding, .end = end};
