/* decrec render: the documents of records/24-00058.yaml byte for byte
 * against tests/render/, a hostile record rendered safely, and the
 * command's behaviour (--out-dir, --check, refusal without --force). */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"

static const char *const outputs[][2] = {
    {"record", "md"}, {"record", "html"}, {"details", "md"}, {"details", "html"}};

static char *render(const char *args, int *status)
{
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "%s render --no-config %s 2>/dev/null", decrec_bin(), args);
	char *out = run_command(cmd, status);
	ck_assert_ptr_nonnull(out);
	return out;
}

static void golden(const char *record, const char *stem, int i, const char *extra)
{
	char args[512], path[512];
	int st;
	snprintf(args, sizeof(args), "%s -t %s --template %s %s", extra, outputs[i][1],
	         outputs[i][0], record);
	char *got = render(args, &st);
	ck_assert_int_eq(st, 0);
	snprintf(path, sizeof(path), "tests/render/%s.%s.%s", stem, outputs[i][0], outputs[i][1]);
	char *want = read_text(path, NULL);
	ck_assert_msg(want != NULL, "cannot read %s", path);
	ck_assert_msg(!strcmp(got, want), "%s differs from the rendering of %s", path, record);
	free(got);
	free(want);
}

START_TEST(kent_24_00058)
{
	golden("records/24-00058.yaml", "24-00058", _i, "");
}
END_TEST

START_TEST(hostile_golden)
{
	golden("tests/render/hostile.yaml", "hostile", _i, "--force");
}
END_TEST

/* Every tag of the HTML: no script or other active element, no event
 * handler attribute, no link or source with a script scheme. */
static void assert_inert(const char *html, const char *what)
{
	static const char *const banned[] = {"script", "iframe", "object", "embed",
	                                     "form",   "base",   "svg",    "math",
	                                     "img",    "link",   "input",  "button"};
	for (const char *p = html; (p = strchr(p, '<')); p++) {
		const char *name = p + 1 + (p[1] == '/');
		size_t n = strcspn(name, " \t\n>/");
		for (size_t i = 0; i < sizeof(banned) / sizeof(*banned); i++)
			ck_assert_msg(!(strlen(banned[i]) == n && !strncasecmp(name, banned[i], n)),
			              "%s: <%.*s> element in the output", what, (int)n, name);
		const char *end = strchr(p, '>');
		ck_assert_ptr_nonnull(end);
		/* Attributes: " name=" inside the tag. */
		for (const char *a = p; a < end; a++) {
			if (*a != ' ')
				continue;
			ck_assert_msg(!((a[1] == 'o' || a[1] == 'O') &&
			                (a[2] == 'n' || a[2] == 'N') &&
			                strcspn(a + 1, "= >") < (size_t)(end - a - 1) &&
			                a[1 + strcspn(a + 1, "= >")] == '='),
			              "%s: event handler in <%.*s", what, (int)(end - p), p);
			if (!strncasecmp(a + 1, "href=\"", 6) || !strncasecmp(a + 1, "src=\"", 5)) {
				const char *v = strchr(a, '"') + 1;
				ck_assert_msg(strncasecmp(v, "javascript:", 11) &&
				                  strncasecmp(v, "vbscript:", 9) &&
				                  strncasecmp(v, "data:", 5),
				              "%s: script URL in <%.*s", what, (int)(end - p), p);
			}
		}
	}
}

START_TEST(hostile_is_inert)
{
	for (int i = 0; i < 4; i++) {
		if (strcmp(outputs[i][1], "html"))
			continue;
		char args[256];
		int st;
		snprintf(args, sizeof(args),
		         "--force -t html --template %s tests/render/hostile.yaml", outputs[i][0]);
		char *html = render(args, &st);
		ck_assert_int_eq(st, 0);
		assert_inert(html, outputs[i][0]);
		/* The one real link stays, its query escaped. */
		if (!strcmp(outputs[i][0], "details"))
			ck_assert_ptr_nonnull(strstr(
			    html,
			    "<a href=\"https://example.org/report.pdf?a=1&amp;b=&lt;2&gt;\">A real "
			    "report</a>"));
		free(html);
	}
}
END_TEST

START_TEST(refused_without_force)
{
	int st;
	char *out = render("-t html tests/render/hostile.yaml", &st);
	ck_assert_int_eq(st, 1);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(out_dir_and_check)
{
	char dir[] = "/tmp/decrec-render-XXXXXX", args[512], path[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	int st;
	/* --check on an empty directory: every document is out of date. */
	snprintf(args, sizeof(args), "-t html --out-dir %s --check records", dir);
	char *out = render(args, &st);
	ck_assert_int_eq(st, 1);
	ck_assert_ptr_nonnull(strstr(out, "/24-00058.html: out of date\n"));
	free(out);
	snprintf(args, sizeof(args), "-t html --out-dir %s records", dir);
	free(render(args, &st));
	ck_assert_int_eq(st, 0);
	snprintf(path, sizeof(path), "ls %s", dir);
	out = run_command(path, &st);
	ck_assert_str_eq(out, "24-00058.html\n24-00071.html\n24-00083.html\n24-00095.html\n"
	                      "25-00031.html\n");
	free(out);
	/* The written page is the golden one. */
	snprintf(path, sizeof(path), "%s/24-00058.html", dir);
	char *page = read_text(path, NULL),
	     *want = read_text("tests/render/24-00058.record.html", NULL);
	ck_assert_str_eq(page, want);
	free(page);
	free(want);
	snprintf(args, sizeof(args), "-t html --out-dir %s --check records", dir);
	out = render(args, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "");
	free(out);
	/* One page edited by hand: --check names it and only it. */
	snprintf(path, sizeof(path), "echo edited >> %s/24-00083.html", dir);
	ck_assert_int_eq(system(path), 0);
	out = render(args, &st);
	ck_assert_int_eq(st, 1);
	snprintf(path, sizeof(path), "%s/24-00083.html: out of date\n", dir);
	ck_assert_str_eq(out, path);
	free(out);
	/* Several records and no --out-dir: a usage error, nothing written. */
	out = render("records", &st);
	ck_assert_int_eq(st, 2);
	ck_assert_str_eq(out, "");
	free(out);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

START_TEST(partials_by_name_only)
{
	char dir[] = "/tmp/decrec-tpl-XXXXXX", path[600], args[800];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/evil.md", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{{> ../../etc/passwd}}\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/summary.md", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("- **{{reference}}** {{title}} ({{decision_maker}}, {{#is_made}}decided "
	      "{{dates.decision}}{{#dates.effective}}, effective "
	      "{{dates.effective}}{{/dates.effective}}{{/is_made}}{{^is_made}}{{status}}{{/"
	      "is_made}})\n",
	      f);
	fclose(f);
	int st;
	snprintf(args, sizeof(args), "--templates %s --template evil records/24-00058.yaml", dir);
	char *out = render(args, &st);
	ck_assert_int_eq(st, 2);
	ck_assert_str_eq(out, "");
	free(out);
	/* The example of docs/templates.md. */
	snprintf(args, sizeof(args), "--templates %s --template summary records/24-00058.yaml",
	         dir);
	out = render(args, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out,
	                 "- **24/00058** Family hubs: Perinatal mental health and parent infant "
	                 "relationship five year strategy, 'Nurturing little hearts and minds' "
	                 "(Cabinet Member for Adult Social Care and Public Health, decided "
	                 "19/07/2024, effective 27/07/2024)\n");
	free(out);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

START_TEST(links)
{
	static const struct {
		const char *href;
		dr_url_kind kind;
	} cases[] = {
	    {"https://example.org/a.pdf", DR_URL_WEB},
	    {"HTTP://example.org", DR_URL_WEB},
	    {"https:/example.org", DR_URL_BAD_WEB},
	    {"http://", DR_URL_BAD_WEB},
	    {"https:///x", DR_URL_BAD_WEB},
	    {"papers/report.pdf", DR_URL_RELATIVE},
	    {"report 2024.pdf", DR_URL_RELATIVE},
	    {"../x.pdf#page=2", DR_URL_RELATIVE},
	    {"/etc/passwd", DR_URL_ABSOLUTE},
	    {"//evil.example", DR_URL_UNSAFE},
	    {"javascript:alert(1)", DR_URL_UNSAFE},
	    {"JaVaScRiPt:alert(1)", DR_URL_UNSAFE},
	    {"java\tscript:alert(1)", DR_URL_UNSAFE},
	    {"java\nscript:alert(1)", DR_URL_UNSAFE},
	    {" javascript:alert(1)", DR_URL_UNSAFE},
	    {"\\\\evil\\share", DR_URL_UNSAFE},
	    {"data:text/html,x", DR_URL_UNSAFE},
	    {"vbscript:x", DR_URL_UNSAFE},
	    {"file:///etc/passwd", DR_URL_UNSAFE},
	    {"mailto:a@example.org", DR_URL_UNSAFE},
	    {"a+b-c.d:x", DR_URL_UNSAFE},
	    {"1abc:x", DR_URL_RELATIVE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		ck_assert_msg(dr_url_classify(cases[i].href) == cases[i].kind, "%s: %d",
		              cases[i].href, dr_url_classify(cases[i].href));
}
END_TEST

START_TEST(usage)
{
	static const struct {
		const char *args;
		int status;
	} cases[] = {
	    {"-t pdf records/24-00058.yaml", 2},
	    {"-o x.md --out-dir /tmp records", 2},
	    {"--check records", 2},
	    {"--config decrec.yaml --no-config records", 2},
	    {"--out-dir records/24-00058.yaml records", 2},
	    {"--out-dir records/24-00058.yaml/sub records", 2},
	    {"--stdin-filename '' - <records/24-00058.yaml", 2},
	    {"--stdin-filename - - <records/24-00058.yaml", 2},
	    {"--stdin-filename records/24-00058.yaml - <records/24-00058.yaml", 0},
	    {"--documents-url //evil.example records/24-00058.yaml", 2},
	    {"--documents-url https://x.example/?a= records/24-00058.yaml", 2},
	    {"--documents-url 'javascript:alert(1)' records/24-00058.yaml", 2},
	    {"--today 2024-02-30 records", 2},
	    {"--frobnicate records", 2},
	    {"--template no-such-template records/24-00058.yaml", 2},
	    {"--template /nonexistent/t.md records/24-00058.yaml", 3},
	    {"records/no-such-record.yaml", 3},
	    {"--help", 0},
	    {"-o - records/24-00058.yaml", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int st;
		char *out = render(cases[i].args, &st);
		ck_assert_msg(st == cases[i].status, "render %s: exit %d, want %d", cases[i].args,
		              st, cases[i].status);
		free(out);
	}
}
END_TEST

Suite *suite_render(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, kent_24_00058, 0, 4);
	tcase_add_loop_test(tc, hostile_golden, 0, 4);
	tcase_add_test(tc, hostile_is_inert);
	tcase_add_test(tc, refused_without_force);
	tcase_add_test(tc, out_dir_and_check);
	tcase_add_test(tc, partials_by_name_only);
	tcase_add_test(tc, links);
	tcase_add_test(tc, usage);
	suite_add_tcase(s, tc);
	return s;
}
