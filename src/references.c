/* duplicate-reference. Uses are compared by a hash of their reference
 * first, so that a run need not keep the references themselves; the few
 * uses whose hashes meet are compared by their text. */
#include "references.h"

#include "grow.h"

#include <stdlib.h>
#include <string.h>

uint64_t dr_ref_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	/* Mixed, so that a run's partitions (hash % parts) are even. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return h;
}

static int cmp_use(const void *a, const void *b)
{
	const dr_use *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/* A use whose hash another shares, with what deciding needs. */
typedef struct cand {
	uint32_t file, rec;
	dr_pos pos;
	const char *ref; /* a copy */
	size_t group; /* 1 + the first of its group, once grouped */
	int owner;
} cand;

static int push(dr_dups *d, dr_dup dup)
{
	if (dr_grow(&d->v, &d->cap, d->n + 1, sizeof(*d->v)))
		return DR_ENOMEM;
	d->v[d->n++] = dup;
	return 0;
}

/* The uses c[0..k) share a hash and are in input order. Each group of
 * them with one reference keeps it in its first use in the file named
 * after it, else in its first use; every other use is a duplicate. */
static int groups(dr_dups *d, cand *c, size_t k, dr_file_source file, void *ctx)
{
	for (size_t a = 0; a < k; a++) {
		if (c[a].group)
			continue;
		size_t keep = k, size = 0;
		for (size_t b = a; b < k; b++)
			if (!c[b].group && !strcmp(c[b].ref, c[a].ref)) {
				c[b].group = a + 1;
				size++;
				if (keep == k && c[b].owner)
					keep = b;
			}
		if (size < 2)
			continue;
		if (keep == k)
			keep = a;
		const dr_file *kf = file(ctx, c[keep].file);
		if (!kf)
			return DR_EIO;
		const char *kname = dr_arena_strndup(d->arena, kf->name, strlen(kf->name));
		if (!kname)
			return DR_ENOMEM;
		for (size_t b = a; b < k; b++)
			if (c[b].group == a + 1 && b != keep &&
			    push(d, (dr_dup){c[b].file, c[b].rec, kname, c[keep].pos.line,
			                     c[keep].pos.col}))
				return DR_ENOMEM;
	}
	return 0;
}

/* The uses v[0..k) share a hash: their references are fetched (the files
 * come in input order) and compared. */
static int same_hash(dr_dups *d, const dr_use *v, size_t k, dr_file_source file, void *ctx)
{
	cand *c = malloc(k * sizeof(*c));
	int rc = c ? 0 : DR_ENOMEM;
	dr_arena *refs = c ? dr_arena_new(SIZE_MAX) : NULL;
	if (c && !refs)
		rc = DR_ENOMEM;
	for (size_t i = 0; i < k && !rc; i++) {
		const dr_file *f = file(ctx, v[i].file);
		if (!f) {
			rc = DR_EIO;
			break;
		}
		const char *ref = dr_file_ref(f, v[i].rec);
		c[i] = (cand){.file = v[i].file,
		              .rec = v[i].rec,
		              .pos = f->recs[v[i].rec].pos,
		              .ref = dr_arena_strndup(refs, ref, strlen(ref)),
		              .owner = f->owner};
		if (!c[i].ref)
			rc = DR_ENOMEM;
	}
	if (!rc)
		rc = groups(d, c, k, file, ctx);
	dr_arena_free(refs);
	free(c);
	return rc;
}

int dr_dups_find(dr_dups *d, dr_use *v, size_t n, dr_file_source file, void *ctx)
{
	if (!d->arena && !(d->arena = dr_arena_new(SIZE_MAX)))
		return DR_ENOMEM;
	if (n < 2)
		return 0;
	qsort(v, n, sizeof(*v), cmp_use);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && v[j].hash == v[i].hash; j++)
			;
		int rc = j - i > 1 ? same_hash(d, v + i, j - i, file, ctx) : 0;
		if (rc)
			return rc;
	}
	return 0;
}

static int cmp_dup(const void *a, const void *b)
{
	const dr_dup *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

void dr_dups_sort(dr_dups *d)
{
	if (d->n)
		qsort(d->v, d->n, sizeof(*d->v), cmp_dup);
}

const dr_dup *dr_dups_of(const dr_dups *d, uint32_t i, size_t *n)
{
	size_t lo = 0, hi = d->n;
	*n = 0;
	if (!d->n)
		return NULL;
	while (lo < hi) { /* the first of file i or after */
		size_t mid = lo + (hi - lo) / 2;
		if (d->v[mid].file < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < d->n && d->v[hi].file == i; hi++)
		;
	*n = hi - lo;
	return d->v + lo;
}

int dr_dups_apply(dr_file *f, const dr_dup *v, size_t n, dr_arena *more)
{
	dr_severity sev = f->severity ? f->severity[DR_RULE_DUPLICATE_REFERENCE]
	                              : dr_rule_default(DR_RULE_DUPLICATE_REFERENCE);
	if (sev == DR_OFF || !n)
		return 0;
	dr_diags d = {.arena = more, .severity = f->severity};
	size_t room = f->ndiags < DR_MAX_FINDINGS ? DR_MAX_FINDINGS - f->ndiags : 0;
	for (size_t i = 0; i < n && !d.failed; i++) {
		if (d.n == room) {
			if (!f->full) /* too-large findings pass the cap, this one too */
				dr_diag_add(&d, DR_RULE_TOO_LARGE, (dr_pos){1, 1, 1, 2}, NULL, NULL,
				            DR_FULL_MESSAGE, DR_MAX_FINDINGS);
			f->full = 1;
			break;
		}
		dr_diag_add(&d, DR_RULE_DUPLICATE_REFERENCE, f->recs[v[i].rec].pos, "/reference",
		            NULL,
		            "reference %s is also used by the record at %s:%u:%u; each decision "
		            "needs its own reference",
		            dr_file_ref(f, v[i].rec), v[i].kname, v[i].kline, v[i].kcol);
	}
	dr_diag *all =
	    d.failed || !d.n ? NULL : dr_arena_alloc(more, (f->ndiags + d.n) * sizeof(*all));
	if (all) {
		memcpy(all, f->diags, f->ndiags * sizeof(*all));
		memcpy(all + f->ndiags, d.v, d.n * sizeof(*all));
		dr_diags sorted = {.v = all, .n = f->ndiags + d.n};
		dr_diags_sort(&sorted);
		f->diags = all;
		f->ndiags += (uint32_t)d.n;
	}
	int rc = d.failed || (d.n && !all) ? DR_ENOMEM : 0;
	free(d.v);
	return rc;
}

void dr_dups_free(dr_dups *d)
{
	free(d->v);
	dr_arena_free(d->arena);
	*d = (dr_dups){0};
}

/* ---- files in memory ------------------------------------------------------ */

static const dr_file *in_memory(void *ctx, size_t i)
{
	return ((dr_file *const *)ctx)[i];
}

int dr_check_references(dr_file **files, size_t n)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; files[i] && j < files[i]->nrecords; j++)
			total += files[i]->recs[j].ref != NOREF;
	if (!total)
		return 0;
	dr_use *u = malloc(total * sizeof(*u));
	if (!u)
		return DR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; files[i] && j < files[i]->nrecords; j++)
			if (files[i]->recs[j].ref != NOREF)
				u[k++] = (dr_use){dr_ref_hash(dr_file_ref(files[i], j)),
				                  (uint32_t)i, (uint32_t)j};
	dr_dups d = {0};
	int rc = dr_dups_find(&d, u, total, in_memory, files);
	free(u);
	dr_dups_sort(&d);
	for (size_t i = 0; i < d.n && !rc;) {
		size_t m;
		const dr_dup *v = dr_dups_of(&d, d.v[i].file, &m);
		dr_file *f = files[v->file];
		if (!f->more && !(f->more = dr_arena_new(SIZE_MAX)))
			rc = DR_ENOMEM;
		else
			rc = dr_dups_apply(f, v, m, f->more);
		i += m;
	}
	dr_dups_free(&d);
	return rc;
}
