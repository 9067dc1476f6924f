/* The fuzz targets' bodies and their oracles: what must hold for every input
 * beyond "no crash, no leak, no undefined behaviour", which the sanitizers
 * check. The libFuzzer entry points and the regression suite both call
 * these, so a saved input replays exactly. */
#include "targets.h"

#include "config.h"
#include "date.h"
#include "escape.h"
#include "load.h"
#include "mustache.h"
#include "text.h"
#include "zipfile.h"

#include <cmark.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAX_TEMPLATE_OUTPUT (1u << 20)

/* ---- state set up once ---------------------------------------------------- */

static void die(const char *what, const char *err)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, err ? err : "out of memory");
	abort();
}

/* The defaults (no decrec.yaml), loaded on first use and kept. */
static const dr_config *default_config(void)
{
	static dr_config *cfg;
	char *err = NULL;
	if (!cfg && dr_config_load(&cfg, NULL, &err))
		die("cannot load the default config", err);
	return cfg;
}

/* A fixed today, so that future-date findings do not depend on the clock. */
static int32_t fixed_today(void)
{
	return dr_date_from_ymd(2025, 6, 2);
}

static void remove_config_dir(void);

int fuzz_verdict(const char *target, const char *violation)
{
	if (violation) {
		remove_config_dir();
		fprintf(stderr, "fuzz_%s: oracle violated: %s\n", target, violation);
		abort();
	}
	return 0;
}

/* A message the API promises is one line. */
static int one_line(const char *s)
{
	return s && *s && !strpbrk(s, "\r\n");
}

/* ---- record --------------------------------------------------------------- */

/* The findings' documented shape: known rule, severity on, one-line message,
 * a span that ends at or after its start, sorted by line, column, rule. */
static const char *check_diags(const dr_file *f)
{
	size_t n;
	const dr_diag *d = dr_file_diags(f, &n);
	for (size_t i = 0; i < n; i++) {
		if (d[i].rule < 0 || d[i].rule >= dr_rule_count())
			return "a finding has an unknown rule";
		if (d[i].severity != DR_WARNING && d[i].severity != DR_ERROR)
			return "a finding has a rule that is off";
		if (!one_line(d[i].message))
			return "a finding's message is empty or not one line";
		if (!d[i].field)
			return "a finding's field is NULL, not \"\"";
		if (d[i].line < 1 || d[i].column < 1)
			return "a finding's position is not 1-based";
		if (d[i].end_line < d[i].line ||
		    (d[i].end_line == d[i].line && d[i].end_column < d[i].column))
			return "a finding's span ends before it starts";
		if (i && (d[i - 1].line > d[i].line ||
		          (d[i - 1].line == d[i].line &&
		           (d[i - 1].column > d[i].column ||
		            (d[i - 1].column == d[i].column && d[i - 1].rule > d[i].rule)))))
			return "findings are not sorted by position then rule";
	}
	return NULL;
}

/* Records are in file order and their line spans do not overlap. */
static const char *check_spans(const dr_file *f)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < dr_file_records(f); i++) {
		uint32_t first, last;
		const char *ref;
		if (dr_file_record_lines(f, i, &first, &last, &ref))
			return "dr_file_record_lines refuses a record it counted";
		if (first < 1 || last < first)
			return "a record's line span is empty or not 1-based";
		if (i && first <= prev)
			return "record line spans overlap or are out of order";
		prev = last;
	}
	uint32_t first, last;
	const char *ref;
	if (!dr_file_record_lines(f, dr_file_records(f), &first, &last, &ref))
		return "dr_file_record_lines accepts a record past the last";
	return NULL;
}

/* The report of files kept in memory, or of a run, in a string. */
static char *report_of(dr_file **files, dr_run *run, dr_format fmt)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	dr_report_options o = {0};
	dr_totals t;
	if (!mem)
		die("out of memory", NULL);
	int rc = run ? dr_run_report(run, fmt, mem, mem, &o, &t)
	             : dr_report_write(fmt, mem, mem, &o, files, 2, &t);
	if (fclose(mem) || rc) {
		free(text);
		return NULL;
	}
	return text;
}

/* The input twice (so that every reference is a duplicate) gives the same
 * reports kept in memory and kept by a run, which writes each file out and
 * reads it back. */
static const char *compare_run(const dr_config *cfg, const dr_check_options *opt,
                               const uint8_t *data, size_t size)
{
	static const char *const names[] = {"fuzz.yaml", "24-00058.yaml"};
	static const dr_format formats[] = {DR_FORMAT_TEXT, DR_FORMAT_JUNIT};
	dr_file *files[2] = {NULL, NULL};
	const char *bad = NULL;
	dr_run *run = dr_run_new(2, 2);
	if (!run)
		die("out of memory", NULL);
	for (size_t i = 0; i < 2; i++) {
		dr_file *f = NULL;
		if (dr_file_check(&files[i], cfg, opt, names[i], NULL, (const char *)data, size) ||
		    dr_file_check(&f, cfg, opt, names[i], NULL, (const char *)data, size))
			die("out of memory", NULL);
		if (dr_run_add(run, 1 - i, i, f)) /* each by its own thread's store */
			bad = "dr_run_add failed";
	}
	if (!bad && dr_check_references(files, 2))
		bad = "dr_check_references failed";
	for (size_t k = 0; !bad && k < sizeof(formats) / sizeof(*formats); k++) {
		char *want = report_of(files, NULL, formats[k]), *got = report_of(NULL, run, formats[k]);
		if (!want || !got)
			bad = "a report of two files failed";
		else if (strcmp(want, got))
			bad = "a run's report differs from the report of the files in memory";
		free(want);
		free(got);
	}
	dr_file_free(files[0]);
	dr_file_free(files[1]);
	dr_run_free(run);
	return bad;
}

const char *fuzz_record(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	const dr_config *cfg = default_config();
	/* Every report runs on the result: keep what each needs. */
	dr_check_options opt = {.today = fixed_today(), .quote = 1, .spans = 1};
	dr_file *f = NULL;
	const char *bad = NULL;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		die("cannot open /dev/null", NULL);
	if (dr_file_check(&f, cfg, &opt, "fuzz.yaml", NULL, (const char *)data, size))
		return "dr_file_check failed: every problem with the input must be a finding";
	if ((bad = check_diags(f)) || (bad = check_spans(f)))
		goto out;
	if (dr_check_references(&f, 1)) {
		bad = "dr_check_references failed";
		goto out;
	}
	if ((bad = check_diags(f)))
		goto out;
	static const dr_format formats[] = {DR_FORMAT_TEXT, DR_FORMAT_JSON, DR_FORMAT_SARIF,
	                                    DR_FORMAT_JUNIT, DR_FORMAT_GITHUB};
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		dr_report_options o = {.color = (int)(i & 1)};
		dr_totals t;
		size_t n;
		dr_file_diags(f, &n);
		if (dr_report_write(formats[i], devnull, devnull, &o, &f, 1, &t)) {
			bad = "dr_report_write failed";
			goto out;
		}
		if (t.files != 1 || t.errors + t.warnings != n || t.records != dr_file_records(f)) {
			bad = "the report's totals do not match the file's findings";
			goto out;
		}
	}
	bad = compare_run(cfg, &opt, data, size);
out:
	dr_file_free(f);
	return bad;
}

/* ---- template ------------------------------------------------------------- */

/* The Mustache spec's data model over the project's loader: unquoted
 * true/false are booleans, null is null, other unquoted scalars numbers,
 * quoted ones strings. A collection used as a key has no name: skipped. */
dr_value *fuzz_to_value(dr_arena *a, const dr_node *n)
{
	dr_value *v = NULL;
	switch (n->type) {
	case DR_SCALAR:
		if (n->quoted)
			return dr_value_str(a, n->u.scalar.s, n->u.scalar.len);
		if (dr_node_is_null(n))
			return dr_value_null(a);
		if (!strcmp(n->u.scalar.s, "true") || !strcmp(n->u.scalar.s, "false"))
			return dr_value_bool(a, n->u.scalar.s[0] == 't');
		v = dr_value_str(a, n->u.scalar.s, n->u.scalar.len);
		if (v)
			v->u.str.number = 1;
		return v;
	case DR_SEQ:
		v = dr_value_list(a);
		for (size_t i = 0; v && i < n->u.seq.n; i++)
			if (dr_value_push(a, v, fuzz_to_value(a, n->u.seq.items[i])))
				return NULL;
		return v;
	case DR_MAP:
		v = dr_value_map(a);
		for (size_t i = 0; v && i < n->u.map.n; i++) {
			const dr_node *k = n->u.map.pairs[i].key;
			if (k->type == DR_SCALAR &&
			    dr_value_set(a, v, k->u.scalar.s, fuzz_to_value(a, n->u.map.pairs[i].value)))
				return NULL;
		}
		return v;
	}
	return NULL;
}

/* The first document of text[0..len) as a value; NULL when there is none
 * or it does not load (the template then renders with null data). */
static dr_value *load_data(dr_arena *a, const char *text, size_t len)
{
	dr_diags d = {.arena = a};
	dr_value *v = NULL;
	dr_loader *l = NULL;
	if (dr_loader_open(&l, NULL, text, len, &d) == 0) {
		dr_node *root;
		dr_pos start;
		if (dr_loader_next(l, a, &d, &root, &start) == 1 && root)
			v = fuzz_to_value(a, root);
		dr_loader_free(l);
	}
	free(d.v);
	return v;
}

typedef struct partials {
	const char *self;
	size_t len;
} partials;

/* "a" includes the template again inside a list, "b" is a parent with a
 * block that "self" may override, "self" is the template: recursion that
 * only data (or the depth limit) ends. */
static int partial(void *ctx, const char *name, const char **src, size_t *len)
{
	const partials *p = ctx;
	if (!strcmp(name, "self")) {
		*src = p->self;
		*len = p->len;
		return 0;
	}
	if (!strcmp(name, "a"))
		*src = "{{#items}}\n  {{name}}: {{> self}}\n{{/items}}\n";
	else if (!strcmp(name, "b"))
		*src = "<{{$body}}default {{&.}}{{/body}}>{{> a}}\n";
	else
		return -1;
	*len = strlen(*src);
	return 0;
}

/* What dr_escape_html must give: nothing left that HTML reads as markup. */
static const char *check_html_escape(const char *s, size_t n)
{
	dr_buf b;
	const char *bad = NULL;
	dr_buf_init(&b, 6 * n + 1);
	if (dr_escape_html(&b, s, n))
		bad = "dr_escape_html failed with room for its output";
	else if (b.len && strpbrk(b.p, "<>\"'"))
		bad = "dr_escape_html left a < > \" or ' in its output";
	else if (b.len < n)
		bad = "dr_escape_html dropped characters";
	dr_buf_free(&b);
	return bad;
}

void fuzz_cmark_text(dr_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			dr_buf_puts(b, "&amp;");
			break;
		case '<':
			dr_buf_puts(b, "&lt;");
			break;
		case '>':
			dr_buf_puts(b, "&gt;");
			break;
		case '"':
			dr_buf_puts(b, "&quot;");
			break;
		case '\r':
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			dr_buf_putc(b, ' ');
			break;
		case '\n':
			dr_buf_putc(b, ' ');
			break;
		default:
			dr_buf_putc(b, s[i]);
		}
	}
}

/* A value a record can hold: valid UTF-8, no NUL, not empty. */
static int record_text(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0, k; i < n; i += k)
		if (!s[i] || !(k = dr_utf8_len((const unsigned char *)s + i, n - i)))
			return 0;
	return 1;
}

/* dr_escape_markdown's promise, as tests/check_mustache.c checks it on
 * chosen pieces: escaped and put alone in a document, or inside a line, the
 * value renders through cmark as exactly its text. */
static const char *check_markdown_escape(const char *s, size_t n)
{
	static const struct {
		const char *before, *after, *open, *close;
	} places[] = {
	    {"", "", "<p>", "</p>\n"},
	    {"a ", " b", "<p>a ", " b</p>\n"},
	};
	const char *bad = NULL;
	if (!record_text(s, n))
		return NULL;
	for (size_t p = 0; !bad && p < sizeof(places) / sizeof(*places); p++) {
		dr_buf doc, want;
		dr_buf_init(&doc, 32 * n + 64);
		dr_buf_init(&want, 32 * n + 64);
		if (dr_buf_puts(&doc, places[p].before) || dr_escape_markdown(&doc, s, n) ||
		    dr_buf_puts(&doc, places[p].after))
			bad = "dr_escape_markdown failed with room for its output";
		dr_buf_puts(&want, places[p].open);
		fuzz_cmark_text(&want, s, n);
		dr_buf_puts(&want, places[p].close);
		char *html = bad ? NULL : cmark_markdown_to_html(doc.p, doc.len, CMARK_OPT_DEFAULT);
		if (!bad && (!html || want.failed || strcmp(html, want.p)))
			bad = "a value escaped by dr_escape_markdown does not render through cmark "
			      "as "
			      "its text";
		free(html);
		dr_buf_free(&doc);
		dr_buf_free(&want);
	}
	return bad;
}

const char *fuzz_template(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	const char *nul = memchr(src, '\0', size);
	size_t tlen = nul ? (size_t)(nul - src) : size;
	static const dr_escape_fn escapers[] = {dr_escape_html, dr_escape_markdown};
	const char *bad = NULL;
	dr_template *t = NULL;
	char *err = NULL;
	dr_arena *a = dr_arena_new(DR_ARENA_CAP);
	if (!a)
		die("cannot make an arena", NULL);
	if ((bad = check_html_escape(src, tlen)) || (bad = check_markdown_escape(src, tlen)))
		goto out;
	dr_value *v = nul ? load_data(a, nul + 1, size - tlen - 1) : NULL;
	int rc = dr_template_compile(&t, "fuzz", src, tlen, &err);
	if (rc) {
		if (rc != DR_EINVAL || !one_line(err) || strncmp(err, "fuzz:", 5))
			bad = "a failed compile gives no one-line \"fuzz:LINE:COL: ...\" message";
		goto out;
	}
	partials p = {src, tlen};
	for (size_t i = 0; !bad && i < sizeof(escapers) / sizeof(*escapers); i++) {
		dr_buf out;
		dr_buf_init(&out, MAX_TEMPLATE_OUTPUT);
		rc = dr_template_render(t, v, partial, &p, escapers[i], &out, &err);
		if (rc && rc != DR_EINVAL)
			bad = "dr_template_render failed with other than DR_EINVAL";
		else if (rc && !one_line(err))
			bad = "a failed render gives no one-line message";
		else if (!rc && (err || out.failed))
			bad = "a render that succeeded set an error or cut its output";
		else if (out.len > out.max)
			bad = "the output grew past its cap";
		free(err);
		err = NULL;
		dr_buf_free(&out);
	}
out:
	free(err);
	dr_template_free(t);
	dr_arena_free(a);
	return bad;
}

/* ---- render --------------------------------------------------------------- */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Attributes whose value a browser loads or follows as a URL. */
static int url_attribute(const char *name, size_t n)
{
	static const char *const names[] = {"href",   "src",    "action",     "formaction",
	                                    "poster", "data",   "xlink:href", "background",
	                                    "cite",   "srcset", "ping"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strlen(names[i]) == n && !strncasecmp(name, names[i], n))
			return 1;
	return 0;
}

/* The URL in an attribute value v[0..n) as a browser reads it: character
 * references decoded, tabs and line breaks dropped, leading spaces and
 * controls ignored, then the scheme compared without case. Only images may
 * be data: URLs (as in cmark's safe mode). */
static int script_url(const char *v, size_t n)
{
	char u[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof(u); i++) {
		unsigned c = (unsigned char)v[i];
		if (c == '&' && i + 1 < n && v[i + 1] == '#') {
			size_t j = i + 2;
			int hex = j < n && (v[j] == 'x' || v[j] == 'X');
			unsigned long cp = 0;
			j += (size_t)hex;
			size_t d0 = j;
			for (; j < n && j - d0 < 8; j++) {
				int ch = lower((unsigned char)v[j]), dv;
				if (ch >= '0' && ch <= '9')
					dv = ch - '0';
				else if (hex && ch >= 'a' && ch <= 'f')
					dv = ch - 'a' + 10;
				else
					break;
				cp = cp * (hex ? 16 : 10) + (unsigned long)dv;
			}
			if (j > d0) {
				c = cp < 0x80 ? (unsigned)cp : 0x80;
				i = j < n && v[j] == ';' ? j : j - 1;
			}
		} else if (c == '&') {
			static const struct {
				const char *name;
				char c;
			} named[] = {
			    {"&colon;", ':'}, {"&Tab;", '\t'}, {"&NewLine;", '\n'}, {"&amp;", '&'}};
			for (size_t m = 0; m < sizeof(named) / sizeof(*named); m++) {
				size_t len = strlen(named[m].name);
				if (n - i >= len && !memcmp(v + i, named[m].name, len)) {
					c = (unsigned char)named[m].c;
					i += len - 1;
					break;
				}
			}
		}
		if (c == '\t' || c == '\n' || c == '\r' || (k == 0 && c <= 0x20))
			continue;
		u[k++] = (char)lower((int)c);
	}
	u[k] = '\0';
	if (!strncmp(u, "javascript:", 11) || !strncmp(u, "vbscript:", 9))
		return 1;
	if (strncmp(u, "data:", 5))
		return 0;
	static const char *const images[] = {"data:image/png", "data:image/gif", "data:image/jpeg",
	                                     "data:image/webp"};
	for (size_t i = 0; i < sizeof(images) / sizeof(*images); i++)
		if (!strncmp(u, images[i], strlen(images[i])))
			return 0;
	return 1;
}

/* Elements that run script, load active content or change where links go. */
static int banned_element(const char *name, size_t n)
{
	static const char *const names[] = {"script", "iframe", "frame",  "frameset", "object",
	                                    "embed",  "applet", "base",   "form",     "svg",
	                                    "math",   "link",   "button", "input"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strlen(names[i]) == n && !strncasecmp(name, names[i], n))
			return 1;
	return 0;
}

const char *fuzz_html_unsafe(const char *html, size_t len)
{
	const char *p = html, *end = html + len;
	for (const char *s = html; s + 7 <= end; s++)
		if (*s == '<' && !strncasecmp(s, "<script", 7))
			return "the HTML holds <script";
	while (p < end) {
		p = memchr(p, '<', (size_t)(end - p));
		if (!p)
			break;
		p++;
		if (end - p >= 3 && !memcmp(p, "!--", 3)) {
			/* A comment: skip to its end. */
			const char *c = p + 3;
			while (c + 3 <= end && memcmp(c, "-->", 3))
				c++;
			p = c;
			continue;
		}
		if (p < end && *p == '/')
			p++;
		const char *name = p;
		while (p < end &&
		       ((lower(*p) >= 'a' && lower(*p) <= 'z') || (*p >= '0' && *p <= '9')))
			p++;
		if (p == name)
			continue; /* not a tag: '<' then text */
		if (banned_element(name, (size_t)(p - name)))
			return "the HTML holds an element that runs script or loads active content";
		int meta = p - name == 4 && !strncasecmp(name, "meta", 4);
		/* Attributes, up to the tag's '>'. */
		for (;;) {
			while (p < end && (space(*p) || *p == '/'))
				p++;
			if (p >= end || *p == '>')
				break;
			const char *an = p;
			while (p < end && !space(*p) && *p != '/' && *p != '>' && *p != '=')
				p++;
			if (p == an)
				p++; /* a stray '=' */
			size_t alen = (size_t)(p - an);
			if (alen >= 2 && lower(an[0]) == 'o' && lower(an[1]) == 'n')
				return "the HTML holds an event handler attribute (on...)";
			while (p < end && space(*p))
				p++;
			if (p >= end || *p != '=')
				continue;
			p++;
			while (p < end && space(*p))
				p++;
			const char *v = p;
			size_t vlen;
			if (p < end && (*p == '"' || *p == '\'')) {
				const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
				v = p + 1;
				p = q ? q + 1 : end;
				vlen = (size_t)((q ? q : end) - v);
			} else {
				while (p < end && !space(*p) && *p != '>')
					p++;
				vlen = (size_t)(p - v);
			}
			if (url_attribute(an, alen) && script_url(v, vlen))
				return "the HTML holds a script URL in a link or source";
			if (meta && alen == 10 && !strncasecmp(an, "http-equiv", 10) && vlen == 7 &&
			    !strncasecmp(v, "refresh", 7))
				return "the HTML holds a <meta http-equiv=refresh>";
		}
	}
	return NULL;
}

typedef struct rendered {
	int html;
	int docx;
	int calls;
	const char *bad;
} rendered;

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

const char *fuzz_docx_bad(const char *doc, size_t len)
{
	static const char *const parts[] = {"[Content_Types].xml", "_rels/.rels",
	                                    "word/_rels/document.xml.rels", "docProps/core.xml",
	                                    "word/document.xml", "word/styles.xml",
	                                    "word/numbering.xml", "word/header1.xml",
	                                    "word/footer1.xml"};
	dr_zip *z = NULL;
	const char *bad = NULL;
	if (dr_zip_open_buffer(&z, doc, len))
		return "a Word document is not a zip archive libzip opens";
	xmlSetGenericErrorFunc(NULL, quiet);
	for (size_t i = 0; !bad && i < sizeof(parts) / sizeof(*parts); i++) {
		char *xml = NULL;
		size_t n;
		if (dr_zip_read(z, parts[i], 64u << 20, &xml, &n) != 1) {
			bad = "a part of a Word document is missing or unreadable";
			break;
		}
		/* libxml2 checks XML 1.0 well-formedness and its characters. */
		xmlDocPtr d = xmlReadMemory(xml, (int)n, parts[i], NULL, XML_PARSE_NONET);
		if (!d)
			bad = "a part of a Word document is not well-formed XML";
		xmlFreeDoc(d);
		free(xml);
	}
	dr_zip_close(z);
	return bad;
}

static int emit(void *ctx, const char *reference, const char *doc, size_t len)
{
	rendered *r = ctx;
	(void)reference;
	r->calls++;
	if (r->html && !r->bad)
		r->bad = fuzz_html_unsafe(doc, len);
	if (r->docx && !r->bad)
		r->bad = fuzz_docx_bad(doc, len);
	return 0;
}

/* Renders listing l with r: one document, within the oracle of HTML; then
 * each item left out has input 0, a reference and a one-line reason. The
 * number left out in *left. */
static const char *render_listing(dr_listing *l, dr_renderer *r, int html, size_t *left)
{
	rendered out = {.html = html};
	char *err = NULL;
	const char *bad = NULL;
	int rc = dr_listing_render(l, r, emit, &out, &err);
	if (rc && rc != DR_EINVAL && rc != DR_ENOMEM)
		bad = "dr_listing_render failed with an unknown code";
	else if (rc == DR_EINVAL && !one_line(err))
		bad = "a failed listing render gives no one-line message";
	else if (!rc && out.calls != 1)
		bad = "a listing was not emitted as one document";
	else if (out.bad)
		bad = out.bad;
	free(err);
	size_t input, i = 0;
	const char *ref, *why;
	for (; !rc && !bad && !dr_listing_left_out(l, i, &input, &ref, &why); i++)
		if (input != 0 || !ref || !one_line(why))
			bad = "an item left out has another input, no reference or no one-line reason";
	*left = i;
	return bad;
}

/* The records as the forward plan of 12/07/2024 and the call-in notice of
 * 2024-2025 (dr_listing_*, from the checker's records), each in Markdown
 * and HTML; then with the input dropped, which leaves nothing out. */
static const char *check_listings(const uint8_t *data, size_t size)
{
	static dr_renderer *renderers[4]; /* plan md, plan html, notice md, notice html */
	static const char *const names[] = {"plan", "notice"};
	const dr_config *cfg = default_config();
	dr_check_options co = {.today = fixed_today()};
	const char *bad = NULL;
	for (int k = 0; k < 2 && !bad; k++) {
		dr_listing_options o = {.kind = k ? DR_LISTING_NOTICE : DR_LISTING_PLAN,
		                        .date = dr_date_from_ymd(2024, 7, 12),
		                        .since = DR_TODAY,
		                        .from = dr_date_from_ymd(2024, 1, 1),
		                        .to = dr_date_from_ymd(2025, 12, 31)};
		dr_listing *l = NULL;
		dr_checker *chk = dr_checker_new(cfg, &co);
		dr_file *f = NULL;
		if (!chk || dr_listing_new(&l, cfg, &o))
			die("cannot make a listing", NULL);
		dr_listing_attach(l, chk, 0);
		if (dr_checker_check(&f, chk, "fuzz.yaml", NULL, (const char *)data, size))
			die("out of memory", NULL);
		size_t left = 0;
		for (int h = 0; h < 2 && !bad; h++) {
			dr_renderer **r = &renderers[k * 2 + h];
			dr_render_options ro = {.format = h ? DR_DOC_HTML : DR_DOC_MD, .template_name = names[k]};
			char *err = NULL;
			if (!*r && dr_renderer_new(r, cfg, &ro, &err))
				die("cannot make a renderer", err);
			bad = render_listing(l, *r, h, &left);
			if (!bad && k && left)
				bad = "a notice left an item out";
		}
		dr_listing_drop(l, 0);
		if (!bad && !(bad = render_listing(l, renderers[k * 2], 0, &left)) && left)
			bad = "a dropped input's item is still left out";
		dr_file_free(f);
		dr_listing_free(l);
		dr_checker_free(chk);
	}
	return bad;
}

const char *fuzz_render(const uint8_t *data, size_t size)
{
	/* Each template in Markdown, HTML and as a Word document. */
	static dr_renderer *renderers[6];
	static const char *const names[] = {"record", "details"};
	const char *bad = NULL;
	for (int i = 0; i < 6; i++) {
		dr_doc_format f = (dr_doc_format)(i % 3);
		if (!renderers[i]) {
			dr_render_options o = {.format = f, .template_name = names[i / 3]};
			char *err = NULL;
			if (dr_renderer_new(&renderers[i], default_config(), &o, &err))
				die("cannot make a renderer", err);
		}
		rendered r = {.html = f == DR_DOC_HTML, .docx = f == DR_DOC_DOCX};
		char *err = NULL;
		int rc = dr_render_buffer(renderers[i], (const char *)data, size, emit, &r, &err);
		if (rc && rc != DR_EINVAL && rc != DR_ENOMEM)
			bad = "dr_render_buffer failed with an unknown code";
		else if (rc == DR_EINVAL && !one_line(err))
			bad = "a failed render gives no one-line message";
		else if (r.bad)
			bad = r.bad;
		free(err);
		if (bad)
			break;
	}
	return bad ? bad : check_listings(data, size);
}

/* ---- config --------------------------------------------------------------- */

/* A private directory for decrec.yaml and holidays.json, made on first use
 * and reused; removed at exit and before an oracle's abort. */
static char config_dir[64];
static int have_holidays; /* holidays.json is there from the last input */

static void remove_config_dir(void)
{
	char path[128];
	if (!config_dir[0])
		return;
	snprintf(path, sizeof(path), "%s/decrec.yaml", config_dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/holidays.json", config_dir);
	unlink(path);
	rmdir(config_dir);
	config_dir[0] = '\0';
}

static void write_file(const char *dir, const char *name, const char *s, size_t n)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(s, 1, n, f) != n || fclose(f))
		die("cannot write a file in the temporary directory", path);
}

/* A small record that a loaded config checks: its statuses, pattern, rules
 * and calendar all apply to it. */
static const char sample[] = "reference: 24/00058\n"
                             "title: Family hubs\n"
                             "decision_title: Approve the strategy\n"
                             "decision_maker: Cabinet Member for Public Health\n"
                             "status: Recommendations Approved\n"
                             "key_decision: yes\n"
                             "subject_to_call_in: yes\n"
                             "for_publication: yes\n"
                             "dates:\n"
                             "  decision: 2024-07-19\n"
                             "  published: 2024-07-19\n"
                             "  effective: 2024-07-27\n"
                             "forward_plan:\n"
                             "  first_published: 2024-06-18\n"
                             "decision: I agree.\n"
                             "reasons: Because.\n"
                             "interests: []\n";

/* Call-in dates under a loaded config: published < deadline < effective. */
static const char *check_call_in(const dr_config *cfg)
{
	static const int ymd[][3] = {{2024, 7, 19}, {2024, 12, 20}, {2027, 12, 24}, {2011, 6, 1}};
	for (size_t i = 0; i < sizeof(ymd) / sizeof(*ymd); i++) {
		int32_t pub = dr_date_from_ymd(ymd[i][0], ymd[i][1], ymd[i][2]), deadline, eff, e;
		int year = 0;
		int rc = dr_date_call_in(&deadline, &eff, cfg, pub, &year);
		if (rc && rc != DR_ERANGE)
			return "dr_date_call_in failed with other than DR_ERANGE";
		if (!rc && (deadline < pub || eff <= deadline))
			return "call-in dates out of order: published, deadline, effective";
		rc = dr_date_earliest_exception(&e, cfg, pub, &year);
		if ((rc && rc != DR_ERANGE) || (!rc && e <= pub))
			return "dr_date_earliest_exception is not after the notice";
		if (dr_date_earliest_key_decision(cfg, pub) <= pub)
			return "dr_date_earliest_key_decision is not after the first publication";
	}
	return NULL;
}

const char *fuzz_config(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nul = memchr(text, '\0', size);
	size_t n = nul ? (size_t)(nul - text) : size;
	char path[128], *err = NULL;
	dr_config *cfg = NULL;
	const char *bad = NULL;
	if (!config_dir[0]) {
		/* tmpfs when there is one: rewriting a file on ext4 can cost
		 * milliseconds (auto_da_alloc flushes it). */
		const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm"
		                  : access("/tmp", W_OK) == 0   ? "/tmp"
		                                                : ".";
		snprintf(config_dir, sizeof(config_dir), "%s/decrec-fuzz-XXXXXX", tmp);
		if (!mkdtemp(config_dir))
			die("cannot make a temporary directory", config_dir);
		atexit(remove_config_dir);
		have_holidays = 0;
	}
	write_file(config_dir, "decrec.yaml", text, n);
	snprintf(path, sizeof(path), "%s/holidays.json", config_dir);
	if (nul)
		write_file(config_dir, "holidays.json", nul + 1, size - n - 1);
	else if (have_holidays)
		unlink(path);
	have_holidays = nul != NULL;
	snprintf(path, sizeof(path), "%s/decrec.yaml", config_dir);
	int rc = dr_config_load(&cfg, path, &err);
	if (rc) {
		if (rc != DR_EINVAL && rc != DR_EIO && rc != DR_ENOMEM)
			bad = "dr_config_load failed with an unknown code";
		else if (!one_line(err) || strncmp(err, path, strlen(path)))
			bad = "a config error is not one line starting with the config's path";
		free(err);
		return bad;
	}
	if (err)
		bad = "dr_config_load succeeded and set an error";
	else if (!dr_config_root(cfg) || !dr_config_division(cfg) ||
	         dr_config_call_in_days(cfg) < 0)
		bad = "a loaded config has no root, no division or negative call-in days";
	else
		bad = check_call_in(cfg);
	if (!bad) {
		dr_check_options opt = {.today = fixed_today()};
		dr_file *f = NULL;
		if (dr_file_check(&f, cfg, &opt, "24-00058.yaml", NULL, sample, sizeof(sample) - 1))
			bad = "dr_file_check failed under a loaded config";
		else
			bad = check_diags(f);
		dr_file_free(f);
	}
	free(err);
	dr_config_free(cfg);
	return bad;
}

/* ---- date ------------------------------------------------------------------ */

/* A day's forms: parsing what dr_date_iso and dr_date_short write gives the
 * day back; the weekday steps by one; the call-in arithmetic keeps order. */
static const char *check_day(int32_t day)
{
	char buf[24];
	int32_t back;
	int y, m, d;
	dr_date_iso(buf, day);
	if (dr_date_parse(&back, buf, strlen(buf)) || back != day)
		return "dr_date_iso does not parse back to the same day";
	dr_date_short(buf, day);
	if (dr_date_parse(&back, buf, strlen(buf)) || back != day)
		return "dr_date_short does not parse back to the same day";
	dr_date_to_ymd(day, &y, &m, &d);
	if (dr_date_from_ymd(y, m, d) != day)
		return "dr_date_from_ymd(dr_date_to_ymd(day)) is not the day";
	if (!dr_date_long(buf, day)[0] || strlen(dr_date_dayname(day)) != 3)
		return "the long form or the day name is wrong";
	int w = dr_date_weekday(day);
	if (w < 0 || w > 6 || dr_date_weekday(day + 1) != (w + 1) % 7)
		return "weekdays do not step by one";
	return check_call_in(default_config());
}

const char *fuzz_date(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	int32_t day;
	char text[16], buf[24];
	int rc = dr_date_parse(&day, s, size);
	if (rc != 0 && rc != -1 && rc != -2)
		return "dr_date_parse returned other than 0, -1 or -2";
	if (size < sizeof(text) && !memchr(s, '\0', size)) {
		memcpy(text, s, size);
		text[size] = '\0';
		int32_t day2;
		if ((dr_date_parse_str(&day2, text) == 0) != (rc == 0) || (rc == 0 && day2 != day))
			return "dr_date_parse_str and dr_date_parse disagree";
	}
	if (rc == 0) {
		/* The canonical forms: writing the day in the input's form gives
		 * the input back. */
		const char *again = s[4] == '-' ? dr_date_iso(buf, day) : dr_date_short(buf, day);
		if (strlen(again) != size || memcmp(again, s, size))
			return "a parsed date does not format back to its text";
		const char *bad = check_day(day);
		if (bad)
			return bad;
	}
	if (size >= 4) {
		/* The input as a day number in years 1 to 9999. */
		uint32_t raw;
		memcpy(&raw, data, 4);
		int32_t lo = dr_date_from_ymd(1, 1, 1), hi = dr_date_from_ymd(9999, 12, 31);
		return check_day(lo + (int32_t)(raw % (uint32_t)(hi - lo + 1)));
	}
	return NULL;
}
