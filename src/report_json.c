/* JSON report: one object, {"version": 1, "files", "records", "errors",
 * "warnings", "diagnostics": [...]}, one diagnostic per line; with
 * --max-warnings its "max_warnings", and an "error" object when the run
 * failed as a run (a bad decrec.yaml, nothing to check, too many warnings). */
#include "emit.h"

#include "escape.h"

static void field(FILE *out, const char *key, const char *value)
{
	fprintf(out, "\"%s\": ", key);
	if (!value) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	dr_escape_json(out, value);
	fputc('"', out);
}

static void begin(const dr_emit *e)
{
	FILE *out = e->out;
	const dr_totals *t = e->t;
	const dr_run_problem *p = e->o ? e->o->problem : NULL;
	char why[128];
	fprintf(out,
	        "{\"version\": 1, \"files\": %zu, \"records\": %zu, \"errors\": %zu, "
	        "\"warnings\": %zu, ",
	        t->files, t->records, t->errors, t->warnings);
	if (e->o && e->o->has_max_warnings)
		fprintf(out, "\"max_warnings\": %zu, ", e->o->max_warnings);
	dr_emit_max_warnings(e, why, sizeof(why));
	if (p || *why) {
		fputs("\"error\": {", out);
		field(out, "id", p ? p->id : "max-warnings");
		fputs(", ", out);
		field(out, "message", p ? p->message : why);
		if (p && p->file) {
			fputs(", ", out);
			field(out, "file", p->file);
			if (p->line)
				fprintf(out, ", \"line\": %u, \"column\": %u", p->line,
				        p->column ? p->column : 1);
		}
		fputs("}, ", out);
	}
	fputs("\"diagnostics\": [", out);
}

static void finding(const dr_emit *e, const dr_file *f, const dr_diag *d)
{
	FILE *out = e->out;
	fputs(e->shown ? ",\n  {" : "\n  {", out);
	field(out, "file", dr_file_name(f));
	fprintf(out, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u, ",
	        d->line, d->column, d->end_line, d->end_column);
	field(out, "severity", dr_severity_name(d->severity));
	fputs(", ", out);
	field(out, "rule", dr_rule_name(d->rule));
	fputs(", ", out);
	field(out, "message", d->message);
	fputs(", ", out);
	field(out, "field", d->field);
	fputs(", ", out);
	field(out, "expected", d->expected);
	fputc('}', out);
}

static void end(const dr_emit *e)
{
	fputs(e->shown ? "\n]}\n" : "]}\n", e->out);
}

const dr_emitter dr_emitter_json = {.begin = begin, .finding = finding, .end = end};
