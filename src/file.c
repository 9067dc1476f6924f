/* One input file: read it, check its encoding, load its records one at a
 * time into a reused arena, check each, and keep only what the reports need
 * (findings, the source lines they quote, the references for cross-record
 * rules) so that a run's memory does not grow with the records' text. */
#include "validate.h"

#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct src_line {
	uint32_t no;
	const char *text;
	size_t len;
} src_line;

typedef struct ref {
	const char *ref;
	dr_pos pos;
	src_line line;
	int owner; /* the file is named after the reference */
} ref;

/* Where a record is: for reports that group findings by record (JUnit). */
typedef struct span {
	uint32_t first, last;
	const char *ref; /* in the arena, or NULL */
} span;

struct dr_file {
	char *name;
	dr_arena *arena; /* strings of findings, references and lines */
	dr_diags diags;
	size_t nrecords;
	ref *refs;
	size_t nrefs;
	span *spans; /* malloc'd, one per record */
	src_line *lines; /* sorted by number */
	size_t nlines;
};

/* ---- reading -------------------------------------------------------------- */

int dr_read_file(char **out, size_t *outlen, const char *path, size_t max, char **err)
{
	int stdin_ = !strcmp(path, "-"), fd = -1;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	struct stat st;
	*err = NULL;
	/* Look before opening: opening a FIFO would wait for a writer. */
	if (stdin_ ? fstat(0, &st) < 0 : stat(path, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!stdin_ && !S_ISREG(st.st_mode)) {
		errno = 0;
		goto fail;
	}
	fd = stdin_ ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	cap = S_ISREG(st.st_mode) && (size_t)st.st_size < max ? (size_t)st.st_size + 1 : 65536;
	for (;;) {
		if (len == cap || !buf) {
			size_t ncap = buf ? cap * 2 : cap;
			if (ncap > max + 1)
				ncap = max + 1;
			char *nb = realloc(buf, ncap + 1);
			if (!nb)
				goto fail;
			buf = nb;
			cap = ncap;
		}
		if (len == cap)
			break; /* max + 1 bytes: too large, and no need to read on */
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	if (fd > 0)
		close(fd);
	*out = buf;
	*outlen = len;
	return 0;
fail : {
	char why[128] = "not a regular file";
	if (errno && strerror_r(errno, why, sizeof(why)))
		snprintf(why, sizeof(why), "error %d", errno);
	size_t n = strlen(path) + strlen(why) + 32;
	*err = malloc(n);
	if (*err)
		snprintf(*err, n, "%s: cannot read: %s", path, why);
	free(buf);
	if (fd > 0)
		close(fd);
	return DR_EIO;
}
}

/* ---- source lines ----------------------------------------------------------- */

/* Line `no` of the text, copied into the arena (quoting a huge line helps
 * nobody, so at most 4096 bytes of it). */
static src_line get_line(dr_arena *a, const dr_text *t, uint32_t no)
{
	src_line l = {no, "", 0};
	size_t len;
	const char *s = dr_text_line(t, no, &len);
	if (!s)
		return l;
	if (len > 4096)
		len = 4096;
	const char *copy = dr_arena_strndup(a, s, len);
	if (copy) {
		l.text = copy;
		l.len = len;
	}
	return l;
}

static int cmp_line(const void *a, const void *b)
{
	const src_line *x = a, *y = b;
	return x->no < y->no ? -1 : x->no > y->no;
}

/* Keeps the source lines the findings point at. */
static int keep_lines(dr_file *f, const dr_text *li)
{
	if (!f->diags.n)
		return 0;
	src_line *v = dr_arena_alloc(f->arena, f->diags.n * sizeof(*v));
	if (!v)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < f->diags.n; i++) {
		uint32_t no = f->diags.v[i].line;
		if (n && v[n - 1].no == no)
			continue; /* sorted: equal lines are adjacent */
		v[n++] = get_line(f->arena, li, no);
	}
	f->lines = v;
	f->nlines = n;
	return 0;
}

/* libyaml reports an error at the end of the input on the line after the
 * last line break, which the file does not have: such a position moves to
 * the end of the last line, so every finding points inside the file. */
static void clamp_to_text(dr_diags *d, const dr_text *t)
{
	size_t len;
	uint32_t last = t->nlines;
	const char *line = dr_text_line(t, last, &len);
	if (!line)
		return;
	if (len == 0 && last > 1)
		line = dr_text_line(t, --last, &len); /* the file ends with a line break */
	uint32_t chars = 0;
	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)line[i] & 0xC0) != 0x80;
	for (size_t i = 0; i < d->n; i++) {
		dr_diag *g = &d->v[i];
		if (g->line > last || (g->line == last && g->column > chars + 1)) {
			g->line = g->end_line = last;
			g->column = chars + 1;
			g->end_column = chars + 2;
		}
	}
}

/* ---- checking ------------------------------------------------------------- */

/* Whether the file's base name (less .yaml/.yml) is the reference with '/'
 * turned into '-'. */
static int named_after(const char *name, const char *reference)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	size_t n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".yaml"))
		n -= 5;
	else if (n > 4 && !strcmp(base + n - 4, ".yml"))
		n -= 4;
	if (strlen(reference) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (base[i] != (reference[i] == '/' ? '-' : reference[i]))
			return 0;
	return 1;
}

/* Adds record nrecords - 1's span: from its document's start to the end of
 * its root node. An end mark at a line's start (a block collection ends
 * where the next token begins) excludes that line. */
static int add_span(dr_file *f, size_t *cap, uint32_t first, const dr_node *root)
{
	if (f->nrecords > *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		span *v = realloc(f->spans, ncap * sizeof(*v));
		if (!v)
			return -1;
		f->spans = v;
		*cap = ncap;
	}
	uint32_t last = first;
	if (root) {
		last = root->pos.end_line;
		if (root->pos.end_col == 1 && last > first)
			last--;
		if (last < first)
			last = first;
	}
	f->spans[f->nrecords - 1] = (span){first, last, NULL};
	return 0;
}

static int add_ref(dr_file *f, size_t *cap, const dr_node *v, const dr_text *li)
{
	if (f->nrefs == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		ref *r = realloc(f->refs, ncap * sizeof(*r));
		if (!r)
			return -1;
		f->refs = r;
		*cap = ncap;
	}
	ref *r = &f->refs[f->nrefs];
	r->ref = dr_arena_strndup(f->arena, v->u.scalar.s, v->u.scalar.len);
	r->pos = v->pos;
	r->line = get_line(f->arena, li, v->pos.line);
	r->owner = 0;
	if (!r->ref)
		return -1;
	f->nrefs++;
	return 0;
}

int dr_file_check(dr_file **out, const dr_config *cfg, const dr_check_options *opt,
                  const char *name, const char *path, const char *buf, size_t len)
{
	dr_file *f = calloc(1, sizeof(*f));
	dr_arena *rec = NULL;
	dr_loader *l = NULL;
	dr_text li = {0};
	size_t refcap = 0, spancap = 0;
	int rc = DR_ENOMEM;
	if (!f || !(f->name = strdup(name)) || !(f->arena = dr_arena_new(SIZE_MAX)))
		goto out;
	f->diags.arena = f->arena;
	f->diags.severity = cfg->severity;
	if (len > DR_MAX_FILE_SIZE) {
		dr_diag_add(&f->diags, DR_RULE_TOO_LARGE, (dr_pos){1, 1, 1, 2}, NULL, NULL,
		            "the file is larger than %u MB, the limit for a file of records",
		            DR_MAX_FILE_SIZE >> 20);
		goto done;
	}
	int scan = dr_text_scan(&li, buf, len, 1, &f->diags);
	if (scan == DR_ENOMEM)
		goto out;
	if (scan)
		goto done;
	rec = dr_arena_new(DR_ARENA_CAP);
	/* libyaml, told the text is UTF-8, would read a BOM as text. */
	l = rec ? dr_loader_new(buf + li.skip, len - li.skip) : NULL;
	if (!l)
		goto out;
	dr_check_ctx ctx = {.cfg = cfg, .opt = opt, .path = path};
	int broken = 0; /* the stream ended in a syntax error */
	for (;;) {
		dr_node *root;
		dr_pos start = {1, 1, 1, 2};
		dr_arena_reset(rec);
		int got = dr_loader_next(l, rec, &f->diags, &root, &start);
		broken = got < 0;
		if (got <= 0)
			break;
		f->nrecords++;
		if (add_span(f, &spancap, start.line, root))
			goto out;
		if (!root || root->type != DR_MAP || dr_node_is_null(root)) {
			dr_pos p = root && !dr_node_is_null(root) ? root->pos : start;
			dr_diag_add(
			    &f->diags, DR_RULE_NOT_A_RECORD, p, NULL, NULL,
			    root && !dr_node_is_null(root)
			        ? "this document is not a record: a record is a mapping of "
			          "fields (reference: ..., title: ...)"
			        : "this document is empty; a record is a mapping of fields");
			continue;
		}
		start = (dr_pos){root->pos.line, root->pos.col, root->pos.line, root->pos.col + 1};
		dr_record r;
		dr_record_walk(&r, root, start, &f->diags);
		dr_check_record(&r, &ctx, &f->diags);
		const dr_node *v = r.val[F_REFERENCE];
		if (v && !dr_blank(v->u.scalar.s)) {
			if (add_ref(f, &refcap, v, &li))
				goto out;
			f->spans[f->nrecords - 1].ref = f->refs[f->nrefs - 1].ref;
		}
	}
	if (f->nrecords == 0 && !f->diags.n)
		dr_diag_add(&f->diags, DR_RULE_NOT_A_RECORD, (dr_pos){1, 1, 1, 2}, NULL, NULL,
		            "the file holds no record (it is empty or only comments)");
	if (f->nrecords == 1 && f->nrefs == 1 && !broken && strcmp(name, "-")) {
		ref *r = &f->refs[0];
		r->owner = named_after(name, r->ref);
		if (!r->owner) {
			char want[256];
			snprintf(want, sizeof(want), "%s", r->ref);
			for (char *c = want; *c; c++)
				if (*c == '/')
					*c = '-';
			char expected[270];
			snprintf(expected, sizeof(expected), "%s.yaml", want);
			dr_diag_add(&f->diags, DR_RULE_FILE_NAME, r->pos, "/reference", expected,
			            "the file holding %s should be named %s.yaml, so that records "
			            "can be found by their reference",
			            r->ref, want);
		}
	}
done:
	if (f->diags.failed)
		goto out;
	clamp_to_text(&f->diags, &li);
	if (f->diags.full) {
		/* too-large findings pass the cap, this one too. */
		dr_diag_add(&f->diags, DR_RULE_TOO_LARGE, (dr_pos){1, 1, 1, 2}, NULL, NULL,
		            "the file has more than %d findings; the rest are not shown",
		            DR_MAX_FINDINGS);
	}
	dr_diags_sort(&f->diags);
	/* A run keeps every file's result until its report: no slack. */
	if (f->nrefs) {
		ref *r = realloc(f->refs, f->nrefs * sizeof(*r));
		f->refs = r ? r : f->refs;
	}
	if (f->nrecords && f->spans) {
		span *sp = realloc(f->spans, f->nrecords * sizeof(*sp));
		f->spans = sp ? sp : f->spans;
	}
	if (keep_lines(f, &li))
		goto out;
	rc = 0;
out:
	dr_loader_free(l);
	dr_arena_free(rec);
	dr_text_free(&li);
	if (rc) {
		dr_file_free(f);
		return rc;
	}
	*out = f;
	return 0;
}

void dr_file_free(dr_file *f)
{
	if (!f)
		return;
	free(f->name);
	free(f->diags.v);
	free(f->refs);
	free(f->spans);
	dr_arena_free(f->arena);
	free(f);
}

const char *dr_file_name(const dr_file *f)
{
	return f->name;
}

const dr_diag *dr_file_diags(const dr_file *f, size_t *count)
{
	*count = f->diags.n;
	return f->diags.v;
}

size_t dr_file_records(const dr_file *f)
{
	return f->nrecords;
}

int dr_file_record_lines(const dr_file *f, size_t i, uint32_t *first, uint32_t *last,
                         const char **reference)
{
	if (i >= f->nrecords)
		return DR_EINVAL;
	*first = f->spans[i].first;
	*last = f->spans[i].last;
	*reference = f->spans[i].ref;
	return 0;
}

const char *dr_file_line(const dr_file *f, uint32_t line, size_t *len)
{
	src_line key = {line, NULL, 0};
	if (!f->nlines)
		return NULL;
	src_line *l = bsearch(&key, f->lines, f->nlines, sizeof(*l), cmp_line);
	if (!l)
		return NULL;
	*len = l->len;
	return l->text;
}

/* ---- cross-record rules --------------------------------------------------- */

typedef struct use {
	dr_file *f;
	ref *r;
	size_t order;
} use;

static int cmp_use(const void *a, const void *b)
{
	const use *x = a, *y = b;
	int c = strcmp(x->r->ref, y->r->ref);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Adds `l` to the file's kept lines unless it is there. */
static int add_line(dr_file *f, src_line l)
{
	size_t len;
	if (dr_file_line(f, l.no, &len))
		return 0;
	src_line *v = dr_arena_alloc(f->arena, (f->nlines + 1) * sizeof(*v));
	if (!v)
		return -1;
	if (f->nlines)
		memcpy(v, f->lines, f->nlines * sizeof(*v));
	v[f->nlines++] = l;
	qsort(v, f->nlines, sizeof(*v), cmp_line);
	f->lines = v;
	return 0;
}

int dr_check_references(dr_file **files, size_t n)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		total += files[i] ? files[i]->nrefs : 0;
	if (!total)
		return 0;
	use *u = malloc(total * sizeof(*u));
	if (!u)
		return DR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; files[i] && j < files[i]->nrefs; j++, k++)
			u[k] = (use){files[i], &files[i]->refs[j], k};
	qsort(u, total, sizeof(*u), cmp_use);
	int rc = 0;
	for (size_t i = 0; i < total;) {
		size_t j = i + 1;
		while (j < total && !strcmp(u[i].r->ref, u[j].r->ref))
			j++;
		if (j - i > 1) {
			size_t keep = i;
			for (size_t m = i; m < j; m++)
				if (u[m].r->owner) {
					keep = m;
					break;
				}
			for (size_t m = i; m < j; m++) {
				if (m == keep)
					continue;
				dr_file *f = u[m].f;
				size_t before = f->diags.n;
				dr_diag_add(
				    &f->diags, DR_RULE_DUPLICATE_REFERENCE, u[m].r->pos,
				    "/reference", NULL,
				    "reference %s is also used by the record at %s:%u:%u; each "
				    "decision needs its own reference",
				    u[m].r->ref, u[keep].f->name, u[keep].r->pos.line,
				    u[keep].r->pos.col);
				if (f->diags.failed || add_line(f, u[m].r->line))
					rc = DR_ENOMEM;
				if (f->diags.n != before)
					dr_diags_sort(&f->diags);
			}
		}
		i = j;
	}
	free(u);
	return rc;
}
