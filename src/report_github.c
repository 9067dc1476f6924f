/* GitHub Actions report: one workflow command per finding, which the runner
 * turns into an annotation on the file and line,
 *   ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE
 * (::warning for warnings), then the summary line on stderr, as for text. */
#include "emit.h"

#include "escape.h"

#include <stdlib.h>
#include <string.h>

/* The file= of an annotation: relative to GITHUB_WORKSPACE (the checkout,
 * which GitHub takes paths to be relative to) when it is set and holds the
 * file, else as given. */
static void file_property(const dr_emit *e, const char *file)
{
	const char *ws = e->o ? e->o->workspace : NULL;
	char *rel = ws ? dr_emit_relative(e, file, ws, 1) : NULL;
	dr_escape_github(e->out, rel ? rel : file, 1);
	free(rel);
}

/* One command. Columns go only with a span on one line, as GitHub's
 * annotations require; endColumn is one past the last character, as in
 * every decrec report. Standard input has no file to annotate: the command
 * then carries no position and the message starts with "-:line:col: ". */
static void finding(const dr_emit *e, const dr_file *f, const dr_diag *d)
{
	FILE *out = e->out;
	const char *file = dr_file_name(f);
	int stdin_ = !strcmp(file, "-");
	fprintf(out, "::%s ", d->severity == DR_ERROR ? "error" : "warning");
	if (!stdin_) {
		fputs("file=", out);
		file_property(e, file);
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
	dr_escape_github(out, dr_rule_name(d->rule), 1);
	fputs("::", out);
	if (stdin_)
		fprintf(out, "-:%u:%u: ", d->line, d->column);
	dr_escape_github(out, d->message, 0);
	fputc('\n', out);
}

static void end(const dr_emit *e)
{
	/* The run's own failure: on decrec.yaml where it is about that. */
	const dr_run_problem *p = e->o ? e->o->problem : NULL;
	char why[128];
	dr_emit_max_warnings(e, why, sizeof(why));
	if (p) {
		fputs("::error ", e->out);
		if (p->file) {
			fputs("file=", e->out);
			file_property(e, p->file);
			if (p->line)
				fprintf(e->out, ",line=%u,col=%u", p->line,
				        p->column ? p->column : 1);
			fputc(',', e->out);
		}
		fprintf(e->out, "title=%s::", p->id);
		dr_escape_github(e->out, p->message, 0);
		fputc('\n', e->out);
	} else if (*why) {
		fputs("::error title=max-warnings::", e->out);
		dr_escape_github(e->out, why, 0);
		fputc('\n', e->out);
	}
	dr_emit_summary(e);
}

const dr_emitter dr_emitter_github = {.relative_paths = 1, .finding = finding, .end = end};
