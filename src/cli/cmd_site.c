/* decrec site: the register as a static website. Each input is read and
 * parsed once, on a pool of threads (--jobs): while a thread checks it, the
 * thread's two renderers render its details page and record form into the
 * thread's page logs, and its three listings keep what the register, the
 * forward plan and the call-in notice need. Once every input is checked,
 * the listings are merged and sorted, and the same threads publish the
 * pages of the files without errors they rendered, through the site's
 * directory (sitetree.c), each input's messages kept to be printed in input
 * order; then the main thread writes the register's own pages, feeds and
 * data (dr_site_write), the plan and the notice. */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* What one thread publishes with. */
typedef struct site_run {
	site_tree *tree;
	name_set *copied; /* documents copied, shared under *lock: each page
	                     that links one asks again */
	pthread_mutex_t *lock;
	int status;
	dr_listing *reg; /* the register, sorted, for the links between decisions */
	dr_renderer *nav; /* template site-nav, the thread's own */
	char *links; /* the links of the page being published */
	size_t nlinks;
	FILE *err; /* where messages go: the thread's stream, or stderr */
} site_run;

/* The worse of two exit statuses, so that threads' statuses merge the same
 * whichever order they end in. */
static void worse(int *status, int rc)
{
	if (rc > *status)
		*status = rc;
}

#define NAV_MARK "<!--decrec:nav-->"

static int put(void *ctx, const char *path, const char *data, size_t len)
{
	site_run *s = ctx;
	worse(&s->status, site_tree_write(s->tree, path, data, len, s->err));
	return 0; /* one file that fails does not stop the others */
}

static int put_piece(void *ctx, const char *path, const char *data, size_t len)
{
	site_run *s = ctx;
	worse(&s->status, site_tree_piece(s->tree, path, data, len, s->err));
	return 0;
}

static int keep_links(void *ctx, const char *reference, const char *doc, size_t len)
{
	(void)reference;
	site_run *s = ctx;
	char *v = realloc(s->links, len + 1);
	if (!v)
		return DR_ENOMEM;
	memcpy(v, doc, len);
	s->links = v;
	s->nlinks = len;
	return 0;
}

/* Each decision's page, from a page log entry: decisions/SLUG/NAME. */
static void put_page(site_run *s, const char *input, const char *reference, const char *name,
                     const char *doc, size_t len)
{
	char path[600];
	if (!reference) {
		fprintf(s->err, "decrec: %s: a record has no reference, so it has no page\n",
		        input);
		worse(&s->status, EXIT_FINDINGS);
		return;
	}
	int n = snprintf(path, sizeof(path), "decisions/%s/%s", reference, name);
	for (char *c = path + 10; *c && c < path + 10 + strlen(reference); c++)
		if (*c == '/')
			*c = '-';
	if (n >= (int)sizeof(path) || reference[0] == '.' || strstr(reference, "..")) {
		fprintf(s->err, "decrec: %s: reference '%s' does not make a page name\n", input,
		        reference);
		worse(&s->status, EXIT_FINDINGS);
		return;
	}
	/* The links to the decisions before and after, where the page marks
	 * them: known only now that every record is checked. */
	const char *mark = strstr(doc, NAV_MARK); /* the log ends each page with a NUL */
	char *err = NULL;
	if (!mark) {
		put(s, path, doc, len);
		return;
	}
	int rc = dr_site_nav(s->reg, s->nav, reference, keep_links, s, &err);
	if (rc) {
		fprintf(s->err, "decrec: %s: %s\n", input, err ? err : "out of memory");
		free(err);
		worse(&s->status, rc == DR_EINVAL ? EXIT_USAGE : EXIT_IO);
		return;
	}
	size_t head = (size_t)(mark - doc), tail = len - head - strlen(NAV_MARK);
	char *page = malloc(head + s->nlinks + tail + 1);
	if (!page) {
		fprintf(s->err, "decrec: out of memory\n");
		worse(&s->status, EXIT_IO);
		return;
	}
	memcpy(page, doc, head);
	memcpy(page + head, s->links, s->nlinks);
	memcpy(page + head + s->nlinks, mark + strlen(NAV_MARK), tail);
	put(s, path, page, head + s->nlinks + tail);
	free(page);
}

/* Publishes the entries of input i from log g; returns -1 when the log
 * cannot be read. */
static int publish(site_run *s, render_log *g, uint32_t i, const char *input, const char *name,
                   int publish_it)
{
	int got;
	while ((got = log_next(g, i)) > 0) {
		if (!publish_it)
			continue;
		const char *a = g->ev.has_a ? g->a : NULL;
		char rel[4200];
		switch (g->ev.type) {
		case EV_PAGE:
			put_page(s, input, a, name, g->b, g->ev.nb);
			break;
		case EV_COPY: {
			/* The details page and the form, and other records, may link
			 * the same document: it is copied once. */
			pthread_mutex_lock(s->lock);
			int seen = name_set_add(s->copied, a);
			pthread_mutex_unlock(s->lock);
			snprintf(rel, sizeof(rel), "documents/%s", a);
			if (seen < 0 ||
			    (!seen && site_tree_copy(s->tree, rel, g->b, s->err) == EXIT_IO))
				worse(&s->status, EXIT_IO);
			if (seen < 0)
				fprintf(s->err, "decrec: out of memory\n");
			break;
		}
		case EV_MISSING:
			fprintf(s->err,
			        "decrec: %s: document '%s' is not in the repository: its "
			        "title is shown without a link\n",
			        input, a ? a : "");
			break;
		case EV_ERROR:
			fprintf(s->err, "decrec: %s: %s\n", input, a ? a : "cannot render");
			worse(&s->status, g->ev.rc == DR_EINVAL ? EXIT_USAGE : EXIT_IO);
			break;
		default: /* EV_NOTE, EV_WITHHELD: the form of an exempt record stays out */
			break;
		}
	}
	return got;
}

/* Where a listing's document goes: the plan's or the notice's page. */
typedef struct doc_at {
	site_run *s;
	const char *path;
} doc_at;

static int doc_put(void *ctx, const char *reference, const char *doc, size_t len)
{
	(void)reference;
	doc_at *at = ctx;
	return put(at->s, at->path, doc, len);
}

/* What one thread checks and renders with. Each page log holds the
 * entries of the inputs its thread checked, in input order (a thread takes
 * inputs in increasing order), so the pages can be published in input
 * order from the logs of the threads that rendered them. */
typedef struct site_worker {
	dr_checker *chk;
	dr_renderer *details, *form;
	render_log gd, gf;
	dr_listing *reg, *plan, *notice;
	doc_links links;
	site_run s; /* publishing */
	char *msg; /* s.err's bytes, once closed */
	size_t nmsg;
} site_worker;

typedef struct site_job {
	const inputs *in;
	const char *stdin_name;
	dr_run *run;
	site_worker *w;
	unsigned char *owner; /* per input: the thread that checked it */
	char **err; /* per input: why it could not be read */
	const char *publishable; /* per input: its pages are published */
	int serial; /* thread 0 publishes every input (publish_files) */
	unsigned char *wrote; /* per input: the thread that published it */
	size_t *msg_from, *msg_to; /* per input: its messages in that thread's msg */
	size_t next;
	int failed; /* DR_ENOMEM: the run cannot go on */
	pthread_mutex_t lock;
} site_job;

static void check_files(void *ctx, size_t t)
{
	site_job *j = ctx;
	site_worker *w = &j->w[t];
	for (;;) {
		pthread_mutex_lock(&j->lock);
		size_t i = j->next++;
		int stop = j->failed;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->in->n || stop)
			break;
		dr_file *f;
		char *err = NULL;
		w->links.base = input_path(j->in->v[i], j->stdin_name);
		w->gd.file = w->gf.file = (uint32_t)i;
		dr_listing_attach(w->reg, w->chk, i);
		dr_listing_attach(w->plan, w->chk, i);
		dr_listing_attach(w->notice, w->chk, i);
		int rc = dr_checker_check_path(&f, w->chk, j->in->v[i], &err);
		if (rc == DR_EIO) {
			j->err[i] = err ? err : strdup(j->in->v[i]);
			continue;
		}
		if (rc || dr_run_add(j->run, t, i, f)) {
			pthread_mutex_lock(&j->lock);
			j->failed = DR_ENOMEM;
			pthread_mutex_unlock(&j->lock);
			break;
		}
		j->owner[i] = (unsigned char)t;
		for (int k = 0; k < 2; k++)
			if ((rc = dr_renderer_error(k ? w->form : w->details, &err))) {
				log_put(k ? &w->gf : &w->gd, EV_ERROR, rc, err,
				        err ? strlen(err) : 0, NULL, 0);
				free(err);
				err = NULL;
			}
	}
}

/* Publishes the pages of the inputs thread t rendered, in input order from
 * its logs, each input's messages at msg_from..msg_to of the thread's
 * stream; with j->serial, thread 0 alone publishes every input, from the
 * logs of the thread that rendered it. A thread stops at an I/O error. */
static void publish_files(void *ctx, size_t t)
{
	site_job *j = ctx;
	site_worker *w = &j->w[t];
	for (size_t i = 0; i < j->in->n && w->s.status != EXIT_IO; i++) {
		if (!j->serial && j->owner[i] != t)
			continue;
		site_worker *logs = &j->w[j->owner[i]];
		const char *name = input_path(j->in->v[i], j->stdin_name);
		name = name ? name : j->in->v[i];
		long from = ftell(w->s.err);
		j->wrote[i] = (unsigned char)t;
		if (publish(&w->s, &logs->gd, (uint32_t)i, name, "index.html", j->publishable[i]) <
		        0 ||
		    publish(&w->s, &logs->gf, (uint32_t)i, name, "record.html", j->publishable[i]) <
		        0) {
			fprintf(w->s.err, "decrec: cannot read a temporary file: %s\n",
			        strerror(errno));
			w->s.status = EXIT_IO;
		}
		long to = ftell(w->s.err);
		j->msg_from[i] = from < 0 ? 0 : (size_t)from;
		j->msg_to[i] = to < from ? j->msg_from[i] : (size_t)to;
	}
}

/* Makes thread t's renderers, logs, listings and checker; 0, or an exit
 * status after saying why. */
static int worker_new(site_worker *w, const dr_config *cfg, const dr_check_options *co,
                      const doc_links *links, const char *templates, int32_t today)
{
	char *err = NULL;
	int rc;
	w->links = *links;
	w->gd.links = w->gf.links = &w->links;
	dr_render_options rd = {.format = DR_DOC_HTML,
	                        .template_name = "details",
	                        .templates = templates,
	                        .link = log_link,
	                        .link_ctx = &w->gd,
	                        .site = 1};
	dr_render_options rf = {.format = DR_DOC_HTML,
	                        .template_name = "record",
	                        .templates = templates,
	                        .link = log_link,
	                        .link_ctx = &w->gf,
	                        .withheld = log_withheld,
	                        .withheld_ctx = &w->gf,
	                        .site = 1};
	dr_render_options rv = {
	    .format = DR_DOC_HTML, .template_name = "site-nav", .templates = templates};
	dr_listing_options lr = {.kind = DR_LISTING_REGISTER};
	dr_listing_options lp = {
	    .kind = DR_LISTING_PLAN, .date = today, .since = DR_TODAY, .site = 1};
	dr_listing_options ln = {
	    .kind = DR_LISTING_NOTICE, .from = today - 6, .to = today, .site = 1};
	if ((rc = dr_renderer_new(&w->details, cfg, &rd, &err)) ||
	    (rc = dr_renderer_new(&w->form, cfg, &rf, &err)) ||
	    (rc = dr_renderer_new(&w->s.nav, cfg, &rv, &err))) {
		fprintf(stderr, "decrec: %s\n", err ? err : "cannot load a template");
		free(err);
		return rc == DR_EIO ? EXIT_IO : EXIT_USAGE;
	}
	if (log_open(&w->gd) || log_open(&w->gf) || dr_listing_new(&w->reg, cfg, &lr) ||
	    dr_listing_new(&w->plan, cfg, &lp) || dr_listing_new(&w->notice, cfg, &ln) ||
	    !(w->chk = dr_checker_new(cfg, co)) ||
	    !(w->s.err = open_memstream(&w->msg, &w->nmsg))) {
		fprintf(stderr, "decrec: out of memory\n");
		return EXIT_IO;
	}
	dr_renderer_attach(w->details, w->chk, log_page, &w->gd);
	dr_renderer_attach(w->form, w->chk, log_page, &w->gf);
	return 0;
}

static void worker_free(site_worker *w)
{
	log_close(&w->gd);
	log_close(&w->gf);
	dr_checker_free(w->chk);
	dr_listing_free(w->reg);
	dr_listing_free(w->plan);
	dr_listing_free(w->notice);
	dr_renderer_free(w->details);
	dr_renderer_free(w->form);
	dr_renderer_free(w->s.nav);
	if (w->s.err)
		fclose(w->s.err);
	free(w->msg);
	free(w->s.links);
}

int cmd_site(int argc, char **argv)
{
	const char *arg, *dir = NULL, *templates = NULL;
	int force = 0, check = 0, c;
	long jobs = 0; /* one thread a core */
	cli_parser p;
	cli_common com;
	cli_parser_init(&p, CLI_SITE, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_SITE_DIR:
			dir = arg;
			break;
		case OPT_SITE_FORCE:
			force = 1;
			break;
		case OPT_SITE_CHECK:
			check = 1;
			break;
		case OPT_TEMPLATES:
			templates = arg;
			break;
		case OPT_JOBS:
			if (jobs_option(&jobs, "site", arg))
				return EXIT_USAGE;
			break;
		}
	}
	if (c < 0)
		return p.status;
	int32_t today = com.today == DR_TODAY ? dr_date_today() : com.today;

	dr_config *cfg = NULL;
	dr_renderer *pages = NULL, *plan_r = NULL, *notice_r = NULL;
	dr_listing *reg = NULL, *plan = NULL, *notice = NULL;
	char *found = NULL, *err = NULL, *publishable = NULL;
	inputs in = {0};
	name_set copied = {0};
	site_run s = {.copied = &copied, .err = stderr};
	site_job j = {0};
	site_tree *tree = NULL;
	long nthreads = 0;
	doc_links links = {.prefix = "../../documents"};
	dr_site_options so;
	pthread_mutex_init(&j.lock, NULL);
	int status = load_config(&cfg, com.config, com.no_config, &found);
	if (status)
		goto out;
	const char *out_dir = dr_config_site(cfg, &so);
	if (!dir)
		dir = out_dir ? out_dir : "public";
	if (!so.base_url) {
		status = usage_error("site", "decrec.yaml gives no site.base_url: the address the "
		                             "site is served at, which its feeds and sitemap need");
		goto out;
	}
	links.cfg = cfg;
	links.out_dir = dir;
	dr_render_options rs = {
	    .format = DR_DOC_HTML, .template_name = "site", .templates = templates};
	dr_render_options rp = {
	    .format = DR_DOC_HTML, .template_name = "plan", .templates = templates};
	dr_render_options rn = {
	    .format = DR_DOC_HTML, .template_name = "notice", .templates = templates};
	int rc;
	if ((rc = dr_renderer_new(&pages, cfg, &rs, &err)) ||
	    (rc = dr_renderer_new(&plan_r, cfg, &rp, &err)) ||
	    (rc = dr_renderer_new(&notice_r, cfg, &rn, &err))) {
		fprintf(stderr, "decrec: %s\n", err ? err : "cannot load a template");
		free(err);
		status = rc == DR_EIO ? EXIT_IO : EXIT_USAGE;
		goto out;
	}
	status = collect_inputs(&in, argv + optind, argc - optind, com.config ? NULL : found);
	if (in.n == 0 && !status) {
		fprintf(stderr, "decrec: no records found: no *.yaml or *.yml file in %s\n",
		        in.searched          ? in.searched
		        : argc - optind == 1 ? argv[optind]
		                             : "the paths given");
		status = EXIT_USAGE;
		goto out;
	}
	nthreads = pool_size(jobs, in.n);
	if (!(j.w = calloc((size_t)nthreads, sizeof(*j.w))) ||
	    !(j.owner = calloc(in.n ? in.n : 1, 1)) || !(j.wrote = calloc(in.n ? in.n : 1, 1)) ||
	    !(j.err = calloc(in.n ? in.n : 1, sizeof(*j.err))) ||
	    !(j.msg_from = calloc(in.n ? in.n : 1, sizeof(*j.msg_from))) ||
	    !(j.msg_to = calloc(in.n ? in.n : 1, sizeof(*j.msg_to))) ||
	    !(j.run = dr_run_new(in.n, (size_t)nthreads))) {
		fprintf(stderr, "decrec: out of memory\n");
		status = EXIT_IO;
		goto out;
	}
	dr_check_options co = {.today = com.today, .quote = 1};
	for (long t = 0; t < nthreads; t++)
		if ((status = worker_new(&j.w[t], cfg, &co, &links, templates, today)))
			goto out;
	if ((rc = site_tree_open(&tree, dir, check, force))) {
		status = rc;
		goto out;
	}
	j.in = &in;
	j.stdin_name = com.stdin_name;
	pool_run(nthreads, check_files, &j);
	if (j.failed) {
		fprintf(stderr, "decrec: out of memory\n");
		status = EXIT_IO;
		goto out;
	}
	for (size_t i = 0; i < in.n; i++)
		if (j.err[i]) {
			fprintf(stderr, "decrec: %s\n", j.err[i]);
			status = EXIT_IO;
		}
	if (status == EXIT_IO) {
		fprintf(stderr, "decrec site: nothing written: an input could not be read\n");
		goto out;
	}
	/* One listing of each kind, from every thread's. */
	reg = j.w[0].reg, plan = j.w[0].plan, notice = j.w[0].notice;
	for (long t = 0; t < nthreads; t++) {
		site_worker *w = &j.w[t];
		if (t && (dr_listing_merge(reg, w->reg) || dr_listing_merge(plan, w->plan) ||
		          dr_listing_merge(notice, w->notice))) {
			fprintf(stderr, "decrec: out of memory\n");
			status = EXIT_IO;
			goto out;
		}
		if (w->gd.failed || w->gf.failed || log_rewind(&w->gd) || log_rewind(&w->gf)) {
			fprintf(stderr, "decrec: cannot write a temporary file: %s\n",
			        strerror(errno));
			status = EXIT_IO;
			goto out;
		}
	}
	s.status = EXIT_OK;
	s.tree = tree;
	s.lock = &j.lock;
	/* First every file's findings, and the records of files with errors
	 * out of the listings: a page links to the decisions next to it, which
	 * must be the published ones. Then the pages. */
	if (!(publishable = calloc(in.n ? in.n : 1, 1))) {
		s.status = EXIT_IO;
		goto out;
	}
	for (size_t i = 0; i < in.n; i++) {
		const dr_file *f = dr_run_file(j.run, i);
		if (!f && *dr_run_error(j.run)) {
			fprintf(stderr, "decrec: %s\n", dr_run_error(j.run));
			s.status = EXIT_IO;
			break;
		}
		size_t errors = report_errors(f);
		publishable[i] = !errors || force;
		if (!errors || force)
			continue;
		fprintf(stderr,
		        "decrec: %s: not published: %zu validation error%s (--force publishes it "
		        "anyway)\n",
		        dr_file_name(f), errors, errors == 1 ? "" : "s");
		dr_listing_drop(reg, i);
		dr_listing_drop(plan, i);
		dr_listing_drop(notice, i);
		if (s.status == EXIT_OK)
			s.status = EXIT_FINDINGS;
	}
	/* The register sorted now, so that the threads only read it. */
	if (s.status != EXIT_IO && dr_listing_sort(reg)) {
		fprintf(stderr, "decrec: out of memory\n");
		s.status = EXIT_IO;
	}
	if (s.status != EXIT_IO) {
		j.publishable = publishable;
		/* Two records of one reference (published with --force, or with
		 * duplicate-reference turned off) would write one page: published
		 * in input order, the first one's, as with one thread. */
		j.serial = dr_listing_shared(reg) > 0;
		for (long t = 0; t < nthreads; t++) {
			site_run *ws = &j.w[t].s;
			ws->tree = tree, ws->copied = &copied, ws->lock = &j.lock, ws->reg = reg;
		}
		pool_run(j.serial ? 1 : nthreads, publish_files, &j);
		for (long t = 0; t < nthreads; t++) {
			site_worker *w = &j.w[t];
			worse(&s.status, w->s.status);
			int bad = fclose(w->s.err);
			w->s.err = NULL;
			if (bad) { /* the messages are lost: say so */
				fprintf(stderr, "decrec: out of memory\n");
				s.status = EXIT_IO;
			}
		}
		for (size_t i = 0; i < in.n; i++) {
			site_worker *w = &j.w[j.wrote[i]];
			if (w->msg && j.msg_to[i] <= w->nmsg)
				fwrite(w->msg + j.msg_from[i], 1, j.msg_to[i] - j.msg_from[i],
				       stderr);
		}
	}
	so.has_plan = so.has_notice = 1;
	so.pieces = put_piece;
	doc_at plan_at = {&s, "plan/index.html"}, notice_at = {&s, "notice/index.html"};
	if (s.status != EXIT_IO &&
	    ((rc = dr_site_write(reg, pages, &so, put, &s, &err)) ||
	     (rc = dr_listing_render(plan, plan_r, doc_put, &plan_at, &err)) ||
	     (rc = dr_listing_render(notice, notice_r, doc_put, &notice_at, &err)))) {
		fprintf(stderr, "decrec: %s\n", err ? err : "out of memory");
		free(err);
		err = NULL;
		s.status = rc == DR_EINVAL ? EXIT_USAGE : EXIT_IO;
	}
	size_t input;
	const char *ref, *why;
	for (size_t i = 0; !dr_listing_left_out(plan, i, &input, &ref, &why); i++)
		fprintf(stderr, "decrec site: plan: %s: %s left out: %s\n", in.v[input],
		        *ref ? ref : "a record", why);
	rc = site_tree_finish(tree, s.status != EXIT_IO);
	size_t written, unchanged, removed;
	site_tree_counts(tree, &written, &unchanged, &removed);
	if (!check)
		fprintf(stderr, "decrec site: %s: %zu file%s written, %zu unchanged, %zu removed\n",
		        dir, written, written == 1 ? "" : "s", unchanged, removed);
	status = rc > s.status ? rc : s.status;
out:
	if (tree)
		site_tree_close(tree, status != EXIT_IO);
	for (long t = 0; j.w && t < nthreads; t++)
		worker_free(&j.w[t]);
	for (size_t i = 0; j.err && i < in.n; i++)
		free(j.err[i]);
	free(j.err);
	free(j.w);
	free(j.owner);
	free(j.wrote);
	free(j.msg_from);
	free(j.msg_to);
	pthread_mutex_destroy(&j.lock);
	name_set_free(&copied);
	doc_links_free(&links);
	dr_run_free(j.run);
	dr_renderer_free(pages);
	dr_renderer_free(plan_r);
	dr_renderer_free(notice_r);
	free(publishable);
	inputs_free(&in);
	dr_config_free(cfg);
	free(found);
	if (close_stdout() && !status)
		status = EXIT_IO;
	return status;
}
