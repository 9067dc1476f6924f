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

int dr_report_write(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                    dr_file *const *files, size_t n, dr_totals *t)
{
	*t = (dr_totals){.files = n};
	for (size_t i = 0; i < n; i++) {
		size_t k;
		const dr_diag *d = dr_file_diags(files[i], &k);
		t->records += dr_file_records(files[i]);
		for (size_t j = 0; j < k; j++) {
			t->errors += d[j].severity == DR_ERROR;
			t->warnings += d[j].severity == DR_WARNING;
		}
	}
	dr_emit e = {out, err, o, files, n, t};
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
	return ferror(out) ? DR_EIO : 0;
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
