/* Reports: the totals, and the one walk over files and shown findings that
 * every format's callbacks hang on; the format table. */
#include "report.h"

#include "emit.h"

#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

/* The formats: the names -f takes, and the callbacks that write them. */
static const struct {
	const char *name;
	dr_format fmt;
	const dr_emitter *emit;
} formats[] = {
    {"text", DR_FORMAT_TEXT, &dr_emitter_text},       {"json", DR_FORMAT_JSON, &dr_emitter_json},
    {"sarif", DR_FORMAT_SARIF, &dr_emitter_sarif},    {"junit", DR_FORMAT_JUNIT, &dr_emitter_junit},
    {"github", DR_FORMAT_GITHUB, &dr_emitter_github},
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int dr_format_parse(dr_format *fmt, const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (!strcasecmp(name, formats[i].name)) {
			*fmt = formats[i].fmt;
			return 0;
		}
	return -1;
}

static const dr_emitter *emitter(dr_format fmt)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats[i].fmt == fmt)
			return formats[i].emit;
	return NULL;
}

int dr_report_emit(dr_format fmt, FILE *out, FILE *err, const dr_report_options *o,
                   dr_file_source get, void *ctx, size_t n, dr_totals *t)
{
	const dr_emitter *em = emitter(fmt);
	if (!em)
		return DR_EINVAL;
	int failed = 0;
	static const dr_report_options defaults; /* o may be NULL: zeroed is the defaults */
	dr_totals unwanted; /* t may be NULL */
	if (!o)
		o = &defaults;
	if (!t)
		t = &unwanted;
	dr_emit e = {.out = out, .err = err, .o = o, .t = t};
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
		if (em->tally)
			em->tally(&e, f);
	}
	t->over_max_warnings = o->has_max_warnings && t->warnings > o->max_warnings;
	/* Only reports that relate paths to another directory need it. */
	char *cwd = em->relative_paths ? getcwd(NULL, 0) : NULL;
	e.cwd = cwd;
	if (em->begin)
		em->begin(&e);
	for (size_t i = 0; i < n; i++) {
		size_t k;
		const dr_file *f = get(ctx, i);
		if (!f) {
			failed = 1;
			continue;
		}
		if (em->file)
			em->file(&e, f);
		const dr_diag *d = dr_file_diags(f, &k);
		for (size_t j = 0; em->finding && j < k; j++)
			if (dr_emit_shown(&e, &d[j])) {
				em->finding(&e, f, &d[j]);
				e.shown++;
			}
	}
	if (em->end)
		em->end(&e);
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
