/* What every report format shares, below both the formats and the walk in
 * report.c that calls them, so that no call goes back up. */
#include "emit.h"

#include "path.h"

#include <stdlib.h>

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
