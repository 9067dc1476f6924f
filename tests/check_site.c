/* decrec site run as a user runs it, on repositories made in a temporary
 * directory from the records of records/, tests/plan and tests/render and
 * a few of its own: the exact files of a site, stable URLs, exempt text in
 * no output file, a second run that writes nothing, a changed or deleted
 * record, the user's own files, the refusals, --check, records with errors,
 * every internal link (tests/sitelinks.py), the feeds and data read by
 * their parsers (tests/feeds.py) and the pages of the index pages. */
#include "tests.h"

#include "buf.h"
#include "date.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TODAY "--today 2024-08-30"

/* Runs the shell command made from fmt, which must exit 0; its stdout,
 * caller frees. */
static char *sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	int st;
	char *out = run_command(cmd, &st);
	ck_assert_ptr_nonnull(out);
	ck_assert_msg(st == 0, "%s: exit %d: %s", cmd, st, out);
	return out;
}

/* Asserts got == want, naming the first line that differs (Check refuses
 * a message as long as a whole site's listing). */
#define EQ(got, want) same(got, want, __FILE__, __LINE__)
static void same(const char *got, const char *want, const char *file, int line)
{
	size_t i = 0, start = 0;
	for (; got[i] && got[i] == want[i]; i++)
		if (got[i] == '\n')
			start = i + 1;
	if (got[i] == want[i])
		return;
	int g = (int)strcspn(got + start, "\n"), w = (int)strcspn(want + start, "\n");
	ck_abort_msg("%s:%d: at byte %zu, got line \"%.*s\", want \"%.*s\"", file, line, start,
	             g > 300 ? 300 : g, got + start, w > 300 ? 300 : w, want + start);
}

#define SH_EQ(want, ...)                                                                           \
	do {                                                                                       \
		char *got_ = sh(__VA_ARGS__);                                                      \
		EQ(got_, want);                                                                    \
		free(got_);                                                                        \
	} while (0)

static const char *python(void)
{
	const char *py = getenv("PYTHON");
	return py && *py                               ? py
	       : access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3"
	                                               : "python3";
}

/* One run of decrec site from tmp/repo, its output in tmp/pub unless args
 * say otherwise: the exit status, stdout and stderr (caller frees). */
typedef struct result {
	int status;
	char *out, *err;
} result;

static result site(const char *tmp, const char *args)
{
	result r;
	char *o =
	    sh("cd %s/repo && umask 022 && { %s site " TODAY " %s >../out 2>../err; echo $?; }",
	       tmp, decrec_bin(), args);
	r.status = (int)strtol(o, NULL, 10);
	free(o);
	char path[600];
	snprintf(path, sizeof(path), "%s/out", tmp);
	r.out = read_text(path, NULL);
	snprintf(path, sizeof(path), "%s/err", tmp);
	r.err = read_text(path, NULL);
	ck_assert(r.out && r.err);
	return r;
}

static void result_free(result *r)
{
	free(r->out);
	free(r->err);
}

static void write_text(const char *tmp, const char *rel, const char *text)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* An officer's decision linking a document of the repository, and an
 * exempt one of the same decision maker linking that document and an
 * exempt one whose name and bytes hold a marker. */
static const char r301[] = "reference: 24/00301\n"
                           "title: Library opening hours\n"
                           "decision_maker: Director of Libraries\n"
                           "status: Decision Made\n"
                           "key_decision: no\n"
                           "subject_to_call_in: no\n"
                           "call_in_exemption:\n"
                           "  reason: An officer decision under delegated powers.\n"
                           "dates:\n"
                           "  decision: 2024-08-01\n"
                           "  published: 2024-08-01\n"
                           "decision: I agree to the new opening hours.\n"
                           "reasons: Fewer people come in the evening.\n"
                           "alternatives: None.\n"
                           "interests: []\n"
                           "documents:\n"
                           "  - title: Report to the Director\n"
                           "    href: papers/report.pdf\n"
                           "  - title: XEXEMPT-PUBLIC-DOC valuation annex\n"
                           "    href: papers/XEXEMPT-valuation.pdf\n"
                           "    exempt: yes\n";
static const char r302[] = "reference: 24/00302\n"
                           "title: Sale of the old library\n"
                           "decision_title: XEXEMPT-MINE-TITLE sale to the named buyer\n"
                           "decision_maker: Director of Libraries\n"
                           "status: Decision Made\n"
                           "key_decision: no\n"
                           "subject_to_call_in: no\n"
                           "call_in_exemption:\n"
                           "  reason: An officer decision under delegated powers.\n"
                           "for_publication: no\n"
                           "exempt_paragraph: 3\n"
                           "dates:\n"
                           "  decision: 2024-08-02\n"
                           "  published: 2024-08-02\n"
                           "public_summary: The old library is sold; the price is exempt.\n"
                           "decision: XEXEMPT-MINE-DECISION I agree to the sale.\n"
                           "reasons: XEXEMPT-MINE-REASONS best price.\n"
                           "alternatives: XEXEMPT-MINE-ALTERNATIVES none.\n"
                           "interests: []\n"
                           "documents:\n"
                           "  - title: Public notice of the sale\n"
                           "    href: papers/report.pdf\n"
                           "  - title: XEXEMPT-MINE-DOC valuation\n"
                           "    href: papers/XEXEMPT-valuation.pdf\n"
                           "    exempt: yes\n";

static void papers(const char *tmp)
{
	free(sh("mkdir -p %s/repo/records/papers", tmp));
	write_text(tmp, "repo/records/papers/report.pdf", "report\n");
	write_text(tmp, "repo/records/papers/XEXEMPT-valuation.pdf", "XEXEMPT-FILE-CONTENT\n");
	write_text(tmp, "repo/records/24-00301.yaml", r301);
	write_text(tmp, "repo/records/24-00302.yaml", r302);
}

/* A small repository in tmp/repo: two decisions of records/, two exempt
 * ones (tests/render/exempt.yaml, 24/00134 of tests/plan/week) and the two
 * above. */
static void small_repo(char *tmp)
{
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	free(sh("mkdir -p %s/repo/records && cp records/24-00058.yaml records/25-00031.yaml "
	        "tests/render/exempt.yaml tests/plan/week/24-00134.yaml %s/repo/records/",
	        tmp, tmp));
	papers(tmp);
	write_text(tmp, "repo/decrec.yaml",
	           "authority: Kent County Council\nsite:\n  base_url: "
	           "https://decisions.example.gov.uk/\n");
}

/* Every fixture of tests/feeds' goldens (tests/plan/kent.yaml's settings):
 * records/, tests/plan/records/24-*.yaml, tests/plan/week and the exempt
 * and hostile records of tests/render; with `mine`, the two above too. */
static void full_repo(char *tmp, int mine)
{
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	free(sh("mkdir -p %s/repo/records && cp records/*.yaml tests/plan/records/24-*.yaml "
	        "tests/plan/week/*.yaml tests/render/exempt.yaml tests/render/hostile.yaml "
	        "%s/repo/records/ && { cat tests/plan/kent.yaml; printf 'site:\\n  base_url: "
	        "https://decisions.example.gov.uk\\n'; } > %s/repo/decrec.yaml",
	        tmp, tmp, tmp));
	if (mine)
		papers(tmp);
}

static void remove_tmp(const char *tmp)
{
	free(sh("rm -rf %s", tmp));
}

/* Sets every file's mtime to 2001-09-09 (1000000000), so that those a run
 * writes are found whatever the clock's resolution. */
static void age(const char *tmp)
{
	free(sh("find %s/pub -type f -exec touch -d @1000000000 {} +", tmp));
}

#define WRITTEN(tmp)                                                                               \
	sh("cd %s/pub && find . -type f -printf '%%Ts %%P\\n' | awk '$1 != 1000000000 {print "     \
	   "$2}' | sort",                                                                          \
	   tmp)

static const char small_files[] =
    "./.decrec-site\n"
    "./404.html\n"
    "./data/decisions.csv\n"
    "./data/decisions.json\n"
    "./data/decisions.schema.json\n"
    "./decisions/24-00058/index.html\n"
    "./decisions/24-00058/record.html\n"
    "./decisions/24-00099/index.html\n"
    "./decisions/24-00134/index.html\n"
    "./decisions/24-00301/index.html\n"
    "./decisions/24-00301/record.html\n"
    "./decisions/24-00302/index.html\n"
    "./decisions/25-00031/index.html\n"
    "./decisions/25-00031/record.html\n"
    "./documents/records/papers/report.pdf\n"
    "./feeds/calendar.ics\n"
    "./feeds/decisions.atom\n"
    "./index.html\n"
    "./key/index.html\n"
    "./makers/cabinet-member-for-adult-social-care-and-public-health/index.html\n"
    "./makers/cabinet-member-for-environment/index.html\n"
    "./makers/cabinet-member-for-finance-corporate-and-traded-services/index.html\n"
    "./makers/director-of-libraries/index.html\n"
    "./notice/index.html\n"
    "./plan/index.html\n"
    "./sitemap.xml\n"
    "./years/2024/index.html\n"
    "./years/2025/index.html\n";

#define BASE "https://decisions.example.gov.uk/"
static const char small_sitemap[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    "<url><loc>" BASE "</loc></url>\n"
    "<url><loc>" BASE "key/</loc></url>\n"
    "<url><loc>" BASE "years/2025/</loc></url>\n"
    "<url><loc>" BASE "years/2024/</loc></url>\n"
    "<url><loc>" BASE "makers/cabinet-member-for-adult-social-care-and-public-health/</loc></url>\n"
    "<url><loc>" BASE "makers/cabinet-member-for-environment/</loc></url>\n"
    "<url><loc>" BASE
    "makers/cabinet-member-for-finance-corporate-and-traded-services/</loc></url>\n"
    "<url><loc>" BASE "makers/director-of-libraries/</loc></url>\n"
    "<url><loc>" BASE "decisions/25-00031/</loc></url>\n"
    "<url><loc>" BASE "decisions/25-00031/record.html</loc></url>\n"
    "<url><loc>" BASE "decisions/24-00134/</loc></url>\n"
    "<url><loc>" BASE "decisions/24-00302/</loc></url>\n"
    "<url><loc>" BASE "decisions/24-00301/</loc></url>\n"
    "<url><loc>" BASE "decisions/24-00301/record.html</loc></url>\n"
    "<url><loc>" BASE "decisions/24-00099/</loc></url>\n"
    "<url><loc>" BASE "decisions/24-00058/</loc></url>\n"
    "<url><loc>" BASE "decisions/24-00058/record.html</loc></url>\n"
    "<url><loc>" BASE "plan/</loc></url>\n"
    "<url><loc>" BASE "notice/</loc></url>\n"
    "</urlset>\n";

/* The files of a small site, their URLs and modes, the sitemap, the
 * manifest, and the links between a decision's two pages: an exempt
 * decision has its details page only, which does not link a form. */
START_TEST(files_of_a_site)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	small_repo(tmp);
	result r = site(tmp, "-o ../pub");
	ck_assert_str_eq(r.err, "decrec site: ../pub: 27 files written, 0 unchanged, 0 removed\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 0);
	SH_EQ(small_files, "cd %s/pub && find . -type f | LC_ALL=C sort", tmp);
	/* Files and directories of a normal mode (the umask is 022). */
	SH_EQ("", "cd %s/pub && find . -type f ! -perm 0644; find . -type d ! -perm 0755", tmp);
	SH_EQ(small_sitemap, "cat %s/pub/sitemap.xml", tmp);
	SH_EQ("report\n", "cat %s/pub/documents/records/papers/report.pdf", tmp);
	/* The manifest: the files without itself, in byte order. */
	SH_EQ("27\n", "cd %s/pub && sed 1d .decrec-site | wc -l", tmp);
	SH_EQ("",
	      "cd %s/pub && find . -type f ! -name .decrec-site | sed 's,^./,,' | LC_ALL=C sort "
	      "> ../list && sed 1d .decrec-site | cmp - ../list",
	      tmp);
	SH_EQ("<nav aria-label=\"Register of decisions\" class=\"site-links\"><p><a "
	      "href=\"../../\">Register of decisions</a> · <a href=\"record.html\">Record of "
	      "decision form</a></p></nav>\n",
	      "grep 'class=\"site-links\"' %s/pub/decisions/24-00058/index.html", tmp);
	SH_EQ("<nav aria-label=\"Register of decisions\" class=\"site-links\"><p><a "
	      "href=\"../../\">Register of decisions</a> · <a href=\"./\">Decision "
	      "details</a></p></nav>\n",
	      "grep 'class=\"site-links\"' %s/pub/decisions/24-00058/record.html", tmp);
	for (int i = 0; i < 3; i++) {
		static const char *const exempt[] = {"24-00099", "24-00134", "24-00302"};
		SH_EQ("<nav aria-label=\"Register of decisions\" class=\"site-links\"><p><a "
		      "href=\"../../\">Register of decisions</a></p></nav>\n0\n",
		      "cd %s/pub/decisions/%s && grep 'class=\"site-links\"' index.html; grep -c "
		      "record.html index.html || true",
		      tmp, exempt[i]);
	}
	/* The document of the public decision is linked from both decisions. */
	SH_EQ("decisions/24-00301/index.html:<li><a "
	      "href=\"../../documents/records/papers/report.pdf\">Report to the "
	      "Director</a></li>\n"
	      "decisions/24-00302/index.html:<li><a "
	      "href=\"../../documents/records/papers/report.pdf\">Public notice of the "
	      "sale</a></li>\n",
	      "cd %s/pub && grep -r 'papers/' --include=*.html . | sed 's,^./,,' | sort", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* The same site, byte for byte, and the same messages, from one thread and
 * from several (each takes the inputs as they come, so their shares differ
 * from run to run); --jobs outside 1-64 is a usage error. */
START_TEST(jobs_same_site)
{
	static const char *const runs[] = {"-j 3 -o ../pa", "-j 3 -o ../pb", "--jobs=7 -o ../pc"};
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	full_repo(tmp, 1);
	free(sh("cp tests/plan/invalid/*.yaml %s/repo/records/", tmp));
	result one = site(tmp, "-j 1 -o ../p1");
	ck_assert_int_eq(one.status, 1); /* records with errors are left out */
	ck_assert_ptr_nonnull(strstr(one.err, "not published"));
	SH_EQ("", "cd %s && test $(find p1 -type f | wc -l) -gt 40", tmp);
	char *d1 = strstr(one.err, "decrec site: ../p1: "), *tail = d1 + 18;
	ck_assert_ptr_nonnull(d1);
	ck_assert_str_eq(tail, ": 94 files written, 0 unchanged, 0 removed\n");
	*d1 = '\0'; /* the messages before it */
	for (int k = 0; k < 3; k++) {
		result many = site(tmp, runs[k]);
		ck_assert_int_eq(many.status, one.status);
		/* The last line names the directory. */
		char *dn = strstr(many.err, "decrec site: ../p");
		ck_assert_ptr_nonnull(dn);
		ck_assert_str_eq(dn + 18, tail);
		*dn = '\0';
		ck_assert_str_eq(many.err, one.err);
		SH_EQ("", "cd %s && diff -r p1 p%c", tmp, "abc"[k]);
		result_free(&many);
	}
	result bad = site(tmp, "-j 0 -o ../p0");
	ck_assert_int_eq(bad.status, 2);
	ck_assert_str_eq(
	    bad.err, "decrec site: --jobs takes a number from 1 to 64\ntry 'decrec site --help'\n");
	result_free(&bad);
	bad = site(tmp, "-j 65 -o ../p0");
	ck_assert_int_eq(bad.status, 2);
	result_free(&bad);
	result_free(&one);
	remove_tmp(tmp);
}
END_TEST

/* Files that share references, published with --force: each page is the
 * first file's (in input order), the later ones are named, and the site
 * and the messages are the same with one thread and with several. */
START_TEST(shared_references)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	full_repo(tmp, 0);
	free(sh("cd %s/repo/records && for f in 2*.yaml; do sed \"s/^title: \\([^\\\"']\\)/title: "
	        "Copy of \\1/\" \"$f\" > \"zz-$f\"; done",
	        tmp));
	result one = site(tmp, "--force -j 1 -o ../p1");
	ck_assert_int_eq(one.status, 2);
	ck_assert_ptr_nonnull(strstr(one.err, "decisions/25-00031/index.html is produced twice"));
	SH_EQ("0\n", "grep -c 'Copy of' %s/p1/decisions/25-00031/index.html || true", tmp);
	SH_EQ("1\n", "grep -c 'Copy of' %s/repo/records/zz-25-00031.yaml", tmp);
	for (int k = 0; k < 2; k++) {
		result many = site(tmp, k ? "--force -j 3 -o ../p1" : "--force -j 3 -o ../p2");
		ck_assert_int_eq(many.status, one.status);
		if (!k) {
			/* The directory, named in the messages, as the first run's. */
			for (char *d = many.err; (d = strstr(d, "../p2")); d += 5)
				d[4] = '1';
			ck_assert_str_eq(many.err, one.err);
			SH_EQ("", "cd %s && diff -r p1 p2", tmp);
		}
		result_free(&many);
	}
	result_free(&one);
	remove_tmp(tmp);
}
END_TEST

/* Not one marker of an exempt record's text (XEXEMPT in tests/render,
 * XSECRET in tests/plan, and the two records above with an exempt document
 * whose name and bytes are marked) in any file of the site: pages, feeds,
 * data, sitemap and manifest; the forms of exempt records are not there. */
START_TEST(no_exempt_text_anywhere)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	full_repo(tmp, 1);
	for (int force = 0; force < 2; force++) {
		result r = site(tmp, force ? "--force -o ../pub" : "-o ../pub");
		ck_assert_int_eq(r.status, force ? 0 : 1);
		SH_EQ("", "grep -rlaF -e XEXEMPT -e XSECRET %s/pub || true", tmp);
		SH_EQ("decisions/24-00099/index.html\ndecisions/24-00103/index.html\n"
		      "decisions/24-00134/index.html\ndecisions/24-00302/index.html\n",
		      "cd %s/pub && ls decisions/24-00099/* decisions/24-00103/* "
		      "decisions/24-00134/* decisions/24-00302/*",
		      tmp);
		/* The markers are there to be found: the inputs hold them. */
		SH_EQ("6\n", "grep -rlaF -e XEXEMPT -e XSECRET %s/repo/records | wc -l", tmp);
		result_free(&r);
	}
	remove_tmp(tmp);
}
END_TEST

/* A second run writes nothing; a changed record rewrites only the files
 * that show it; a deleted one's pages and directory go, the user's own
 * files stay. */
/* A register whose feeds and data are handed to the directory in pieces
 * (66 decisions: the JSON, 113 KB, comes in a piece of 64 KB and the rest): a rebuild after a title
 * in the middle of it changes gives the same files as a fresh build, and
 * a run with nothing changed writes nothing. */
START_TEST(large_register)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	small_repo(tmp);
	free(sh("cd %s/repo/records && for i in $(seq 100 159); do sed "
	        "\"s|^reference: 24/00058|reference: 24/10$i|; s|^title: \\\"Family hubs: "
	        "|title: \\\"Family hubs $i: |\" 24-00058.yaml > 24-10$i.yaml; done",
	        tmp));
	result r = site(tmp, "-o ../pub");
	ck_assert_str_eq(r.err, "decrec site: ../pub: 151 files written, 0 unchanged, 0 removed\n");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	SH_EQ("66 113\n",
	      "cd %s/pub/data && %s -c 'import json; d = json.load(open(\"decisions.json\"));"
	      "print(len(d[\"decisions\"]), __import__(\"os\").path.getsize(\"decisions.json\") "
	      "// 1024)'",
	      tmp, python());
	age(tmp);
	r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 0);
	char *w = WRITTEN(tmp);
	ck_assert_str_eq(w, "");
	free(w);
	result_free(&r);
	free(sh("cd %s/repo && sed -i 's/Family hubs 130: /Family centres 130: /' "
	        "records/24-10130.yaml",
	        tmp));
	r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	/* Only the files that show its title: its details page (its form has
	 * the decision's own title), the pages beside it that link to it, the
	 * index pages, feeds and data that list it. */
	w = WRITTEN(tmp);
	EQ(w, "data/decisions.csv\n"
	      "data/decisions.json\n"
	      "decisions/24-10129/index.html\n"
	      "decisions/24-10129/record.html\n"
	      "decisions/24-10130/index.html\n"
	      "decisions/24-10131/index.html\n"
	      "decisions/24-10131/record.html\n"
	      "feeds/calendar.ics\n"
	      "feeds/decisions.atom\n"
	      "index.html\n"
	      "key/index.html\n"
	      "makers/cabinet-member-for-adult-social-care-and-public-health/index.html\n"
	      "years/2024/index.html\n");
	free(w);
	r = site(tmp, "-o ../fresh");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	SH_EQ("", "cd %s && diff -r pub fresh", tmp);
	SH_EQ("1\n", "grep -c 'Family centres 130: ' %s/pub/data/decisions.json", tmp);
	remove_tmp(tmp);
}
END_TEST

START_TEST(rebuilds)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	small_repo(tmp);
	result r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	write_text(tmp, "pub/mine.txt", "the user's\n");
	write_text(tmp, "pub/decisions/24-00301/notes.txt", "the user's\n");
	age(tmp);

	r = site(tmp, "-o ../pub");
	ck_assert_str_eq(r.err, "decrec site: ../pub: 0 files written, 27 unchanged, 0 removed\n");
	ck_assert_int_eq(r.status, 0);
	char *w = WRITTEN(tmp);
	ck_assert_str_eq(w, "");
	free(w);
	result_free(&r);

	/* The title of 24/00058 is on its details page (not its form, which
	 * has the decision's own title), the index pages that list it, the
	 * feed, the calendar (its call-in deadline), the data, and the page
	 * of the decision next to it, which links to it by its title (the
	 * form of 24/00099, exempt, is not published). */
	free(sh("cd %s/repo && sed -i 's/^title: \"Family hubs: /title: \"Family centres: /' "
	        "records/24-00058.yaml",
	        tmp));
	r = site(tmp, "-o ../pub");
	ck_assert_str_eq(r.err, "decrec site: ../pub: 10 files written, 17 unchanged, 0 removed\n");
	ck_assert_int_eq(r.status, 0);
	w = WRITTEN(tmp);
	EQ(w, "data/decisions.csv\n"
	      "data/decisions.json\n"
	      "decisions/24-00058/index.html\n"
	      "decisions/24-00099/index.html\n"
	      "feeds/calendar.ics\n"
	      "feeds/decisions.atom\n"
	      "index.html\n"
	      "key/index.html\n"
	      "makers/cabinet-member-for-adult-social-care-and-public-health/"
	      "index.html\n"
	      "years/2024/index.html\n");
	free(w);
	result_free(&r);
	age(tmp);

	/* 24/00301 deleted: its two pages go; its directory stays only for
	 * the user's file in it. Its document stays: 24/00302 links it. The
	 * pages of the decisions next to it link to each other now. */
	free(sh("rm %s/repo/records/24-00301.yaml", tmp));
	r = site(tmp, "-o ../pub");
	ck_assert_str_eq(r.err, "decrec site: ../pub: 9 files written, 16 unchanged, 2 removed\n");
	ck_assert_int_eq(r.status, 0);
	w = WRITTEN(tmp);
	EQ(w, ".decrec-site\n"
	      "data/decisions.csv\n"
	      "data/decisions.json\n"
	      "decisions/24-00099/index.html\n"
	      "decisions/24-00302/index.html\n"
	      "feeds/decisions.atom\n"
	      "index.html\n"
	      "makers/director-of-libraries/index.html\n"
	      "sitemap.xml\n"
	      "years/2024/index.html\n");
	free(w);
	SH_EQ("notes.txt\n", "ls -A %s/pub/decisions/24-00301", tmp);
	SH_EQ("the user's\n", "cat %s/pub/mine.txt", tmp);
	SH_EQ("",
	      "grep -c 24-00301 %s/pub/.decrec-site %s/pub/sitemap.xml %s/pub/index.html | "
	      "grep -v ':0$' || true",
	      tmp, tmp, tmp);
	result_free(&r);

	/* 24/00302 deleted too: the document and the now empty directories
	 * go; the user's file and its directory stay. */
	free(sh("rm %s/repo/records/24-00302.yaml %s/pub/decisions/24-00301/notes.txt", tmp, tmp));
	r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 0);
	SH_EQ("24-00058\n24-00099\n24-00134\n24-00301\n25-00031\n", "ls %s/pub/decisions", tmp);
	SH_EQ("", "ls -A %s/pub/decisions/24-00301", tmp);
	SH_EQ("", "cd %s/pub && ls -d documents makers/director-of-libraries 2>/dev/null || true",
	      tmp);
	SH_EQ("the user's\n", "cat %s/pub/mine.txt", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* A directory with files and no manifest is not taken unless --force; the
 * files there are kept. */
START_TEST(foreign_directory)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	small_repo(tmp);
	free(sh("mkdir %s/pub", tmp));
	write_text(tmp, "pub/index.html", "the user's own page\n");
	result r = site(tmp, "-o ../pub");
	ck_assert_str_eq(r.err, "decrec site: ../pub is not empty and holds no manifest of decrec "
	                        "site (../pub/.decrec-site); give an empty or new directory, or "
	                        "--force\n");
	ck_assert_int_eq(r.status, 2);
	SH_EQ("./index.html\n", "cd %s/pub && find . | LC_ALL=C sort | sed 1d", tmp);
	SH_EQ("the user's own page\n", "cat %s/pub/index.html", tmp);
	result_free(&r);

	free(sh("rm %s/pub/index.html", tmp));
	write_text(tmp, "pub/mine.txt", "the user's\n");
	r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 2);
	result_free(&r);
	r = site(tmp, "--force -o ../pub");
	ck_assert_str_eq(r.err, "decrec site: ../pub: 27 files written, 0 unchanged, 0 removed\n");
	ck_assert_int_eq(r.status, 0);
	SH_EQ("the user's\n", "cat %s/pub/mine.txt", tmp);
	SH_EQ("", "grep -x mine.txt %s/pub/.decrec-site || true", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* --check writes nothing, names each file missing, different or no longer
 * produced on stdout, and exits 1; 0 when the site is up to date. */
START_TEST(check_mode)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	small_repo(tmp);
	result r = site(tmp, "--check -o ../pub");
	ck_assert_int_eq(r.status, 1);
	SH_EQ("", "ls -d %s/pub 2>/dev/null || true", tmp);
	result_free(&r);
	r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	r = site(tmp, "--check -o ../pub");
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(r.err, "");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);

	free(
	    sh("cd %s && rm pub/404.html repo/records/25-00031.yaml && sed -i "
	       "'s/^title: Library opening hours/title: Library hours/' repo/records/24-00301.yaml",
	       tmp));
	age(tmp);
	r = site(tmp, "--check -o ../pub");
	EQ(r.out, "../pub/404.html: missing\n"
	          "../pub/data/decisions.csv: differs\n"
	          "../pub/data/decisions.json: differs\n"
	          "../pub/decisions/24-00099/index.html: differs\n"
	          "../pub/decisions/24-00134/index.html: differs\n"
	          "../pub/decisions/24-00301/index.html: differs\n"
	          "../pub/decisions/24-00301/record.html: differs\n"
	          "../pub/decisions/24-00302/index.html: differs\n"
	          "../pub/decisions/25-00031/index.html: no longer produced\n"
	          "../pub/decisions/25-00031/record.html: no longer produced\n"
	          "../pub/feeds/calendar.ics: differs\n"
	          "../pub/feeds/decisions.atom: differs\n"
	          "../pub/index.html: differs\n"
	          "../pub/key/index.html: differs\n"
	          "../pub/makers/cabinet-member-for-adult-social-care-and-public-health/"
	          "index.html: differs\n"
	          "../pub/makers/cabinet-member-for-environment/index.html: no longer produced\n"
	          "../pub/makers/cabinet-member-for-finance-corporate-and-traded-services/"
	          "index.html: differs\n"
	          "../pub/makers/director-of-libraries/index.html: differs\n"
	          "../pub/sitemap.xml: differs\n"
	          "../pub/years/2024/index.html: differs\n"
	          "../pub/years/2025/index.html: no longer produced\n");
	ck_assert_str_eq(r.err, "");
	ck_assert_int_eq(r.status, 1);
	char *w = WRITTEN(tmp);
	ck_assert_str_eq(w, "");
	free(w);
	SH_EQ("", "ls %s/pub/404.html 2>/dev/null || true", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* A file with validation errors: not published, its errors on stderr,
 * exit 1; published with --force. */
START_TEST(errors_not_published)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	small_repo(tmp);
	write_text(
	    tmp, "repo/records/24-00303.yaml",
	    "reference: 24/00303\ntitle: XBROKEN unfinished\ndecision_maker: Cabinet\n"
	    "status: Decision Made\nkey_decision: no\nsubject_to_call_in: yes\n"
	    "dates:\n  decision: 2024-08-05\n  published: 2024-08-05\n  effective: 2024-08-13\n"
	    "decision: I agree.\nreasons: Because.\nalternatives: None.\ninterests: []\n"
	    "sumary: typo\n");
	result r = site(tmp, "-o ../pub");
	ck_assert_str_eq(
	    r.err, "records/24-00303.yaml:15:1: error: unknown field 'sumary': did you mean "
	           "'summary'? unknown keys are refused so that a typo cannot drop a field "
	           "[unknown-field]\n"
	           "   15 | sumary: typo\n"
	           "      | ^~~~~~\n"
	           "decrec: records/24-00303.yaml: not published: 1 validation error (--force "
	           "publishes it anyway)\n"
	           "decrec site: ../pub: 27 files written, 0 unchanged, 0 removed\n");
	ck_assert_int_eq(r.status, 1);
	SH_EQ(small_files, "cd %s/pub && find . -type f | LC_ALL=C sort", tmp);
	SH_EQ("", "grep -rlF -e XBROKEN -e 24-00303 -e 24/00303 %s/pub || true", tmp);
	result_free(&r);

	r = site(tmp, "--force -o ../pub");
	ck_assert_int_eq(r.status, 0);
	SH_EQ("decisions/24-00303/index.html\ndecisions/24-00303/record.html\n",
	      "cd %s/pub && ls decisions/24-00303/*", tmp);
	SH_EQ("1\n", "grep -c 'href=\"decisions/24-00303/\"' %s/pub/index.html", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* No site.base_url: the usage error, and nothing made. */
START_TEST(no_base_url)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	small_repo(tmp);
	write_text(tmp, "repo/decrec.yaml", "authority: Kent County Council\n");
	result r = site(tmp, "-o ../pub");
	ck_assert_str_eq(r.err, "decrec site: decrec.yaml gives no site.base_url: the address the "
	                        "site is served at, which its feeds and sitemap need\n"
	                        "try 'decrec site --help'\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.status, 2);
	SH_EQ("", "ls -d %s/pub 2>/dev/null || true", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* A repository of two decisions of records/ in tmp/repo. */
static void two_records(char *tmp)
{
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	free(sh("mkdir -p %s/repo/records && cp records/24-00058.yaml records/25-00031.yaml "
	        "%s/repo/records/",
	        tmp, tmp));
	write_text(tmp, "repo/decrec.yaml",
	           "authority: Kent County Council\nsite:\n  base_url: "
	           "https://decisions.example.gov.uk/\n");
}

/* The lines of r.err that decrec's own messages start, without the
 * findings (caller frees). */
static char *said(const char *tmp)
{
	return sh("grep '^decrec' %s/err || true", tmp);
}

/* What decrec site says and does when it cannot do all its work: no
 * records; a template that does not compile (nothing made), or whose
 * partial does not (the pages it renders missing, the rest written, exit
 * 2); an input it cannot read (nothing written, exit 3). */
START_TEST(command_failures)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	two_records(tmp);
	free(sh("mkdir %s/empty %s/repo/tpl", tmp, tmp));
	result r = site(tmp, "-o ../pub ../empty");
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "decrec: no records found: no *.yaml or *.yml file in ../empty\n");
	result_free(&r);
	write_text(tmp, "repo/tpl/site.html", "{{#x}}\n");
	r = site(tmp, "--templates tpl -o ../pub");
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "decrec: site:2:1: unclosed section 'x' opened at 1:1: expected "
	                        "{{/x}}\n");
	SH_EQ("", "ls -d %s/pub 2>/dev/null || true", tmp);
	result_free(&r);
	/* Compiled only when a page includes it: each page that does fails. */
	write_text(tmp, "repo/tpl/bad.html", "{{#x}}\n");
	free(sh("mv %s/repo/tpl/site.html %s/repo/tpl/details.html && echo '{{> bad}}' > "
	        "%s/repo/tpl/details.html",
	        tmp, tmp, tmp));
	r = site(tmp, "--templates tpl -o ../pub");
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err,
	                 "decrec: records/24-00058.yaml: bad:2:1: unclosed section 'x' opened at "
	                 "1:1: expected {{/x}} (included from details:1:1)\n"
	                 "decrec: records/25-00031.yaml: bad:2:1: unclosed section 'x' opened at "
	                 "1:1: expected {{/x}} (included from details:1:1)\n"
	                 "decrec site: ../pub: 17 files written, 0 unchanged, 0 removed\n");
	SH_EQ("./decisions/24-00058/record.html\n./decisions/25-00031/record.html\n",
	      "cd %s/pub && find ./decisions -type f | LC_ALL=C sort", tmp);
	result_free(&r);
	/* The register's pages: the decisions' pages written, then the error. */
	free(
	    sh("rm -r %s/pub && mv %s/repo/tpl/details.html %s/repo/tpl/site.html", tmp, tmp, tmp));
	r = site(tmp, "--templates tpl -o ../pub");
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "decrec: bad:2:1: unclosed section 'x' opened at 1:1: expected "
	                        "{{/x}} (included from site:1:1)\n"
	                        "decrec site: ../pub: 4 files written, 0 unchanged, 0 removed\n");
	result_free(&r);
	/* The plan's: a partial by a name that could reach outside. */
	free(sh("rm -r %s/pub && mv %s/repo/tpl/site.html %s/repo/tpl/plan.html && echo '{{> "
	        "../bad}}' > %s/repo/tpl/plan.html",
	        tmp, tmp, tmp, tmp));
	r = site(tmp, "--templates tpl -o ../pub");
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "decrec: partial '../bad' is not allowed: templates and partials "
	                        "are found by name (letters, digits, '-', '_')\n"
	                        "decrec site: ../pub: 17 files written, 0 unchanged, 0 removed\n");
	SH_EQ("", "ls -d %s/pub/plan 2>/dev/null || true", tmp);
	result_free(&r);
	/* An input that cannot be read: nothing written. */
	free(sh("rm -r %s/pub && ln -s nowhere.yaml %s/repo/records/dangling.yaml", tmp, tmp));
	r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, "decrec: records/dangling.yaml: cannot read: No such file or "
	                        "directory\n"
	                        "decrec site: nothing written: an input could not be read\n");
	SH_EQ("", "find %s/pub -type f ! -name .decrec-site", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* Where the site goes: public/ in the working directory, or the config's
 * site.out_dir (relative to the config); the same site when no temporary
 * file can be made (TMPDIR missing: the pages kept in memory). */
START_TEST(output_places)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	two_records(tmp);
	result r = site(tmp, "");
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "decrec site: public: 19 files written, 0 unchanged, 0 removed\n");
	result_free(&r);
	free(
	    sh("cd %s/repo && printf '  out_dir: ../out-dir\\n' >> decrec.yaml && mkdir sub", tmp));
	/* No TMPDIR: the page logs are kept in memory (valgrind cannot start
	 * so, hence the plain binary). */
	char *o = sh("cd %s/repo/sub && TMPDIR=%s/none %s site " TODAY " >/dev/null 2>../../err; "
	             "echo $?",
	             tmp, tmp, decrec_native_bin());
	ck_assert_str_eq(o, "0\n");
	free(o);
	char *err = said(tmp);
	char want[700];
	snprintf(want, sizeof(want),
	         "decrec site: %s/repo/../out-dir: 19 files written, 0 unchanged, 0 removed\n",
	         tmp);
	ck_assert_str_eq(err, want);
	free(err);
	SH_EQ("", "diff -r %s/repo/public %s/out-dir", tmp, tmp);
	remove_tmp(tmp);
}
END_TEST

/* With --force, the pages a record cannot have: none without a reference,
 * none for a reference that would make a path outside decisions/; and a
 * linked document missing from the repository, shown unlinked. */
START_TEST(forced_records_without_pages)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	two_records(tmp);
	free(sh("cd %s/repo/records && sed 's|^reference: .*|reference: ../x|' 24-00058.yaml > "
	        "x.yaml && grep -v '^reference:' 24-00058.yaml > y.yaml && sed 's|^reference: "
	        ".*|reference: 24/00999|' 25-00031.yaml > z.yaml && printf 'documents:\\n  - "
	        "title: Missing paper\\n    href: papers/none.pdf\\n' >> z.yaml",
	        tmp));
	result r = site(tmp, "--force -o ../pub");
	ck_assert_int_eq(r.status, 1);
	char *err = said(tmp);
	ck_assert_str_eq(err, "decrec: records/x.yaml: reference '../x' does not make a page name\n"
	                      "decrec: records/x.yaml: reference '../x' does not make a page name\n"
	                      "decrec: records/y.yaml: a record has no reference, so it has no "
	                      "page\n"
	                      "decrec: records/y.yaml: a record has no reference, so it has no "
	                      "page\n"
	                      "decrec: records/z.yaml: document 'papers/none.pdf' is not in the "
	                      "repository: its title is shown without a link\n"
	                      "decrec: records/z.yaml: document 'papers/none.pdf' is not in the "
	                      "repository: its title is shown without a link\n"
	                      "decrec site: ../pub: 21 files written, 0 unchanged, 0 removed\n");
	free(err);
	SH_EQ("24-00058\n24-00999\n25-00031\n", "ls %s/pub/decisions", tmp);
	SH_EQ("<li>Missing paper</li>\n",
	      "grep -o '<li>Missing paper</li>' %s/pub/decisions/24-00999/index.html", tmp);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* Runs tests/sitelinks.py on tmp/pub; its output (2>&1) and status. */
static char *sitelinks(const char *tmp, int *st)
{
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "%s tests/sitelinks.py %s/pub 2>&1", python(), tmp);
	char *out = run_command(cmd, st);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Every internal link and asset of a whole site resolves, nothing loads
 * from outside; and the checker itself finds what it must. */
START_TEST(links_resolve)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	full_repo(tmp, 1);
	result r = site(tmp, "--force -o ../pub");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	int st;
	char *out = sitelinks(tmp, &st);
	ck_assert_str_eq(out, "sitelinks.py: 90 pages, 906 internal links: ok\n");
	ck_assert_int_eq(st, 0);
	free(out);

	/* A page of the user's in the site, with each kind of fault. */
	write_text(tmp, "pub/decisions/bad.html",
	           "<!DOCTYPE html><title>x</title><script>1</script>"
	           "<a href=\"24-00058/\">ok</a><a href=\"24-00058/record.html#top\">ok</a>"
	           "<a href=\"https://example.org/\">ok</a><a href=\"mailto:a@b.c\">ok</a>"
	           "<a href=\"#x\">ok</a><a href=\"../nowhere/\">1</a>"
	           "<a href=\"/index.html\">2</a><a href=\"../../up.html\">3</a>"
	           "<img src=\"https://example.org/x.png\" alt=\"\">"
	           "<link rel=\"stylesheet\" href=\"http://example.org/s.css\">"
	           "<a href=\"javascript:alert(1)\">4</a>");
	out = sitelinks(tmp, &st);
	ck_assert_str_eq(out,
	                 "sitelinks.py: 7 problem(s):\n"
	                 "/decisions/bad.html: 1 <script> element(s)\n"
	                 "/decisions/bad.html: href=\"../nowhere/\": no file "
	                 "/nowhere/index.html\n"
	                 "/decisions/bad.html: href=\"/index.html\": absolute path, broken "
	                 "when the site is not at the root of its host\n"
	                 "/decisions/bad.html: href=\"../../up.html\": outside the site\n"
	                 "/decisions/bad.html: <img src=\"https://example.org/x.png\"> loads "
	                 "from outside\n"
	                 "/decisions/bad.html: <link href=\"http://example.org/s.css\"> loads "
	                 "from outside\n"
	                 "/decisions/bad.html: <a href=\"javascript:alert(1)\">: not a link of "
	                 "the site\n");
	ck_assert_int_eq(st, 1);
	free(out);
	remove_tmp(tmp);
}
END_TEST

/* A reference holding what a custom reference_pattern may let through (a
 * space, %, #, ?, a non-ASCII letter, &, and / which the slug makes -):
 * the page's directory on disk is the slug as it is, every link and URL to
 * it is percent-encoded (then HTML- or XML-escaped), and the links resolve. */
START_TEST(odd_reference)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	free(sh("mkdir -p %s/repo/records && cp records/24-00058.yaml %s/repo/records/ && "
	        "sed 's|^reference: .*|reference: \"A b%%#?\xC3\xA9\\&/1\"|' "
	        "records/24-00058.yaml > %s/repo/records/odd.yaml",
	        tmp, tmp, tmp));
	write_text(tmp, "repo/decrec.yaml",
	           "authority: Kent County Council\nreference_pattern: '^.+$'\nsite:\n  "
	           "base_url: https://decisions.example.gov.uk/\n");
	result r = site(tmp, "--force -o ../pub");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	SH_EQ("A b%#?\xC3\xA9&-1\n", "ls %s/pub/decisions | grep -v 24-00058", tmp);
	SH_EQ("href=\"decisions/A%20b%25%23%3F%C3%A9%26-1/\"\n",
	      "grep -o 'href=\"decisions/A[^\"]*\"' %s/pub/index.html", tmp);
	SH_EQ("href=\"../../decisions/A%20b%25%23%3F%C3%A9%26-1/\"\n",
	      "grep -o 'href=\"../../decisions/A[^\"]*\"' %s/pub/years/2024/index.html", tmp);
	SH_EQ("<loc>https://decisions.example.gov.uk/decisions/A%20b%25%23%3F%C3%A9%26-1/</loc>\n"
	      "<loc>https://decisions.example.gov.uk/decisions/A%20b%25%23%3F%C3%A9%26-1/"
	      "record.html</loc>\n",
	      "grep -o '<loc>[^<]*/A[^<]*</loc>' %s/pub/sitemap.xml", tmp);
	SH_EQ("href=\"https://decisions.example.gov.uk/decisions/A%20b%25%23%3F%C3%A9%26-1/\"\n",
	      "grep -o 'href=\"[^\"]*/A[^\"]*\"' %s/pub/feeds/decisions.atom", tmp);
	SH_EQ(
	    "\"url\": \"https://decisions.example.gov.uk/decisions/A%20b%25%23%3F%C3%A9%26-1/\"\n",
	    "grep -o '\"url\": \"[^\"]*/A[^\"]*\"' %s/pub/data/decisions.json", tmp);
	SH_EQ("https://decisions.example.gov.uk/decisions/A%20b%25%23%3F%C3%A9%26-1/\n",
	      "grep -o 'https://[^,]*/A[^,]*' %s/pub/data/decisions.csv", tmp);
	int st;
	char *out = sitelinks(tmp, &st);
	ck_assert_str_eq(out, "sitelinks.py: 11 pages, 66 internal links: ok\n");
	ck_assert_int_eq(st, 0);
	free(out);
	remove_tmp(tmp);
}
END_TEST

/* The feeds and data of a real site read by their parsers
 * (tests/feeds.py): with --force the same decisions as tests/feeds'
 * goldens (check_feeds.c), so the same counts; without, one fewer
 * (tests/render/hostile.yaml has errors). */
START_TEST(feeds_of_a_site)
{
	static const char *const want[] = {
	    "feeds.py: atom 15 entries, ics 27 events, json 33 decisions, csv 33 rows: ok\n",
	    "feeds.py: atom 16 entries, ics 28 events, json 34 decisions, csv 34 rows: ok\n"};
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	full_repo(tmp, 0);
	for (int force = 0; force < 2; force++) {
		result r = site(tmp, force ? "--force -o ../pub" : "-o ../pub");
		ck_assert_int_eq(r.status, force ? 0 : 1);
		result_free(&r);
		char cmd[1400];
		snprintf(cmd, sizeof(cmd),
		         "rm -rf %s/flat && mkdir %s/flat && cp %s/pub/feeds/* %s/pub/data/* "
		         "%s/flat/ && %s tests/feeds.py %s/flat 2>&1",
		         tmp, tmp, tmp, tmp, tmp, python(), tmp);
		int st;
		char *out = run_command(cmd, &st);
		ck_assert_ptr_nonnull(out);
		ck_assert_str_eq(out, want[force]);
		ck_assert_int_eq(st, 0);
		free(out);
	}
	remove_tmp(tmp);
}
END_TEST

/* The prev and next links of each page of an index page, as written. */
#define PAGER(tmp, page) sh("grep -A1 '<nav aria-label=\"Page\"' %s/pub/%s | sed 1d", tmp, page)

/* Five records a page: the register's 13 decisions (records/ and four more
 * of 24/00058's decision maker), 12 of 2024 and 13 key, on pages 1-3; the
 * maker's 6 on two pages. */
START_TEST(pagination)
{
	char tmp[] = "/tmp/decrec-site-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	free(sh("mkdir -p %s/repo/records && cp records/*.yaml %s/repo/records/ && for n in 1 2 3 "
	        "4; do sed \"s,^reference: 24/00058,reference: 24/0040$n,\" records/24-00058.yaml "
	        "> %s/repo/records/24-0040$n.yaml; done && printf 'site:\\n  base_url: "
	        "https://decisions.example.gov.uk\\n  records_per_page: 5\\n' > "
	        "%s/repo/decrec.yaml",
	        tmp, tmp, tmp, tmp));
	result r = site(tmp, "-o ../pub");
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	SH_EQ("./index.html\n"
	      "./key/index.html\n"
	      "./key/page/2/index.html\n"
	      "./key/page/3/index.html\n"
	      "./makers/cabinet-member-for-adult-social-care-and-public-health/index.html\n"
	      "./makers/cabinet-member-for-adult-social-care-and-public-health/page/2/"
	      "index.html\n"
	      "./makers/cabinet-member-for-education-and-skills/index.html\n"
	      "./makers/cabinet-member-for-environment/index.html\n"
	      "./makers/cabinet-member-for-finance-corporate-and-traded-services/index.html\n"
	      "./makers/cabinet-member-for-highways-and-transport/index.html\n"
	      "./makers/cabinet-member-for-integrated-children-s-services/index.html\n"
	      "./makers/cabinet/index.html\n"
	      "./page/2/index.html\n"
	      "./page/3/index.html\n"
	      "./years/2024/index.html\n"
	      "./years/2024/page/2/index.html\n"
	      "./years/2024/page/3/index.html\n"
	      "./years/2025/index.html\n",
	      "cd %s/pub && find . -name index.html ! -path './decisions/*' ! -path './plan/*' ! "
	      "-path './notice/*' | LC_ALL=C sort",
	      tmp);
	static const struct {
		const char *page, *pager;
		int rows;
	} want[] = {
	    {"index.html", "<p>Page 1 of 3 <a href=\"page/2/\" rel=\"next\">Next page</a></p>\n",
	     5},
	    {"page/2/index.html",
	     "<p><a href=\"../../\" rel=\"prev\">Previous page</a> Page 2 of 3 <a "
	     "href=\"../../page/3/\" rel=\"next\">Next page</a></p>\n",
	     5},
	    {"page/3/index.html",
	     "<p><a href=\"../../page/2/\" rel=\"prev\">Previous page</a> Page 3 of 3</p>\n", 3},
	    {"key/index.html",
	     "<p>Page 1 of 3 <a href=\"../key/page/2/\" rel=\"next\">Next page</a></p>\n", 5},
	    {"key/page/2/index.html",
	     "<p><a href=\"../../../key/\" rel=\"prev\">Previous page</a> Page 2 of 3 <a "
	     "href=\"../../../key/page/3/\" rel=\"next\">Next page</a></p>\n",
	     5},
	    {"key/page/3/index.html",
	     "<p><a href=\"../../../key/page/2/\" rel=\"prev\">Previous page</a> Page 3 of "
	     "3</p>\n",
	     3},
	    {"years/2024/index.html",
	     "<p>Page 1 of 3 <a href=\"../../years/2024/page/2/\" rel=\"next\">Next "
	     "page</a></p>\n",
	     5},
	    {"years/2024/page/2/index.html",
	     "<p><a href=\"../../../../years/2024/\" rel=\"prev\">Previous page</a> Page 2 of 3 <a "
	     "href=\"../../../../years/2024/page/3/\" rel=\"next\">Next page</a></p>\n",
	     5},
	    {"years/2024/page/3/index.html",
	     "<p><a href=\"../../../../years/2024/page/2/\" rel=\"prev\">Previous page</a> Page 3 "
	     "of 3</p>\n",
	     2},
	    {"years/2025/index.html", "", 1},
	    {"makers/cabinet-member-for-adult-social-care-and-public-health/index.html",
	     "<p>Page 1 of 2 <a "
	     "href=\"../../makers/cabinet-member-for-adult-social-care-and-public-health/page/2/"
	     "\" rel=\"next\">Next page</a></p>\n",
	     5},
	    {"makers/cabinet-member-for-adult-social-care-and-public-health/page/2/index.html",
	     "<p><a "
	     "href=\"../../../../makers/cabinet-member-for-adult-social-care-and-public-health/\" "
	     "rel=\"prev\">Previous page</a> Page 2 of 2</p>\n",
	     1},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		char *got = PAGER(tmp, want[i].page);
		ck_assert_msg(!strcmp(got, want[i].pager), "%s: %s", want[i].page, got);
		free(got);
		got = sh("grep -c '^<tr><td><a href=' %s/pub/%s || true", tmp, want[i].page);
		ck_assert_msg(strtol(got, NULL, 10) == want[i].rows, "%s: %s rows", want[i].page,
		              got);
		free(got);
	}
	/* Newest first, a day's decisions by reference, the highest first:
	 * the last page holds the oldest day's last three. */
	SH_EQ("24/00402\n24/00401\n24/00058\n",
	      "grep -o '^<tr><td><a href=\"[^\"]*\">[^<]*' %s/pub/page/3/index.html | sed "
	      "'s/.*>//'",
	      tmp);
	int st;
	char *out = sitelinks(tmp, &st);
	ck_assert_int_eq(st, 0);
	free(out);
	remove_tmp(tmp);
}
END_TEST

/* ---- dr_site_write and dr_site_nav, called as the command calls them ----- */

/* What a run of the library gave: each file's path, length and FNV-1a hash,
 * one line each, in a buffer of its own (not the heap, which fails on
 * demand, nor Check's assertions, which allocate); `stop_at` makes the emit callback return 7 at
 * that call. */
typedef struct sums {
	char text[1 << 16];
	size_t len;
	int calls, stop_at, overflow;
} sums;

static int sum_file(void *ctx, const char *path, const char *data, size_t len)
{
	sums *s = ctx;
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 1099511628211u;
	if (++s->calls == s->stop_at)
		return 7;
	int n = snprintf(s->text + s->len, sizeof(s->text) - s->len, "%s %zu %016llx\n",
	                 path ? path : "(none)", len, (unsigned long long)h);
	if (n < 0 || (size_t)n >= sizeof(s->text) - s->len) /* no ck_assert: it allocates */
		s->overflow = 1;
	else
		s->len += (size_t)n;
	return 0;
}

/* Keeps index.html and 404.html, one after the other, in a dr_buf. */
static int keep_index(void *ctx, const char *path, const char *data, size_t len)
{
	if (!strcmp(path, "index.html") || !strcmp(path, "404.html"))
		dr_buf_add(ctx, data, len);
	return 0;
}

/* Keeps the document itself in a sums' text. */
static int keep_doc(void *ctx, const char *reference, const char *doc, size_t len)
{
	(void)reference;
	sums *s = ctx;
	if (len >= sizeof(s->text) - s->len)
		return 7;
	memcpy(s->text + s->len, doc, len);
	s->len += len;
	s->text[s->len] = '\0';
	return 0;
}

static int sum_doc(void *ctx, const char *reference, const char *doc, size_t len)
{
	return sum_file(ctx, reference, doc, len);
}

/* The register of three decisions of two years and three decision makers
 * (one exempt), two to a page: the config loaded, the records checked into
 * a register listing, then dr_site_write and dr_site_nav for 24/00058 into
 * *got. Returns the first failure (DR_ENOMEM for a constructor's NULL). */
static int site_sums(sums *got, char **err)
{
	static const char yaml[] = "authority: Kent County Council\nsite:\n  base_url: "
	                           "https://decisions.example.gov.uk/\n";
	static const char *const paths[] = {"records/24-00058.yaml", "records/25-00031.yaml",
	                                    "tests/render/exempt.yaml"};
	dr_config *cfg = NULL;
	dr_checker *chk = NULL;
	dr_listing *reg = NULL;
	dr_renderer *pages = NULL, *nav = NULL;
	dr_listing_options lo = {.kind = DR_LISTING_REGISTER};
	dr_render_options rs = {.format = DR_DOC_HTML, .template_name = "site"};
	dr_render_options rv = {.format = DR_DOC_HTML, .template_name = "site-nav"};
	dr_site_options so;
	int rc = dr_config_load_buffer(&cfg, "decrec.yaml", yaml, sizeof(yaml) - 1, NULL);
	if (rc || (rc = dr_listing_new(&reg, cfg, &lo)) ||
	    (rc = dr_renderer_new(&pages, cfg, &rs, err)) ||
	    (rc = dr_renderer_new(&nav, cfg, &rv, err)))
		goto out;
	dr_check_options co = {.today = dr_date_from_ymd(2024, 8, 30)};
	if (!(chk = dr_checker_new(cfg, &co))) {
		rc = DR_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < 3 && !rc; i++) {
		dr_file *f = NULL;
		dr_listing_attach(reg, chk, i);
		rc = dr_checker_check_path(&f, chk, paths[i], err);
		dr_file_free(f);
	}
	dr_config_site(cfg, &so);
	so.has_plan = so.has_notice = 1;
	so.per_page = 2;
	if (!rc && !(rc = dr_site_write(reg, pages, &so, sum_file, got, err)))
		rc = dr_site_nav(reg, nav, "24/00058", sum_doc, got, err);
out:
	dr_checker_free(chk);
	dr_listing_free(reg);
	dr_renderer_free(pages);
	dr_renderer_free(nav);
	dr_config_free(cfg);
	return rc;
}

/* Out of memory at any one allocation, from loading the config to the
 * last file: DR_ENOMEM, never a site with a page or record missing; the
 * files written before it are those of a whole run, in the same order.
 * An emit that fails stops the run with its code. */
START_TEST(site_write_out_of_memory)
{
	static sums want, got;
	char *err = NULL;
	int rc0 = site_sums(&want, &err);
	ck_assert_msg(rc0 == 0, "rc %d: %s", rc0, err ? err : "");
	ck_assert_ptr_null(err);
	ck_assert_int_eq(want.overflow, 0);
	/* The files, the index pages paginated two to a page. */
	char list[4096] = "";
	for (const char *p = want.text; *p; p = strchr(p, '\n') + 1)
		strncat(list, p, strcspn(p, " ") + 1);
	ck_assert_str_eq(list, "index.html page/2/index.html key/index.html "
	                       "key/page/2/index.html years/2025/index.html years/2024/index.html "
	                       "makers/cabinet-member-for-adult-social-care-"
	                       "and-public-health/index.html makers/cabinet-member-for-environment/"
	                       "index.html makers/cabinet-member-for-finance-corporate-and-traded-"
	                       "services/index.html 404.html sitemap.xml feeds/decisions.atom "
	                       "feeds/calendar.ics data/decisions.json data/decisions.schema.json "
	                       "data/decisions.csv 24/00058 ");
	unsigned long n = 1, failed = 0;
	for (;; n++) {
		memset(&got, 0, sizeof(got));
		oom_at(n);
		int rc = site_sums(&got, &err);
		int hit = oom_hit();
		oom_at(0);
		ck_assert_int_eq(got.overflow, 0);
		if (!hit) {
			ck_assert_int_eq(rc, 0);
			break;
		}
		ck_assert_msg(rc == DR_ENOMEM, "allocation %lu failed: rc %d (%s)", n, rc,
		              err ? err : "");
		ck_assert_msg(!strncmp(got.text, want.text, got.len),
		              "allocation %lu failed: files not of a whole run:\n%s", n, got.text);
		ck_assert_ptr_null(err);
		failed++;
	}
	ck_assert_uint_gt(failed, 100);
	ck_assert_str_eq(got.text, want.text);
	/* emit's failure at each file, the nav's too: its code, the files
	 * before it. */
	for (int k = 1; k <= 17; k++) {
		memset(&got, 0, sizeof(got));
		got.stop_at = k;
		ck_assert_int_eq(site_sums(&got, &err), 7);
		ck_assert_int_eq(got.calls, k);
		ck_assert(!strncmp(got.text, want.text, got.len));
	}
}
END_TEST

/* dr_site_nav from threads at once on one sorted register (dr_listing_sort),
 * each thread with its own renderer, as decrec site -j calls it: each
 * thread's links are those of one thread alone, and 24/00058's page links
 * the decisions before and after it. */
typedef struct nav_job {
	dr_listing *reg;
	dr_renderer *nav;
	sums got;
	int rc;
} nav_job;

static void *nav_all(void *arg)
{
	static const char *const refs[] = {"24/00058", "25/00031", "24/00099", "none"};
	nav_job *j = arg;
	char *err = NULL;
	for (int round = 0; round < 20 && !j->rc; round++) {
		j->got.len = 0;
		for (size_t i = 0; i < 4 && !j->rc; i++)
			j->rc = dr_site_nav(j->reg, j->nav, refs[i], sum_doc, &j->got, &err);
	}
	free(err);
	return NULL;
}

START_TEST(site_nav_threads)
{
	static const char yaml[] = "authority: Kent County Council\n";
	static const char *const paths[] = {"records/24-00058.yaml", "records/25-00031.yaml",
	                                    "tests/render/exempt.yaml"};
	dr_config *cfg = NULL;
	dr_listing *reg = NULL;
	char *err = NULL;
	dr_listing_options lo = {.kind = DR_LISTING_REGISTER};
	dr_render_options rv = {.format = DR_DOC_HTML, .template_name = "site-nav"};
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "decrec.yaml", yaml, sizeof(yaml) - 1, NULL),
	                 0);
	ck_assert_int_eq(dr_listing_new(&reg, cfg, &lo), 0);
	dr_check_options co = {.today = dr_date_from_ymd(2024, 8, 30)};
	dr_checker *chk = dr_checker_new(cfg, &co);
	for (size_t i = 0; i < 3; i++) {
		dr_file *f = NULL;
		dr_listing_attach(reg, chk, i);
		ck_assert_int_eq(dr_checker_check_path(&f, chk, paths[i], &err), 0);
		dr_file_free(f);
	}
	ck_assert_int_eq(dr_listing_sort(reg), 0);
	ck_assert_uint_eq(dr_listing_shared(reg), 0); /* three references */
	enum { N = 4 };
	nav_job *j = calloc(N + 1, sizeof(*j));
	pthread_t t[N];
	for (int k = 0; k <= N; k++) {
		j[k].reg = reg;
		ck_assert_int_eq(dr_renderer_new(&j[k].nav, cfg, &rv, &err), 0);
	}
	nav_all(&j[N]); /* alone: what each thread must get */
	ck_assert_int_eq(j[N].rc, 0);
	ck_assert_int_eq(j[N].got.overflow, 0);
	for (int k = 0; k < N; k++)
		ck_assert_int_eq(pthread_create(&t[k], NULL, nav_all, &j[k]), 0);
	for (int k = 0; k < N; k++) {
		pthread_join(t[k], NULL);
		ck_assert_int_eq(j[k].rc, 0);
		ck_assert_str_eq(j[k].got.text, j[N].got.text);
	}
	/* The links: newest first, 25/00031, then the two of 19 July 2024,
	 * the higher reference first: 24/00099 sits between the others. */
	sums one = {0};
	ck_assert_int_eq(dr_site_nav(reg, j[N].nav, "24/00099", keep_doc, &one, &err), 0);
	ck_assert_str_eq(
	    one.text, "<nav aria-label=\"Decisions before and after\" class=\"neighbours\">\n"
	              "<ul class=\"links\">\n"
	              "<li>Later decision: <a href=\"../../decisions/25-00031/\">25/00031 "
	              "Contract award for the haulage and treatment of waste wood from "
	              "Household Waste Recycling Centres</a></li>\n"
	              "<li>Earlier decision: <a href=\"../../decisions/24-00058/\">24/00058 "
	              "Family hubs: Perinatal mental health and parent infant relationship "
	              "five year strategy, &#39;Nurturing little hearts and minds&#39;</a></li>\n"
	              "</ul>\n</nav>\n");
	for (int k = 0; k <= N; k++)
		dr_renderer_free(j[k].nav);
	free(j);
	dr_checker_free(chk);
	dr_listing_free(reg);
	dr_config_free(cfg);
}
END_TEST

/* dr_site_write refuses options without an http(s) base_url, with the
 * message the command would give; a title given names the site in place
 * of "AUTHORITY: decisions", and without an authority "The council" does. */
START_TEST(site_write_options)
{
	dr_config *cfg = NULL;
	dr_listing *reg = NULL;
	dr_renderer *pages = NULL;
	char *err = NULL;
	dr_listing_options lo = {.kind = DR_LISTING_REGISTER};
	dr_render_options rs = {.format = DR_DOC_HTML, .template_name = "site"};
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	ck_assert_int_eq(dr_listing_new(&reg, cfg, &lo), 0);
	ck_assert_int_eq(dr_renderer_new(&pages, cfg, &rs, &err), 0);
	static const char *const bad[] = {"ftp://example.org", "https://example.org/a b",
	                                  "https://example.org/?q", "example.org"};
	dr_site_options so = {0};
	ck_assert_int_eq(dr_site_write(reg, pages, NULL, sum_file, NULL, &err), DR_EINVAL);
	ck_assert_str_eq(err, "the site needs site.base_url, the http:// or https:// address it "
	                      "is served at, for its feeds and sitemap");
	free(err);
	ck_assert_int_eq(dr_site_write(reg, pages, &so, sum_file, NULL, &err), DR_EINVAL);
	free(err);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		so.base_url = bad[i];
		ck_assert_int_eq(dr_site_write(reg, pages, &so, sum_file, NULL, &err), DR_EINVAL);
		ck_assert_ptr_nonnull(err);
		free(err);
	}
	static sums got;
	so.base_url = "HTTP://example.org///";
	ck_assert_int_eq(dr_site_write(reg, pages, &so, sum_file, &got, &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(got.overflow, 0);
	static dr_buf page;
	/* The index page of no records: the title, the base without its '/'s. */
	dr_buf_init(&page, 1 << 20);
	so.title = "Minutes & more";
	ck_assert_int_eq(dr_site_write(reg, pages, &so, keep_index, &page, &err), 0);
	ck_assert_ptr_nonnull(strstr(page.p, "Minutes &amp; more"));
	ck_assert_ptr_null(strstr(page.p, "The council"));
	dr_buf_free(&page);
	dr_buf_init(&page, 1 << 20);
	so.title = NULL;
	ck_assert_int_eq(dr_site_write(reg, pages, &so, keep_index, &page, &err), 0);
	ck_assert_ptr_nonnull(strstr(page.p, "The council: decisions"));
	/* The 404 page's links are full addresses: the base without its '/'s. */
	ck_assert_ptr_nonnull(strstr(page.p, "href=\"HTTP://example.org/\""));
	ck_assert_ptr_null(strstr(page.p, "example.org//"));
	dr_buf_free(&page);
	dr_renderer_free(pages);
	dr_listing_free(reg);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_site(void)
{
	Suite *s = suite_create("site");
	TCase *tc = tcase_create("site");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, files_of_a_site);
	tcase_add_test(tc, jobs_same_site);
	tcase_add_test(tc, shared_references);
	tcase_add_test(tc, no_exempt_text_anywhere);
	tcase_add_test(tc, rebuilds);
	tcase_add_test(tc, large_register);
	tcase_add_test(tc, foreign_directory);
	tcase_add_test(tc, check_mode);
	tcase_add_test(tc, errors_not_published);
	tcase_add_test(tc, no_base_url);
	tcase_add_test(tc, links_resolve);
	tcase_add_test(tc, odd_reference);
	tcase_add_test(tc, feeds_of_a_site);
	tcase_add_test(tc, pagination);
	tcase_add_test(tc, command_failures);
	tcase_add_test(tc, output_places);
	tcase_add_test(tc, forced_records_without_pages);
	suite_add_tcase(s, tc);
	/* The library's calls, without the command. */
	tc = tcase_create("library");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, site_write_out_of_memory);
	tcase_add_test(tc, site_write_options);
	tcase_add_test(tc, site_nav_threads);
	suite_add_tcase(s, tc);
	return s;
}
