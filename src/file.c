/* One input file: read it, check its encoding, load its records one at a
 * time, check each, and keep only what the reports and the cross-record
 * rules need, frozen into one allocation: findings, the references and
 * line spans of the records, and (for reports that quote them) the source
 * lines. A dr_checker holds the buffers that a thread reuses from file to
 * file, so that once warm its own allocations come to one block per file
 * (libyaml still allocates its parser's buffers and events). */
#include "file.h"

#include "text.h"
#include "validate.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One record while its file is checked: where it is (JUnit groups
 * findings by record) and its reference, for duplicate-reference. */
typedef struct rec {
	uint32_t first, last; /* lines */
	dr_pos pos; /* of the reference's value */
	const char *ref; /* NULL when it has none */
} rec;

struct dr_checker {
	const dr_config *cfg;
	const dr_check_options *opt; /* &optv */
	dr_check_options optv; /* the caller's, with today's date filled in */
	dr_arena *rec; /* one record's tree */
	dr_arena *scratch; /* a file's findings and references until frozen */
	dr_diags diags;
	rec *recs;
	size_t nrecs, reccap;
	src_line *lines;
	size_t linecap;
	dr_text text;
	char *buf; /* what dr_checker_check_path read */
	size_t bufcap;
};

/* ---- reading -------------------------------------------------------------- */

/* Reads path (or standard input for "-") into *buf, which has room for
 * *cap bytes and a NUL (or is NULL) and grows as needed. */
static int read_into(char **bufp, size_t *capp, size_t *outlen, const char *path, size_t max,
                     char **err)
{
	int stdin_ = !strcmp(path, "-"), fd = -1;
	char *buf = *bufp;
	size_t len = 0, cap = *capp;
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
	/* Room for the whole of a regular file and one byte more, so that the
	 * end is seen by the first short read. */
	size_t want =
	    S_ISREG(st.st_mode) && (size_t)st.st_size < max ? (size_t)st.st_size + 1 : 65536;
	for (;;) {
		if (!buf || len == cap || cap < want) {
			size_t ncap = !buf || cap < want ? want : cap * 2;
			if (ncap > max + 1)
				ncap = max + 1;
			if (!buf || ncap > cap) {
				char *nb = realloc(buf, ncap + 1);
				if (!nb)
					goto fail;
				buf = nb;
				cap = ncap;
			}
			want = 0;
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
	*bufp = buf;
	*capp = cap;
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
	*bufp = buf;
	*capp = cap;
	if (fd > 0)
		close(fd);
	return DR_EIO;
}
}

int dr_read_file(char **out, size_t *outlen, const char *path, size_t max, char **err)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc = read_into(&buf, &cap, outlen, path, max, err);
	if (rc)
		free(buf);
	else
		*out = buf;
	return rc;
}

/* ---- the checker ------------------------------------------------------------ */

dr_checker *dr_checker_new(const dr_config *cfg, const dr_check_options *opt)
{
	dr_checker *c = cfg ? calloc(1, sizeof(*c)) : NULL;
	if (!c)
		return NULL;
	c->cfg = cfg;
	c->optv = opt ? *opt : (dr_check_options)DR_CHECK_OPTIONS_INIT;
	if (c->optv.today == DR_TODAY)
		c->optv.today = dr_date_today();
	c->opt = &c->optv;
	c->rec = dr_arena_new(DR_ARENA_CAP);
	c->scratch = dr_arena_new(SIZE_MAX);
	if (!c->rec || !c->scratch) {
		dr_checker_free(c);
		return NULL;
	}
	return c;
}

void dr_checker_free(dr_checker *c)
{
	if (!c)
		return;
	dr_arena_free(c->rec);
	dr_arena_free(c->scratch);
	free(c->diags.v);
	free(c->recs);
	free(c->lines);
	dr_text_free(&c->text);
	free(c->buf);
	free(c);
}

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

/* Adds a record whose document starts on line `first`; its last line is the
 * end of its root node. An end mark at a line's start (a block collection
 * ends where the next token begins) excludes that line. */
static rec *add_rec(dr_checker *c, uint32_t first, const dr_node *root)
{
	if (c->nrecs == c->reccap) {
		size_t ncap = c->reccap ? c->reccap * 2 : 16;
		rec *v = realloc(c->recs, ncap * sizeof(*v));
		if (!v)
			return NULL;
		c->recs = v;
		c->reccap = ncap;
	}
	uint32_t last = first;
	if (root) {
		last = root->pos.end_line;
		if (root->pos.end_col == 1 && last > first)
			last--;
		if (last < first)
			last = first;
	}
	rec *r = &c->recs[c->nrecs++];
	*r = (rec){.first = first, .last = last};
	return r;
}

/* libyaml reports an error at the end of the input on the line after the
 * last line break, which the file does not have: such a position moves to
 * the end of the last line, so every finding points inside the file. Only
 * libyaml's errors can point past the text (every other finding is at a
 * node), so only they make the lines be counted. */
static void clamp_to_text(dr_diags *d, dr_text *t)
{
	size_t i = 0, len;
	while (i < d->n && d->v[i].rule != DR_RULE_YAML_SYNTAX)
		i++;
	if (i == d->n)
		return;
	uint32_t last = dr_text_count(t);
	const char *line = dr_text_line(t, last, &len);
	if (!line)
		return;
	if (len == 0 && last > 1)
		line = dr_text_line(t, --last, &len); /* the file ends with a line break */
	uint32_t chars = 0;
	for (size_t k = 0; k < len; k++)
		chars += ((unsigned char)line[k] & 0xC0) != 0x80;
	for (i = 0; i < d->n; i++) {
		dr_diag *g = &d->v[i];
		if (g->line > last || (g->line == last && g->column > chars + 1)) {
			g->line = g->end_line = last;
			g->column = chars + 1;
			g->end_column = chars + 2;
		}
	}
}

/* The source lines to keep, into c->lines: those the findings point at and
 * those of the references (a duplicate-reference finding may point there
 * later), each at most 4096 bytes (quoting a huge line helps nobody).
 * Returns the count, or -1. */
static long pick_lines(dr_checker *c)
{
	size_t want = c->diags.n + c->nrecs, n = 0, i = 0, j = 0;
	if (want > c->linecap) {
		src_line *v = realloc(c->lines, want * sizeof(*v));
		if (!v)
			return -1;
		c->lines = v;
		c->linecap = want;
	}
	/* Both lists are sorted by line: merge them. */
	while (i < c->diags.n || j < c->nrecs) {
		uint32_t no;
		if (j < c->nrecs && !c->recs[j].ref) {
			j++;
			continue;
		}
		if (j == c->nrecs || (i < c->diags.n && c->diags.v[i].line < c->recs[j].pos.line))
			no = c->diags.v[i++].line;
		else
			no = c->recs[j++].pos.line;
		if (n && c->lines[n - 1].no == no)
			continue;
		size_t len;
		const char *s = dr_text_line(&c->text, no, &len);
		if (!s)
			continue;
		c->lines[n++] = (src_line){no, len > 4096 ? 4096 : (uint32_t)len, s};
	}
	return (long)n;
}

/* Room for a copy of s (NUL included) in the frozen block. */
static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

static const char *put_str(char **at, const char *s, size_t n)
{
	char *p = *at;
	memcpy(p, s, n);
	p[n] = '\0';
	*at += n + 1;
	return p;
}

#define ALIGN_UP(n) (((n) + 7) & ~(size_t)7)

/* Copies the checker's results for one file into one allocation. */
static dr_file *freeze(dr_checker *c, const char *name, size_t nlines, int owner)
{
	const dr_diags *d = &c->diags;
	size_t nspans = c->opt->spans ? c->nrecs : 0;
	size_t arrays = ALIGN_UP(d->n * sizeof(dr_diag)) + ALIGN_UP(nlines * sizeof(src_line)) +
	                ALIGN_UP(c->nrecs * sizeof(frec)) + ALIGN_UP(nspans * sizeof(span));
	size_t strings = strlen(name) + 1;
	for (size_t i = 0; i < d->n; i++)
		strings += str_size(d->v[i].message) + str_size(d->v[i].field) +
		           str_size(d->v[i].expected);
	for (size_t i = 0; i < c->nrecs; i++)
		strings += str_size(c->recs[i].ref);
	for (size_t i = 0; i < nlines; i++)
		strings += c->lines[i].len + 1;
	/* Zeroed, with the header's padding below: a run writes the block out
	 * whole, gaps and all, and writes nothing undefined. */
	dr_file *f = calloc(1, sizeof(*f) + arrays + strings);
	if (!f)
		return NULL;
	char *p = (char *)f->data;
	*f = (dr_file){.size = (uint32_t)(sizeof(*f) + arrays + strings),
	               .ndiags = (uint32_t)d->n,
	               .nrecords = (uint32_t)c->nrecs,
	               .nlines = (uint32_t)nlines,
	               .severity = c->cfg->severity,
	               .owner = (uint8_t)owner,
	               .full = (uint8_t)d->full};
	memset(&f->full + 1, 0, (size_t)((char *)f->data - (char *)(&f->full + 1)));
	f->diags = (dr_diag *)p;
	p += ALIGN_UP(d->n * sizeof(dr_diag));
	f->lines = (src_line *)p;
	p += ALIGN_UP(nlines * sizeof(src_line));
	f->recs = (frec *)p;
	p += ALIGN_UP(c->nrecs * sizeof(frec));
	f->spans = nspans ? (span *)p : NULL;
	p += ALIGN_UP(nspans * sizeof(span));
	char *base = p;
	f->name = put_str(&p, name, strlen(name));
	for (size_t i = 0; i < d->n; i++) {
		dr_diag g = d->v[i];
		g.message = put_str(&p, g.message, strlen(g.message));
		g.field = put_str(&p, g.field, strlen(g.field));
		if (g.expected)
			g.expected = put_str(&p, g.expected, strlen(g.expected));
		f->diags[i] = g;
	}
	for (size_t i = 0; i < c->nrecs; i++) {
		const rec *r = &c->recs[i];
		f->recs[i] = (frec){r->pos, NOREF};
		if (r->ref)
			f->recs[i].ref = (uint32_t)(put_str(&p, r->ref, strlen(r->ref)) - base);
		if (nspans)
			f->spans[i] = (span){r->first, r->last};
	}
	for (size_t i = 0; i < nlines; i++) {
		f->lines[i] = c->lines[i];
		f->lines[i].text = put_str(&p, c->lines[i].text, c->lines[i].len);
	}
	return f;
}

/* p, a pointer into the block that was at `was`, moved to the block at f. */
#define MOVE(p, was, f) ((p) = (void *)((uintptr_t)(p) - (was) + (uintptr_t)(f)))

void dr_file_relocate(dr_file *f, uintptr_t was)
{
	MOVE(f->name, was, f);
	MOVE(f->diags, was, f);
	MOVE(f->lines, was, f);
	MOVE(f->recs, was, f);
	if (f->spans)
		MOVE(f->spans, was, f);
	for (uint32_t i = 0; i < f->ndiags; i++) {
		MOVE(f->diags[i].message, was, f);
		MOVE(f->diags[i].field, was, f);
		if (f->diags[i].expected)
			MOVE(f->diags[i].expected, was, f);
	}
	for (uint32_t i = 0; i < f->nlines; i++)
		MOVE(f->lines[i].text, was, f);
}

int dr_checker_check(dr_file **out, dr_checker *c, const char *name, const char *path,
                     const char *buf, size_t len)
{
	dr_diags *d = &c->diags;
	dr_loader *l = NULL;
	int owner = 0, broken = 0; /* the stream ended in a syntax error */
	*out = NULL;
	dr_arena_reset(c->scratch);
	*d =
	    (dr_diags){.arena = c->scratch, .v = d->v, .cap = d->cap, .severity = c->cfg->severity};
	c->nrecs = 0;
	if (len > DR_MAX_FILE_SIZE) {
		dr_diag_add(d, DR_RULE_TOO_LARGE, (dr_pos){1, 1, 1, 2}, NULL, NULL,
		            "the file is larger than %u MB, the limit for a file of records",
		            DR_MAX_FILE_SIZE >> 20);
		dr_text_scan(&c->text, "", 0, d); /* not the last file's text */
		goto done;
	}
	if (dr_text_scan(&c->text, buf, len, d))
		goto done;
	/* libyaml, told the text is UTF-8, would read a BOM as text. */
	l = dr_loader_new(buf + c->text.skip, len - c->text.skip);
	if (!l)
		return DR_ENOMEM;
	dr_check_ctx ctx = {.cfg = c->cfg, .opt = c->opt, .path = path};
	for (;;) {
		dr_node *root;
		dr_pos start = {1, 1, 1, 2};
		dr_arena_reset(c->rec);
		int got = dr_loader_next(l, c->rec, d, &root, &start);
		broken = got < 0;
		if (got <= 0)
			break;
		rec *r = add_rec(c, start.line, root);
		if (!r)
			goto oom;
		if (!root || root->type != DR_MAP || dr_node_is_null(root)) {
			dr_pos p = root && !dr_node_is_null(root) ? root->pos : start;
			dr_diag_add(
			    d, DR_RULE_NOT_A_RECORD, p, NULL, NULL,
			    root && !dr_node_is_null(root)
			        ? "this document is not a record: a record is a mapping of "
			          "fields (reference: ..., title: ...)"
			        : "this document is empty; a record is a mapping of fields");
			continue;
		}
		start = (dr_pos){root->pos.line, root->pos.col, root->pos.line, root->pos.col + 1};
		dr_record rd;
		dr_record_walk(&rd, root, start, d);
		dr_check_record(&rd, &ctx, d);
		const dr_node *v = rd.val[F_REFERENCE];
		if (v && !dr_blank(v->u.scalar.s)) {
			r->ref = dr_arena_strndup(c->scratch, v->u.scalar.s, v->u.scalar.len);
			r->pos = v->pos;
			if (!r->ref)
				goto oom;
		}
	}
	dr_loader_free(l);
	l = NULL;
	if (c->nrecs == 0 && !d->n)
		dr_diag_add(d, DR_RULE_NOT_A_RECORD, (dr_pos){1, 1, 1, 2}, NULL, NULL,
		            "the file holds no record (it is empty or only comments)");
	if (c->nrecs == 1 && c->recs[0].ref && !broken && strcmp(name, "-")) {
		rec *r = &c->recs[0];
		owner = named_after(name, r->ref);
		/* Text that is no file (path NULL) has no file name to fix. */
		if (!owner && path) {
			char want[256];
			snprintf(want, sizeof(want), "%s", r->ref);
			for (char *ch = want; *ch; ch++)
				if (*ch == '/')
					*ch = '-';
			char expected[270];
			snprintf(expected, sizeof(expected), "%s.yaml", want);
			dr_diag_add(d, DR_RULE_FILE_NAME, r->pos, "/reference", expected,
			            "the file holding %s should be named %s.yaml, so that records "
			            "can be found by their reference",
			            r->ref, want);
		}
	}
done:
	if (d->failed)
		goto oom;
	clamp_to_text(d, &c->text);
	if (d->full) {
		/* too-large findings pass the cap, this one too. */
		dr_diag_add(d, DR_RULE_TOO_LARGE, (dr_pos){1, 1, 1, 2}, NULL, NULL, DR_FULL_MESSAGE,
		            DR_MAX_FINDINGS);
	}
	dr_diags_sort(d);
	/* Lines are kept only for reports that quote them, and not from a file
	 * too large to have been read whole. */
	long nlines = c->opt->quote && len <= DR_MAX_FILE_SIZE ? pick_lines(c) : 0;
	if (d->failed || nlines < 0 || !(*out = freeze(c, name, (size_t)nlines, owner)))
		goto oom;
	return 0;
oom:
	dr_loader_free(l);
	return DR_ENOMEM;
}

int dr_checker_check_path(dr_file **out, dr_checker *c, const char *name, char **err)
{
	size_t len;
	*out = NULL;
	if (read_into(&c->buf, &c->bufcap, &len, name, DR_MAX_FILE_SIZE, err))
		return DR_EIO;
	if (!strcmp(name, "-")) /* named by --stdin-filename, or not at all */
		return dr_checker_check(out, c, c->opt->stdin_name ? c->opt->stdin_name : name,
		                        c->opt->stdin_name, c->buf, len);
	return dr_checker_check(out, c, name, name, c->buf, len);
}

int dr_file_check(dr_file **out, const dr_config *cfg, const dr_check_options *opt,
                  const char *name, const char *path, const char *buf, size_t len)
{
	*out = NULL;
	if (!cfg || !name)
		return DR_EINVAL;
	dr_checker *c = dr_checker_new(cfg, opt);
	if (!c)
		return DR_ENOMEM;
	int rc = dr_checker_check(out, c, name, path, buf, len);
	dr_checker_free(c);
	return rc;
}

void dr_file_free(dr_file *f)
{
	if (!f)
		return;
	dr_arena_free(f->more);
	free(f);
}

const char *dr_file_name(const dr_file *f)
{
	return f->name;
}

const dr_diag *dr_file_diags(const dr_file *f, size_t *count)
{
	*count = f->ndiags;
	return f->diags;
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
	if (!f->spans)
		return DR_EINVAL;
	*first = f->spans[i].first;
	*last = f->spans[i].last;
	*reference = dr_file_ref(f, i);
	return 0;
}

static int cmp_line(const void *a, const void *b)
{
	const src_line *x = a, *y = b;
	return x->no < y->no ? -1 : x->no > y->no;
}

const char *dr_file_line(const dr_file *f, uint32_t line, size_t *len)
{
	src_line key = {line, 0, NULL};
	if (!f->nlines)
		return NULL;
	src_line *l = bsearch(&key, f->lines, f->nlines, sizeof(*l), cmp_line);
	if (!l)
		return NULL;
	*len = l->len;
	return l->text;
}
