/* JSON report: one object, {"version": 1, "files", "records", "errors",
 * "warnings", "diagnostics": [...]}, one diagnostic per line; with
 * --max-warnings its "max_warnings", and an "error" object when the run
 * failed as a run (a bad decrec.yaml, nothing to check, too many warnings). */
#include "report.h"

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

void dr_emit_json(const dr_emit *e)
{
	FILE *out = e->out;
	const dr_totals *t = e->t;
	int first = 1;
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
	for (size_t i = 0; i < e->n; i++) {
		const dr_file *f = dr_emit_file(e, i);
		if (!f)
			continue;
		size_t k;
		const dr_diag *d = dr_file_diags(f, &k);
		for (size_t j = 0; j < k; j++) {
			if (!dr_emit_shown(e, &d[j]))
				continue;
			fputs(first ? "\n  {" : ",\n  {", out);
			first = 0;
			field(out, "file", dr_file_name(f));
			fprintf(out,
			        ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": "
			        "%u, ",
			        d[j].line, d[j].column, d[j].end_line, d[j].end_column);
			field(out, "severity", dr_severity_name(d[j].severity));
			fputs(", ", out);
			field(out, "rule", dr_rule_name(d[j].rule));
			fputs(", ", out);
			field(out, "message", d[j].message);
			fputs(", ", out);
			field(out, "field", d[j].field);
			fputs(", ", out);
			field(out, "expected", d[j].expected);
			fputc('}', out);
		}
	}
	fputs(first ? "]}\n" : "\n]}\n", out);
}
