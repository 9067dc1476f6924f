/* decrec render: the documents of records/24-00058.yaml byte for byte
 * against tests/render/, a hostile record rendered safely, an exempt record
 * that public pages never leak, labels from decrec.yaml, and the command's
 * behaviour (--out-dir, --check, refusal without --force), rendering from
 * the checker's tree the same as from a file's text, and cross-record
 * findings that only a later file shows. */
#include "tests.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "labels.h"
#include "templates.h"
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

START_TEST(exempt_golden)
{
	golden("tests/render/exempt.yaml", "exempt", _i, "");
}
END_TEST

/* The fields of tests/render/exempt.yaml that hold exempt information, each
 * with its marker. */
static const char *const exempt_markers[] = {
    "XEXEMPT-DECISION-TITLE",  "XEXEMPT-COMMITTEE-OUTCOME",
    "XEXEMPT-SUMMARY",         "XEXEMPT-DECISION ",
    "XEXEMPT-REASONS",         "XEXEMPT-POLICY",
    "XEXEMPT-FINANCIAL",       "XEXEMPT-LEGAL",
    "XEXEMPT-EQUALITY",        "XEXEMPT-DATA-PROTECTION",
    "XEXEMPT-CONSULTATION",    "XEXEMPT-ALTERNATIVES",
    "XEXEMPT-INTEREST-MEMBER", "XEXEMPT-INTEREST-TEXT",
    "XEXEMPT-DISPENSATION",    "XEXEMPT-SECTION-HEADING",
    "XEXEMPT-SECTION-BODY",    "XEXEMPT-DOCUMENT-TITLE",
    "XEXEMPT-DOCUMENT-HREF",   "XEXEMPT-SIGNATURE",
};
#define N_MARKERS (sizeof(exempt_markers) / sizeof(*exempt_markers))

/* The details page of an exempt record shows the facts, the notice and the
 * public summary, and not one marker. */
START_TEST(exempt_details_public)
{
	static const char *const facts[] = {
	    "24/00099",
	    "Disposal of a surplus depot site",
	    "Cabinet Member for Finance, Corporate and Traded Services",
	    "Recommendations Approved",
	    "FP/24/099",
	    "19/07/2024",
	    "27/07/2024",
	    "Public notice of disposal",
	    "The Council has agreed to sell a surplus depot site."};
	for (int html = 0; html < 2; html++) {
		char args[256];
		int st;
		snprintf(args, sizeof(args), "-t %s --template details tests/render/exempt.yaml",
		         html ? "html" : "md");
		char *out = render(args, &st);
		ck_assert_int_eq(st, 0);
		ck_assert_msg(!strstr(out, "XEXEMPT"), "exempt text on the details page: %s",
		              strstr(out, "XEXEMPT"));
		for (size_t i = 0; i < sizeof(facts) / sizeof(*facts); i++)
			ck_assert_msg(strstr(out, facts[i]) != NULL, "no '%s'", facts[i]);
		ck_assert_ptr_nonnull(strstr(
		    out, html ? "<p class=\"notice\">The details of this decision are not "
		                "published (exempt information under Schedule 12A to the Local "
		                "Government Act 1972, paragraph 3).</p>"
		              : "\nThe details of this decision are not published (exempt "
		                "information under Schedule 12A to the Local Government Act 1972, "
		                "paragraph 3).\n"));
		free(out);
	}
}
END_TEST

/* The record form of an exempt record is whole, under a notice naming the
 * paragraph at its top. The built-in form does not print summary, policy,
 * committee or documents (for any record): the full view's test is below. */
START_TEST(exempt_form_whole)
{
	for (int html = 0; html < 2; html++) {
		char args[256];
		int st;
		snprintf(args, sizeof(args), "-t %s tests/render/exempt.yaml",
		         html ? "html" : "md");
		char *out = render(args, &st);
		ck_assert_int_eq(st, 0);
		for (size_t i = 0; i < N_MARKERS; i++) {
			const char *m = exempt_markers[i];
			int printed = !strstr(m, "SUMMARY") && !strstr(m, "POLICY") &&
			              !strstr(m, "COMMITTEE") && !strstr(m, "DOCUMENT-");
			ck_assert_msg(!printed || strstr(out, m), "%s: no %s on the form",
			              html ? "html" : "md", m);
		}
		const char *notice =
		    html ? "<main>\n<p class=\"notice not-for-publication\"><strong>NOT FOR "
		           "PUBLICATION</strong>: exempt information under Schedule 12A to the "
		           "Local Government Act 1972, paragraph 3</p>\n<h1>"
		         : "# KENT COUNTY COUNCIL – RECORD OF DECISION\n\n**NOT FOR "
		           "PUBLICATION**: exempt information under Schedule 12A to the Local "
		           "Government Act 1972, paragraph 3\n\n";
		ck_assert_msg(strstr(out, notice) != NULL, "no notice at the top: %.300s", out);
		free(out);
	}
}
END_TEST

/* Writes `text` to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* What a council's own template sees of an exempt record: the whole record
 * as the form `record`; only the public view under any other name, from a
 * file, or with a for_publication that is not a clear yes. */
START_TEST(exempt_custom_templates)
{
	static const char probe[] =
	    "{{decision_title}} {{committee.outcome}} {{summary}} {{summary_html}} "
	    "{{decision}} {{decision_html}} {{reasons}} {{reasons_html}} {{policy}} "
	    "{{policy_html}} {{implications.financial}} {{implications.legal}} "
	    "{{implications.equality}} {{implications.data_protection}} "
	    "{{implications.financial_html}} {{consultation}} {{consultation_html}} "
	    "{{alternatives}} {{alternatives_html}} "
	    "{{#interests}}{{member}} {{interest}} {{interest_html}} "
	    "{{dispensation}}{{/interests}} "
	    "{{#sections}}{{heading}} {{body}} {{body_html}}{{/sections}} "
	    "{{#documents}}{{title}} {{href}}{{/documents}} {{signature.name}}\n";
	char dir[] = "/tmp/decrec-exempt-XXXXXX", args[800], cmd[1200];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "details.md", probe);
	put_file(dir, "register.md", probe);
	put_file(dir, "record.md", probe);
	static const char *const publics[] = {"--templates %s --template details",
	                                      "--templates %s --template register",
	                                      "--template %s/record.md"};
	int st;
	for (size_t i = 0; i < sizeof(publics) / sizeof(*publics); i++) {
		char opt[300];
		snprintf(opt, sizeof(opt), publics[i], dir);
		snprintf(args, sizeof(args), "%s tests/render/exempt.yaml", opt);
		char *out = render(args, &st);
		ck_assert_int_eq(st, 0);
		ck_assert_msg(!strstr(out, "XEXEMPT"), "%s: exempt text: %s", opt, out);
		/* The one public document is there, and the title stands in for
		 * the form's own decision_title. */
		ck_assert_msg(strstr(out, "Disposal of a surplus depot site ") == out, "%s: %s",
		              opt, out);
		ck_assert_ptr_nonnull(strstr(out, "Public notice of disposal "));
		free(out);
	}
	/* The form by name sees every field. */
	snprintf(args, sizeof(args), "--templates %s --template record tests/render/exempt.yaml",
	         dir);
	char *out = render(args, &st);
	ck_assert_int_eq(st, 0);
	for (size_t i = 0; i < N_MARKERS; i++)
		ck_assert_msg(strstr(out, exempt_markers[i]) != NULL, "record: no %s",
		              exempt_markers[i]);
	free(out);
	/* A quoted "no" does not validate; rendered anyway, it counts as no. */
	snprintf(cmd, sizeof(cmd),
	         "sed 's/^for_publication: no$/for_publication: \"no\"/' tests/render/exempt.yaml "
	         "> %s/quoted.yaml",
	         dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(args, sizeof(args), "--force --templates %s --template details %s/quoted.yaml",
	         dir, dir);
	out = render(args, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_msg(!strstr(out, "XEXEMPT") && strstr(out, "Public notice"), "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* --out-dir publishes: an exempt record's form is withheld, with a message;
 * its details page is written; -o writes the form when asked for alone. */
START_TEST(exempt_out_dir)
{
	char dir[] = "/tmp/decrec-exout-XXXXXX", cmd[1200], path[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	int st;
	snprintf(cmd, sizeof(cmd),
	         "%s render --no-config -t html --out-dir %s tests/render/exempt.yaml "
	         "records/24-00058.yaml 2>&1 && ls %s",
	         decrec_bin(), dir, dir);
	char *out = run_command(cmd, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "decrec: tests/render/exempt.yaml: 24/00099 is not for publication: "
	                      "its record form is not written to --out-dir (render it alone with "
	                      "-o, or its public page with --template details)\n24-00058.html\n");
	free(out);
	snprintf(cmd, sizeof(cmd),
	         "%s render --no-config -t html --template details --out-dir %s "
	         "tests/render/exempt.yaml 2>&1",
	         decrec_bin(), dir);
	out = run_command(cmd, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "");
	free(out);
	snprintf(path, sizeof(path), "%s/24-00099.html", dir);
	char *page = read_text(path, NULL),
	     *want = read_text("tests/render/exempt.details.html", NULL);
	ck_assert_ptr_nonnull(page);
	ck_assert_str_eq(page, want);
	free(page);
	free(want);
	snprintf(path, sizeof(path), "%s/form.html", dir);
	snprintf(cmd, sizeof(cmd), "%s render --no-config -t html -o %s tests/render/exempt.yaml",
	         decrec_bin(), path);
	free(run_command(cmd, &st));
	ck_assert_int_eq(st, 0);
	page = read_text(path, NULL);
	want = read_text("tests/render/exempt.record.html", NULL);
	ck_assert_ptr_nonnull(page);
	ck_assert_str_eq(page, want);
	free(page);
	free(want);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A published record's exempt document is left off its details page. */
START_TEST(exempt_document)
{
	char dir[] = "/tmp/decrec-exdoc-XXXXXX", cmd[600], args[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
	         "sed -e 's/^for_publication: no$/for_publication: yes/' -e '/^exempt_paragraph/d' "
	         "tests/render/exempt.yaml > %s/24-00099.yaml",
	         dir);
	ck_assert_int_eq(system(cmd), 0);
	int st;
	snprintf(args, sizeof(args), "-t html --template details %s/24-00099.yaml", dir);
	char *out = render(args, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "XEXEMPT-SUMMARY")); /* published: all there */
	ck_assert_ptr_nonnull(
	    strstr(out, "<ul class=\"documents\">\n<li><a href=\"https://example.org/notice.pdf\">"
	                "Public notice of disposal</a></li>\n</ul>"));
	ck_assert_ptr_null(strstr(out, "XEXEMPT-DOCUMENT"));
	ck_assert_ptr_null(strstr(out, "not published"));
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The reference printed at the foot of every page is a CSS string in the
 * page's style: a hostile one can end neither the string nor the style. */
START_TEST(print_reference_in_css)
{
	char dir[] = "/tmp/decrec-css-XXXXXX", cmd[600], args[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "r.yaml",
	         "reference: \"24/1\\\"; } body { display: none } </style><script>x</script>\"\n"
	         "title: t\n");
	int st;
	snprintf(args, sizeof(args), "--force -t html --template details %s/r.yaml", dir);
	char *out = render(args, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out,
	                             "@bottom-left { content: \"24/1&quot;; } body { display: "
	                             "none } &lt;/style&gt;&lt;script&gt;x&lt;/script&gt;\";"));
	ck_assert_ptr_null(strstr(out, "<script"));
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Item by item, the details page's facts: the forward plan reference, a
 * proposed decision headed so, and why a decision is not subject to call-in
 * where its effective date is. */
START_TEST(details_facts)
{
	int st;
	char *out = render("-t html --template details records/24-00071.yaml", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "<dt>Forward plan reference</dt>\n<dd>FP/24/071</dd>"));
	ck_assert_ptr_nonnull(strstr(out, "<h2 id=\"decision\">Proposed decision</h2>"));
	ck_assert_ptr_nonnull(strstr(out, "<h2 id=\"proposed\">Summary</h2>"));
	free(out);
	out = render("-t md --template details records/24-00071.yaml", &st);
	ck_assert_ptr_nonnull(strstr(out, "\n### Proposed decision\n\nAs Cabinet Member"));
	ck_assert_ptr_null(strstr(out, "### Decision"));
	free(out);
	out = render("-t html records/24-00071.yaml", &st);
	ck_assert_ptr_nonnull(strstr(out, "<h2 id=\"decision\">Proposed decision</h2>"));
	free(out);
	out = render("-t html --template details records/24-00083.yaml", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "<dt>Effective from</dt>\n<dd><time "
	                                  "datetime=\"2024-08-16\">16/08/2024</time></dd>\n"
	                                  "<dt>Not subject to call-in</dt>\n<dd><p>This decision "
	                                  "is <strong>urgent</strong>: arrivals"));
	ck_assert_ptr_nonnull(strstr(out,
	                             "<p>Agreed by Chairman of the Scrutiny Committee.</p></dd>"
	                             "\n</dl>"));
	free(out);
	out = render("-t md --template details records/24-00083.yaml", &st);
	ck_assert_ptr_nonnull(strstr(out, "Effective from: 16/08/2024\n\nNot subject to call-in: "
	                                  "This decision is **urgent**: arrivals"));
	free(out);
}
END_TEST

/* Runs decrec render with dir/decrec.yaml; stdout and stderr together. */
static char *render_config(const char *dir, const char *args, int *status)
{
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "%s render --config %s/decrec.yaml %s 2>&1", decrec_bin(), dir,
	         args);
	char *out = run_command(cmd, status);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* labels: in decrec.yaml rewords the built-in templates, escaped. */
START_TEST(labels_reword)
{
	char dir[] = "/tmp/decrec-labels-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "decrec.yaml",
	         "labels:\n  divisions: Wards affected\n  decision: <b>Resolved</b> & *so*\n"
	         "  taken_by: Decided by\n");
	int st;
	char *out = render_config(dir, "-t html --template details records/24-00095.yaml", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "<dt>Wards affected</dt>\n<dd>"));
	ck_assert_ptr_nonnull(
	    strstr(out, "<h2 id=\"decision\">&lt;b&gt;Resolved&lt;/b&gt; &amp; *so*</h2>"));
	ck_assert_ptr_null(strstr(out, "Divisions affected"));
	free(out);
	out = render_config(dir, "-t md --template details records/24-00095.yaml", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "\n### \\<b\\>Resolved\\</b\\> \\& \\*so\\*\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nWards affected: "));
	free(out);
	out = render_config(dir, "-t md records/24-00083.yaml", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "\n**DECIDED BY:**\n"));
	free(out);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(labels_errors)
{
	static const struct {
		const char *config, *err;
	} cases[] = {
	    {"authority: x\nlabels:\n  divison: Wards affected\n",
	     "decrec.yaml:3:3: unknown key 'divison' in labels: did you mean 'divisions'?\n"},
	    {"labels:\n  colour_of_the_page: red\n",
	     "decrec.yaml:2:3: unknown key 'colour_of_the_page' in labels (the label keys are "
	     "listed in docs/configuration.md)\n"},
	    {"labels:\n  divisions: [Wards]\n",
	     "decrec.yaml:2:14: the label 'divisions' must be one line of text\n"},
	    {"labels:\n  divisions: |\n    Wards\n    affected\n",
	     "decrec.yaml:2:14: the label 'divisions' must be one line of text\n"},
	    {"labels: Wards\n",
	     "decrec.yaml:1:9: 'labels' must map label keys to their wording (see "
	     "docs/configuration.md)\n"},
	    {"lables:\n  divisions: Wards\n",
	     "decrec.yaml:1:1: unknown key 'lables': did you mean 'labels'?\n"},
	};
	char dir[] = "/tmp/decrec-labels-XXXXXX", want[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		put_file(dir, "decrec.yaml", cases[i].config);
		int st;
		char *out = render_config(dir, "records/24-00058.yaml", &st);
		snprintf(want, sizeof(want), "decrec: %s/%s", dir, cases[i].err);
		ck_assert_int_eq(st, 2);
		ck_assert_str_eq(out, want);
		free(out);
	}
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Every label of the table is printed by a built-in template, so the table
 * and the templates cannot drift apart. */
START_TEST(labels_all_used)
{
	for (int i = 0; i < DR_LABEL_COUNT; i++) {
		char a[96], b[96];
		snprintf(a, sizeof(a), "{{labels.%s}}", dr_labels[i].key);
		snprintf(b, sizeof(b), "{{labels_upper.%s}}", dr_labels[i].key);
		int used = 0;
		for (size_t t = 0; t < dr_builtin_count; t++)
			used |= strstr(dr_builtins[t].text, a) || strstr(dr_builtins[t].text, b);
		ck_assert_msg(used, "label '%s' is in no built-in template", dr_labels[i].key);
	}
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
	ck_assert_str_eq(out, "24-00058.html\n24-00071.html\n24-00074.html\n24-00078.html\n"
	                      "24-00081.html\n24-00083.html\n24-00086.html\n24-00095.html\n"
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

/* What a renderer hands out, in order, as text: "[reference]" and the
 * document, or "[withheld reference]". */
static int collect_doc(void *ctx, const char *reference, const char *doc, size_t len)
{
	FILE *fp = ctx;
	fprintf(fp, "[%s]\n", reference ? reference : "(none)");
	fwrite(doc, 1, len, fp);
	return 0;
}

static void collect_withheld(void *ctx, const char *reference)
{
	fprintf(ctx, "[withheld %s]\n", reference ? reference : "(none)");
}

/* The checker's tree renders to the very documents dr_render_buffer makes
 * from the text, in the same order, for every built-in template and for a
 * file of several documents, one of them not a record. */
START_TEST(attached_equals_buffer)
{
	static const char *const files[] = {"records/24-00058.yaml", "tests/render/hostile.yaml",
	                                    "tests/render/exempt.yaml", NULL};
	char *several = NULL;
	size_t nseveral;
	{
		char *a = read_text("records/24-00058.yaml", NULL),
		     *b = read_text("records/24-00071.yaml", NULL);
		ck_assert_ptr_nonnull(a);
		ck_assert_ptr_nonnull(b);
		FILE *fp = open_memstream(&several, &nseveral);
		fprintf(fp, "%s---\n- not a record\n---\n%s", a, b);
		fclose(fp);
		free(a);
		free(b);
	}
	dr_config *cfg;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	dr_check_options co = {.today = 20000};
	for (int i = 0; i < 4; i++) {
		for (size_t k = 0; k < 4; k++) {
			char *text = files[k] ? read_text(files[k], NULL) : strdup(several);
			ck_assert_ptr_nonnull(text);
			size_t len = strlen(text), nwant, ngot;
			char *want, *got;
			dr_renderer *r;
			dr_file *f;
			/* With withheld on, as for --out-dir. */
			dr_render_options ro = {
			    .format = strcmp(outputs[i][1], "html") ? DR_DOC_MD : DR_DOC_HTML,
			    .template_name = outputs[i][0],
			    .withheld = collect_withheld};
			FILE *fp = open_memstream(&want, &nwant);
			ro.withheld_ctx = fp;
			ck_assert_int_eq(dr_renderer_new(&r, cfg, &ro, &err), 0);
			ck_assert_int_eq(dr_render_buffer(r, text, len, collect_doc, fp, &err), 0);
			fclose(fp);
			dr_renderer_free(r);

			fp = open_memstream(&got, &ngot);
			ro.withheld_ctx = fp;
			ck_assert_int_eq(dr_renderer_new(&r, cfg, &ro, &err), 0);
			dr_checker *c = dr_checker_new(cfg, &co);
			dr_renderer_attach(r, c, collect_doc, fp);
			ck_assert_int_eq(dr_checker_check(&f, c, "x.yaml", "x.yaml", text, len), 0);
			dr_file_free(f);
			ck_assert_int_eq(dr_renderer_error(r, &err), 0);
			ck_assert_ptr_null(err);
			fclose(fp);
			ck_assert_msg(nwant > 0 && !strcmp(got, want), "%s, %s.%s: differs",
			              files[k] ? files[k] : "several", outputs[i][0],
			              outputs[i][1]);
			free(got);
			/* Detached, the checker renders nothing more. */
			fp = open_memstream(&got, &ngot);
			dr_renderer_attach(r, c, NULL, NULL);
			ck_assert_int_eq(dr_checker_check(&f, c, "x.yaml", "x.yaml", text, len), 0);
			dr_file_free(f);
			fclose(fp);
			ck_assert_uint_eq(ngot, 0);
			free(got);
			dr_checker_free(c);
			dr_renderer_free(r);
			free(want);
			free(text);
		}
	}
	free(several);
	dr_config_free(cfg);
}
END_TEST

/* An attached renderer's error is kept for dr_renderer_error, stops it
 * until then, and is the message dr_render_buffer gives. */
START_TEST(attached_error)
{
	char dir[] = "/tmp/decrec-attach-XXXXXX", path[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/bad.md", dir);
	FILE *t = fopen(path, "w");
	ck_assert_ptr_nonnull(t);
	fputs("{{reference}}{{> ../outside}}\n", t);
	fclose(t);
	dr_config *cfg;
	char *err = NULL, *err2 = NULL;
	size_t len;
	char *text = read_text("records/24-00058.yaml", &len);
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	dr_render_options ro = {.template_name = "bad", .templates = dir};
	dr_renderer *r;
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &ro, &err), 0);
	ck_assert_int_eq(dr_render_buffer(r, text, len, collect_doc, stdout, &err), DR_EINVAL);
	ck_assert_ptr_nonnull(err);
	dr_check_options co = {.today = 20000};
	dr_checker *c = dr_checker_new(cfg, &co);
	dr_file *f;
	dr_renderer_attach(r, c, collect_doc, stdout);
	for (int round = 0; round < 2; round++) {
		ck_assert_int_eq(dr_checker_check(&f, c, "x.yaml", "x.yaml", text, len), 0);
		dr_file_free(f);
		ck_assert_int_eq(dr_renderer_error(r, &err2), DR_EINVAL);
		ck_assert_ptr_nonnull(err2);
		ck_assert_str_eq(err2, err);
		free(err2);
		ck_assert_int_eq(dr_renderer_error(r, &err2), 0);
		ck_assert_ptr_null(err2);
	}
	free(err);
	dr_checker_free(c);
	dr_renderer_free(r);
	dr_config_free(cfg);
	free(text);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* Records are rendered as their files are checked, but published only once
 * every file is: a copy of a record, named first, learns from the file
 * after it that its reference is another's (duplicate-reference) and is not
 * published; with --force both render, to one file name, the first kept. */
START_TEST(duplicate_found_later)
{
	char dir[] = "/tmp/decrec-dup-XXXXXX", cmd[1600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(
	    cmd, sizeof(cmd),
	    "cp records/24-00058.yaml %s/0-copy.yaml && cp records/24-00058.yaml %s && "
	    "sed -i 's/^decision_title: Approve/decision_title: Copied approve/' %s/0-copy.yaml",
	    dir, dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	int st;
	snprintf(cmd, sizeof(cmd),
	         "cd %s && %s render --no-config --out-dir out 0-copy.yaml 24-00058.yaml 2>&1; "
	         "echo $?; ls out; grep -c 'Copied approve' out/24-00058.md",
	         dir, decrec_bin());
	char *out = run_command(cmd, &st);
	ck_assert_str_eq(
	    out, "0-copy.yaml:3:12: error: reference 24/00058 is also used by the record at "
	         "24-00058.yaml:3:12; each decision needs its own reference "
	         "[duplicate-reference]\n"
	         "    3 | reference: 24/00058\n"
	         "      |            ^~~~~~~~\n"
	         "decrec: 0-copy.yaml: not rendered: 1 validation error (--force renders "
	         "it anyway)\n"
	         "1\n24-00058.md\n0\n");
	free(out);
	snprintf(
	    cmd, sizeof(cmd),
	    "cd %s && %s render --no-config --force --out-dir forced 0-copy.yaml "
	    "24-00058.yaml 2>&1 | tail -1; ls forced; grep -c 'Copied approve' forced/24-00058.md",
	    dir, decrec_bin());
	out = run_command(cmd, &st);
	ck_assert_str_eq(out, "decrec: 24-00058.yaml: a second record renders to 24-00058.md; not "
	                      "written\n24-00058.md\n1\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The hash and length of a rendered document, kept without allocating
 * (the heap fails on demand) or asserting (Check's assertions allocate). */
typedef struct doc_sum {
	uint64_t hash;
	size_t len;
	int docs;
} doc_sum;

static int sum_doc(void *ctx, const char *reference, const char *doc, size_t len)
{
	doc_sum *d = ctx;
	(void)reference;
	d->hash = 1469598103934665603u;
	for (size_t i = 0; i < len; i++)
		d->hash = (d->hash ^ (unsigned char)doc[i]) * 1099511628211u;
	d->len = len;
	d->docs++;
	return 0;
}

/* A renderer made and a record's text rendered with it. */
static int render_sum(const dr_config *cfg, const dr_render_options *ro, const char *text,
                      size_t len, doc_sum *d, char **err)
{
	dr_renderer *r = NULL;
	int rc = dr_renderer_new(&r, cfg, ro, err);
	if (!rc)
		rc = dr_render_buffer(r, text, len, sum_doc, d, err);
	dr_renderer_free(r);
	return rc;
}

/* Out of memory at any one allocation of making a renderer and rendering
 * the hostile record (Markdown, links, tables, exempt parts) to each
 * format: DR_ENOMEM with no message and no document, or the document of a
 * render with memory enough. */
START_TEST(out_of_memory)
{
	static const dr_render_options ros[] = {
	    {.format = DR_DOC_MD, .template_name = "details"},
	    {.format = DR_DOC_HTML, .template_name = "record"},
	    {.format = DR_DOC_DOCX, .template_name = "details"},
	};
	dr_config *cfg = NULL;
	char *err = NULL;
	size_t len;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	char *text = read_text("tests/render/hostile.yaml", &len);
	ck_assert_ptr_nonnull(text);
	for (size_t k = 0; k < sizeof(ros) / sizeof(*ros); k++) {
		doc_sum want = {0}, got;
		ck_assert_int_eq(render_sum(cfg, &ros[k], text, len, &want, &err), 0);
		ck_assert_int_eq(want.docs, 1);
		unsigned long failed = 0;
		for (unsigned long n = 1;; n++) {
			got = (doc_sum){0};
			oom_at(n);
			int rc = render_sum(cfg, &ros[k], text, len, &got, &err);
			int hit = oom_hit();
			oom_at(0);
			if (!hit) {
				ck_assert_int_eq(rc, 0);
				break;
			}
			failed++;
			if (rc) {
				ck_assert_msg(rc == DR_ENOMEM,
				              "format %zu, allocation %lu: rc %d: %s", k, n, rc,
				              err ? err : "");
				ck_assert_ptr_null(err);
				ck_assert_int_eq(got.docs, 0);
			} else {
				ck_assert_msg(got.docs == 1 && got.hash == want.hash &&
				                  got.len == want.len,
				              "format %zu, allocation %lu: another document", k, n);
			}
		}
		ck_assert_int_eq(got.docs, 1);
		ck_assert(got.hash == want.hash && got.len == want.len);
		ck_assert_uint_gt(failed, 20);
	}
	free(text);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_render(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, kent_24_00058, 0, 4);
	tcase_add_loop_test(tc, hostile_golden, 0, 4);
	tcase_add_loop_test(tc, exempt_golden, 0, 4);
	tcase_add_test(tc, exempt_details_public);
	tcase_add_test(tc, exempt_form_whole);
	tcase_add_test(tc, exempt_custom_templates);
	tcase_add_test(tc, exempt_document);
	tcase_add_test(tc, exempt_out_dir);
	tcase_add_test(tc, details_facts);
	tcase_add_test(tc, print_reference_in_css);
	tcase_add_test(tc, labels_reword);
	tcase_add_test(tc, labels_errors);
	tcase_add_test(tc, labels_all_used);
	tcase_add_test(tc, hostile_is_inert);
	tcase_add_test(tc, refused_without_force);
	tcase_add_test(tc, out_dir_and_check);
	tcase_add_test(tc, partials_by_name_only);
	tcase_add_test(tc, out_of_memory);
	tcase_add_test(tc, links);
	tcase_add_test(tc, usage);
	tcase_add_test(tc, attached_equals_buffer);
	tcase_add_test(tc, attached_error);
	tcase_add_test(tc, duplicate_found_later);
	suite_add_tcase(s, tc);
	return s;
}
