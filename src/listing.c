/* Listings: the records a checker meets, kept as public views in one arena
 * (only those that belong: a plan's proposed records, a notice's week of
 * decisions), then sorted and rendered as one document. */
#include "listing.h"

#include "buf.h"
#include "checker.h"
#include "date.h"
#include "grow.h"
#include "notice.h"
#include "plan.h"
#include "register.h"
#include "render.h"
#include "spill.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>

#define LISTING_CAP ((size_t)1 << 30) /* bytes of kept views */
#define MAX_OUTPUT (16u << 20) /* bytes of the document, as render.c's */

struct dr_listing {
	const dr_config *cfg;
	dr_listing_options o;
	const dr_listing_def *kind;
	dr_arena *a;
	dr_listing_item *items;
	size_t n, cap;
	dr_listing_item **order; /* after render: shown, then left out */
	size_t shown, left;
	size_t input;
	int failed; /* a record could not be kept: DR_ENOMEM at render */
	int sorted; /* order is up to date with the items */
	dr_listing_item **byref; /* the shown, by reference (dr_listing_find) */
	size_t shared; /* references that more than one shown item has */
	dr_arena **more; /* the arenas of listings merged into this one */
	size_t nmore, capmore;
	/* A kind with row keys: the whole views, packed, in temporary files:
	 * own is where this listing's records go (made at the first), stores
	 * also holds those of the listings merged into it. */
	struct store **stores;
	size_t nstores, capstores;
	struct store *own;
	size_t own_at; /* its place in stores */
	dr_buf pack; /* one view being packed */
	dr_buf out;
};

struct store {
	dr_spill sp;
	dr_stream st;
};

#define SPARE_FDS 64 /* descriptors a store leaves for the inputs of the run */

static void store_free(struct store *st)
{
	if (st) {
		dr_spill_close(&st->sp);
		dr_stream_free(&st->st);
		free(st);
	}
}

int dr_listing_new(dr_listing **out, const dr_config *cfg, const dr_listing_options *o)
{
	if (!cfg || !o)
		return DR_EINVAL;
	/* A zeroed date is today, never 1 January 1970 (day 0). */
	int32_t from = o->from == DR_TODAY ? dr_date_today() : o->from;
	int32_t to = o->to == DR_TODAY ? dr_date_today() : o->to;
	if (o->months < 0 || o->months > 60 || (o->kind == DR_LISTING_NOTICE && from > to) ||
	    (o->kind != DR_LISTING_PLAN && o->kind != DR_LISTING_NOTICE &&
	     o->kind != DR_LISTING_REGISTER))
		return DR_EINVAL;
	dr_listing *l = calloc(1, sizeof(*l));
	if (!l || !(l->a = dr_arena_new(LISTING_CAP))) {
		free(l);
		return DR_ENOMEM;
	}
	l->cfg = cfg;
	l->o = *o;
	l->kind = o->kind == DR_LISTING_PLAN     ? &dr_plan_kind
	          : o->kind == DR_LISTING_NOTICE ? &dr_notice_kind
	                                         : &dr_register_kind;
	l->o.from = from;
	l->o.to = to;
	if (l->o.date == DR_TODAY)
		l->o.date = dr_date_today();
	if (!l->o.months)
		l->o.months = 4;
	if (l->o.since == DR_TODAY)
		l->o.since = l->o.date - 1;
	dr_buf_init(&l->out, MAX_OUTPUT);
	dr_buf_init(&l->pack, MAX_OUTPUT);
	*out = l;
	return 0;
}

void dr_listing_free(dr_listing *l)
{
	if (!l)
		return;
	dr_arena_free(l->a);
	for (size_t i = 0; i < l->nmore; i++)
		dr_arena_free(l->more[i]);
	free(l->more);
	free(l->items);
	free(l->order);
	free(l->byref);
	for (size_t i = 0; i < l->nstores; i++)
		store_free(l->stores[i]);
	free(l->stores);
	dr_buf_free(&l->pack);
	dr_buf_free(&l->out);
	free(l);
}

/* A listing's dates are written long, as councils publish these notices
 * ("Not before 17 July 2024"), whatever date_style says. What an item's
 * view leaves out: the document has them once. */
static const char *const skip[] = {"labels", "labels_upper", "generator", NULL};

/* A copy of the keys of `view` that `keys` lists. */
static dr_value *keep(dr_arena *a, const dr_value *view, const char *const *keys)
{
	size_t n = 0;
	for (const char *const *k = keys; *k; k++)
		n += dr_value_get(view, *k, strlen(*k)) != NULL;
	dr_value *c = dr_value_map_sized(a, n);
	for (; c && *keys; keys++) {
		const dr_value *v = dr_value_get(view, *keys, strlen(*keys));
		if (v && dr_value_add(a, c, *keys, dr_value_copy(a, v, NULL)))
			return NULL;
	}
	return c;
}

/* Packs the kind's keys of `view` to the listing's own store, made at the
 * first, and notes where in *it; 0, or -1 out of memory. */
static int put_whole(dr_listing *l, const dr_value *view, dr_listing_item *it)
{
	if (!l->own) {
		if (dr_grow(&l->stores, &l->capstores, l->nstores + 1, sizeof(*l->stores)) ||
		    !(l->own = calloc(1, sizeof(*l->own))))
			return -1;
		dr_spill_open(&l->own->sp, SPARE_FDS);
		l->own_at = l->nstores;
		l->stores[l->nstores++] = l->own;
	}
	l->pack.len = 0;
	if (dr_value_pack(&l->pack, view, l->kind->keep))
		return -1;
	it->store = l->own_at;
	it->at = l->own->st.size;
	it->len = l->pack.len;
	return dr_stream_put(&l->own->sp, &l->own->st, l->pack.p, l->pack.len) ? -1 : 0;
}

int dr_listing_full(dr_listing *l, const dr_listing_item *it, dr_arena *a, const dr_value **out,
                    const char **why)
{
	*why = NULL;
	*out = it->view;
	if (!l->kind->row)
		return 0;
	struct store *st = l->stores[it->store];
	const char *p = dr_stream_get_exact(&st->sp, &st->st, it->at, it->len);
	if (!p) {
		*why = st->sp.why;
		return DR_EIO;
	}
	return (*out = dr_value_unpack(a, p, it->len)) ? 0 : DR_ENOMEM;
}

static void on_record(void *ctx, const dr_record *r, const dr_diag *found, size_t n, dr_arena *a)
{
	(void)found, (void)n;
	dr_listing *l = ctx;
	if (l->failed || !l->kind->belongs(&l->o, l->cfg, r))
		return;
	dr_value *view = dr_view_public(a, dr_view_new(a, r, l->cfg, 1, NULL), r);
	dr_listing_item it = {.input = l->input};
	int rc = view ? l->kind->select(&l->o, l->cfg, r, a, view, &it) : -1;
	const dr_node *ref = r->val[F_REFERENCE];
	/* With row keys, the whole view to the store, the row in memory. */
	if (rc >= 0 && l->kind->row && put_whole(l, view, &it))
		rc = -1;
	const char *const *keys = l->kind->row ? l->kind->row : l->kind->keep;
	if (rc < 0 || dr_grow(&l->items, &l->cap, l->n + 1, sizeof(*l->items)) ||
	    !(it.view = keys ? keep(l->a, view, keys) : dr_value_copy(l->a, view, skip)) ||
	    !(it.reference = dr_arena_strndup(l->a, ref ? ref->u.scalar.s : "",
	                                      ref ? ref->u.scalar.len : 0)) ||
	    (it.left_out &&
	     !(it.left_out = dr_arena_strndup(l->a, it.left_out, strlen(it.left_out))))) {
		l->failed = 1;
		return;
	}
	l->items[l->n++] = it;
	l->sorted = 0;
}

void dr_listing_attach(dr_listing *l, dr_checker *c, size_t input)
{
	l->input = input;
	dr_checker_on_record(c, on_record, l);
}

void dr_listing_drop(dr_listing *l, size_t input)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].input == input)
			l->items[i].dropped = 1, l->sorted = 0;
}

int dr_listing_merge(dr_listing *into, dr_listing *from)
{
	if (!into || !from || into->kind != from->kind)
		return DR_EINVAL;
	/* Its items point into its arenas, which move with them; it gets a
	 * new one, so that it stays a listing that can be used. */
	size_t arenas = 1 + from->nmore, base = into->nstores;
	dr_arena *fresh = NULL;
	if (dr_grow(&into->items, &into->cap, into->n + from->n, sizeof(*into->items)) ||
	    dr_grow(&into->more, &into->capmore, into->nmore + arenas, sizeof(*into->more)) ||
	    dr_grow(&into->stores, &into->capstores, into->nstores + from->nstores,
	            sizeof(*into->stores)) ||
	    !(fresh = dr_arena_new(LISTING_CAP)))
		return DR_ENOMEM;
	/* An empty listing's arrays may be NULL, which memcpy may not take. */
	for (size_t i = 0; i < from->n; i++) {
		into->items[into->n] = from->items[i];
		into->items[into->n++].store += base;
	}
	for (size_t i = 0; i < from->nstores; i++)
		into->stores[into->nstores++] = from->stores[i];
	from->nstores = 0;
	from->own = NULL;
	into->more[into->nmore++] = from->a;
	for (size_t i = 0; i < from->nmore; i++)
		into->more[into->nmore++] = from->more[i];
	into->failed |= from->failed;
	into->sorted = 0;
	from->a = fresh;
	from->nmore = from->n = 0;
	from->sorted = 0;
	return 0;
}

/* References in the order people read them: runs of digits by their value,
 * so that MBC/2024/9 comes before MBC/2024/10. */
static int refcmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
			if (na != nb)
				return na < nb ? -1 : 1;
			int c = strncmp(a, b, na);
			if (c)
				return c;
			a += na;
			b += nb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++, b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int item_cmp(const void *x, const void *y)
{
	const dr_listing_item *a = *(dr_listing_item *const *)x, *b = *(dr_listing_item *const *)y;
	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->day != b->day)
		return a->day == DR_NO_DATE   ? 1
		       : b->day == DR_NO_DATE ? -1
		       : a->day < b->day      ? -1
		                              : 1;
	int c = refcmp(a->reference, b->reference);
	if (c)
		return c;
	return a->input < b->input ? -1 : a->input > b->input ? 1 : 0;
}

/* Newest first: days and references the other way, undated still last. */
static int item_cmp_newest(const void *x, const void *y)
{
	const dr_listing_item *a = *(dr_listing_item *const *)x, *b = *(dr_listing_item *const *)y;
	if (a->section != b->section ||
	    (a->day != b->day && (a->day == DR_NO_DATE || b->day == DR_NO_DATE)))
		return item_cmp(x, y);
	return item_cmp(y, x);
}

static int byref_cmp(const void *x, const void *y)
{
	const dr_listing_item *a = *(dr_listing_item *const *)x, *b = *(dr_listing_item *const *)y;
	return strcmp(a->reference, b->reference);
}

/* Sorts the items not dropped into l->order: those shown, then those left
 * out, each in order. 0, or DR_ENOMEM. */
static int sort_items(dr_listing *l)
{
	if (l->failed)
		return DR_ENOMEM;
	if (l->sorted)
		return 0;
	free(l->order);
	free(l->byref);
	l->byref = NULL;
	l->shown = l->left = 0;
	if (!(l->order = calloc(l->n ? l->n : 1, sizeof(*l->order))))
		return DR_ENOMEM;
	for (size_t i = 0; i < l->n; i++)
		if (!l->items[i].dropped)
			l->order[l->shown++] = &l->items[i];
	/* Sorted together, then the left-out moved behind the shown, each
	 * keeping its order. */
	qsort(l->order, l->shown, sizeof(*l->order),
	      l->kind->newest_first ? item_cmp_newest : item_cmp);
	size_t all = l->shown, k = 0;
	dr_listing_item **left = calloc(all ? all : 1, sizeof(*left));
	if (!left)
		return DR_ENOMEM;
	l->shown = 0;
	for (size_t i = 0; i < all; i++)
		if (l->order[i]->left_out)
			left[k++] = l->order[i];
		else
			l->order[l->shown++] = l->order[i];
	memcpy(l->order + l->shown, left, k * sizeof(*left));
	l->left = k;
	free(left);
	for (size_t i = 0; i < all; i++)
		l->order[i]->pos = i;
	/* The shown by reference too, now rather than at the first
	 * dr_listing_find, so that a sorted listing is only read. */
	if (!(l->byref = malloc((l->shown ? l->shown : 1) * sizeof(*l->byref))))
		return DR_ENOMEM;
	memcpy(l->byref, l->order, l->shown * sizeof(*l->byref));
	qsort(l->byref, l->shown, sizeof(*l->byref), byref_cmp);
	l->shared = 0;
	for (size_t i = 1; i < l->shown; i++)
		l->shared += !byref_cmp(&l->byref[i - 1], &l->byref[i]) &&
		             (i < 2 || byref_cmp(&l->byref[i - 2], &l->byref[i - 1]));
	l->sorted = 1;
	return 0;
}

size_t dr_listing_shared(dr_listing *l)
{
	return sort_items(l) ? 0 : l->shared;
}

int dr_listing_sort(dr_listing *l)
{
	return sort_items(l);
}

int dr_listing_render(dr_listing *l, dr_renderer *r, dr_emit_fn emit, void *ctx, char **err)
{
	*err = NULL;
	int rc = sort_items(l);
	if (rc)
		return rc;
	dr_value *doc = dr_value_map(l->a), *site = l->o.site ? dr_value_map(l->a) : NULL;
	if (!doc || dr_view_common(l->a, doc, l->cfg) ||
	    l->kind->document(&l->o, l->cfg, l->a, doc, l->order, l->shown) ||
	    (l->o.site &&
	     (!site || dr_value_set(l->a, site, "root", dr_value_str(l->a, "../", 3)) ||
	      dr_value_set(l->a, doc, "site", site))))
		return DR_ENOMEM;
	return dr_renderer_render(r, doc, NULL, &l->out, emit, ctx, err);
}

dr_listing_item *const *dr_listing_sorted(dr_listing *l, size_t *n)
{
	*n = 0;
	if (sort_items(l))
		return NULL;
	*n = l->shown;
	return l->order;
}

long dr_listing_find(dr_listing *l, const char *reference)
{
	if (sort_items(l))
		return -2;
	dr_listing_item key = {.reference = reference}, *kp = &key;
	dr_listing_item **hit = bsearch(&kp, l->byref, l->shown, sizeof(*l->byref), byref_cmp);
	return hit ? (long)(*hit)->pos : -1;
}

const dr_config *dr_listing_config(const dr_listing *l)
{
	return l->cfg;
}

dr_arena *dr_listing_arena(dr_listing *l)
{
	return l->a;
}

int dr_listing_left_out(const dr_listing *l, size_t i, size_t *input, const char **reference,
                        const char **why)
{
	if (!l->order || i >= l->left)
		return -1;
	const dr_listing_item *it = l->order[l->shown + i];
	*input = it->input;
	*reference = it->reference;
	*why = it->left_out;
	return 0;
}
