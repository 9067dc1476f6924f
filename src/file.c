/* A file's result, frozen: the checker's findings, records and quoted
 * lines copied into one allocation that a run can write out and read back
 * whole (dr_file_relocate), and the accessors of decrec.h over it. */
#include "file.h"

#include <stdlib.h>
#include <string.h>

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

dr_file *dr_file_freeze(const dr_file_parts *fp)
{
	const dr_diags *d = fp->diags;
	const char *name = fp->name;
	size_t nrecs = fp->nrecs, nlines = fp->nlines;
	size_t nspans = fp->spans ? nrecs : 0;
	size_t arrays = ALIGN_UP(d->n * sizeof(dr_diag)) + ALIGN_UP(nlines * sizeof(src_line)) +
	                ALIGN_UP(nrecs * sizeof(frec)) + ALIGN_UP(nspans * sizeof(span));
	size_t strings = strlen(name) + 1;
	for (size_t i = 0; i < d->n; i++)
		strings += str_size(d->v[i].message) + str_size(d->v[i].field) +
		           str_size(d->v[i].expected);
	for (size_t i = 0; i < nrecs; i++)
		strings += str_size(fp->recs[i].ref);
	for (size_t i = 0; i < nlines; i++)
		strings += fp->lines[i].len + 1;
	/* Zeroed, with the header's padding below: a run writes the block out
	 * whole, gaps and all, and writes nothing undefined. */
	dr_file *f = calloc(1, sizeof(*f) + arrays + strings);
	if (!f)
		return NULL;
	char *p = (char *)f->data;
	*f = (dr_file){.size = (uint32_t)(sizeof(*f) + arrays + strings),
	               .ndiags = (uint32_t)d->n,
	               .nrecords = (uint32_t)nrecs,
	               .nlines = (uint32_t)nlines,
	               .severity = fp->severity,
	               .owner = (uint8_t)fp->owner,
	               .full = (uint8_t)d->full};
	memset(&f->full + 1, 0, (size_t)((char *)f->data - (char *)(&f->full + 1)));
	f->diags = (dr_diag *)p;
	p += ALIGN_UP(d->n * sizeof(dr_diag));
	f->lines = (src_line *)p;
	p += ALIGN_UP(nlines * sizeof(src_line));
	f->recs = (frec *)p;
	p += ALIGN_UP(nrecs * sizeof(frec));
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
	for (size_t i = 0; i < nrecs; i++) {
		const dr_rec_info *r = &fp->recs[i];
		f->recs[i] = (frec){r->pos, NOREF};
		if (r->ref)
			f->recs[i].ref = (uint32_t)(put_str(&p, r->ref, strlen(r->ref)) - base);
		if (nspans)
			f->spans[i] = (span){r->first, r->last};
	}
	for (size_t i = 0; i < nlines; i++) {
		f->lines[i] = fp->lines[i];
		f->lines[i].text = put_str(&p, fp->lines[i].text, fp->lines[i].len);
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
