/* The renderer: finds templates and partials by name, compiles the main
 * template once, and renders each record's view with the escaping of the
 * output format: from a file's text (dr_render_buffer), or from the tree a
 * checker has just parsed (dr_renderer_attach), so that decrec render
 * parses each file once. */
#include "render.h"
#include "templates.h"

#include "checker.h"
#include "config.h"
#include "docx.h"
#include "escape.h"
#include "file.h"
#include "load.h"
#include "mustache.h"
#include "record.h"
#include "url.h"
#include "view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_OUTPUT (16u << 20) /* bytes of one rendered document */

/* A template text read from a directory, kept for the renderer's life. */
typedef struct loaded {
	struct loaded *next;
	char *name; /* as asked for */
	char *text;
	size_t len;
} loaded;

struct dr_renderer {
	const dr_config *cfg;
	dr_render_options o;
	dr_template *main;
	/* A Word document's header and footer, its reference document, the
	 * references of the record being rendered, and the package. */
	dr_template *header, *footer;
	dr_docx_ref *ref;
	dr_wml *wml;
	dr_buf docx;
	loaded *texts;
	char *err; /* the first partial lookup error of a render */
	int form; /* the record form, which alone sees an exempt record whole */
	/* Attached to a checker: where documents go, and the first error
	 * since dr_renderer_error, which stops rendering until then. */
	dr_emit_fn emit;
	void *emit_ctx;
	dr_buf out;
	int failed;
	char *failed_err;
};

static int valid_name(const char *name)
{
	if (!*name || strlen(name) > 64)
		return 0;
	for (const char *s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static char *message(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
	char *m = malloc(n);
	if (m)
		snprintf(m, n, fmt, a, b);
	return m;
}

/* Reads dir/file into the renderer's list; 1 found, 0 not there, -1 error. */
static int read_template(dr_renderer *r, const char *path, const char **text, size_t *len)
{
	char *buf, *err = NULL;
	size_t n;
	FILE *probe = fopen(path, "r");
	if (!probe)
		return 0;
	fclose(probe);
	if (dr_read_file(&buf, &n, path, DR_MAX_TEMPLATE, &err)) {
		free(r->err);
		r->err = err;
		return -1;
	}
	if (n > DR_MAX_TEMPLATE) {
		free(buf);
		free(r->err);
		r->err = message("%s: the template is larger than the limit of 1 MB%s", path, "");
		return -1;
	}
	loaded *l = calloc(1, sizeof(*l));
	if (!l || !(l->name = strdup(path))) {
		free(l);
		free(buf);
		return -1;
	}
	l->text = buf;
	l->len = n;
	l->next = r->texts;
	r->texts = l;
	*text = buf;
	*len = n;
	return 1;
}

/* Finds template `name` for the output format: in --templates, in the
 * config's templates, then built in. */
static int find(dr_renderer *r, const char *name, const char **text, size_t *len)
{
	static const char *const exts[] = {"md", "html", "docx.xml"};
	const char *ext = exts[r->o.format];
	const char *dirs[] = {r->o.templates, r->cfg->templates};
	char path[4096];
	if (!valid_name(name)) {
		if (!r->err)
			r->err = message("partial '%s' is not allowed: templates and partials are "
			                 "found by name (letters, digits, '-', '_')%s",
			                 name, "");
		return -1;
	}
	for (const loaded *l = r->texts; l; l = l->next)
		if (!strcmp(l->name, name)) {
			*text = l->text;
			*len = l->len;
			return 0;
		}
	for (int i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s.%s", dirs[i], name, ext);
		int got = read_template(r, path, text, len);
		if (got < 0)
			return -1;
		if (got) {
			/* Cache under the bare name so a partial is read once. */
			free(r->texts->name);
			r->texts->name = strdup(name);
			return r->texts->name ? 0 : -1;
		}
	}
	snprintf(path, sizeof(path), "%s.%s", name, ext);
	for (size_t i = 0; i < dr_builtin_count; i++)
		if (!strcmp(dr_builtins[i].name, path)) {
			*text = dr_builtins[i].text;
			*len = strlen(dr_builtins[i].text);
			return 0;
		}
	return -1;
}

static int partial(void *ctx, const char *name, const char **src, size_t *len)
{
	return find(ctx, name, src, len);
}

/* A Word document's header and footer templates, and its reference
 * document: --reference-docx, else the config's docx.reference. */
static int docx_parts(dr_renderer *r, char **err)
{
	const char *names[] = {"docx-header", "docx-footer"}, *text;
	dr_template **t[] = {&r->header, &r->footer};
	size_t len;
	for (int i = 0; i < 2; i++) {
		if (find(r, names[i], &text, &len)) {
			*err = r->err ? r->err : message("no template '%s'%s", names[i], "");
			r->err = NULL;
			return DR_EINVAL;
		}
		int rc = dr_template_compile(t[i], names[i], text, len, err);
		if (rc)
			return rc;
	}
	const char *ref = r->o.reference_docx ? r->o.reference_docx : r->cfg->docx_reference;
	return ref ? dr_docx_ref_load(&r->ref, ref, err) : 0;
}

int dr_renderer_new(dr_renderer **out, const dr_config *cfg, const dr_render_options *o, char **err)
{
	dr_renderer *r = calloc(1, sizeof(*r));
	static const char *const formats[] = {"Markdown", "HTML", "Word"};
	const char *text = NULL, *name;
	size_t len = 0;
	int rc = DR_EINVAL;
	*err = NULL;
	if (!r)
		return DR_ENOMEM;
	if (!cfg) {
		free(r);
		*err = message("no config to render with%s%s", "", "");
		return *err ? DR_EINVAL : DR_ENOMEM;
	}
	r->cfg = cfg;
	r->o = o ? *o : (dr_render_options){0};
	o = &r->o;
	dr_buf_init(&r->out, MAX_OUTPUT);
	dr_buf_init(&r->docx, MAX_OUTPUT);
	if (o->format > DR_DOC_DOCX) {
		free(r);
		*err = message("no output format %s%s", "", "");
		return *err ? DR_EINVAL : DR_ENOMEM;
	}
	name = o->template_name ? o->template_name : "record";
	char builtin[64];
	for (size_t i = 0; valid_name(name) && i < dr_builtin_count; i++) {
		/* A built-in name ignores case (--template Details), as format
		 * names do; files in template directories keep theirs. */
		const char *b = dr_builtins[i].name;
		size_t n = strcspn(b, ".");
		if (strlen(name) == n && n < sizeof(builtin) && !strncasecmp(b, name, n)) {
			snprintf(builtin, sizeof(builtin), "%.*s", (int)n, b);
			name = builtin;
			break;
		}
	}
	/* By name, built in or the council's own: a template given as a file
	 * or under another name gets the public view (docs/templates.md). */
	r->form = !strcmp(name, "record");
	if (valid_name(name)) {
		if (find(r, name, &text, &len)) {
			*err = r->err ? r->err
			              : message("no template '%s' for %s output (built in: record, "
			                        "details, plan, notice)",
			                        name, formats[o->format]);
			r->err = NULL;
			goto fail;
		}
	} else {
		/* A file named on the command line. */
		int got = read_template(r, name, &text, &len);
		if (got <= 0) {
			*err =
			    r->err ? r->err : message("%s: cannot read the template%s", name, "");
			r->err = NULL;
			rc = DR_EIO;
			goto fail;
		}
	}
	rc = dr_template_compile(&r->main, name, text, len, err);
	if (!rc && o->format == DR_DOC_DOCX)
		rc = docx_parts(r, err);
	if (rc)
		goto fail;
	*out = r;
	return 0;
fail:
	dr_renderer_free(r);
	return rc ? rc : DR_EINVAL;
}

void dr_renderer_free(dr_renderer *r)
{
	if (!r)
		return;
	for (loaded *l = r->texts, *next; l; l = next) {
		next = l->next;
		free(l->name);
		free(l->text);
		free(l);
	}
	dr_template_free(r->main);
	dr_template_free(r->header);
	dr_template_free(r->footer);
	dr_docx_ref_free(r->ref);
	free(r->err);
	dr_buf_free(&r->out);
	dr_buf_free(&r->docx);
	free(r->failed_err);
	free(r);
}

/* Passes each relative document link of the view to the caller's hook
 * (dr_render_options.link) and puts its answer in the view. */
static int relink(const dr_renderer *r, dr_arena *a, dr_value *view)
{
	dr_value *docs = NULL;
	for (size_t i = 0; i < view->u.map.n; i++)
		if (!strcmp(view->u.map.keys[i], "documents"))
			docs = view->u.map.vals[i];
	for (size_t i = 0; docs && docs->type == DR_V_LIST && i < docs->u.list.n; i++) {
		dr_value *d = docs->u.list.items[i];
		const dr_value *href = dr_value_get(d, "href", 4),
		               *is_link = dr_value_get(d, "is_link", 7);
		/* A document marked exempt (documents[].exempt, unless a clear
		 * no) is never handed over, so never copied for publication. */
		const dr_value *exempt = dr_value_get(d, "exempt", 6),
		               *is_exempt = dr_value_get(d, "is_exempt", 9);
		if (exempt && !(is_exempt && is_exempt->type == DR_V_BOOL && !is_exempt->u.b))
			continue;
		if (!href || href->type != DR_V_STR || !dr_value_truthy(is_link) ||
		    dr_url_classify(href->u.str.s) != DR_URL_RELATIVE)
			continue;
		char *to = NULL;
		int rc = r->o.link(r->o.link_ctx, href->u.str.s, &to);
		if (rc)
			return rc;
		if (!to)
			continue;
		rc = dr_value_set(a, d, "href", dr_value_str(a, to, strlen(to)));
		if (!rc && !*to)
			rc = dr_value_set(a, d, "is_link", dr_value_bool(a, 0));
		free(to);
		if (rc)
			return DR_ENOMEM;
	}
	return 0;
}

/* Renders one record, whose tree is in arena a (the view goes there too),
 * into out and hands the document to emit; a record form that is not for
 * publication goes to the withheld hook instead. */
static int render_record(dr_renderer *r, dr_arena *a, const dr_record *rec, dr_buf *out,
                         dr_emit_fn emit, void *ctx, char **err)
{
	const dr_node *ref = rec->val[F_REFERENCE];
	if (r->form && r->o.withheld && dr_view_is_exempt(rec)) {
		r->o.withheld(r->o.withheld_ctx, ref ? ref->u.scalar.s : NULL);
		return 0;
	}
	dr_wml wml;
	dr_wml_init(&wml, a);
	r->wml = r->o.format == DR_DOC_DOCX ? &wml : NULL;
	dr_value *view = dr_view_new(a, rec, r->cfg, r->cfg->date_style_long, r->wml);
	if (!r->form)
		view = dr_view_public(a, view, rec);
	if (!view)
		return DR_ENOMEM;
	int rc = r->o.link ? relink(r, a, view) : 0;
	if (rc)
		return rc;
	if (r->o.site) {
		/* Both pages of a decision are in decisions/REF/. */
		dr_value *site = dr_value_map(a);
		/* nav marks where decrec site puts the links to the decisions
		 * before and after, known once every record is checked: an HTML
		 * comment, which no record's text can make (it is escaped, and
		 * raw HTML is dropped). */
		static const char *const keys[][2] = {{"root", "../../"},
		                                      {"details_href", "./"},
		                                      {"record_href", "record.html"},
		                                      {"nav", "<!--decrec:nav-->"}};
		for (int i = 0; site && i < 4; i++)
			if (dr_value_set(a, site, keys[i][0],
			                 dr_value_str(a, keys[i][1], strlen(keys[i][1]))))
				site = NULL;
		if (!site || dr_value_set(a, view, "site", site))
			return DR_ENOMEM;
	}
	rc = dr_renderer_render(r, view, ref ? ref->u.scalar.s : NULL, out, emit, ctx, err);
	r->wml = NULL;
	return rc;
}

/* A string of the view at a dotted path ("dates.decision_iso"), or NULL. */
static const char *view_str(const dr_value *v, const char *path)
{
	while (v && v->type == DR_V_MAP) {
		size_t n = strcspn(path, ".");
		v = dr_value_get(v, path, n);
		if (!path[n])
			return v && v->type == DR_V_STR ? v->u.str.s : NULL;
		path += n + 1;
	}
	return NULL;
}

/* Renders the header and footer with the view, and packages them with the
 * body in out as a Word document in r->docx. */
static int package(dr_renderer *r, const dr_value *view, const dr_buf *out, char **err)
{
	dr_buf hf[2];
	dr_template *t[] = {r->header, r->footer};
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		dr_buf_init(&hf[i], MAX_OUTPUT);
		if (!rc)
			rc = dr_template_render(t[i], view, partial, r, dr_escape_wml, &hf[i], err);
	}
	const char *created = view_str(view, "dates.decision_iso");
	if (!created)
		created = view_str(view, "forward_plan.first_published_iso");
	const char *modified = view_str(view, "dates.published_iso");
	const char *title = view_str(view, "decision_title");
	dr_docx_doc d = {
	    .body = out->p ? out->p : "",
	    .header = hf[0].p ? hf[0].p : "",
	    .footer = hf[1].p ? hf[1].p : "",
	    .wml = r->wml,
	    .title = title ? title : view_str(view, "title"),
	    .creator = view_str(view, "authority"),
	    .identifier = view_str(view, "reference"),
	    .created = created,
	    .modified = modified ? modified : created,
	};
	if (!rc && dr_docx_write(&r->docx, &d, r->ref))
		rc = DR_ENOMEM;
	if (!rc && (hf[0].failed || hf[1].failed))
		rc = DR_ENOMEM;
	for (int i = 0; i < 2; i++)
		dr_buf_free(&hf[i]);
	return rc;
}

int dr_renderer_render(dr_renderer *r, const dr_value *view, const char *name, dr_buf *out,
                       dr_emit_fn emit, void *ctx, char **err)
{
	out->len = 0;
	out->failed = out->oom = 0;
	static const dr_escape_fn escapes[] = {dr_escape_markdown, dr_escape_html, dr_escape_wml};
	int rc = dr_template_render(r->main, view, partial, r, escapes[r->o.format], out, err);
	/* A refused partial name renders as nothing to Mustache, but it is a
	 * template error to us. */
	if (r->err && !rc)
		rc = DR_EINVAL;
	if (rc) {
		if (r->err && !*err) {
			*err = r->err;
			r->err = NULL;
		}
		return rc;
	}
	if (r->o.format == DR_DOC_DOCX) {
		if ((rc = package(r, view, out, err)))
			return rc;
		return emit(ctx, name, r->docx.p, r->docx.len);
	}
	return emit(ctx, name, out->p ? out->p : "", out->len);
}

int dr_render_buffer(dr_renderer *r, const char *buf, size_t len, dr_emit_fn emit, void *ctx,
                     char **err)
{
	/* The findings have an arena of their own: a tree at the cap must not
	 * make its too-large finding look like out of memory. */
	dr_arena *a = dr_arena_new(DR_ARENA_CAP), *fa = dr_arena_new(SIZE_MAX);
	dr_loader *l = NULL;
	dr_diags d = {.arena = fa};
	int rc = 0;
	*err = NULL;
	/* Text the checker refuses (its encoding finding) renders nothing. */
	if (!a || !fa || (rc = dr_loader_open(&l, NULL, buf, len, &d)) != 0) {
		rc = rc == 1 ? 0 : DR_ENOMEM;
		goto done;
	}
	for (;;) {
		dr_node *root;
		dr_pos start;
		dr_arena_reset(a);
		dr_arena_reset(fa);
		d.n = 0;
		if (dr_loader_next(l, a, &d, &root, &start) <= 0)
			break;
		if (!root || root->type != DR_MAP)
			continue;
		dr_record rec;
		dr_record_walk(&rec, root, start, &d);
		if ((rc = render_record(r, a, &rec, &r->out, emit, ctx, err)))
			break;
	}
	if (!rc && d.failed)
		rc = DR_ENOMEM;
done:
	free(d.v);
	dr_loader_free(l);
	dr_arena_free(fa);
	dr_arena_free(a);
	return rc;
}

/* The checker's record hook: renders the record it has just checked. */
static void on_record(void *ctx, const dr_record *rec, const dr_diag *found, size_t n, dr_arena *a)
{
	(void)found, (void)n;
	dr_renderer *r = ctx;
	char *err = NULL;
	if (r->failed)
		return;
	r->failed = render_record(r, a, rec, &r->out, r->emit, r->emit_ctx, &err);
	if (r->failed) {
		r->failed_err = err;
		/* Not carried into the next record's render. */
		free(r->err);
		r->err = NULL;
	} else {
		free(err);
	}
}

void dr_renderer_attach(dr_renderer *r, dr_checker *c, dr_emit_fn emit, void *ctx)
{
	r->emit = emit;
	r->emit_ctx = ctx;
	dr_checker_on_record(c, emit ? on_record : NULL, r);
}

int dr_renderer_error(dr_renderer *r, char **err)
{
	int rc = r->failed;
	*err = r->failed_err;
	r->failed = 0;
	r->failed_err = NULL;
	return rc;
}
