/* JUnit XML report, for the test views of CI systems: one <testsuite> per
 * file, one <testcase> per record (named by its reference, with the file
 * and line where it starts), one <failure> holding all of the record's
 * errors and its warnings as <system-out> lines. Findings outside every
 * record, and a file with no record, get a testcase named after the file.
 * A last <testsuite name="decrec"> holds the run's own checks: decrec.yaml
 * loaded, records found, --max-warnings. */
#include "emit.h"

#include "escape.h"

#include <string.h>

static void attr(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	dr_escape_xml(out, value, 1);
	fputc('"', out);
}

/* The record of file f whose lines hold `line`, or nrec when none does.
 * Records are in file order and do not overlap: a binary search finds the
 * last one starting at or before the line. */
static size_t owner(const dr_file *f, size_t nrec, uint32_t line)
{
	size_t lo = 0, hi = nrec;
	/* Without spans (a file checked without opt->spans), every finding is
	 * outside every record. */
	uint32_t first = 0, last = 0;
	const char *ref = NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		dr_file_record_lines(f, mid, &first, &last, &ref);
		if (first <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return nrec;
	dr_file_record_lines(f, lo - 1, &first, &last, &ref);
	return line <= last ? lo - 1 : nrec;
}

typedef struct counts {
	size_t tests, failures;
	int orphans; /* a shown finding is outside every record */
} counts;

/* The testcases of a file and how many of them fail. Findings are sorted
 * by line, so their records come in order and each failing one is counted
 * once. */
static counts count(const dr_emit *e, const dr_file *f)
{
	size_t nrec = dr_file_records(f), k, last = (size_t)-1;
	const dr_diag *d = dr_file_diags(f, &k);
	counts c = {nrec, 0, 0};
	int orphan_fails = 0;
	for (size_t j = 0; j < k; j++) {
		if (!dr_emit_shown(e, &d[j]))
			continue;
		size_t r = owner(f, nrec, d[j].line);
		if (r == nrec) {
			c.orphans = 1;
			orphan_fails |= d[j].severity == DR_ERROR;
		} else if (d[j].severity == DR_ERROR && r != last) {
			c.failures++;
			last = r;
		}
	}
	if (c.orphans || nrec == 0)
		c.tests++;
	c.failures += (size_t)orphan_fails;
	return c;
}

/* The findings of record `rec` are d[*lo..*hi): sorted by line, those on
 * the record's lines are adjacent. With rec == nrec, all of them, for the
 * caller to pick those outside every record. */
static void range(const dr_file *f, size_t nrec, size_t rec, size_t *lo, size_t *hi)
{
	size_t k;
	const dr_diag *d = dr_file_diags(f, &k);
	uint32_t first = 0, last = 0;
	const char *ref = NULL;
	*lo = 0;
	*hi = k;
	if (rec == nrec)
		return;
	dr_file_record_lines(f, rec, &first, &last, &ref);
	size_t a = 0, b = k;
	while (a < b) { /* the first finding at or after `first` */
		size_t mid = a + (b - a) / 2;
		if (d[mid].line < first)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (b < k && d[b].line <= last)
		b++;
	*hi = b;
}

/* Whether finding d of file f goes in the testcase of record `rec`. */
static int in_case(const dr_emit *e, const dr_file *f, size_t nrec, size_t rec, const dr_diag *d)
{
	return dr_emit_shown(e, d) && (rec < nrec || owner(f, nrec, d->line) == nrec);
}

/* One finding as a line of the text report: "file:line:col: severity:
 * message [rule]". */
static void finding(FILE *out, const char *file, const dr_diag *d)
{
	dr_escape_xml(out, file, 0);
	fprintf(out, ":%u:%u: %s: ", d->line, d->column, dr_severity_name(d->severity));
	dr_escape_xml(out, d->message, 0);
	fprintf(out, " [%s]", dr_rule_name(d->rule));
}

/* One testcase: the findings of record `rec`, or with rec == nrec those
 * outside every record. CI views show one failure per testcase, so all the
 * errors go in one <failure>, a line each; its type and message are those
 * of the first. */
static void testcase(const dr_emit *e, const dr_file *f, size_t nrec, size_t rec)
{
	FILE *out = e->out;
	const char *file = dr_file_name(f), *name = file;
	char numbered[48], msg[640];
	size_t k, lo, hi, errors = 0;
	uint32_t line = 0;
	const dr_diag *d = dr_file_diags(f, &k), *first = NULL;
	if (rec < nrec) {
		uint32_t last = 0;
		dr_file_record_lines(f, rec, &line, &last, &name);
		if (!name) {
			snprintf(numbered, sizeof(numbered), "record %zu", rec + 1);
			name = numbered;
		}
	}
	range(f, nrec, rec, &lo, &hi);
	int warnings = 0;
	for (size_t j = lo; j < hi; j++) {
		if (!in_case(e, f, nrec, rec, &d[j]))
			continue;
		if (!line) /* outside every record: where the first finding is */
			line = d[j].line;
		if (d[j].severity != DR_ERROR) {
			warnings = 1;
		} else if (!errors++) {
			first = &d[j];
		}
	}
	fputs("    <testcase", out);
	attr(out, "classname", file);
	attr(out, "name", name);
	attr(out, "file", file);
	fprintf(out, " line=\"%u\"", line ? line : 1);
	if (!errors && !warnings) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n", out);
	if (errors) {
		if (errors == 1)
			snprintf(msg, sizeof(msg), "%s", first->message);
		else
			snprintf(msg, sizeof(msg), "%zu errors, the first: %s", errors,
			         first->message);
		fputs("      <failure", out);
		attr(out, "type", dr_rule_name(first->rule));
		attr(out, "message", msg);
		fputc('>', out);
		for (size_t j = lo, n = 0; j < hi; j++) {
			if (!in_case(e, f, nrec, rec, &d[j]) || d[j].severity != DR_ERROR)
				continue;
			if (n++)
				fputc('\n', out);
			finding(out, file, &d[j]);
		}
		fputs("</failure>\n", out);
	}
	if (warnings) {
		fputs("      <system-out>", out);
		for (size_t j = lo; j < hi; j++) {
			if (!in_case(e, f, nrec, rec, &d[j]) || d[j].severity == DR_ERROR)
				continue;
			finding(out, file, &d[j]);
			fputc('\n', out);
		}
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
}

/* The run's own checks, as testcases of a suite named "decrec": decrec.yaml
 * loaded and records found (a testcase when either failed), and the
 * warnings under --max-warnings (when it is given). */
static counts run_checks(const dr_emit *e, int write)
{
	const dr_run_problem *p = e->o ? e->o->problem : NULL;
	counts c = {0, 0, 0};
	char why[128];
	dr_emit_max_warnings(e, why, sizeof(why));
	c.tests = (p != NULL) + (e->o && e->o->has_max_warnings);
	c.failures = (p != NULL) + (*why != '\0');
	if (!write || !c.tests)
		return c;
	FILE *out = e->out;
	fprintf(out, "  <testsuite name=\"decrec\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
	        c.tests, c.failures);
	if (p) {
		fputs("    <testcase classname=\"decrec\"", out);
		attr(out, "name", p->id);
		if (p->file) {
			attr(out, "file", p->file);
			fprintf(out, " line=\"%u\"", p->line ? p->line : 1);
		}
		fputs(">\n      <failure", out);
		attr(out, "type", p->id);
		attr(out, "message", p->message);
		fputc('>', out);
		if (p->file) {
			dr_escape_xml(out, p->file, 0);
			if (p->line)
				fprintf(out, ":%u:%u", p->line, p->column ? p->column : 1);
			fputs(": ", out);
		}
		dr_escape_xml(out, p->message, 0);
		fputs("</failure>\n    </testcase>\n", out);
	}
	if (e->o && e->o->has_max_warnings) {
		fprintf(out, "    <testcase classname=\"decrec\" name=\"--max-warnings %zu\"",
		        e->o->max_warnings);
		if (*why) {
			fputs(">\n      <failure type=\"max-warnings\"", out);
			attr(out, "message", why);
			fputc('>', out);
			dr_escape_xml(out, why, 0);
			fputs("</failure>\n    </testcase>\n", out);
		} else {
			fputs("/>\n", out);
		}
	}
	fputs("  </testsuite>\n", out);
	return c;
}

/* The totals of the head: every file's testcases and failures. */
static void tally(dr_emit *e, const dr_file *f)
{
	counts c = count(e, f);
	e->tally[0] += c.tests;
	e->tally[1] += c.failures;
}

static void begin(const dr_emit *e)
{
	counts run = run_checks(e, 0);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", e->out);
	fprintf(
	    e->out,
	    "<testsuites name=\"decrec validate\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
	    e->tally[0] + run.tests, e->tally[1] + run.failures);
}

/* One testsuite per file: the findings grouped by record, not in order. */
static void file(const dr_emit *e, const dr_file *f)
{
	FILE *out = e->out;
	size_t nrec = dr_file_records(f);
	counts c = count(e, f);
	fputs("  <testsuite", out);
	attr(out, "name", dr_file_name(f));
	fprintf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", c.tests, c.failures);
	if (c.orphans || nrec == 0)
		testcase(e, f, nrec, nrec);
	for (size_t r = 0; r < nrec; r++)
		testcase(e, f, nrec, r);
	fputs("  </testsuite>\n", out);
}

static void end(const dr_emit *e)
{
	run_checks(e, 1);
	fputs("</testsuites>\n", e->out);
}

const dr_emitter dr_emitter_junit = {.tally = tally, .begin = begin, .file = file, .end = end};
