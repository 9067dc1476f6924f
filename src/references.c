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

/* A duplicate: record `rec` of file `file` uses the reference of record
 * `krec` of file `kfile`, the one that keeps it. */
typedef struct dup {
	uint32_t file, rec, kfile, krec;
} dup;

static int cmp_dup(const void *a, const void *b)
{
	const dup *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/* Adds the findings of v[0..n), all of one frozen file, in one step: the
 * file's findings are copied once into f->more with the new ones, in order,
 * and the file's cap on findings holds. */
static int add_duplicates(dr_file *const *files, const dup *v, size_t n)
{
	dr_file *f = files[v[0].file];
	dr_severity sev = f->severity ? f->severity[DR_RULE_DUPLICATE_REFERENCE]
	                              : dr_rule_default(DR_RULE_DUPLICATE_REFERENCE);
	if (sev == DR_OFF)
		return 0;
	if (!f->more && !(f->more = dr_arena_new(SIZE_MAX)))
		return DR_ENOMEM;
	dr_diags d = {.arena = f->more, .severity = f->severity};
	size_t room = f->ndiags < DR_MAX_FINDINGS ? DR_MAX_FINDINGS - f->ndiags : 0;
	for (size_t i = 0; i < n && !d.failed; i++) {
		if (d.n == room) {
			if (!f->full) /* too-large findings pass the cap, this one too */
				dr_diag_add(&d, DR_RULE_TOO_LARGE, (dr_pos){1, 1, 1, 2}, NULL, NULL,
				            DR_FULL_MESSAGE, DR_MAX_FINDINGS);
			f->full = 1;
			break;
		}
		const dr_file *kf = files[v[i].kfile];
		const frec *k = &kf->recs[v[i].krec];
		dr_diag_add(&d, DR_RULE_DUPLICATE_REFERENCE, f->recs[v[i].rec].pos, "/reference",
		            NULL,
		            "reference %s is also used by the record at %s:%u:%u; each decision "
		            "needs its own reference",
		            dr_file_ref(f, v[i].rec), kf->name, k->pos.line, k->pos.col);
	}
	dr_diag *all =
	    d.failed || !d.n ? NULL : dr_arena_alloc(f->more, (f->ndiags + d.n) * sizeof(*all));
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

int dr_check_references(dr_file **files, size_t n)
{
	size_t total = 0, k = 0, ndups = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; files[i] && j < files[i]->nrecords; j++)
			total += files[i]->recs[j].ref != NOREF;
	if (!total)
		return 0;
	use *u = malloc(total * sizeof(*u));
	dup *dups = NULL;
	int rc = u ? 0 : DR_ENOMEM;
	for (size_t i = 0; i < n && !rc; i++)
		for (size_t j = 0; files[i] && j < files[i]->nrecords; j++)
			if (files[i]->recs[j].ref != NOREF)
				u[k++] = (use){(uint32_t)i, (uint32_t)j};
	if (!rc)
		sort_uses(files, u, total);
	/* Each group of uses of one reference: all but the one kept are
	 * duplicates, collected first so that each file is amended once. */
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
			if (!dups && !(dups = malloc(total * sizeof(*dups))))
				rc = DR_ENOMEM;
			for (size_t m = i; m < j && !rc; m++)
				if (m != keep)
					dups[ndups++] =
					    (dup){u[m].file, u[m].rec, u[keep].file, u[keep].rec};
		}
		i = j;
	}
	free(u);
	if (!rc && ndups)
		qsort(dups, ndups, sizeof(*dups), cmp_dup);
	for (size_t i = 0; i < ndups && !rc;) {
		size_t j = i + 1;
		while (j < ndups && dups[j].file == dups[i].file)
			j++;
		rc = add_duplicates(files, dups + i, j - i);
		i = j;
	}
	free(dups);
	return rc;
}
