/* The fuzz targets' regressions: every input saved under
 * tests/fuzz/regressions/<target>/ replays through the target's own code
 * (tests/fuzz/targets.c) and its oracle must hold; hostile inputs built here
 * (deep nesting, huge scalars, NUL bytes, bad UTF-8, UTF-16, recursive
 * templates) must hold it too, and give the finding or error they deserve.
 * The HTML oracle itself is checked on known-bad and known-good pages. */
#include "tests.h"

#include "fuzz/targets.h"

#include "decrec.h"
#include "buf.h"
#include "escape.h"
#include "mustache.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef const char *(*target_fn)(const uint8_t *data, size_t size);

static const struct {
	const char *name;
	target_fn fn;
} targets[] = {
    {"record", fuzz_record}, {"template", fuzz_template}, {"render", fuzz_render},
    {"config", fuzz_config}, {"date", fuzz_date},
};

/* ---- saved inputs ----------------------------------------------------------- */

START_TEST(replay)
{
	char dir[256], path[1024];
	snprintf(dir, sizeof(dir), "tests/fuzz/regressions/%s", targets[_i].name);
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s (run the suite from the project root)", dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t len;
		char *buf = read_text(path, &len);
		ck_assert_msg(buf != NULL, "cannot read %s", path);
		const char *bad = targets[_i].fn((const uint8_t *)buf, len);
		ck_assert_msg(bad == NULL, "%s: %s", path, bad);
		free(buf);
		n++;
	}
	closedir(d);
	/* An emptied folder must not pass as a clean replay. */
	ck_assert_msg(n > 0, "%s holds no input", dir);
}
END_TEST

/* ---- hostile inputs -------------------------------------------------------- */

/* A buffer of `count` copies of `s` between `head` and `tail` (caller frees). */
static char *repeat(const char *head, const char *s, size_t count, const char *tail, size_t *len)
{
	size_t hn = strlen(head), sn = strlen(s), tn = strlen(tail);
	*len = hn + sn * count + tn;
	char *b = malloc(*len + 1);
	ck_assert_ptr_nonnull(b);
	memcpy(b, head, hn);
	for (size_t i = 0; i < count; i++)
		memcpy(b + hn + i * sn, s, sn);
	memcpy(b + hn + sn * count, tail, tn + 1);
	return b;
}

/* The rule names of the findings of buf[0..len) as a file of records,
 * space-separated (caller frees). */
static char *rules_of(const char *buf, size_t len)
{
	dr_config *cfg;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	dr_check_options opt = {.today = 20000};
	dr_file *f;
	ck_assert_int_eq(dr_file_check(&f, cfg, &opt, "hostile.yaml", NULL, buf, len), 0);
	size_t n;
	const dr_diag *d = dr_file_diags(f, &n);
	dr_buf b;
	dr_buf_init(&b, 1 << 20);
	dr_buf_putc(&b, ' ');
	for (size_t i = 0; i < n; i++)
		dr_buf_printf(&b, "%s ", dr_rule_name(d[i].rule));
	ck_assert(!b.failed);
	char *names = dr_buf_take(&b, NULL);
	dr_file_free(f);
	dr_config_free(cfg);
	return names;
}

/* Runs buf through the record and the render targets, then expects a
 * finding of `rule` from the checker. */
static void expect_record(const char *what, const char *buf, size_t len, const char *rule)
{
	const char *bad = fuzz_record((const uint8_t *)buf, len);
	ck_assert_msg(bad == NULL, "%s: record: %s", what, bad);
	bad = fuzz_render((const uint8_t *)buf, len);
	ck_assert_msg(bad == NULL, "%s: render: %s", what, bad);
	char *names = rules_of(buf, len), want[64];
	snprintf(want, sizeof(want), " %s ", rule);
	ck_assert_msg(strstr(names, want) != NULL, "%s: expected a %s finding, got: %.300s", what,
	              rule, names);
	free(names);
}

START_TEST(hostile_records)
{
	size_t len;
	char *b;

	b = repeat("reference: 24/00001\nx: ", "[", 100, "]", &len);
	expect_record("flow nesting 100 deep", b, len, "too-large");
	free(b);
	b = repeat("", "- ", 60, "x\n", &len);
	expect_record("block nesting 60 deep", b, len, "too-large");
	free(b);
	b = repeat("title: ", "x", 2u << 20, "\n", &len);
	expect_record("a 2 MB scalar", b, len, "too-large");
	free(b);
	b = repeat("reference: 24/00001\ndivisions:\n", "  - a\n", 10001, "", &len);
	expect_record("a list of 10001 items", b, len, "too-large");
	free(b);
	b = repeat("", "x", DR_MAX_FILE_SIZE + 1, "", &len);
	expect_record("a file over 16 MB", b, len, "too-large");
	free(b);
	b = repeat("", "---\n{}\n", 10001, "", &len);
	expect_record("10001 documents", b, len, "too-large");
	free(b);

	static const char nul[] = "reference: 24/00001\ntitle: a\0b\n";
	expect_record("a NUL byte", nul, sizeof(nul) - 1, "encoding");
	static const char utf8[] = "reference: 24/00001\ntitle: caf\xC3\n";
	expect_record("invalid UTF-8", utf8, sizeof(utf8) - 1, "encoding");
	static const char surrogate[] = "title: \xED\xA0\x80\n";
	expect_record("a UTF-8 surrogate", surrogate, sizeof(surrogate) - 1, "encoding");
	static const char utf16le[] = "\xFF\xFEr\0e\0f\0:\0 \0x\0\n\0";
	expect_record("UTF-16LE", utf16le, sizeof(utf16le) - 1, "encoding");
	static const char utf16be[] = "\xFE\xFF\0r\0e\0f\0:\0 \0x\0\n";
	expect_record("UTF-16BE", utf16be, sizeof(utf16be) - 1, "encoding");
	static const char escaped_nul[] = "reference: \"24/00058\\0 junk\"\n";
	const char *bad = fuzz_record((const uint8_t *)escaped_nul, sizeof(escaped_nul) - 1);
	ck_assert_msg(bad == NULL, "an escaped NUL: %s", bad);
}
END_TEST

/* Template, NUL, data: the target's input format. */
static const char *template_input(const char *tpl, const char *data)
{
	size_t tn = strlen(tpl), dn = strlen(data);
	char *b = malloc(tn + dn + 1);
	ck_assert_ptr_nonnull(b);
	memcpy(b, tpl, tn);
	b[tn] = '\0';
	memcpy(b + tn + 1, data, dn);
	const char *bad = fuzz_template((const uint8_t *)b, tn + dn + 1);
	free(b);
	return bad;
}

/* The render error of tpl with the target's partials ("self" included) and
 * no data: the engine's own answer, which the oracle only bounds. */
static char *render_error(const char *tpl, const dr_value *data)
{
	dr_template *t = NULL;
	char *err = NULL;
	int rc = dr_template_compile(&t, "t", tpl, strlen(tpl), &err);
	if (rc == 0) {
		dr_buf out;
		dr_buf_init(&out, 1 << 20);
		rc = dr_template_render(t, data, NULL, NULL, dr_escape_html, &out, &err);
		dr_buf_free(&out);
	}
	dr_template_free(t);
	return err;
}

START_TEST(hostile_templates)
{
	static const struct {
		const char *what, *tpl, *data;
	} cases[] = {
	    {"self-inclusion", "x{{> self}}", "{}"},
	    {"self-inclusion per item", "{{#items}}{{> self}}{{/items}}",
	     "{items: [{items: [1, 2]}, {items: [3]}]}"},
	    {"mutual recursion", "{{#items}}{{> a}}{{/items}}", "{items: [{items: [{}]}]}"},
	    {"a parent overriding itself", "{{< b}}{{$body}}{{> self}}{{/body}}{{/b}}", "[1]"},
	    {"a doubling template capped at 1 MB", "{{#.}}{{> self}}{{> self}}{{/.}}x",
	     "[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]"},
	    {"data nested 100 deep", "{{#a}}{{#a}}{{.}}{{/a}}{{/a}}",
	     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
	     "]"
	     "]]]]]]]]]]]]]]]]]]]]]"},
	    {"a collection as a key", "{{#.}}{{.}}{{/.}}", "? [a]\n: b\n? {c: d}\n: e\n"},
	    {"invalid UTF-8 in the template", "\xC3{{x}}\xFF", "{x: \"<&>\"}"},
	    {"UTF-16 data", "{{x}}", "\xFF\xFEx\0:\0 \0y\0"},
	    {"unclosed tags and delimiters", "{{=| |=}}|#a|{{/a}}|{{", "{a: true}"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *bad = template_input(cases[i].tpl, cases[i].data);
		ck_assert_msg(bad == NULL, "%s: %s", cases[i].what, bad);
	}
	/* Sections nested past the limit, and a template over 1 MB. */
	size_t len;
	char *deep = repeat("", "{{#a}}", DR_MAX_NESTING + 1, "", &len);
	ck_assert_ptr_null(fuzz_template((const uint8_t *)deep, len));
	char *err = render_error(deep, NULL);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, "nested") != NULL, "deep nesting: %s", err);
	free(err);
	free(deep);
	char *huge = repeat("", "{{x}}", DR_MAX_TEMPLATE / 5 + 1, "", &len);
	ck_assert_ptr_null(fuzz_template((const uint8_t *)huge, len));
	free(huge);
}
END_TEST

/* A partial that includes itself: the depth limit, not the stack, ends it. */
static int self_partial(void *ctx, const char *name, const char **src, size_t *len)
{
	(void)name;
	*src = ctx;
	*len = strlen(ctx);
	return 0;
}

START_TEST(template_recursion_limit)
{
	static const char tpl[] = "x{{> self}}";
	dr_template *t = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_template_compile(&t, "t", tpl, strlen(tpl), &err), 0);
	dr_buf out;
	dr_buf_init(&out, 1 << 20);
	ck_assert_int_eq(
	    dr_template_render(t, NULL, self_partial, (void *)tpl, dr_escape_html, &out, &err),
	    DR_EINVAL);
	ck_assert_msg(err && strstr(err, "nested more than 32 deep"), "got: %s", err ? err : "");
	free(err);
	dr_buf_free(&out);
	dr_template_free(t);
}
END_TEST

START_TEST(hostile_configs)
{
	static const struct {
		const char *what, *text;
		size_t len;
	} cases[] = {
#define C(what, s) {what, s, sizeof(s) - 1}
	    C("a NUL byte", "authority: a\0b\n"),
	    C("invalid UTF-8", "authority: \xC3\n"),
	    C("UTF-16", "\xFF\xFE"
	                "a\0:\0 \0b\0"),
	    C("nesting", "calendar: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]"
	                 "]]]]]]]]]]]]]]]]]]]]]]\n"),
	    C("a line break in a quoted value", "calendar:\n  division: \"a\\nb\\x1b[31m\"\n"),
	    C("a holidays file that is not GOV.UK's",
	      "calendar:\n  holidays_file: holidays.json\n\0{\"england-and-wales\": 1}"),
	    C("a holidays file with a bad date",
	      "calendar:\n  holidays_file: holidays.json\n\0{\"england-and-wales\": {\"events\": "
	      "[{\"date\": \"2024-02-30\"}]}}"),
	    C("a holidays file far in the future",
	      "calendar:\n  holidays_file: holidays.json\n\0{\"england-and-wales\": {\"events\": "
	      "[{\"title\": \"x\", \"date\": \"9999-12-31\"}, {\"date\": \"0001-01-01\"}]}}"),
	    C("closures at the ends of the calendar",
	      "calendar:\n  closures: [0001-01-01, 9999-12-31, 2024-02-29]\n"),
	    C("a holidays file that is a directory", "calendar:\n  holidays_file: /\n"),
	    C("a regular expression that does not compile", "reference_pattern: '(['\n"),
#undef C
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *bad = fuzz_config((const uint8_t *)cases[i].text, cases[i].len);
		ck_assert_msg(bad == NULL, "%s: %s", cases[i].what, bad);
	}
	size_t len;
	char *huge = repeat("authority: ", "x", 2u << 20, "\n", &len);
	ck_assert_ptr_null(fuzz_config((const uint8_t *)huge, len));
	free(huge);
}
END_TEST

START_TEST(hostile_dates)
{
	static const struct {
		const char *s;
		size_t len;
	} inputs[] = {
#define D(s) {s, sizeof(s) - 1}
	    D("2024-02-29"),       D("2023-02-29"), D("0000-01-01"),       D("0001-01-01"),
	    D("9999-12-31"),       D("31/12/9999"), D("29/02/2100"),       D("00/00/0000"),
	    D("2024-1-019"),       D("+024-01-01"), D("2024-01-01\n"),     D("2024-07-1\0"),
	    D("\xFF\xFF\xFF\xFF"), D("\x80\0\0\0"), D("\x7F\xFF\xFF\xFF"), D(""),
#undef D
	};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		const char *bad = fuzz_date((const uint8_t *)inputs[i].s, inputs[i].len);
		ck_assert_msg(bad == NULL, "input %zu: %s", i, bad);
	}
}
END_TEST

/* ---- the HTML oracle --------------------------------------------------------- */

/* It must catch what it is for, or the render target proves nothing. */
START_TEST(html_oracle_catches)
{
	static const char *const bad[] = {
	    "<p>x</p><script>alert(1)</script>",
	    "<SCRIPT src=x></SCRIPT>",
	    "<p><img src=x onerror=alert(1)></p>",
	    "<div\nONMOUSEOVER='alert(1)'>",
	    "<a title=\"x\" href=\"javascript:alert(1)\">",
	    "<a href='  JaVaScRiPt:alert(1)'>",
	    "<a href=\"java&#x09;script:alert(1)\">",
	    "<a href=\"&#106;avascript:alert(1)\">",
	    "<a href=\"javascript&colon;alert(1)\">",
	    "<a href=vbscript:msgbox(1)>",
	    "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">",
	    "<iframe src=\"https://example.org\"></iframe>",
	    "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">",
	    "<svg><a xlink:href=\"javascript:alert(1)\"></a></svg>",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		ck_assert_msg(fuzz_html_unsafe(bad[i], strlen(bad[i])) != NULL,
		              "the oracle let through: %s", bad[i]);
}
END_TEST

/* ... and pass what is fine: the golden pages, and text that merely looks
 * like the patterns. */
START_TEST(html_oracle_passes)
{
	static const char *const good[] = {
	    "<p>The decision on parking, onward.</p>",
	    "<a href=\"https://example.org/javascript:x\" title=\"on=1 javascript:\">x</a>",
	    "<p>&lt;script&gt; and &lt;img onerror=x&gt;</p>",
	    "<!-- <img onerror=x> in a comment is text -->",
	    "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"x\">",
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		const char *why = fuzz_html_unsafe(good[i], strlen(good[i]));
		ck_assert_msg(why == NULL, "the oracle refuses [%s]: %s", good[i], why);
	}
	static const char *const pages[] = {"24-00058.record", "24-00058.details", "hostile.record",
	                                    "hostile.details"};
	for (size_t i = 0; i < sizeof(pages) / sizeof(*pages); i++) {
		char path[256];
		size_t len;
		snprintf(path, sizeof(path), "tests/render/%s.html", pages[i]);
		char *html = read_text(path, &len);
		ck_assert_msg(html != NULL, "cannot read %s", path);
		const char *why = fuzz_html_unsafe(html, len);
		ck_assert_msg(why == NULL, "%s: %s", path, why);
		free(html);
	}
}
END_TEST

Suite *suite_fuzz_regressions(void)
{
	Suite *s = suite_create("fuzz_regressions");
	TCase *tc = tcase_create("replay");
	tcase_add_loop_test(tc, replay, 0, (int)(sizeof(targets) / sizeof(*targets)));
	tcase_add_test(tc, hostile_records);
	tcase_add_test(tc, hostile_templates);
	tcase_add_test(tc, template_recursion_limit);
	tcase_add_test(tc, hostile_configs);
	tcase_add_test(tc, hostile_dates);
	tcase_add_test(tc, html_oracle_catches);
	tcase_add_test(tc, html_oracle_passes);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
