/* The loader: positions of keys and values, and what it refuses. */
#include "tests.h"

#include "load.h"
#include "record.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

typedef struct loaded {
	dr_arena *a;
	dr_diags d;
	dr_loader *l;
	dr_node *root;
	dr_pos start;
	int rc;
} loaded;

static void load(loaded *x, const char *text)
{
	memset(x, 0, sizeof(*x));
	x->a = dr_arena_new(DR_ARENA_CAP);
	x->d.arena = x->a;
	if (dr_loader_open(&x->l, NULL, text, strlen(text), &x->d)) {
		x->rc = -2;
		return;
	}
	x->rc = dr_loader_next(x->l, x->a, &x->d, &x->root, &x->start);
}

static void unload(loaded *x)
{
	dr_loader_free(x->l);
	free(x->d.v);
	dr_arena_free(x->a);
}

static void expect_pos(dr_pos p, uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col)
{
	ck_assert_uint_eq(p.line, line);
	ck_assert_uint_eq(p.col, col);
	ck_assert_uint_eq(p.end_line, end_line);
	ck_assert_uint_eq(p.end_col, end_col);
}

START_TEST(positions)
{
	loaded x;
	load(&x, "reference: 24/00058\ndates:\n  effective: 2024-07-26\ntitle: \"Café\"\n");
	ck_assert_int_eq(x.rc, 1);
	ck_assert_uint_eq(x.d.n, 0);
	ck_assert_int_eq(x.root->type, DR_MAP);
	ck_assert_uint_eq(x.root->u.map.n, 3);
	dr_pair *p = x.root->u.map.pairs;
	expect_pos(p[0].key->pos, 1, 1, 1, 10);
	expect_pos(p[0].value->pos, 1, 12, 1, 20);
	const dr_node *eff = dr_node_get(dr_node_get(x.root, "dates"), "effective");
	ck_assert_str_eq(dr_node_str(eff), "2024-07-26");
	expect_pos(eff->pos, 3, 14, 3, 24);
	/* Columns count characters, not bytes: the quote ends at column 14. */
	expect_pos(p[2].value->pos, 4, 8, 4, 14);
	ck_assert_int_eq(p[2].value->quoted, 1);
	ck_assert_int_eq(p[0].value->quoted, 0);
	ck_assert_int_eq(dr_loader_next(x.l, x.a, &x.d, &x.root, &x.start), 0);
	unload(&x);
}
END_TEST

START_TEST(crlf_and_bom)
{
	loaded x;
	load(&x, "\xEF\xBB\xBFreference: 24/00058\r\ntitle: x\r\n");
	ck_assert_int_eq(x.rc, 1);
	ck_assert_uint_eq(x.d.n, 0);
	expect_pos(x.root->u.map.pairs[0].key->pos, 1, 1, 1, 10);
	expect_pos(x.root->u.map.pairs[1].value->pos, 2, 8, 2, 9);
	ck_assert_str_eq(dr_node_str(x.root->u.map.pairs[1].value), "x");
	unload(&x);
}
END_TEST

START_TEST(duplicate_keys)
{
	loaded x;
	load(&x, "a: 1\nb:\n  c: 2\n  c: 3\na: [4]\n");
	ck_assert_int_eq(x.rc, 1);
	ck_assert_uint_eq(x.d.n, 2);
	ck_assert_int_eq(x.d.v[0].rule, DR_RULE_DUPLICATE_KEY);
	ck_assert_uint_eq(x.d.v[0].line, 4);
	ck_assert_uint_eq(x.d.v[0].column, 3);
	ck_assert_str_eq(x.d.v[0].field, "/b/c");
	ck_assert_uint_eq(x.d.v[1].line, 5);
	ck_assert_str_eq(x.d.v[1].field, "/a");
	/* The first value is kept, and the mapping has no extra entries. */
	ck_assert_uint_eq(x.root->u.map.n, 2);
	ck_assert_str_eq(dr_node_str(dr_node_get(x.root, "a")), "1");
	ck_assert_str_eq(dr_node_str(dr_node_get(dr_node_get(x.root, "b"), "c")), "2");
	unload(&x);
}
END_TEST

START_TEST(aliases_and_tags)
{
	loaded x;
	load(&x, "a: &x 1\nb: *x\nc: !!str 3\nd: !custom {e: 1}\n");
	ck_assert_int_eq(x.rc, 1);
	ck_assert_uint_eq(x.d.n, 4);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(x.d.v[i].rule, DR_RULE_YAML_ALIAS);
		ck_assert_uint_eq(x.d.v[i].line, i + 1);
		ck_assert_uint_eq(x.d.v[i].column, 4);
	}
	/* The alias loads as null, never as the anchored value. */
	ck_assert(dr_node_is_null(dr_node_get(x.root, "b")));
	unload(&x);
}
END_TEST

START_TEST(documents)
{
	loaded x;
	load(&x, "a: 1\n---\nb: 2\n--- \n...\n");
	ck_assert_int_eq(x.rc, 1);
	ck_assert_ptr_nonnull(dr_node_get(x.root, "a"));
	ck_assert_int_eq(dr_loader_next(x.l, x.a, &x.d, &x.root, &x.start), 1);
	ck_assert_uint_eq(dr_node_get(x.root, "b")->pos.line, 3);
	ck_assert_uint_eq(x.start.line, 2);
	ck_assert_int_eq(dr_loader_next(x.l, x.a, &x.d, &x.root, &x.start), 1);
	ck_assert(dr_node_is_null(x.root));
	ck_assert_int_eq(dr_loader_next(x.l, x.a, &x.d, &x.root, &x.start), 0);
	ck_assert_uint_eq(x.d.n, 0);
	unload(&x);
}
END_TEST

START_TEST(syntax_errors)
{
	loaded x;
	load(&x, "a: [1, 2\nb: 3\n");
	ck_assert_int_eq(x.rc, -1);
	ck_assert_uint_eq(x.d.n, 1);
	ck_assert_int_eq(x.d.v[0].rule, DR_RULE_YAML_SYNTAX);
	ck_assert_uint_eq(x.d.v[0].line, 2);
	ck_assert_uint_eq(x.d.v[0].column, 2);
	ck_assert_str_eq(x.d.v[0].message,
	                 "not well-formed YAML: did not find expected ',' or ']' while parsing a "
	                 "flow sequence");
	/* After an error the stream is over. */
	ck_assert_int_eq(dr_loader_next(x.l, x.a, &x.d, &x.root, &x.start), 0);
	unload(&x);
	load(&x, "a: b: c\n");
	ck_assert_int_eq(x.rc, -1);
	ck_assert_uint_eq(x.d.v[0].line, 1);
	ck_assert_uint_eq(x.d.v[0].column, 5);
	unload(&x);
}
END_TEST

/* The comment after a plain value on its line (col 0: none), found in the
 * source although libyaml drops comments. */
static void comment_is(const char *text, int doc, const char *key, uint32_t col, const char *what)
{
	loaded x;
	load(&x, text);
	for (int i = 0; i < doc; i++)
		x.rc = dr_loader_next(x.l, x.a, &x.d, &x.root, &x.start);
	ck_assert_msg(x.rc == 1 && x.d.n == 0, "%s did not load", text);
	const dr_node *v = dr_node_get(x.root, key);
	ck_assert_ptr_nonnull(v);
	if (!col) {
		ck_assert_msg(v->comment == NULL, "%s: a comment where there is none", text);
	} else {
		ck_assert_msg(v->comment != NULL, "%s: no comment found", text);
		ck_assert_uint_eq(v->comment->col, col);
		ck_assert_str_eq(v->comment->text, what);
	}
	unload(&x);
}

START_TEST(comments)
{
	comment_is("a: x # c\n", 0, "a", 6, "# c");
	comment_is("a: x\r\nb: y \t# c d  \r\n", 0, "b", 7, "# c d");
	comment_is("a: caf\xC3\xA9 \xC3\xBC # c\n", 0, "a", 11,
	           "# c"); /* columns count characters */
	comment_is("a: x\xC2\x85"
	           "b: y # c\n",
	           0, "b", 6, "# c"); /* NEL breaks a line */
	comment_is("a: x\n---\nb: y # c\n", 1, "b", 6, "# c"); /* the second document */
	comment_is("a: two\n  lines # c\n", 0, "a", 9, "# c");
	comment_is("a: # c\n", 0, "a", 0, NULL); /* no value */
	comment_is("a: 'x' # c\n", 0, "a", 0, NULL);
	comment_is("a: \"x\" # c\n", 0, "a", 0, NULL);
	comment_is("a: |\n  x # c\n", 0, "a", 0, NULL);
	comment_is("a: x\n# c\n", 0, "a", 0, NULL);
	comment_is("a: x#y\n", 0, "a", 0, NULL);
	loaded x;
	load(&x, "a: [x, y] # c\n");
	ck_assert_int_eq(x.rc, 1);
	const dr_node *a = dr_node_get(x.root, "a");
	ck_assert_ptr_null(a->u.seq.items[0]->comment);
	ck_assert_ptr_null(a->u.seq.items[1]->comment);
	unload(&x);
	load(&x, "a:\n  - x # c\n");
	ck_assert_int_eq(x.rc, 1);
	a = dr_node_get(x.root, "a");
	ck_assert_ptr_nonnull(a->u.seq.items[0]->comment);
	ck_assert_uint_eq(a->u.seq.items[0]->comment->col, 7);
	unload(&x);
}
END_TEST

/* The hint that follows libyaml's message, and the expected value. */
static void hint_is(const char *text, const char *message, const char *expected)
{
	loaded x;
	load(&x, text);
	ck_assert_int_eq(x.rc, -1);
	ck_assert_uint_eq(x.d.n, 1);
	ck_assert_int_eq(x.d.v[0].rule, DR_RULE_YAML_SYNTAX);
	ck_assert_str_eq(x.d.v[0].message, message);
	if (expected)
		ck_assert_str_eq(x.d.v[0].expected, expected);
	else
		ck_assert_ptr_null(x.d.v[0].expected);
	unload(&x);
}

START_TEST(syntax_hints)
{
	hint_is("a:\n\tb: c\n",
	        "not well-formed YAML: found character that cannot start any token while "
	        "scanning for the next token; YAML indentation must use spaces, not tabs: "
	        "replace the tabs at the start of line 2 with spaces",
	        NULL);
	hint_is("a:\n  b: c\n\td: e\n",
	        "not well-formed YAML: found a tab character that violates indentation while "
	        "scanning a plain scalar; YAML indentation must use spaces, not tabs: replace "
	        "the tabs at the start of line 3 with spaces",
	        NULL);
	hint_is("a: 1\ntitle: Town Centre Strategy: \"adoption\"  # x\n",
	        "not well-formed YAML: mapping values are not allowed in this context; a ': ' "
	        "inside unquoted text starts another key, so quote the value: title: \"Town "
	        "Centre Strategy: \\\"adoption\\\"\"",
	        "\"Town Centre Strategy: \\\"adoption\\\"\"");
	hint_is("- title: caf\xC3\xA9: x\n",
	        "not well-formed YAML: mapping values are not allowed in this context; a ': ' "
	        "inside unquoted text starts another key, so quote the value: title: "
	        "\"caf\xC3\xA9: x\"",
	        "\"caf\xC3\xA9: x\"");
	hint_is("a:\n  b: 1\n   c: 2\n",
	        "not well-formed YAML: mapping values are not allowed in this context; "
	        "indentation does not line up: 'c' starts in column 4, but 'b' on line 2 "
	        "starts in column 3; keys of one mapping must start in the same column",
	        NULL);
	hint_is("a:\n  b: 1\n\n  # note\n c: 2\n",
	        "not well-formed YAML: did not find expected key while parsing a block "
	        "mapping; indentation does not line up: 'c' starts in column 2, but 'b' on "
	        "line 2 starts in column 3; keys of one mapping must start in the same column",
	        NULL);
	hint_is("a:\n  - b: 1\n   c: 2\n",
	        "not well-formed YAML: did not find expected '-' indicator while parsing a "
	        "block collection; indentation does not line up: 'c' starts in column 4, but "
	        "'b' on line 2 starts in column 5; keys of one mapping must start in the same "
	        "column",
	        NULL);
	hint_is("summary: The council agreed\n  the following: a plan\n",
	        "not well-formed YAML: mapping values are not allowed in this context; line 2 "
	        "goes on with the text of the value above it, and the ': ' in it starts another "
	        "key; quote the whole value, or write it as a block ('key: |' with the text "
	        "indented below)",
	        NULL);
	hint_is("a: 'x\nb: y\n",
	        "not well-formed YAML: found unexpected end of stream while scanning a quoted "
	        "scalar; the quote opened on line 1, column 4, is not closed",
	        NULL);
	/* No guess where the source shows none. */
	hint_is("a: [1, 2\nb: 3\n",
	        "not well-formed YAML: did not find expected ',' or ']' while parsing a flow "
	        "sequence",
	        NULL);
}
END_TEST

START_TEST(encoding)
{
	static const struct {
		const char *text;
		uint32_t line, col;
	} bad[] = {
	    {"a: caf\xE9\n", 1, 7}, /* Latin-1 */
	    {"a: 1\nb: \xC0\xAF\n", 2, 4}, /* overlong '/' */
	    {"a: \xED\xA0\x80\n", 1, 4}, /* a surrogate */
	    {"a: \xF4\x90\x80\x80\n", 1, 4}, /* past U+10FFFF */
	    {"a: \xE2\x82\n", 1, 4}, /* cut short */
	    {"\xFF\xFE"
	     "a\0",
	     1, 1}, /* UTF-16 */
	    {"a: \xC3\xA9\xC3\n", 1, 5}, /* good, then cut */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		loaded x;
		load(&x, bad[i].text);
		ck_assert_int_eq(x.rc, -2);
		ck_assert_uint_eq(x.d.n, 1);
		ck_assert_int_eq(x.d.v[0].rule, DR_RULE_ENCODING);
		ck_assert_msg(x.d.v[0].line == bad[i].line && x.d.v[0].column == bad[i].col,
		              "case %zu at %u:%u", i, x.d.v[0].line, x.d.v[0].column);
		unload(&x);
	}
	/* A NUL byte (the text is cut by strlen here, so build it by hand). */
	char nul[] = "a: 1\nb: x\0y\n";
	dr_arena *a = dr_arena_new(1 << 20);
	dr_diags d = {.arena = a};
	dr_text t = {0};
	dr_loader *l = NULL;
	ck_assert_int_eq(dr_loader_open(&l, &t, nul, sizeof(nul) - 1, &d), 1);
	ck_assert_ptr_null(l);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].message, "the file holds a NUL byte; a decision record is text, so "
	                                 "it must not contain binary data");
	ck_assert_uint_eq(d.v[0].line, 2);
	ck_assert_uint_eq(d.v[0].column, 5);
	free(d.v);
	dr_arena_free(a);
}
END_TEST

/* The line index: every kind of line break libyaml knows, a BOM, a last
 * line without a break, and lines past a bad byte. Lines are joined with
 * '|' for the comparison. */
START_TEST(line_index)
{
	static const struct {
		const char *text;
		size_t len;
		const char *lines;
		uint32_t count;
	} cases[] = {
#define T(s) s, sizeof(s) - 1
	    {T("a: 1\nb: 2\n"), "a: 1|b: 2|", 3},
	    {T("a: 1\nb: 2"), "a: 1|b: 2", 2},
	    {T(""), "", 1},
	    {T("\xEF\xBB\xBFx\ny"), "x|y", 2},
	    {T("a\r\nb\rc\n"), "a|b|c|", 4},
	    {T("a\xC2\x85"
	       "b\xE2\x80\xA8"
	       "c\xE2\x80\xA9"
	       "d\ne"),
	     "a|b|c|d|e", 5},
	    /* Not breaks: other characters that start like one. */
	    {T("\xC2\xA3\xE2\x80\x99x\ny"), "\xC2\xA3\xE2\x80\x99x|y", 2},
	    /* After a bad byte the scan stops; the index still follows NEL. */
	    {T("a\xFF\nb\xC2\x85"
	       "c"),
	     "a\xFF|b|c", 3},
#undef T
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		dr_text t = {0};
		dr_text_scan(&t, cases[i].text, cases[i].len);
		char got[256] = "";
		size_t n = 0, len;
		/* Ask for a late line first, then the others: the index grows
		 * lazily and must give the same lines either way. */
		ck_assert_ptr_null(dr_text_line(&t, cases[i].count + 1, &len));
		for (uint32_t no = 1; no <= cases[i].count; no++) {
			const char *line = dr_text_line(&t, no, &len);
			ck_assert_msg(line != NULL, "case %zu: no line %u", i, no);
			n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%.*s", no > 1 ? "|" : "",
			                      (int)len, line);
		}
		ck_assert_str_eq(got, cases[i].lines);
		ck_assert_uint_eq(dr_text_count(&t), cases[i].count);
		dr_text_free(&t);
	}
}
END_TEST

/* The arena's cap is hostile input (too-large); a malloc that fails is not
 * (d->failed, which the checker returns as DR_ENOMEM). */
START_TEST(cap_is_not_oom)
{
	dr_arena *a = dr_arena_new(300);
	ck_assert_ptr_nonnull(dr_arena_alloc(a, 100));
	ck_assert_int_eq(dr_arena_full(a), 0);
	ck_assert_ptr_null(dr_arena_alloc(a, 1000));
	ck_assert_int_eq(dr_arena_full(a), 1);
	dr_arena_reset(a);
	ck_assert_int_eq(dr_arena_full(a), 0);
	dr_arena_free(a);

	/* A record whose tree passes a small cap: one too-large finding. */
	char text[4096] = "a: [";
	size_t n = strlen(text);
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "1, ");
	snprintf(text + n, sizeof(text) - n, "2]\n");
	a = dr_arena_new(2048);
	dr_diags d = {.arena = dr_arena_new(1 << 20)};
	dr_loader *l = NULL;
	dr_node *root;
	dr_pos start;
	ck_assert_int_eq(dr_loader_open(&l, NULL, text, strlen(text), &d), 0);
	ck_assert_int_eq(dr_loader_next(l, a, &d, &root, &start), -1);
	ck_assert_int_eq(d.failed, 0);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].rule, DR_RULE_TOO_LARGE);
	ck_assert_str_eq(d.v[0].message,
	                 "the record is too large to load (over 64 MB of structure)");
	dr_loader_free(l);
	dr_arena_free(a);
	dr_arena_free(d.arena);
	free(d.v);
}
END_TEST

#ifndef __SANITIZE_ADDRESS__
/* Memory that runs out (the address space capped just above what the
 * process uses) while a large record loads: out of memory, no finding. */
START_TEST(malloc_failure_is_oom)
{
	size_t big = 4u << 20;
	char *text = malloc(big + 16);
	ck_assert_ptr_nonnull(text);
	memcpy(text, "a: ", 3);
	memset(text + 3, 'x', big);
	memcpy(text + 3 + big, "\nb: 1\n", 7);
	size_t len = big + 9;
	dr_arena *a = dr_arena_new(DR_ARENA_CAP);
	dr_diags d = {.arena = a};
	dr_loader *l = NULL;
	dr_node *root;
	dr_pos start;
	ck_assert_int_eq(dr_loader_open(&l, NULL, text, len, &d), 0);
	/* The whole value goes past DR_MAX_SCALAR: a cap, so too-large... */
	ck_assert_int_eq(dr_loader_next(l, a, &d, &root, &start), -1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].rule, DR_RULE_TOO_LARGE);
	dr_loader_free(l);
	/* ...but a list under every limit, with no memory to hold it, is out
	 * of memory: libyaml's events are small and reuse the heap, the tree's
	 * arena blocks are new. */
	len = 3;
	text[len++] = '[';
	for (int i = 0; i < 9000; i++)
		len += (size_t)snprintf(text + len, big - len, "%d, ", i);
	len += (size_t)snprintf(text + len, big - len, "0]\n");
	/* Room for a finding made beforehand, so that a too-large one would
	 * be seen, not lost for want of memory too. */
	d.n = 0;
	d.arena = dr_arena_new(1 << 20);
	ck_assert_ptr_nonnull(dr_arena_alloc(d.arena, 4096));
	dr_arena_reset(d.arena);
	dr_arena_reset(a);
	ck_assert_int_eq(dr_loader_open(&l, NULL, text, len, &d), 0);
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long pages = 0;
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%lu", &pages), 1);
	fclose(f);
	struct rlimit was, lim;
	ck_assert_int_eq(getrlimit(RLIMIT_AS, &was), 0);
	lim = was;
	lim.rlim_cur = (rlim_t)pages * 4096 + (256u << 10);
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &lim), 0);
	int got = dr_loader_next(l, a, &d, &root, &start);
	setrlimit(RLIMIT_AS, &was);
	ck_assert_int_eq(got, -1);
	ck_assert_int_eq(d.failed, 1);
	for (size_t i = 0; i < d.n; i++)
		ck_assert_int_ne(d.v[i].rule, DR_RULE_TOO_LARGE);
	dr_loader_free(l);
	dr_arena_free(d.arena);
	dr_arena_free(a);
	free(d.v);
	free(text);
}
END_TEST
#endif

START_TEST(limits)
{
	/* Nesting past DR_MAX_DEPTH stops with too-large, not unbounded work. */
	size_t n = 100000;
	char *deep = malloc(2 * n + 8);
	memcpy(deep, "a: ", 3);
	memset(deep + 3, '[', n);
	memset(deep + 3 + n, ']', n);
	deep[3 + 2 * n] = '\0';
	loaded x;
	load(&x, deep);
	ck_assert_int_eq(x.rc, -1);
	ck_assert_uint_eq(x.d.n, 1);
	ck_assert_int_eq(x.d.v[0].rule, DR_RULE_TOO_LARGE);
	ck_assert_uint_eq(x.d.v[0].column, 4 + DR_MAX_DEPTH - 1);
	unload(&x);
	free(deep);
}
END_TEST

/* Whether field `f` is a number or an enum (stored in r->num), or a
 * mapping that holds one. */
static int holds_num(int f)
{
	if (dr_fields[f].type == T_INT || dr_fields[f].type == T_EXCEPTION ||
	    dr_fields[f].type == T_RESTRICTION)
		return 1;
	for (int g = 0; dr_fields[f].type == T_MAP && g < F_COUNT; g++)
		if (dr_fields[g].parent == f && holds_num(g))
			return 1;
	return 0;
}

/* The YAML of every number and enum field under `parent`, each number its
 * own (100 + its index), the exceptions special-urgency and the
 * restrictions fully-exempt. */
static size_t num_yaml(char *buf, size_t cap, size_t n, int parent, int indent)
{
	for (int f = 0; f < F_COUNT; f++) {
		if (dr_fields[f].parent != parent || !holds_num(f))
			continue;
		if (dr_fields[f].type == T_MAP) {
			n += (size_t)snprintf(buf + n, cap - n, "%*s%s:\n", indent, "",
			                      dr_fields[f].key);
			n = num_yaml(buf, cap, n, f, indent + 2);
		} else {
			if (dr_fields[f].type == T_INT)
				n += (size_t)snprintf(buf + n, cap - n, "%*s%s: %d\n", indent, "",
				                      dr_fields[f].key, 100 + f);
			else
				n += (size_t)snprintf(
				    buf + n, cap - n, "%*s%s: %s\n", indent, "", dr_fields[f].key,
				    dr_fields[f].type == T_EXCEPTION ? "special-urgency"
				                                     : "fully-exempt");
		}
		ck_assert_uint_lt(n, cap);
	}
	return n;
}

/* Each number or enum field has its own slot: a second one cannot
 * overwrite the first (exempt_paragraph once shared one slot with every
 * T_INT field). */
START_TEST(number_slots)
{
	char yaml[4096];
	size_t n = num_yaml(yaml, sizeof(yaml), 0, F_ROOT, 0);
	ck_assert_uint_gt(n, 0);
	ck_assert_ptr_nonnull(strstr(yaml, "exempt_paragraph: "));
	ck_assert_ptr_nonnull(strstr(yaml, "forward_plan:\n  exception: special-urgency\n"));
	ck_assert_ptr_nonnull(strstr(yaml, "  restriction: fully-exempt\n"));
	loaded x;
	load(&x, yaml);
	ck_assert_int_eq(x.rc, 1);
	dr_record r;
	dr_record_walk(&r, x.root, x.start, &x.d);
	ck_assert_msg(x.d.n == 0, "%s", x.d.n ? x.d.v[0].message : "");
	int ints = 0;
	for (int f = 0; f < F_COUNT; f++) {
		if (dr_fields[f].type == T_INT) {
			ck_assert_int_eq(r.num[f], 100 + f);
			ints++;
		} else if (dr_fields[f].type == T_EXCEPTION) {
			ck_assert_int_eq(r.num[f], EXC_URGENCY);
		} else if (dr_fields[f].type == T_RESTRICTION) {
			ck_assert_int_eq(r.num[f], RESTR_FULL);
		} else {
			ck_assert_int_eq(r.num[f], 0);
		}
	}
	ck_assert_int_ge(ints, 1);
	ck_assert_int_eq(r.num[F_EXEMPT_PARAGRAPH], 100 + F_EXEMPT_PARAGRAPH);
	ck_assert_int_eq(r.num[F_FP_EXCEPTION], EXC_URGENCY);
	ck_assert_int_eq(r.num[F_FP_RESTRICTION], RESTR_FULL);
	unload(&x);
	/* A bad value leaves its slot 0 and the others as they are. */
	load(&x, "exempt_paragraph: three\nforward_plan:\n  exception: general-exception\n");
	dr_record_walk(&r, x.root, x.start, &x.d);
	ck_assert_uint_eq(x.d.n, 1);
	ck_assert_str_eq(x.d.v[0].message,
	                 "'exempt_paragraph' must be a whole number, not 'three'");
	ck_assert_int_eq(r.num[F_EXEMPT_PARAGRAPH], 0);
	ck_assert_int_eq(r.num[F_FP_EXCEPTION], EXC_GENERAL);
	unload(&x);
	/* Each restriction its own RESTR_*; absent, blank or wrong is
	 * RESTR_NONE (0), which the forward plan reads as open. */
	static const struct {
		const char *yaml;
		long want;
		size_t findings;
	} restr[] = {
	    {"forward_plan:\n  restriction: open\n", RESTR_OPEN, 0},
	    {"forward_plan:\n  restriction: part-exempt\n", RESTR_PART, 0},
	    {"forward_plan:\n  restriction: fully-exempt\n", RESTR_FULL, 0},
	    {"forward_plan:\n  restriction: 'open'\n", RESTR_OPEN, 0},
	    {"forward_plan:\n  reference: FP/1\n", RESTR_NONE, 0},
	    {"forward_plan:\n  restriction:\n", RESTR_NONE, 0},
	    {"forward_plan:\n  restriction: Open\n", RESTR_NONE, 1},
	    {"forward_plan:\n  restriction: [open]\n", RESTR_NONE, 1},
	};
	for (size_t i = 0; i < sizeof(restr) / sizeof(*restr); i++) {
		load(&x, restr[i].yaml);
		dr_record_walk(&r, x.root, x.start, &x.d);
		ck_assert_msg(r.num[F_FP_RESTRICTION] == restr[i].want, "%s: %ld", restr[i].yaml,
		              r.num[F_FP_RESTRICTION]);
		ck_assert_uint_eq(x.d.n, restr[i].findings);
		unload(&x);
	}
	ck_assert_int_eq(RESTR_NONE, 0);
}
END_TEST

Suite *suite_load(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("load");
	tcase_add_test(tc, positions);
	tcase_add_test(tc, crlf_and_bom);
	tcase_add_test(tc, duplicate_keys);
	tcase_add_test(tc, aliases_and_tags);
	tcase_add_test(tc, documents);
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, comments);
	tcase_add_test(tc, syntax_hints);
	tcase_add_test(tc, encoding);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, cap_is_not_oom);
#ifndef __SANITIZE_ADDRESS__
	/* ASan reserves its shadow memory up front, and valgrind manages the
	 * address space itself, so a cap on it stops them; the cap test above
	 * still runs there, and make check runs this one. */
	if (!getenv("DECREC_UNDER_VALGRIND"))
		tcase_add_test(tc, malloc_failure_is_oom);
	else
		fputs("load: malloc_failure_is_oom not run under valgrind (make check runs it)\n",
		      stderr);
#endif
	tcase_add_test(tc, line_index);
	tcase_add_test(tc, number_slots);
	suite_add_tcase(s, tc);
	return s;
}
