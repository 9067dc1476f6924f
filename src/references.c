/* Cross-record rules over the frozen results of every input:
 * duplicate-reference. Every reference is compared with every other, so the
 * results keep each record's reference until this has run. */
#include "file.h"

#include <stdlib.h>
#include <string.h>

/* A record in the run: file and record index. */
typedef struct use {
	uint32_t file, rec;
} use;

/* By reference, then by input order. */
static int use_cmp(dr_file *const *files, use a, use b)
{
	int c = strcmp(dr_file_ref(files[a.file], a.rec), dr_file_ref(files[b.file], b.rec));
	if (c)
		return c;
	if (a.file != b.file)
		return a.file < b.file ? -1 : 1;
	return a.rec < b.rec ? -1 : a.rec > b.rec;
}

static void sift(dr_file *const *files, use *v, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && use_cmp(files, v[child], v[child + 1]) < 0)
			child++;
		if (use_cmp(files, v[root], v[child]) >= 0)
			return;
		use t = v[root];
		v[root] = v[child];
		v[child] = t;
	}
}

/* A heap sort: in place (the run's every record is in v), and with the
 * files as context, which qsort cannot pass without shared state. */
static void sort_uses(dr_file *const *files, use *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift(files, v, i, n);
	for (size_t end = n; end > 1; end--) {
		use t = v[0];
		v[0] = v[end - 1];
		v[end - 1] = t;
		sift(files, v, 0, end - 1);
	}
}

/* Adds a duplicate-reference finding to f (frozen: the findings are copied
 * into f->more with the new one, in order). */
static int add_duplicate(dr_file *f, size_t r, const dr_file *kf, size_t k)
{
	if (!f->more && !(f->more = dr_arena_new(SIZE_MAX)))
		return DR_ENOMEM;
	dr_diags d = {.arena = f->more, .severity = f->severity};
	dr_diag_add(&d, DR_RULE_DUPLICATE_REFERENCE, f->recs[r].pos, "/reference", NULL,
	            "reference %s is also used by the record at %s:%u:%u; each decision "
	            "needs its own reference",
	            dr_file_ref(f, r), kf->name, kf->recs[k].pos.line, kf->recs[k].pos.col);
	if (d.failed) {
		free(d.v);
		return DR_ENOMEM;
	}
	if (!d.n)
		return 0; /* the rule is off */
	dr_diag *v = dr_arena_alloc(f->more, (f->ndiags + 1) * sizeof(*v));
	if (!v) {
		free(d.v);
		return DR_ENOMEM;
	}
	memcpy(v, f->diags, f->ndiags * sizeof(*v));
	v[f->ndiags] = d.v[0];
	free(d.v);
	dr_diags all = {.v = v, .n = f->ndiags + 1};
	dr_diags_sort(&all);
	f->diags = v;
	f->ndiags++;
	return 0;
}

int dr_check_references(dr_file **files, size_t n)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; files[i] && j < files[i]->nrecords; j++)
			total += files[i]->recs[j].ref != NOREF;
	if (!total)
		return 0;
	use *u = malloc(total * sizeof(*u));
	if (!u)
		return DR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; files[i] && j < files[i]->nrecords; j++)
			if (files[i]->recs[j].ref != NOREF)
				u[k++] = (use){(uint32_t)i, (uint32_t)j};
	sort_uses(files, u, total);
	int rc = 0;
	for (size_t i = 0; i < total && !rc;) {
		const char *ref = dr_file_ref(files[u[i].file], u[i].rec);
		size_t j = i + 1;
		while (j < total && !strcmp(ref, dr_file_ref(files[u[j].file], u[j].rec)))
			j++;
		if (j - i > 1) {
			size_t keep = i;
			for (size_t m = i; m < j; m++)
				if (files[u[m].file]->owner) {
					keep = m;
					break;
				}
			for (size_t m = i; m < j && !rc; m++)
				if (m != keep)
					rc = add_duplicate(files[u[m].file], u[m].rec,
					                   files[u[keep].file], u[keep].rec);
		}
		i = j;
	}
	free(u);
	return rc;
}
