/* decrec fix: the repairs the library computes (dr_fix_buffer) made in
 * place, each file written atomically and only when it changes; or, with
 * --dry-run, shown as a unified diff, and with --check, only counted. With
 * --rename, a single-record file takes its reference's name. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct fixer {
	int dry_run, check, rename;
	int status;
} fixer;

static void worst(fixer *x, int status)
{
	if (status > x->status)
		x->status = status;
}

/* ---- the unified diff ------------------------------------------------------ */

/* The lines of a text, split after each '\n': line i is the bytes
 * [at[i], at[i + 1]); at[n] is the text's length. */
typedef struct lines {
	const char *s;
	size_t *at;
	size_t n;
} lines;

static int split(lines *l, const char *s, size_t len)
{
	size_t n = 0, cap = 2;
	for (size_t i = 0; i < len; i++)
		cap += s[i] == '\n';
	l->s = s;
	l->at = malloc(cap * sizeof(*l->at));
	if (!l->at)
		return -1;
	l->at[0] = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n' && i + 1 < len)
			l->at[++n] = i + 1;
	if (len)
		n++;
	l->at[n] = len;
	l->n = n;
	return 0;
}

/* The line holding byte `pos` (the last line for the end of the text). */
static size_t line_of(const lines *l, size_t pos)
{
	size_t lo = 0, hi = l->n;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->at[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int same_line(const lines *a, size_t i, const lines *b, size_t j)
{
	size_t n = a->at[i + 1] - a->at[i];
	return n == b->at[j + 1] - b->at[j] && !memcmp(a->s + a->at[i], b->s + b->at[j], n);
}

static void put_line(FILE *out, char mark, const lines *l, size_t i)
{
	size_t n = l->at[i + 1] - l->at[i];
	fputc(mark, out);
	fwrite(l->s + l->at[i], 1, n, out);
	if (!n || l->s[l->at[i] + n - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* A changed run of lines: old [a, b) became new [c, d). */
typedef struct region {
	size_t a, b, c, d;
} region;

enum { CONTEXT = 3 };

/* Writes the hunks of regions r[0..n) with CONTEXT lines around each,
 * regions closer than twice that sharing a hunk. */
static void hunks(FILE *out, const lines *o, const lines *w, const region *r, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && r[j + 1].a <= r[j].b + 2 * CONTEXT)
			j++;
		size_t lead = r[i].a < CONTEXT ? r[i].a : CONTEXT;
		size_t tail = o->n - r[j].b < CONTEXT ? o->n - r[j].b : CONTEXT;
		size_t os = r[i].a - lead, ol = r[j].b + tail - os;
		size_t ns = r[i].c - lead, nl = r[j].d + tail - ns;
		fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", ol ? os + 1 : os, ol, nl ? ns + 1 : ns,
		        nl);
		for (size_t k = i; k <= j; k++) {
			size_t from = k == i ? os : r[k - 1].b;
			for (size_t m = from; m < r[k].a; m++)
				put_line(out, ' ', o, m);
			for (size_t m = r[k].a; m < r[k].b; m++)
				put_line(out, '-', o, m);
			for (size_t m = r[k].c; m < r[k].d; m++)
				put_line(out, '+', w, m);
		}
		for (size_t m = r[j].b; m < r[j].b + tail; m++)
			put_line(out, ' ', o, m);
		i = j + 1;
	}
}

/* A path as the diff names it under a/ and b/: without a leading "./". */
static const char *diff_path(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

/* The unified diff from old[0..olen) to the fixed text of fx, for patch -p1
 * and git apply; `to` is the new name when the file is renamed, else NULL
 * (a rename is written as git writes one). */
static int write_diff(FILE *out, const char *path, const char *to, const char *old, size_t olen,
                      const dr_fix *fx)
{
	size_t nedits, nlen;
	const dr_fix_edit *e = dr_fix_edits(fx, &nedits);
	const char *now = dr_fix_text(fx, &nlen);
	lines o = {0}, w = {0};
	region *r = malloc((nedits + 1) * sizeof(*r));
	if (!r || split(&o, old, olen) || split(&w, now, nlen)) {
		free(r);
		free(o.at);
		return -1;
	}
	size_t n = 0;
	long delta = 0; /* bytes the edits so far added */
	for (size_t i = 0; i < nedits; i++) {
		size_t from = e[i].offset, end = from + e[i].length;
		size_t nfrom = (size_t)((long)from + delta), nend = nfrom + e[i].text_len;
		region g = {line_of(&o, from), line_of(&o, end) + 1, line_of(&w, nfrom),
		            line_of(&w, nend) + 1};
		if (g.b > o.n)
			g.b = o.n;
		if (g.d > w.n)
			g.d = w.n;
		delta += (long)e[i].text_len - (long)e[i].length;
		if (n && g.a <= r[n - 1].b) { /* the last one's lines, or the next */
			r[n - 1].b = g.b;
			r[n - 1].d = g.d;
		} else {
			r[n++] = g;
		}
	}
	/* Lines an edit's region holds unchanged are context, not changes. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		region g = r[i];
		while (g.a < g.b && g.c < g.d && same_line(&o, g.a, &w, g.c))
			g.a++, g.c++;
		while (g.a < g.b && g.c < g.d && same_line(&o, g.b - 1, &w, g.d - 1))
			g.b--, g.d--;
		if (g.a < g.b || g.c < g.d)
			r[k++] = g;
	}
	if (to)
		fprintf(out, "diff --git a/%s b/%s\nrename from %s\nrename to %s\n",
		        diff_path(path), diff_path(to), diff_path(path), diff_path(to));
	if (k)
		fprintf(out, "--- a/%s\n+++ b/%s\n", diff_path(path), diff_path(to ? to : path));
	hunks(out, &o, &w, r, k);
	free(r);
	free(o.at);
	free(w.at);
	return 0;
}

/* ---- one file ------------------------------------------------------------------ */

/* The path of `name` in the directory of `path`, into buf[cap]; -1 when the
 * name is no plain file name (a reference such as "../x"). */
static int beside(char *buf, size_t cap, const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	int dir = slash ? (int)(slash - path) + 1 : 0;
	if (!*name || name[0] == '.' || strchr(name, '/') || strstr(name, ".."))
		return -1;
	return (size_t)snprintf(buf, cap, "%.*s%s", dir, path, name) < cap ? 0 : -1;
}

/* Writes the fixed text over the file (through a symbolic link, to the file
 * it names), atomically and with the file's mode. */
static int write_fixed(const char *path, const char *text, size_t len)
{
	char real[PATH_MAX];
	out_file of;
	if (!realpath(path, real) || out_open(&of, real))
		return -1;
	if (fwrite(text, 1, len, of.fp) != len) {
		int e = errno;
		out_abort(&of);
		errno = e;
		return -1;
	}
	return out_commit(&of);
}

static void fix_file(fixer *x, const dr_config *cfg, const dr_check_options *opt, const char *path)
{
	char *buf = NULL, *err = NULL, to[PATH_MAX];
	size_t len, nedits;
	dr_fix *fx = NULL;
	const char *verb = x->dry_run || x->check ? "would fix" : "fixed";
	FILE *says = x->dry_run ? stderr : stdout; /* stdout is the diff's */
	if (dr_read_file(&buf, &len, path, DR_MAX_FILE_SIZE, &err)) {
		fprintf(stderr, "decrec: %s\n", err ? err : "out of memory");
		free(err);
		worst(x, EXIT_IO);
		return;
	}
	if (dr_fix_buffer(&fx, cfg, opt, path, path, buf, len)) {
		fprintf(stderr, "decrec: %s: out of memory\n", path);
		worst(x, EXIT_IO);
		goto out;
	}
	const dr_diag *p = dr_fix_problem(fx);
	if (p) {
		fprintf(says, "%s:%u:%u: not fixed: %s [%s]\n", path, p->line, p->column,
		        p->message, dr_rule_name(p->rule));
		worst(x, EXIT_FINDINGS);
		goto out;
	}
	size_t nleft;
	const dr_diag *left = dr_fix_left(fx, &nleft);
	for (size_t i = 0; i < nleft; i++)
		fprintf(says, "%s:%u:%u: not fixed: %s [%s]\n", path, left[i].line, left[i].column,
		        left[i].message, dr_rule_name(left[i].rule));
	if (nleft)
		worst(x, EXIT_FINDINGS);
	const dr_fix_edit *e = dr_fix_edits(fx, &nedits);
	const dr_diag *rn = x->rename ? dr_fix_rename(fx) : NULL;
	struct stat st;
	if (rn && beside(to, sizeof(to), path, rn->expected)) {
		fprintf(says, "%s:%u:%u: not fixed: the reference makes no file name [%s]\n", path,
		        rn->line, rn->column, dr_rule_name(rn->rule));
		worst(x, EXIT_FINDINGS);
		rn = NULL;
	} else if (rn && !lstat(to, &st)) {
		fprintf(says, "%s:%u:%u: not fixed: %s exists, so %s keeps its name [%s]\n", path,
		        rn->line, rn->column, to, path, dr_rule_name(rn->rule));
		worst(x, EXIT_FINDINGS);
		rn = NULL;
	}
	if (!nedits && !rn)
		goto out; /* nothing to change: the file is not touched */
	int write = !x->dry_run && !x->check;
	size_t nlen;
	const char *text = dr_fix_text(fx, &nlen);
	/* What was fixed is said once it is done. */
	if (write && nedits && write_fixed(path, text, nlen)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", path, strerror(errno));
		worst(x, EXIT_IO);
		goto out;
	}
	for (size_t i = 0; i < nedits; i++)
		fprintf(says, "%s:%u:%u: %s: %s [%s]\n", path, e[i].line, e[i].column, verb,
		        e[i].message, dr_rule_name(e[i].rule));
	/* link() never replaces a file, as rename() would. */
	if (rn && write && (link(path, to) || unlink(path))) {
		int why = errno;
		fprintf(stderr, "decrec: %s: cannot rename to %s: %s\n", path, to, strerror(why));
		worst(x, why == EEXIST ? EXIT_FINDINGS : EXIT_IO);
	} else if (rn) {
		fprintf(says, "%s:%u:%u: %s: renamed to %s [%s]\n", path, rn->line, rn->column,
		        verb, to, dr_rule_name(rn->rule));
	}
	if (x->check)
		worst(x, EXIT_FINDINGS);
	if (x->dry_run && write_diff(stdout, path, rn ? to : NULL, buf, len, fx)) {
		fprintf(stderr, "decrec: out of memory\n");
		worst(x, EXIT_IO);
	}
out:
	dr_fix_free(fx);
	free(buf);
}

int cmd_fix(int argc, char **argv)
{
	fixer x = {0};
	const char *arg;
	cli_parser p;
	cli_common com;
	int c;
	cli_parser_init(&p, CLI_FIX, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_DRY_RUN:
			x.dry_run = 1;
			break;
		case OPT_FIX_CHECK:
			x.check = 1;
			break;
		case OPT_RENAME:
			x.rename = 1;
			break;
		}
	}
	if (c < 0)
		return p.status;
	for (int i = optind; i < argc; i++)
		if (!strcmp(argv[i], "-"))
			return usage_error("fix", "fix edits files in place: standard input (-) is "
			                          "not one");
	dr_config *cfg = NULL;
	char *found = NULL;
	inputs in = {0};
	dr_check_options opt = {.today = com.today};
	int status = load_config(&cfg, com.config, com.no_config, &found);
	if (status)
		goto done;
	status = collect_inputs(&in, argv + optind, argc - optind, com.config ? NULL : found);
	if (status)
		goto done;
	if (in.n == 0) {
		fprintf(stderr, "decrec: no records found: no *.yaml or *.yml file in %s\n",
		        in.searched ? in.searched : "the paths given");
		status = EXIT_USAGE;
		goto done;
	}
	for (size_t i = 0; i < in.n; i++)
		fix_file(&x, cfg, &opt, in.v[i]);
	status = x.status;
done:
	inputs_free(&in);
	dr_config_free(cfg);
	free(found);
	if (close_stdout())
		status = EXIT_IO;
	return status;
}
