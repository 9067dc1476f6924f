/* GitHub Actions report: one workflow command per finding, which the runner
 * turns into an annotation on the file and line,
 *   ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE
 * (::warning for warnings), then the summary line on stderr, as for text. */
#include "report.h"

#include <string.h>

/* Escapes as the runner unescapes (actions/toolkit's command.ts): '%', CR
 * and LF in the message; ':' and ',' as well in a property's value, where
 * they would end it. */
static void escape(FILE *out, const char *s, int property)
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

/* One command. Columns go only with a span on one line, as GitHub's
 * annotations require; endColumn is one past the last character, as in
 * every decrec report. Standard input has no file to annotate: the command
 * then carries no position and the message starts with "-:line:col: ". */
static void command(FILE *out, const char *file, const dr_diag *d)
{
	int stdin_ = !strcmp(file, "-");
	fprintf(out, "::%s ", d->severity == DR_ERROR ? "error" : "warning");
	if (!stdin_) {
		fputs("file=", out);
		escape(out, file, 1);
		fprintf(out, ",line=%u", d->line);
		if (d->end_line == d->line && d->end_column > d->column)
			fprintf(out, ",col=%u,endLine=%u,endColumn=%u", d->column, d->end_line,
			        d->end_column);
		else if (d->end_line > d->line)
			fprintf(out, ",endLine=%u", d->end_line);
		else
			fprintf(out, ",col=%u", d->column);
		fputc(',', out);
	}
	fputs("title=", out);
	escape(out, dr_rule_name(d->rule), 1);
	fputs("::", out);
	if (stdin_)
		fprintf(out, "-:%u:%u: ", d->line, d->column);
	escape(out, d->message, 0);
	fputc('\n', out);
}

void dr_emit_github(const dr_emit *e)
{
	for (size_t i = 0; i < e->n; i++) {
		const dr_file *f = dr_emit_file(e, i);
		if (!f)
			continue;
		size_t k;
		const dr_diag *d = dr_file_diags(f, &k);
		for (size_t j = 0; j < k; j++)
			if (dr_emit_shown(e, &d[j]))
				command(e->out, dr_file_name(f), &d[j]);
	}
	dr_emit_summary(e);
}
