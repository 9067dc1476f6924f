/* The Mustache engine: every test of the spec's conformance files (read from
 * $SHARED, never copied), compile errors with their positions, the limits,
 * indentation and the partial cache, and the HTML and Markdown escapers, the
 * latter round-tripped through cmark. */
#include "tests.h"

#include "fuzz/targets.h"

#include "escape.h"
#include "load.h"
#include "mustache.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the spec files -------------------------------------------------------- */

/* A scalar's text, "" included (dr_node_str gives NULL for ""). */
static const char *text_of(const dr_node *n, size_t *len)
{
	if (!n || n->type != DR_SCALAR)
		return NULL;
	if (len)
		*len = n->u.scalar.len;
	return n->u.scalar.s;
}

/* Partials from the test's `partials` map. */
static int spec_partial(void *ctx, const char *name, const char **src, size_t *len)
{
	const dr_node *p = ctx ? dr_node_get(ctx, name) : NULL;
	*src = text_of(p, len);
	return *src ? 0 : -1;
}

typedef struct tally {
	int passed, failed;
	dr_buf failures; /* "file: name; " for each failure */
} tally;

/* Runs every test of one spec file. Returns -1 (with a message in *why)
 * when the file cannot be read or is not the spec's format. */
static int run_spec(const char *file, tally *t, char *why, size_t cap)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/conformance/mustache-spec/%s.json", shared_dir(), file);
	size_t len;
	char *text = read_text(path, &len);
	if (!text) {
		snprintf(why, cap, "cannot read %s", path);
		return -1;
	}
	dr_arena *a = dr_arena_new(DR_ARENA_CAP);
	dr_diags d = {.arena = a};
	dr_loader *l = dr_loader_new(text, len);
	dr_node *root;
	dr_pos start;
	int rc = -1;
	const dr_node *tests =
	    dr_loader_next(l, a, &d, &root, &start) == 1 ? dr_node_get(root, "tests") : NULL;
	if (!tests || tests->type != DR_SEQ || !tests->u.seq.n) {
		snprintf(why, cap, "%s holds no `tests` list (%zu loader findings)", path, d.n);
		goto out;
	}
	for (size_t i = 0; i < tests->u.seq.n; i++) {
		const dr_node *tc = tests->u.seq.items[i];
		const char *name = text_of(dr_node_get(tc, "name"), NULL);
		size_t tlen = 0, elen = 0;
		const char *tpl = text_of(dr_node_get(tc, "template"), &tlen);
		const char *expected = text_of(dr_node_get(tc, "expected"), &elen);
		const dr_node *data = dr_node_get(tc, "data");
		dr_value *v = data ? fuzz_to_value(a, data) : NULL;
		dr_template *tp = NULL;
		char *err = NULL;
		dr_buf out;
		dr_buf_init(&out, 1 << 20);
		int ok =
		    name && tpl && expected &&
		    dr_template_compile(&tp, name, tpl, tlen, &err) == 0 &&
		    dr_template_render(tp, v, spec_partial, (void *)dr_node_get(tc, "partials"),
		                       dr_escape_html, &out, &err) == 0 &&
		    out.len == elen && (!elen || !memcmp(out.p, expected, elen));
		if (ok) {
			t->passed++;
		} else {
			t->failed++;
			dr_buf_printf(&t->failures, "%s: %s%s%s; ", file, name ? name : "?",
			              err ? ": " : "", err ? err : "");
		}
		free(err);
		dr_buf_free(&out);
		dr_template_free(tp);
	}
	rc = 0;
out:
	dr_loader_free(l);
	free(d.v);
	dr_arena_free(a);
	free(text);
	return rc;
}

/* Runs the files; a folder that cannot be read fails the test loudly. */
static void run_specs(const char *const *files, size_t n, const char *label, int expected)
{
	tally t = {0};
	dr_buf_init(&t.failures, 1 << 20);
	char why[4200];
	for (size_t i = 0; i < n; i++)
		if (run_spec(files[i], &t, why, sizeof(why)))
			ck_abort_msg(
			    "the Mustache spec cannot be run: %s (set SHARED to the shared "
			    "folder)",
			    why);
	printf("mustache spec%s: %d passed, %d failed\n", label, t.passed, t.failed);
	fflush(stdout);
	ck_assert_msg(t.failed == 0, "failing Mustache spec tests: %s",
	              t.failures.p ? t.failures.p : "");
	/* A file cut short must not pass as a smaller spec. */
	ck_assert_msg(t.passed == expected, "expected %d spec tests, ran %d", expected, t.passed);
	dr_buf_free(&t.failures);
}

START_TEST(spec_required)
{
	static const char *const files[] = {"comments", "delimiters", "interpolation",
	                                    "inverted", "partials",   "sections"};
	run_specs(files, sizeof(files) / sizeof(*files), "", 136);
}
END_TEST

START_TEST(spec_inheritance)
{
	static const char *const files[] = {"~inheritance"};
	run_specs(files, 1, " (optional ~inheritance)", 27);
}
END_TEST

/* ---- helpers --------------------------------------------------------------- */

/* Partials from a NULL-terminated list of name, text pairs; counts calls. */
typedef struct pset {
	const char *const *pairs;
	int calls;
} pset;

static int list_partial(void *ctx, const char *name, const char **src, size_t *len)
{
	pset *p = ctx;
	p->calls++;
	for (size_t i = 0; p->pairs[i]; i += 2)
		if (!strcmp(p->pairs[i], name)) {
			*src = p->pairs[i + 1];
			*len = strlen(*src);
			return 0;
		}
	return -1;
}

/* The compile error of `src` as template "t" (caller frees), or NULL. */
static char *compile_error(const char *src, size_t len)
{
	dr_template *t = NULL;
	char *err = NULL;
	int rc = dr_template_compile(&t, "t", src, len, &err);
	dr_template_free(t);
	if (rc == 0)
		return NULL;
	ck_assert_int_eq(rc, DR_EINVAL);
	ck_assert_ptr_nonnull(err);
	return err;
}

/* Renders `src` with data and partials into a malloc'd string; *rc and
 * *err (caller frees) tell how it went. */
static char *render_with(const char *src, const dr_value *data, const char *const *partials,
                         size_t max, int *rc, char **err)
{
	dr_template *t = NULL;
	*err = NULL;
	ck_assert_int_eq(dr_template_compile(&t, "t", src, strlen(src), err), 0);
	pset p = {partials, 0};
	dr_buf out;
	dr_buf_init(&out, max);
	*rc = dr_template_render(t, data, partials ? list_partial : NULL, &p, dr_escape_html, &out,
	                         err);
	dr_template_free(t);
	return dr_buf_take(&out, NULL);
}

static void expect_render(const char *src, const dr_value *data, const char *const *partials,
                          const char *expected)
{
	int rc;
	char *err;
	char *got = render_with(src, data, partials, 1 << 20, &rc, &err);
	ck_assert_msg(rc == 0, "render failed: %s", err ? err : "?");
	ck_assert_str_eq(got, expected);
	free(got);
}

/* ---- compile errors and limits ------------------------------------------- */

START_TEST(compile_errors)
{
	static const struct {
		const char *src, *err;
	} cases[] = {
	    {"a\n  {{#x}}\nb", "t:3:2: unclosed section 'x' opened at 2:3: expected {{/x}}"},
	    {"{{#a}}{{^b}}{{/b}}", "t:1:19: unclosed section 'a' opened at 1:1: expected {{/a}}"},
	    {"{{=<% %>=}}<%#a%>", "t:1:18: unclosed section 'a' opened at 1:12: expected <%/a%>"},
	    {"{{#x}}\n{{/y}}",
	     "t:2:1: closing tag 'y' does not match the open section 'x' opened at 1:1"},
	    {"x{{/x}}", "t:1:2: closing tag 'x' has no open section to close"},
	    {"ab {{x", "t:1:4: unclosed tag: no '}}' after this '{{'"},
	    {"{{{x}}", "t:1:1: unclosed tag: no '}}}' after this '{{{'"},
	    {"{{=<% %>=}}\n <%x", "t:2:2: unclosed tag: no '%>' after this '<%'"},
	    {"{{=x=}}", "t:1:1: bad set-delimiter tag: expected two delimiters without whitespace "
	                "or '=', as in {{=<% %>=}}"},
	    {"{{=a b c=}}", "t:1:1: bad set-delimiter tag: expected two delimiters without "
	                    "whitespace or '=', as in {{=<% %>=}}"},
	    {"{{=a =b=}}", "t:1:1: bad set-delimiter tag: expected two delimiters without "
	                   "whitespace or '=', as in {{=<% %>=}}"},
	    {"{{=<% %>}}", "t:1:1: unclosed tag: no '=}}' after this '{{='"},
	    {"x {{ }}", "t:1:3: empty tag: a tag needs a name"},
	    {"{{#}}{{/}}", "t:1:1: empty tag: a tag needs a name"},
	    /* A closing delimiter that starts with the sigil closes after it. */
	    {"{{=<< >>=}}<<>>>", "t:1:12: empty tag: a tag needs a name"},
	    {"{{=<< >>=}}<<>>", "t:1:12: unclosed tag: no '>>' after this '<<'"},
	    {"{{a b}}",
	     "t:1:1: tag name contains whitespace or a control character; a name is one word"},
	    {"{{> a b}}",
	     "t:1:1: tag name contains whitespace or a control character; a name is one word"},
	    {"{{a..b}}", "t:1:1: bad name 'a..b': a dotted name needs a name on each side of "
	                 "every dot"},
	    {"{{#.a}}{{/.a}}", "t:1:1: bad name '.a': a dotted name needs a name on each side of "
	                       "every dot"},
	    /* Columns count characters, not bytes. */
	    {"\xC3\xA9t\xC3\xA9 {{x", "t:1:5: unclosed tag: no '}}' after this '{{'"},
	    {"{{<p}}{{$b}}{{/p}}",
	     "t:1:13: closing tag 'p' does not match the open section 'b' opened at 1:7"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *err = compile_error(cases[i].src, strlen(cases[i].src));
		ck_assert_msg(err != NULL, "case %zu compiled", i);
		ck_assert_str_eq(err, cases[i].err);
		free(err);
	}
	/* Names that are fine: comments hold anything, partial names dots. */
	const char *fine = "{{! a  b }}{{>a.b}}{{a.b}}{{.}}{{#.}}{{/.}}{{# a }}{{/a}}";
	ck_assert_ptr_null(compile_error(fine, strlen(fine)));
}
END_TEST

START_TEST(limit_template_size)
{
	char *big = malloc(DR_MAX_TEMPLATE + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', DR_MAX_TEMPLATE + 1);
	ck_assert_ptr_null(compile_error(big, DR_MAX_TEMPLATE));
	char *err = compile_error(big, DR_MAX_TEMPLATE + 1);
	ck_assert_str_eq(err, "t:1:1: the template is 1048577 bytes, over the limit of 1048576");
	free(err);
	free(big);
}
END_TEST

/* n sections nested: `open` n times then `close` n times (6 bytes each). */
static char *nested(int n, const char *open, const char *close)
{
	char *s = malloc((size_t)n * 12 + 1);
	ck_assert_ptr_nonnull(s);
	for (int i = 0; i < n; i++) {
		memcpy(s + 6 * i, open, 6);
		memcpy(s + 6 * (n + i), close, 6);
	}
	s[12 * n] = '\0';
	return s;
}

START_TEST(limit_nesting)
{
	static const char *const kinds[][2] = {
	    {"{{#a}}", "{{/a}}"}, {"{{^a}}", "{{/a}}"}, {"{{<a}}", "{{/a}}"}, {"{{$a}}", "{{/a}}"}};
	for (size_t k = 0; k < 4; k++) {
		char *s = nested(DR_MAX_NESTING, kinds[k][0], kinds[k][1]);
		ck_assert_ptr_null(compile_error(s, strlen(s)));
		free(s);
		s = nested(DR_MAX_NESTING + 1, kinds[k][0], kinds[k][1]);
		char *err = compile_error(s, strlen(s));
		/* The 65th opening tag is at byte 64 * 6. */
		ck_assert_str_eq(
		    err, "t:1:385: sections nested more than 64 deep, the limit for a template");
		free(err);
		free(s);
	}
}
END_TEST

START_TEST(limit_partial_depth)
{
	/* A partial that includes itself with nothing to stop it. */
	static const char *const self[] = {"p", "x{{>p}}", NULL};
	int rc;
	char *err;
	char *got = render_with("{{>p}}", NULL, self, 1 << 20, &rc, &err);
	ck_assert_int_eq(rc, DR_EINVAL);
	ck_assert_str_eq(err, "p:1:2: partials nested more than 32 deep at 'p'; a partial that "
	                      "includes itself needs data that ends the recursion");
	ck_assert_uint_eq(strlen(got), DR_MAX_PARTIAL_DEPTH);
	free(got);
	free(err);
	/* The same through a section that is always true, and through parents. */
	static const char *const sect[] = {"p", "{{#a}}{{>p}}{{/a}}", NULL};
	static const char *const par[] = {"p", "{{<p}}{{$b}}x{{/b}}{{/p}}", NULL};
	dr_arena *a = dr_arena_new(1 << 20);
	dr_value *data = dr_value_map(a);
	dr_value_set(a, data, "a", dr_value_bool(a, 1));
	got = render_with("{{>p}}", data, sect, 1 << 20, &rc, &err);
	ck_assert_int_eq(rc, DR_EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "partials nested more than 32 deep"));
	free(got);
	free(err);
	got = render_with("{{<p}}{{/p}}", data, par, 1 << 20, &rc, &err);
	ck_assert_int_eq(rc, DR_EINVAL);
	ck_assert_str_eq(err, "p:1:1: partials nested more than 32 deep at 'p'; a partial that "
	                      "includes itself needs data that ends the recursion");
	free(got);
	free(err);
	/* Two partials deep is fine, and data can end a recursion. */
	static const char *const tree[] = {"n", "{{v}}({{#kids}}{{>n}}{{/kids}})", NULL};
	dr_value *kid = dr_value_map(a), *kids = dr_value_list(a), *none = dr_value_list(a);
	dr_value_set(a, kid, "v", dr_value_str(a, "b", 1));
	dr_value_set(a, kid, "kids", none);
	dr_value_push(a, kids, kid);
	dr_value_push(a, kids, kid);
	dr_value_set(a, data, "v", dr_value_str(a, "a", 1));
	dr_value_set(a, data, "kids", kids);
	expect_render("{{>n}}", data, tree, "a(b()b())");
	dr_arena_free(a);
}
END_TEST

START_TEST(render_errors)
{
	int rc;
	char *err;
	/* Output over out->max: the text that did not fit is named. */
	char *got = render_with("abc\n{{x}}0123456789", NULL, NULL, 10, &rc, &err);
	ck_assert_int_eq(rc, DR_EINVAL);
	ck_assert_str_eq(err, "t:2:6: the output is over its limit of 10 bytes");
	free(got);
	free(err);
	/* A partial that does not compile: its message, and where it came from. */
	static const char *const bad[] = {"p", "ok\n{{#a}}", NULL};
	got = render_with("x\n {{>p}}", NULL, bad, 1 << 20, &rc, &err);
	ck_assert_int_eq(rc, DR_EINVAL);
	ck_assert_str_eq(err, "p:2:7: unclosed section 'a' opened at 2:1: expected {{/a}} "
	                      "(included from t:2:2)");
	free(got);
	free(err);
}
END_TEST

/* ---- rendering ------------------------------------------------------------- */

START_TEST(partial_cache)
{
	static const char *const ps[] = {"p", "[{{.}}]", "q", "{{>p}}", NULL};
	dr_arena *a = dr_arena_new(1 << 20);
	dr_value *list = dr_value_list(a);
	for (int i = 0; i < 5; i++)
		dr_value_push(a, list, dr_value_str(a, "x", 1));
	dr_template *t;
	ck_assert_int_eq(
	    dr_template_compile(&t, "t", "{{#.}}{{>p}}{{>q}}{{>none}}{{/.}}", 33, NULL), 0);
	pset p = {ps, 0};
	dr_buf out;
	dr_buf_init(&out, 1 << 20);
	ck_assert_int_eq(dr_template_render(t, list, list_partial, &p, NULL, &out, NULL), 0);
	ck_assert_str_eq(out.p, "[x][x][x][x][x][x][x][x][x][x]");
	/* p, q and the missing one: each asked for once. */
	ck_assert_int_eq(p.calls, 3);
	/* A template renders again, and with no partials at all. */
	dr_buf_free(&out);
	ck_assert_int_eq(dr_template_render(t, list, NULL, NULL, NULL, &out, NULL), 0);
	ck_assert_ptr_null(out.p);
	ck_assert_str_eq(dr_template_name(t), "t");
	dr_template_free(t);
	dr_template_free(NULL);
	dr_buf_free(&out);
	dr_arena_free(a);
}
END_TEST

START_TEST(values)
{
	dr_arena *a = dr_arena_new(1 << 20);
	dr_value *d = dr_value_map(a), *l = dr_value_list(a), *zero = dr_value_str(a, "0.0", 3);
	zero->u.str.number = 1;
	dr_value_set(a, d, "t", dr_value_bool(a, 1));
	dr_value_set(a, d, "f", dr_value_bool(a, 0));
	dr_value_set(a, d, "zero", zero);
	dr_value_set(a, d, "l", l);
	dr_value_set(a, d, "m", dr_value_map(a));
	dr_value_set(a, d, "html", dr_value_str(a, "<a href='x'>&</a>", 17));
	dr_value_push(a, l, dr_value_str(a, "1", 1));
	/* Booleans print, lists and maps do not; 0.0 is falsey; an empty map
	 * is truthy. */
	expect_render("{{t}}{{f}}{{l}}{{m}}|{{#zero}}no{{/zero}}{{^zero}}0{{/zero}}|{{#m}}m{{/m}}",
	              d, NULL, "truefalse|0|m");
	expect_render(
	    "{{html}}|{{{html}}}|{{&html}}", d, NULL,
	    "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;|<a href='x'>&</a>|<a href='x'>&</a>");
	/* No data at all. */
	expect_render("[{{x}}{{.}}{{#x}}y{{/x}}{{^x}}n{{/x}}]", NULL, NULL, "[n]");
	dr_arena_free(a);
}
END_TEST

/* A packed value reads back the same: the same render of every kind of
 * value, a 200-byte text whose length takes two bytes, a number kept a
 * number; a cut or lengthened packing, or a key without its NUL, is
 * refused. */
START_TEST(values_packed)
{
	dr_arena *a = dr_arena_new(1 << 20);
	dr_value *d = dr_value_map(a), *l = dr_value_list(a), *zero = dr_value_str(a, "0.0", 3);
	char long_text[201];
	memset(long_text, 'x', 200);
	long_text[200] = '\0';
	zero->u.str.number = 1;
	dr_value_set(a, d, "t", dr_value_bool(a, 1));
	dr_value_set(a, d, "f", dr_value_bool(a, 0));
	dr_value_set(a, d, "n", dr_value_null(a));
	dr_value_set(a, d, "zero", zero);
	dr_value_set(a, d, "l", l);
	dr_value_set(a, d, "m", dr_value_map(a));
	dr_value_set(a, d, "long", dr_value_str(a, long_text, 200));
	dr_value_push(a, l, dr_value_str(a, "1", 1));
	dr_value_push(a, l, dr_value_str(a, "", 0));
	dr_buf b;
	dr_buf_init(&b, 1 << 16);
	ck_assert_int_eq(dr_value_pack(&b, d, NULL), 0);
	dr_value *u = dr_value_unpack(a, b.p, b.len);
	ck_assert_ptr_nonnull(u);
	static const char tpl[] = "{{t}}{{f}}[{{n}}]{{#l}}<{{.}}>{{/l}}|{{#zero}}no{{/zero}}"
	                          "{{^zero}}0{{/zero}}|{{#m}}m{{/m}}|{{long}}";
	char want[400];
	snprintf(want, sizeof(want), "truefalse[]<1><>|0|m|%s", long_text);
	expect_render(tpl, d, NULL, want);
	expect_render(tpl, u, NULL, want);
	ck_assert_int_eq(u->u.map.n, 7);
	ck_assert_int_eq(u->u.map.cap, 7);
	for (size_t n = 0; n < b.len; n++)
		ck_assert_ptr_null(dr_value_unpack(a, b.p, n));
	dr_buf_putc(&b, 'n');
	ck_assert_ptr_null(dr_value_unpack(a, b.p, b.len));
	static const char no_nul[] = {'m', 1, 1, 'k', 'n'};
	ck_assert_ptr_null(dr_value_unpack(a, no_nul, sizeof(no_nul)));
	/* Of a map, only the keys listed. */
	static const char *const some[] = {"t", "long", NULL};
	b.len = 0;
	ck_assert_int_eq(dr_value_pack(&b, d, some), 0);
	u = dr_value_unpack(a, b.p, b.len);
	ck_assert_ptr_nonnull(u);
	ck_assert_int_eq(u->u.map.n, 2);
	snprintf(want, sizeof(want), "true[]|%s", long_text);
	expect_render("{{t}}{{f}}[{{n}}]|{{long}}", u, NULL, want);
	static const char unknown[] = {'?'};
	ck_assert_ptr_null(dr_value_unpack(a, unknown, 1));
	dr_buf_free(&b);
	dr_arena_free(a);
}
END_TEST

START_TEST(indentation)
{
	dr_arena *a = dr_arena_new(1 << 20);
	dr_value *d = dr_value_map(a), *l = dr_value_list(a);
	dr_value_push(a, l, dr_value_str(a, "a", 1));
	dr_value_push(a, l, dr_value_str(a, "b\nc", 3));
	dr_value_set(a, d, "l", l);
	/* Nested standalone partials add up their indentation; every line of
	 * a section's output is indented, but not the lines of a value, nor
	 * empty lines. */
	static const char *const ps[] = {"outer", "o:\n  {{>inner}}\n", "inner",
	                                 "{{#l}}\n- {{.}}\n\n{{/l}}", NULL};
	expect_render("x\n  {{>outer}}\ny\n", d, ps, "x\n  o:\n    - a\n\n    - b\nc\n\ny\n");
	/* A partial inline is not indented, but its line is. */
	static const char *const inl[] = {"p", "1\n2", "q", "  {{>p}}!\n", NULL};
	expect_render("{{>q}}", d, inl, "  1\n2!\n");
	expect_render(" {{>q}}", d, inl, "   1\n2!\n");
	/* CRLF line ends. */
	expect_render("a\r\n  {{>p}}\r\n{{#l}}\r\n{{/l}}\r\nb", d, inl, "a\r\n  1\n  2b");
	dr_arena_free(a);
}
END_TEST

START_TEST(inheritance)
{
	/* Blocks inside a section inside a parent are not overrides; text
	 * inside a parent is ignored; a block cannot expand itself. */
	static const char *const ps[] = {"p", "<{{$a}}A{{/a}}|{{$b}}B{{/b}}>", NULL};
	expect_render("{{<p}}x{{#s}}{{$a}}no{{/a}}{{/s}}{{$b}}[{{$b}}in{{/b}}]{{/b}}{{/p}}", NULL,
	              ps, "<A|[in]>");
	/* Missing parents are empty; delimiters do not reach the parent. */
	expect_render("{{=| |=}}|<none||$a|x|/a||/none||<p||/p|", NULL, ps, "<A|B>");
	/* Standalone parents and blocks take the indentation of their line. */
	static const char *const ind[] = {"page", "<main>\n  {{$body}}\n  {{/body}}\n</main>\n",
	                                  NULL};
	expect_render("{{<page}}\n{{$body}}\n<p>\n  hi\n</p>\n{{/body}}\n{{/page}}\n", NULL, ind,
	              "<main>\n  <p>\n    hi\n  </p>\n</main>\n");
}
END_TEST

/* ---- escaping --------------------------------------------------------------- */

static char *escaped(int (*fn)(dr_buf *, const char *, size_t), const char *s, size_t n)
{
	dr_buf b;
	dr_buf_init(&b, 1 << 20);
	ck_assert_int_eq(fn(&b, s, n), 0);
	return dr_buf_take(&b, NULL);
}

START_TEST(escape_html)
{
	char *e = escaped(dr_escape_html, "a&b<c>d\"e'f", 11);
	ck_assert_str_eq(e, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	free(e);
	e = escaped(dr_escape_html, "", 0);
	ck_assert_str_eq(e, "");
	free(e);
	/* The cap: a full buffer fails. */
	dr_buf b;
	dr_buf_init(&b, 8);
	ck_assert_int_eq(dr_escape_html(&b, "<<<", 3), -1);
	ck_assert_int_eq(dr_escape_markdown(&b, "x", 1), -1);
	dr_buf_free(&b);
}
END_TEST

START_TEST(escape_markdown)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"Library opening hours", "Library opening hours"},
	    {"St. Mary's Rd - phase 2 (2024/25): 1.5m, 50% + VAT!",
	     "St. Mary's Rd - phase 2 (2024/25): 1.5m, 50% + VAT!"},
	    {"*urgent* <b>", "\\*urgent\\* \\<b\\>"},
	    {"# heading", "\\# heading"},
	    {"[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"},
	    {"![img](x.png)", "\\!\\[img\\](x.png)"},
	    {"1. item", "1\\. item"},
	    {"2024) item", "2024\\) item"},
	    {"1.5 million", "1.5 million"},
	    {"- a", "\\- a"},
	    {"+ a", "\\+ a"},
	    {"===", "\\==="},
	    {"> quote", "\\> quote"},
	    {"a_b `c` \\ & | ~~d~~", "a\\_b \\`c\\` \\\\ \\& \\| \\~\\~d\\~\\~"},
	    {"two\nlines\r\nand\rthree", "two lines and three"},
	    {"    code", "&#32;   code"},
	    {"\ttab", "&#9;tab"},
	    {"end  ", "end &#32;"},
	    {"end\n", "end&#32;"},
	    {" ", "&#32;"},
	    {"Item #", "Item \\#"},
	    {"Item #3", "Item #3"},
	    {"C#", "C#"},
	    {"&amp;", "\\&amp;"},
	    {"<http://x.org>", "\\<http://x.org\\>"},
	    {"\xEF\xBB\xBF&", "&#xFEFF;\\&"}, /* found by fuzzing */
	    {"a\xEF\xBB\xBF", "a\xEF\xBB\xBF"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *e = escaped(dr_escape_markdown, cases[i].in, strlen(cases[i].in));
		ck_assert_str_eq(e, cases[i].out);
		free(e);
	}
}
END_TEST

/* Places where a template puts a value, and what cmark must make of them:
 * the value alone, on a line after a paragraph's first line (where "===" or
 * "- x" would change the paragraph), inside a line, and as a heading, a
 * list item and a block quote. */
static const struct {
	const char *before, *after, *open, *close;
} places[] = {
    {"", "", "<p>", "</p>\n"},
    {"para\n", "", "<p>para\n", "</p>\n"},
    {"a ", " b", "<p>a ", " b</p>\n"},
    {"# ", "", "<h1>", "</h1>\n"},
    {"- ", "", "<ul>\n<li>", "</li>\n</ul>\n"},
    {"> ", "", "<blockquote>\n<p>", "</p>\n</blockquote>\n"},
};

/* 1 when s[0..n), escaped for Markdown and put in place p, renders through
 * cmark as the plain text s. */
static int round_trips(const char *s, size_t n, size_t p, char *why, size_t cap)
{
	char *e = escaped(dr_escape_markdown, s, n);
	dr_buf doc, want;
	dr_buf_init(&doc, 1 << 20);
	dr_buf_init(&want, 1 << 20);
	dr_buf_printf(&doc, "%s%s%s", places[p].before, e, places[p].after);
	dr_buf_puts(&want, places[p].open);
	fuzz_cmark_text(&want, s, n);
	dr_buf_puts(&want, places[p].close);
	char *html = cmark_markdown_to_html(doc.p, doc.len, CMARK_OPT_DEFAULT);
	int ok = html && !strcmp(html, want.p);
	if (!ok)
		snprintf(why, cap, "[%.*s] escaped as [%s] renders as [%s], not [%s]", (int)n, s,
		         doc.p, html ? html : "", want.p);
	free(html);
	free(e);
	dr_buf_free(&doc);
	dr_buf_free(&want);
	return ok;
}

START_TEST(escape_markdown_cmark)
{
	/* Hostile pieces: every ASCII punctuation character, block starts,
	 * inline syntax, whitespace and line breaks. Each piece alone, and
	 * every pair of pieces joined directly and with a space, must come out
	 * of cmark as the plain text. */
	static const char *const pieces[] = {
	    "x",
	    "\xEF\xBB\xBF",
	    "!",
	    "\"",
	    "#",
	    "$",
	    "%",
	    "&",
	    "'",
	    "(",
	    ")",
	    "*",
	    "+",
	    ",",
	    "-",
	    ".",
	    "/",
	    ":",
	    ";",
	    "<",
	    "=",
	    ">",
	    "?",
	    "@",
	    "[",
	    "\\",
	    "]",
	    "^",
	    "_",
	    "`",
	    "{",
	    "|",
	    "}",
	    "~",
	    " ",
	    "\t",
	    "\n",
	    "\r\n",
	    "\r",
	    "    ",
	    "1.",
	    "1)",
	    "12.",
	    "- ",
	    "+ ",
	    "* ",
	    "> ",
	    "# ",
	    "## x ##",
	    "---",
	    "***",
	    "___",
	    "===",
	    "```",
	    "~~~",
	    "<div>",
	    "<!-- c -->",
	    "</p>",
	    "<a>",
	    "&amp;",
	    "&#35;",
	    "&copy",
	    "[a]: /",
	    "[x](y)",
	    "![i](j)",
	    "[^1]",
	    "*e*",
	    "**s**",
	    "_e_",
	    "`c`",
	    "~~s~~",
	    "\\*",
	    "a\\",
	    "<http://e.org>",
	    "http://e.org",
	    "<x@y.z>",
	    "|a|b|",
	    "| --- |",
	    "[ ]",
	    "\xC3\xA9",
	};
	size_t n = sizeof(pieces) / sizeof(*pieces), tried = 0, failed = 0;
	char why[1024], first[1024] = "";
	char s[256];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j <= n; j++)
			for (int space = 0; space < 2; space++) {
				if (j == n && space)
					continue;
				int len = snprintf(s, sizeof(s), "%s%s%s", pieces[i],
				                   space ? " " : "", j < n ? pieces[j] : "");
				for (size_t p = 0; p < sizeof(places) / sizeof(*places); p++) {
					tried++;
					if (!round_trips(s, (size_t)len, p, why, sizeof(why)) &&
					    !failed++)
						snprintf(first, sizeof(first), "%s", why);
				}
			}
	/* And some whole titles. */
	static const char *const titles[] = {
	    "*urgent* <b>",
	    "# heading",
	    "[x](javascript:alert(1))",
	    "1. item",
	    "<script>alert('x')</script>",
	    "   - [ ] task\n  > quote\n\n    code",
	    "Grant to St. Mary's (phase 2) - 50% of £1.5m, see https://e.org/a_b",
	    "a  \nb\\\nc",
	    "<!--",
	    "<?php",
	    "Title\n===",
	};
	for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++)
		for (size_t p = 0; p < sizeof(places) / sizeof(*places); p++) {
			tried++;
			if (!round_trips(titles[i], strlen(titles[i]), p, why, sizeof(why)) &&
			    !failed++)
				snprintf(first, sizeof(first), "%s", why);
		}
	ck_assert_msg(failed == 0, "%zu of %zu strings do not round-trip; first: %s", failed, tried,
	              first);
}
END_TEST

Suite *suite_mustache(void)
{
	Suite *s = suite_create("mustache");
	TCase *tc = tcase_create("mustache");
	tcase_add_test(tc, spec_required);
	tcase_add_test(tc, spec_inheritance);
	tcase_add_test(tc, compile_errors);
	tcase_add_test(tc, limit_template_size);
	tcase_add_test(tc, limit_nesting);
	tcase_add_test(tc, limit_partial_depth);
	tcase_add_test(tc, render_errors);
	tcase_add_test(tc, partial_cache);
	tcase_add_test(tc, values);
	tcase_add_test(tc, values_packed);
	tcase_add_test(tc, indentation);
	tcase_add_test(tc, inheritance);
	tcase_add_test(tc, escape_html);
	tcase_add_test(tc, escape_markdown);
	tcase_add_test(tc, escape_markdown_cmark);
	suite_add_tcase(s, tc);
	return s;
}
