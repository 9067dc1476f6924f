/* Report dispatch and totals. */
#include "report.h"

#include "load.h"
#include "md.h"

int dr_emit_shown(const dr_emit *e, const dr_diag *d)
{
	return !e->o || !e->o->quiet || d->severity == DR_ERROR;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void dr_emit_summary(const dr_emit *e)
{
	const dr_totals *t = e->t;
	if (e->o && e->o->quiet)
		return;
	fprintf(e->err, "%zu %s, %zu %s in %zu %s (%zu %s)\n", t->errors,
	        plural(t->errors, "error", "errors"), t->warnings,
	        plural(t->warnings, "warning", "warnings"), t->records,
	        plural(t->records, "record", "records"), t->files,
	        plural(t->files, "file", "files"));
}

const dr_file *dr_emit_file(const dr_emit *e, size_t i)
{
	const dr_file *f = e->get(e->ctx, i);
	if (!f)
		*e->failed = 1;
	return f;
}

int dr_report_emit(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                   dr_file_source get, void *ctx, size_t n, dr_totals *t)
{
	int failed = 0;
	*t = (dr_totals){.files = n};
	for (size_t i = 0; i < n; i++) {
		size_t k;
		const dr_file *f = get(ctx, i);
		if (!f)
			return DR_EIO; /* before anything is written */
		const dr_diag *d = dr_file_diags(f, &k);
		t->records += dr_file_records(f);
		for (size_t j = 0; j < k; j++) {
			t->errors += d[j].severity == DR_ERROR;
			t->warnings += d[j].severity == DR_WARNING;
		}
	}
	dr_emit e = {out, err, o, get, ctx, n, t, &failed};
	switch (fmt) {
	case DR_FORMAT_TEXT:
		dr_emit_text(&e);
		break;
	case DR_FORMAT_JSON:
		dr_emit_json(&e);
		break;
	case DR_FORMAT_SARIF:
		dr_emit_sarif(&e);
		break;
	case DR_FORMAT_JUNIT:
		dr_emit_junit(&e);
		break;
	case DR_FORMAT_GITHUB:
		dr_emit_github(&e);
		break;
	}
	return failed || ferror(out) ? DR_EIO : 0;
}

static const dr_file *in_memory(void *ctx, size_t i)
{
	return ((dr_file *const *)ctx)[i];
}

int dr_report_write(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                    dr_file *const *files, size_t n, dr_totals *t)
{
	return dr_report_emit(fmt, out, err, o, in_memory, (void *)files, n, t);
}

const char *dr_version(void)
{
	return DR_VERSION;
}

const char *dr_yaml_version(void)
{
	return dr_load_yaml_version();
}

const char *dr_cmark_version(void)
{
	return dr_md_version();
}
