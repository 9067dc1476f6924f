/* Report dispatch and totals. */
#include "report.h"

#include "load.h"
#include "md.h"
#include "path.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int dr_emit_shown(const dr_emit *e, const dr_diag *d)
{
	return !e->o || !e->o->quiet || d->severity == DR_ERROR;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *dr_emit_relative(const dr_emit *e, const char *name, const char *base, int within)
{
	if (!e->cwd)
		return NULL;
	char *file = dr_path_absolute(e->cwd, name);
	char *dir = dr_path_absolute(e->cwd, base ? base : ".");
	char *rel = NULL;
	if (file && dir && (!within || dr_path_within(dir, file)))
		rel = dr_path_relative(dir, file);
	free(file);
	free(dir);
	return rel;
}

void dr_emit_max_warnings(const dr_emit *e, char *buf, size_t cap)
{
	buf[0] = '\0';
	if (e->t->over_max_warnings)
		snprintf(buf, cap, "%zu %s --max-warnings %zu", e->t->warnings,
		         e->t->warnings == 1 ? "warning exceeds" : "warnings exceed",
		         e->o->max_warnings);
}

void dr_emit_summary(const dr_emit *e)
{
	const dr_totals *t = e->t;
	/* Findings first where stdout and stderr meet (2>&1 | cat): stdout is
	 * buffered in a pipe, stderr is not. */
	fflush(e->out);
	if ((e->o && e->o->quiet) || (e->o && e->o->problem))
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
	dr_totals unwanted; /* t may be NULL */
	if (!t)
		t = &unwanted;
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
	t->over_max_warnings = o && o->has_max_warnings && t->warnings > o->max_warnings;
	/* Only reports that relate paths to another directory need it. */
	char *cwd = (fmt == DR_FORMAT_SARIF || fmt == DR_FORMAT_GITHUB) ? getcwd(NULL, 0) : NULL;
	dr_emit e = {out, err, o, get, ctx, n, t, &failed, cwd};
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
	free(cwd);
	/* Why the run fails, on stderr in every format and with -q too, after
	 * the report. */
	char why[128];
	dr_emit_max_warnings(&e, why, sizeof(why));
	if (*why) {
		fflush(out);
		fprintf(err, "decrec: %s\n", why);
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
