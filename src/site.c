/* The register's own files of decrec site, from a register listing: index
 * pages through the "site" template, and the sitemap, feeds and data files
 * in C (feed.c, export.c). Every link between pages is relative, so that the
 * site works wherever it is served; only the sitemap and the feeds, which
 * are read elsewhere, use site.base_url. */
#include "site.h"

#include "buf.h"
#include "date.h"
#include "escape.h"
#include "export.h"
#include "feed.h"
#include "listing.h"
#include "register.h"
#include "render.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FILE (64u << 20) /* bytes of one feed or data file */
#define PIECE (64u << 10) /* bytes of a piece of a feed or data file (o.pieces) */
#define NAV_CAP (8u << 20) /* bytes of one decision's links view (labels and two neighbours) */

typedef struct site {
	dr_listing *l;
	dr_renderer *r;
	const dr_config *cfg;
	dr_arena *a;
	dr_site_options o;
	dr_site_info info;
	dr_listing_item *const *items;
	size_t n;
	dr_file_fn emit;
	void *ctx;
	dr_buf out, sitemap;
	dr_value *nav; /* the links every index page has */
	dr_arena *whole; /* the whole view being read (whole_at) */
	dr_arena *page; /* the index page being made (index_pages) */
	const char *path; /* the feed or data file being made, in s->out */
	char **err;
	int rc;
} site;

/* "../../" for a page `depth` directories down. */
static const char *root_of(int depth)
{
	static const char *const roots[] = {"", "../", "../../", "../../../", "../../../../"};
	return roots[depth < 5 ? depth : 4];
}

static dr_value *str(site *s, const char *v)
{
	dr_value *x = dr_value_str(s->a, v, strlen(v));
	if (!x)
		s->rc = DR_ENOMEM;
	return x;
}

static void set(site *s, dr_value *map, const char *key, dr_value *v)
{
	if (!map || !v || dr_value_set(s->a, map, key, v))
		s->rc = DR_ENOMEM;
}

/* Adds the page at `path` to the sitemap. */
static void sitemap_add(site *s, const char *path)
{
	dr_buf u;
	dr_buf_init(&u, 3 * strlen(path) + strlen(s->info.base_url) + 2);
	FILE *f;
	char *mem = NULL;
	size_t len = 0;
	/* The path percent-encoded (a reference may hold any character its
	 * pattern allows), then escaped for XML. */
	if (dr_buf_printf(&u, "%s/", s->info.base_url) || dr_escape_uri_path_buf(&u, path) ||
	    !(f = open_memstream(&mem, &len))) {
		dr_buf_free(&u);
		s->rc = DR_ENOMEM;
		return;
	}
	fputs("<url><loc>", f);
	dr_escape_xml(f, u.p, 0);
	dr_buf_free(&u);
	fputs("</loc></url>\n", f);
	fclose(f);
	if (dr_buf_add(&s->sitemap, mem, len))
		s->rc = DR_ENOMEM;
	free(mem);
}

static void emit_file(site *s, const char *path, const char *data, size_t len)
{
	if (!s->rc)
		s->rc = s->emit(s->ctx, path, data, len);
}

static int page_emit(void *ctx, const char *path, const char *doc, size_t len)
{
	site *s = ctx;
	emit_file(s, path, doc, len);
	return s->rc;
}

/* Renders one page of the "site" template from `doc` to `path`. */
static void render_page(site *s, dr_value *doc, const char *path, int in_sitemap)
{
	if (s->rc)
		return;
	if (dr_view_common(s->a, doc, s->cfg)) {
		s->rc = DR_ENOMEM;
		return;
	}
	set(s, doc, "site_title", str(s, s->info.title));
	set(s, doc, "nav", s->nav);
	int rc = dr_renderer_render(s->r, doc, path, &s->out, page_emit, s, s->err);
	if (rc && !s->rc)
		s->rc = rc;
	if (!s->rc && in_sitemap) {
		/* Directory pages by their directory: decisions/24-00058/. */
		size_t n = strlen(path);
		char *dir = n >= 10 && !strcmp(path + n - 10, "index.html")
		                ? dr_arena_strndup(s->a, path, n - 10)
		                : (char *)path;
		if (!dir)
			s->rc = DR_ENOMEM;
		else
			sitemap_add(s, dir);
	}
}

/* Item i's whole view, read back from the register's temporary file into
 * arena a. A read that fails stops the run with DR_EIO and its reason in
 * *s->err. */
static const dr_value *whole(site *s, size_t i, dr_arena *a)
{
	const dr_value *v;
	const char *why;
	if (s->rc)
		return NULL;
	int rc = dr_listing_full(s->l, s->items[i], a, &v, &why);
	if (rc == DR_EIO && !(*s->err = strdup(why)))
		rc = DR_ENOMEM;
	s->rc = rc;
	return rc ? NULL : v;
}

typedef int (*filter_fn)(const dr_value *item, const char *arg);

static int all(const dr_value *item, const char *arg)
{
	(void)item, (void)arg;
	return 1;
}

static int key_only(const dr_value *item, const char *arg)
{
	(void)arg;
	return dr_item_flag(item, "is_key_decision") == 1;
}

static int of_year(const dr_value *item, const char *arg)
{
	const char *y = dr_item_str(item, "year");
	return y && !strcmp(y, arg);
}

static int of_maker(const dr_value *item, const char *arg)
{
	const char *m = dr_item_str(item, "maker_slug");
	return m && !strcmp(m, arg);
}

/* The pages of the items that `keep` keeps, under directory `dir` ("" for
 * the site's root): dir/index.html, dir/page/2/index.html... */
static void index_pages(site *s, const char *dir, int depth, filter_fn keep, const char *arg,
                        const char *kind, const char *key, const char *value)
{
	size_t total = 0, per = s->o.per_page;
	for (size_t i = 0; i < s->n; i++)
		total += keep(s->items[i]->view, arg);
	size_t pages = total ? (total + per - 1) / per : 1, at = 0;
	/* Each page in an arena of its own, emptied for the next: in the
	 * listing's, the pages' labels and lists would stay to the end. */
	dr_arena *kept = s->a;
	for (size_t p = 1; p <= pages && !s->rc; s->a = kept, p++) {
		dr_arena_reset(s->page);
		s->a = s->page;
		dr_value *doc = dr_value_map(s->a), *items = dr_value_list(s->a);
		if (!doc || !items) {
			s->rc = DR_ENOMEM;
			break;
		}
		size_t taken = 0;
		for (; at < s->n && taken < per && !s->rc; at++)
			if (keep(s->items[at]->view, arg)) {
				/* The row: the whole view, read back. */
				const dr_value *w = whole(s, at, s->a);
				if (w && dr_value_push(s->a, items, (dr_value *)w))
					s->rc = DR_ENOMEM;
				taken++;
			}
		/* Page 1 is dir/; page N is dir/page/N/, two levels further. */
		int d = depth + (p > 1 ? 2 : 0);
		const char *root = root_of(d);
		char num[32];
		set(s, doc, "is_register", dr_value_bool(s->a, 1));
		set(s, doc, kind, dr_value_bool(s->a, 1));
		if (key)
			set(s, doc, key, str(s, value));
		set(s, doc, "root", str(s, root));
		set(s, doc, "items", items);
		set(s, doc, "has_items", dr_value_bool(s->a, taken > 0));
		snprintf(num, sizeof(num), "%zu", p);
		set(s, doc, "page", str(s, num));
		snprintf(num, sizeof(num), "%zu", pages);
		set(s, doc, "pages", str(s, num));
		set(s, doc, "has_pages", dr_value_bool(s->a, pages > 1));
		if (p > 1) {
			char *prev = p == 2
			                 ? dr_arena_printf(s->a, "%s%s", root, dir)
			                 : dr_arena_printf(s->a, "%s%spage/%zu/", root, dir, p - 1);
			set(s, doc, "prev_href", prev ? str(s, prev) : NULL);
		}
		if (p < pages) {
			char *next = dr_arena_printf(s->a, "%s%spage/%zu/", root, dir, p + 1);
			set(s, doc, "next_href", next ? str(s, next) : NULL);
		}
		char *path = p == 1 ? dr_arena_printf(s->a, "%sindex.html", dir)
		                    : dr_arena_printf(s->a, "%spage/%zu/index.html", dir, p);
		if (!path) {
			s->rc = DR_ENOMEM;
			break;
		}
		render_page(s, doc, path, 1);
	}
	s->a = kept;
}

/* The links of every index page: the years and decision makers, newest
 * year first, makers by name. */
static void make_nav(site *s)
{
	dr_value *years = dr_value_list(s->a), *makers = dr_value_list(s->a);
	s->nav = dr_value_map(s->a);
	if (!years || !makers || !s->nav) {
		s->rc = DR_ENOMEM;
		return;
	}
	for (size_t i = 0; i < s->n && !s->rc; i++) {
		const char *y = dr_item_str(s->items[i]->view, "year");
		int seen = !y;
		for (size_t k = 0; !seen && k < years->u.list.n; k++)
			seen = !strcmp(dr_item_str(years->u.list.items[k], "year"), y);
		if (!seen) {
			dr_value *m = dr_value_map(s->a);
			set(s, m, "year", str(s, y));
			char *href = dr_arena_printf(s->a, "years/%s/", y);
			set(s, m, "href", href ? str(s, href) : NULL);
			if (dr_value_push(s->a, years, m))
				s->rc = DR_ENOMEM;
		}
	}
	for (size_t i = 0; i < s->n && !s->rc; i++) {
		const char *slug = dr_item_str(s->items[i]->view, "maker_slug");
		const char *name = dr_item_str(s->items[i]->view, "decision_maker");
		int seen = !slug || !name;
		size_t at = makers->u.list.n;
		for (size_t k = 0; !seen && k < makers->u.list.n; k++) {
			const char *other = dr_item_str(makers->u.list.items[k], "slug");
			seen = !strcmp(other, slug);
			if (!seen && at == makers->u.list.n &&
			    strcasecmp(dr_item_str(makers->u.list.items[k], "name"), name) > 0)
				at = k;
		}
		if (seen)
			continue;
		dr_value *m = dr_value_map(s->a);
		set(s, m, "name", str(s, name));
		set(s, m, "slug", str(s, slug));
		char *href = dr_arena_printf(s->a, "makers/%s/", slug);
		set(s, m, "href", href ? str(s, href) : NULL);
		/* Kept in order of name: moved into place. */
		if (!s->rc && dr_value_push(s->a, makers, m))
			s->rc = DR_ENOMEM;
		if (!s->rc) {
			memmove(makers->u.list.items + at + 1, makers->u.list.items + at,
			        (makers->u.list.n - 1 - at) * sizeof(*makers->u.list.items));
			makers->u.list.items[at] = m;
		}
	}
	set(s, s->nav, "years", years);
	set(s, s->nav, "makers", makers);
	set(s, s->nav, "has_plan", dr_value_bool(s->a, s->o.has_plan));
	set(s, s->nav, "has_notice", dr_value_bool(s->a, s->o.has_notice));
}

/* With o.pieces, hands on what s->out holds of the file being made, once
 * it holds PIECE bytes, or with `last` all of it and the end of the file. */
static void piece_out(site *s, int last)
{
	if (!s->o.pieces || s->rc || (!last && s->out.len < PIECE))
		return;
	if (s->out.len)
		s->rc = s->o.pieces(s->ctx, s->path, s->out.p, s->out.len);
	s->out.len = 0;
	if (last && !s->rc)
		s->rc = s->o.pieces(s->ctx, s->path, NULL, 0);
}

/* dr_views' at: item i's whole view, into s->whole, emptied first. */
static const dr_value *whole_at(void *ctx, size_t i)
{
	site *s = ctx;
	piece_out(s, 0); /* item i-1 is written */
	dr_arena_reset(s->whole);
	return whole(s, i, s->whole);
}

/* Starts feed or data file `path`, which a writer then makes into s->out
 * (its pieces are named by it); whether to go on. */
static int making(site *s, const char *path)
{
	s->path = path;
	s->out.len = 0;
	return !s->rc;
}

/* Ends the file being made (failed: the writer's result), handing it on
 * whole or in its last piece. */
static void made(site *s, int failed)
{
	if (s->rc)
		return;
	if (failed) {
		s->rc = DR_ENOMEM;
		return;
	}
	if (s->o.pieces)
		piece_out(s, 1);
	else
		emit_file(s, s->path, s->out.p ? s->out.p : "", s->out.len);
	s->out.len = 0;
}

static int http_url(const char *u)
{
	return u && (!strncasecmp(u, "https://", 8) || !strncasecmp(u, "http://", 7)) &&
	       !u[strcspn(u, " \"<>\\#?")];
}

int dr_site_write(dr_listing *l, dr_renderer *r, const dr_site_options *o, dr_file_fn emit,
                  void *ctx, char **err)
{
	*err = NULL;
	if (!o || !http_url(o->base_url)) {
		*err = strdup("the site needs site.base_url, the http:// or https:// address it is "
		              "served at, for its feeds and sitemap");
		return *err ? DR_EINVAL : DR_ENOMEM;
	}
	site s = {.l = l,
	          .r = r,
	          .cfg = dr_listing_config(l),
	          .a = dr_listing_arena(l),
	          .o = *o,
	          .emit = emit,
	          .ctx = ctx,
	          .err = err};
	if (!s.o.per_page)
		s.o.per_page = 50;
	s.items = dr_listing_sorted(l, &s.n);
	if (!s.items) /* a record the listing could not keep, or no memory to sort */
		return DR_ENOMEM;
	dr_buf_init(&s.out, MAX_FILE);
	dr_buf_init(&s.sitemap, MAX_FILE);
	/* The base without its trailing '/'s; the title; "now" for the feeds:
	 * the newest record's date, never the clock. */
	char *base = dr_arena_strndup(s.a, o->base_url, strlen(o->base_url));
	for (size_t n = base ? strlen(base) : 0; n > 0 && base[n - 1] == '/'; n--)
		base[n - 1] = '\0';
	const char *authority = s.cfg->authority ? s.cfg->authority : "The council";
	char *title =
	    o->title ? (char *)o->title : dr_arena_printf(s.a, "%s: decisions", authority);
	int32_t newest = DR_NO_DATE;
	for (size_t i = 0; i < s.n; i++)
		if (s.items[i]->day != DR_NO_DATE &&
		    (newest == DR_NO_DATE || s.items[i]->day > newest))
			newest = s.items[i]->day;
	s.info = (dr_site_info){.title = title,
	                        .base_url = base,
	                        .now = newest == DR_NO_DATE ? 0 : (int64_t)newest * 86400};
	if (!base || !title)
		s.rc = DR_ENOMEM;

	if (!(s.page = dr_arena_new(NAV_CAP)))
		s.rc = DR_ENOMEM;
	make_nav(&s);
	index_pages(&s, "", 0, all, NULL, "is_index", NULL, NULL);
	index_pages(&s, "key/", 1, key_only, NULL, "is_key", NULL, NULL);
	const dr_value *ys = s.nav ? dr_value_get(s.nav, "years", 5) : NULL;
	for (size_t k = 0; ys && k < ys->u.list.n && !s.rc; k++) {
		const char *y = dr_item_str(ys->u.list.items[k], "year");
		char *dir = dr_arena_printf(s.a, "years/%s/", y);
		if (!dir)
			s.rc = DR_ENOMEM;
		else
			index_pages(&s, dir, 2, of_year, y, "is_year", "year", y);
	}
	const dr_value *ms = s.nav ? dr_value_get(s.nav, "makers", 6) : NULL;
	for (size_t k = 0; ms && k < ms->u.list.n && !s.rc; k++) {
		const char *slug = dr_item_str(ms->u.list.items[k], "slug");
		char *dir = dr_arena_printf(s.a, "makers/%s/", slug);
		if (!dir)
			s.rc = DR_ENOMEM;
		else
			index_pages(&s, dir, 2, of_maker, slug, "is_maker", "maker",
			            dr_item_str(ms->u.list.items[k], "name"));
	}
	/* The page of a missing address: a server shows it at any depth, so
	 * its links are full addresses, from base_url. */
	dr_value *nf = dr_value_map(s.a);
	set(&s, nf, "is_404", dr_value_bool(s.a, 1));
	char *home = dr_arena_printf(s.a, "%s/", base ? base : "");
	set(&s, nf, "root", home ? str(&s, home) : NULL);
	render_page(&s, nf, "404.html", 0);

	/* Each decision's pages, for the sitemap: the record form only of a
	 * record that is for publication. */
	for (size_t i = 0; i < s.n && !s.rc; i++) {
		const char *slug = dr_item_str(s.items[i]->view, "reference_slug");
		char *p = slug ? dr_arena_printf(s.a, "decisions/%s/", slug) : NULL;
		if (!slug)
			continue;
		if (!p) {
			s.rc = DR_ENOMEM;
			break;
		}
		sitemap_add(&s, p);
		if (dr_item_flag(s.items[i]->view, "is_for_publication") == 1)
			sitemap_add(&s, dr_arena_printf(s.a, "%srecord.html", p));
	}
	if (o->has_plan)
		sitemap_add(&s, "plan/");
	if (o->has_notice)
		sitemap_add(&s, "notice/");
	if (making(&s, "sitemap.xml")) {
		dr_buf_puts(&s.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
		                    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		dr_buf_add(&s.out, s.sitemap.p ? s.sitemap.p : "", s.sitemap.len);
		dr_buf_puts(&s.out, "</urlset>\n");
		made(&s, s.out.failed);
	}
	/* The feeds and data read the whole views, one at a time. */
	s.whole = dr_arena_new(NAV_CAP);
	dr_views v = {whole_at, &s, s.n};
	if (!s.whole && !s.rc)
		s.rc = DR_ENOMEM;
	if (making(&s, "feeds/decisions.atom"))
		made(&s, dr_feed_atom(&s.out, s.cfg, &s.info, &v));
	if (making(&s, "feeds/calendar.ics"))
		made(&s, dr_feed_ics(&s.out, s.cfg, &s.info, &v));
	if (making(&s, "data/decisions.json"))
		made(&s, dr_export_json(&s.out, s.cfg, &s.info, &v));
	if (making(&s, "data/decisions.schema.json"))
		made(&s, dr_export_schema(&s.out));
	if (making(&s, "data/decisions.csv"))
		made(&s, dr_export_csv(&s.out, &s.info, &v));
	dr_arena_free(s.whole);
	dr_arena_free(s.page);
	dr_buf_free(&s.out);
	dr_buf_free(&s.sitemap);
	return s.rc;
}

int dr_site_nav(dr_listing *l, dr_renderer *r, const char *reference, dr_emit_fn emit, void *ctx,
                char **err)
{
	*err = NULL;
	/* The page's own view in an arena of its own: in the listing's, each
	 * page's labels would stay until the end, 20 KB a decision. */
	site s = {.l = l, .r = r, .cfg = dr_listing_config(l), .a = dr_arena_new(NAV_CAP)};
	s.items = dr_listing_sorted(l, &s.n);
	long at = dr_listing_find(l, reference);
	dr_value *doc = s.a ? dr_value_map(s.a) : NULL;
	if (!s.items || at < -1 || !doc || dr_view_common(s.a, doc, s.cfg)) {
		dr_arena_free(s.a);
		return DR_ENOMEM;
	}
	/* Newest first: the later decision is before it, the earlier after. */
	if (at > 0)
		set(&s, doc, "later", s.items[at - 1]->view);
	if (at >= 0 && (size_t)at + 1 < s.n)
		set(&s, doc, "earlier", s.items[at + 1]->view);
	set(&s, doc, "root", str(&s, "../../"));
	int rc = s.rc;
	if (!rc) {
		dr_buf out;
		dr_buf_init(&out, 1u << 20);
		rc = dr_renderer_render(r, doc, reference, &out, emit, ctx, err);
		dr_buf_free(&out);
	}
	dr_arena_free(s.a);
	return rc;
}
