/* The checker: one input file read, its encoding checked and its records
 * loaded one at a time (load.c), each checked (record_rules.c), the
 * file-level rules (not-a-record, file-name), and what the reports and the
 * cross-record rules need kept and frozen (file.c): findings, the
 * references and line spans of the records, and (for reports that quote
 * them) the source lines. A dr_checker holds the buffers that a thread reuses from file to
 * file, so that once warm its own allocations come to one block per file
 * (libyaml still allocates its parser's buffers and events). */
#include "checker.h"
#include "file.h"
#include "grow.h"
#include "load.h"
#include "read.h"
#include "record_rules.h"
#include "str.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef dr_rec_info rec;

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
	/* Each record, after its rules: a renderer, a listing or fix.c; decrec
	 * site attaches several to one checker, so that a file is parsed once. */
	struct {
		dr_record_hook fn;
		void *ctx;
	} hook[DR_CHECKER_HOOKS];
};

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

void dr_checker_on_record(dr_checker *c, dr_record_hook fn, void *ctx)
{
	/* One hook per ctx: attaching again replaces it, NULL removes it. */
	int at = -1;
	for (int i = 0; i < DR_CHECKER_HOOKS && at < 0; i++)
		if (c->hook[i].fn && c->hook[i].ctx == ctx)
			at = i;
	for (int i = 0; i < DR_CHECKER_HOOKS && at < 0 && fn; i++)
		if (!c->hook[i].fn)
			at = i;
	if (at < 0)
		return; /* nothing to remove, or every slot taken (checker.h) */
	c->hook[at].fn = fn;
	c->hook[at].ctx = fn ? ctx : NULL;
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
	if (dr_grow(&c->recs, &c->reccap, c->nrecs + 1, sizeof(*c->recs)))
		return NULL;
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
	if (dr_grow(&c->lines, &c->linecap, want, sizeof(*c->lines)))
		return -1;
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
		dr_text_scan(&c->text, "", 0); /* not the last file's text */
		goto done;
	}
	int open = dr_loader_open(&l, &c->text, buf, len, d);
	if (open == DR_ENOMEM)
		return DR_ENOMEM;
	if (open)
		goto done; /* an encoding finding */
	dr_check_ctx ctx = {.cfg = c->cfg, .opt = c->opt, .path = path};
	for (;;) {
		dr_node *root;
		dr_pos start = {1, 1, 1, 2};
		size_t first = d->n; /* the record's findings start here */
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
		for (int h = 0; h < DR_CHECKER_HOOKS; h++)
			if (c->hook[h].fn)
				c->hook[h].fn(c->hook[h].ctx, &rd,
				              d->n > first ? d->v + first : NULL, d->n - first,
				              c->rec);
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
	dr_file_parts parts = {.name = name,
	                       .diags = d,
	                       .recs = c->recs,
	                       .nrecs = c->nrecs,
	                       .lines = c->lines,
	                       .nlines = nlines > 0 ? (size_t)nlines : 0,
	                       .severity = c->cfg->severity,
	                       .spans = c->opt->spans,
	                       .owner = owner};
	if (d->failed || nlines < 0 || !(*out = dr_file_freeze(&parts)))
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
	int rc = dr_read_into(&c->buf, &c->bufcap, &len, name, DR_MAX_FILE_SIZE, err);
	if (rc)
		return rc;
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
