/* What decrec publishes: the modes of the files it writes (render -o and
 * --out-dir, validate -o), --out-dir made when missing, and relative
 * document links copied under --out-dir, pointed at --documents-url, or
 * kept as written, with --stdin-filename as their base for standard input.
 * Each test builds a small repository in a temporary directory. */
#include "tests.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Runs the shell command made from fmt, returning its stdout (caller frees)
 * and its exit status in *st. */
static char *sh(int *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *sh(int *st, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	char *out = run_command(cmd, st);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Runs a command that must succeed silently. */
static void ok(const char *fmt, const char *a, const char *b)
{
	int st;
	char *out = sh(&st, fmt, a, b);
	ck_assert_msg(st == 0, fmt, a, b);
	ck_assert_str_eq(out, "");
	free(out);
}

/* s with every `from` replaced by `to` (malloc'd). */
static char *replace(const char *s, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), n = strlen(s) + 1;
	for (const char *p = s; (p = strstr(p, from)); p += nf)
		n += nt;
	char *r = malloc(n), *o = r;
	ck_assert_ptr_nonnull(r);
	for (const char *p; (p = strstr(s, from)); s = p + nf) {
		memcpy(o, s, (size_t)(p - s));
		o += p - s;
		memcpy(o, to, nt);
		o += nt;
	}
	memcpy(o, s, strlen(s) + 1);
	return r;
}

static void write_text(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	ck_assert_msg(stat(path, &st) == 0, "%s is missing", path);
	return st.st_mode & 07777;
}

static char *text_of(const char *dir, const char *name)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char *t = read_text(path, NULL);
	ck_assert_msg(t != NULL, "cannot read %s", path);
	return t;
}

#define REPORT "%PDF-1.4 report\n"
#define EQIA "%PDF-1.4 equality impact assessment\n"

/* A repository in dir: decrec.yaml, records/24-00095.yaml (Kent's record
 * with two documents made relative: records/report.pdf and
 * "papers/eqia b.pdf", both 0640), nothing else. */
static void make_repo(char *dir)
{
	char path[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ok("mkdir -p %s/repo/records %s/repo/papers", dir, dir);
	ok("cp decrec.yaml %s/repo/%s", dir, "");
	char *rec = read_text("records/24-00095.yaml", NULL);
	ck_assert_ptr_nonnull(rec);
	char *a =
	    replace(rec, "https://democracy.kent.gov.uk/ieListDocuments.aspx?CId=896&MId=9452",
	            "report.pdf");
	char *b = replace(
	    a, "https://democracy.kent.gov.uk/documents/s128841/Appendix%20B%20-%20EqIA.pdf",
	    "../papers/eqia b.pdf#page=2");
	ck_assert_ptr_nonnull(strstr(b, "href: ../papers/eqia b.pdf#page=2\n"));
	snprintf(path, sizeof(path), "%s/repo/records/24-00095.yaml", dir);
	write_text(path, b, 0644);
	snprintf(path, sizeof(path), "%s/repo/records/report.pdf", dir);
	write_text(path, REPORT, 0640);
	snprintf(path, sizeof(path), "%s/repo/papers/eqia b.pdf", dir);
	write_text(path, EQIA, 0640);
	free(rec);
	free(a);
	free(b);
}

static void remove_dir(const char *dir)
{
	ok("rm -rf %s%s", dir, "");
}

#define RENDER "cd %s/repo && umask 022 && %s render -t html --template details "
#define LINK_REPORT "href=\"documents/records/report.pdf\""
#define LINK_EQIA "href=\"documents/papers/eqia%20b.pdf#page=2\""

START_TEST(out_dir_copies_documents)
{
	char dir[] = "/tmp/decrec-publish-XXXXXX", path[600];
	make_repo(dir);
	int st;
	char *out = sh(&st, RENDER "--out-dir ../site/pages records 2>../err", dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "");
	free(out);
	/* The folder and its parents were made; the copies sit under documents/
	 * by their paths in the repository. */
	out = sh(&st, "cd %s/site && find . | LC_ALL=C sort && cat ../err", dir);
	ck_assert_str_eq(out, ".\n./pages\n./pages/24-00095.html\n./pages/documents\n"
	                      "./pages/documents/papers\n./pages/documents/papers/eqia b.pdf\n"
	                      "./pages/documents/records\n./pages/documents/records/report.pdf\n");
	free(out);
	snprintf(path, sizeof(path), "%s/site/pages", dir);
	char *t = text_of(path, "documents/records/report.pdf");
	ck_assert_str_eq(t, REPORT);
	free(t);
	t = text_of(path, "documents/papers/eqia b.pdf");
	ck_assert_str_eq(t, EQIA);
	free(t);
	/* The page is the one standard output gets, with the two links moved
	 * to the copies (the fragment kept, the space encoded). */
	char *std = sh(&st, RENDER "records/24-00095.yaml 2>../err", dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(std, "<a href=\"report.pdf\">Report to Children"));
	char *a = replace(std, "href=\"report.pdf\"", LINK_REPORT);
	char *want = replace(a, "href=\"../papers/eqia b.pdf#page=2\"", LINK_EQIA);
	char *page = text_of(path, "24-00095.html");
	ck_assert_str_eq(page, want);
	ck_assert_ptr_nonnull(
	    strstr(page, "<li><a " LINK_EQIA ">Equality Impact Assessment</a></li>"));
	free(std);
	free(a);
	free(want);
	free(page);

	/* Run again: an identical copy is left alone (same inode: not rewritten). */
	struct stat before, after;
	snprintf(path, sizeof(path), "%s/site/pages/documents/papers/eqia b.pdf", dir);
	ck_assert_int_eq(stat(path, &before), 0);
	out = sh(&st, RENDER "--out-dir ../site/pages records", dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	free(out);
	ck_assert_int_eq(stat(path, &after), 0);
	ck_assert(before.st_ino == after.st_ino);

	/* --check compares the copies too. */
	out = sh(&st, RENDER "--out-dir ../site/pages --check records", dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "");
	free(out);
	ok("echo changed >> '%s/site/pages/documents/papers/eqia b.pdf'%s", dir, "");
	ok("rm %s/site/pages/documents/records/report.pdf%s", dir, "");
	out = sh(&st, RENDER "--out-dir ../site/pages --check records", dir, decrec_bin());
	ck_assert_int_eq(st, 1);
	ck_assert_str_eq(out, "../site/pages/documents/records/report.pdf: out of date\n"
	                      "../site/pages/documents/papers/eqia b.pdf: out of date\n");
	free(out);
	/* Rendering puts them right. */
	out = sh(&st, RENDER "--out-dir ../site/pages records", dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	free(out);
	t = text_of(dir, "site/pages/documents/papers/eqia b.pdf");
	ck_assert_str_eq(t, EQIA);
	free(t);
	t = text_of(dir, "site/pages/documents/records/report.pdf");
	ck_assert_str_eq(t, REPORT);
	free(t);
	remove_dir(dir);
}
END_TEST

START_TEST(documents_url_and_stdout)
{
	char dir[] = "/tmp/decrec-publish-XXXXXX";
	make_repo(dir);
	int st;
	/* --documents-url: links to URL/<path in the repository>, copies nothing. */
	char *out =
	    sh(&st,
	       RENDER "--documents-url https://docs.example.gov.uk/files/ --out-dir ../site "
	              "records 2>../err && ls -A ../site && cat ../err",
	       dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "24-00095.html\n");
	free(out);
	char *page = text_of(dir, "site/24-00095.html");
	ck_assert_ptr_nonnull(
	    strstr(page, "<li><a href=\"https://docs.example.gov.uk/files/records/report.pdf\">"));
	ck_assert_ptr_nonnull(strstr(
	    page, "<li><a href=\"https://docs.example.gov.uk/files/papers/eqia%20b.pdf#page=2\">"));
	free(page);
	/* A path on the same server, to standard output in Markdown. */
	out = sh(&st,
	         "cd %s/repo && %s render --template details --documents-url /docs "
	         "records/24-00095.yaml 2>../err | grep '^- \\[' && cat ../err",
	         dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(
	    out,
	    "- [Report to Children’s, Young People and Education Cabinet Committee, 4 December "
	    "2024](</docs/records/report.pdf>)\n"
	    "- [Equality Impact Assessment](</docs/papers/eqia%20b.pdf#page=2>)\n"
	    "- [Kent Commissioning Plan for Education Provision "
	    "2024-2028](<https://www.kent.gov.uk/about-the-council/strategies-and-policies/"
	    "education-skills-and-employment-policies/education-provision>)\n");
	free(out);
	/* Standard output and -o keep the links as written and say so once. */
	out = sh(&st,
	         "cd %s/repo && %s render --template details records/24-00095.yaml 2>../err "
	         "| grep '^- \\[Equality' && cat ../err",
	         dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "- [Equality Impact Assessment](<../papers/eqia b.pdf#page=2>)\n"
	                      "decrec: note: relative document links are kept as written; "
	                      "--out-dir copies the documents beside the pages, --documents-url "
	                      "links to where they are published\n");
	free(out);
	out = sh(&st,
	         "cd %s/repo && %s render --template details -o ../page.md records/24-00095.yaml "
	         "2>&1 && grep -c 'eqia b.pdf#page=2>' ../page.md",
	         dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "decrec: note: relative document links are kept as written; "
	                      "--out-dir copies the documents beside the pages, --documents-url "
	                      "links to where they are published\n1\n");
	free(out);
	remove_dir(dir);
}
END_TEST

START_TEST(stdin_filename)
{
	char dir[] = "/tmp/decrec-publish-XXXXXX";
	make_repo(dir);
	int st;
	/* Standard input named as the file it came from: the same page and
	 * copies as the file itself. */
	char *out = sh(&st,
	               RENDER "--stdin-filename records/24-00095.yaml --out-dir ../a - "
	                      "<records/24-00095.yaml 2>&1 && " RENDER
	                      "--out-dir ../b records/24-00095.yaml 2>&1 && diff -r ../a ../b",
	               dir, decrec_bin(), dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "");
	free(out);
	char *page = text_of(dir, "a/24-00095.html");
	ck_assert_ptr_nonnull(strstr(page, LINK_EQIA));
	free(page);
	/* A name not on disk: its directory is the base. */
	out =
	    sh(&st,
	       RENDER "--stdin-filename records/draft.yaml --out-dir ../c - <records/24-00095.yaml "
	              "2>&1 && diff ../b/24-00095.html ../c/24-00095.html",
	       dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "");
	free(out);
	/* Without it, links start from the current directory, where these two
	 * are wrong; with it, messages name the file given. */
	out = sh(&st, RENDER "--out-dir ../d - <records/24-00095.yaml 2>&1 | tail -1", dir,
	         decrec_bin());
	ck_assert_str_eq(out, "decrec: -: not rendered: 2 validation errors (--force renders it "
	                      "anyway)\n");
	free(out);
	out =
	    sh(&st,
	       RENDER "--stdin-filename elsewhere/x.yaml --out-dir ../d - <records/24-00095.yaml "
	              ">/dev/null 2>../err; echo $?; grep -c '^elsewhere/x.yaml:' ../err; tail -1 "
	              "../err",
	       dir, decrec_bin());
	ck_assert_str_eq(out, "1\n2\ndecrec: elsewhere/x.yaml: not rendered: 2 validation errors "
	                      "(--force renders it anyway)\n");
	free(out);
	remove_dir(dir);
}
END_TEST

START_TEST(never_outside_the_repository)
{
	char dir[] = "/tmp/decrec-publish-XXXXXX", path[600];
	make_repo(dir);
	snprintf(path, sizeof(path), "%s/outside.pdf", dir);
	write_text(path, "secret\n", 0644);
	ok("ln -s ../../outside.pdf %s/repo/papers/link.pdf%s", dir, "");
	snprintf(path, sizeof(path), "%s/repo/records/24-00095.yaml", dir);
	char *rec = read_text(path, NULL);
	ck_assert_ptr_nonnull(rec);
	char *a = replace(rec, "href: report.pdf", "href: ../../outside.pdf");
	char *b = replace(a, "href: ../papers/eqia b.pdf#page=2", "href: ../papers/link.pdf");
	write_text(path, b, 0644);
	free(rec);
	free(a);
	free(b);
	int st;
	/* --force renders it; neither document is copied or linked. */
	char *out = sh(&st,
	               RENDER "--force --out-dir ../site records 2>../err | cat; "
	                      "ls -A ../site; grep '^decrec: records' ../err",
	               dir, decrec_bin());
	ck_assert_str_eq(out,
	                 "24-00095.html\n"
	                 "decrec: records/24-00095.yaml: document '../../outside.pdf' is not a "
	                 "file in the repository; its title is not linked\n"
	                 "decrec: records/24-00095.yaml: document '../papers/link.pdf' is not "
	                 "a file in the repository; its title is not linked\n");
	free(out);
	char *page = text_of(dir, "site/24-00095.html");
	ck_assert_ptr_nonnull(strstr(page, "<li>Equality Impact Assessment</li>"));
	ck_assert_ptr_null(strstr(page, "outside.pdf"));
	ck_assert_ptr_null(strstr(page, "link.pdf"));
	free(page);
	remove_dir(dir);
}
END_TEST

/* A path in the repository becomes a URL path: '%', spaces and other
 * bytes are percent-encoded, sub-delimiters stay (HTML-escaped on the page). */
START_TEST(encoded_paths)
{
	char dir[] = "/tmp/decrec-publish-XXXXXX", path[600];
	make_repo(dir);
	snprintf(path, sizeof(path), "%s/repo/records/24-00095.yaml", dir);
	char *rec = read_text(path, NULL);
	ck_assert_ptr_nonnull(rec);
	char *b = replace(rec,
	                  "https://www.kent.gov.uk/about-the-council/strategies-and-policies/"
	                  "education-skills-and-employment-policies/education-provision",
	                  "'50% off (\u00e9)&.pdf'");
	write_text(path, b, 0644);
	free(rec);
	free(b);
	snprintf(path, sizeof(path), "%s/repo/records/50%% off (\303\251)&.pdf", dir);
	write_text(path, "x", 0644);
	int st;
	char *out = sh(&st,
	               RENDER "--out-dir ../site records 2>&1 && grep -o 'href=\"[^\"]*50[^\"]*\"' "
	                      "../site/24-00095.html && ls ../site/documents/records",
	               dir, decrec_bin());
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "href=\"documents/records/50%25%20off%20(%C3%A9)&amp;.pdf\"\n"
	                      "50% off (\303\251)&.pdf\nreport.pdf\n");
	free(out);
	remove_dir(dir);
}
END_TEST

/* Modes of every file decrec writes, new and replacing one. */
START_TEST(file_modes)
{
	char dir[] = "/tmp/decrec-publish-XXXXXX", path[600];
	make_repo(dir);
	int st;
	static const struct {
		const char *umask;
		mode_t file, folder;
	} masks[] = {{"022", 0644, 0755}, {"077", 0600, 0700}, {"027", 0640, 0750}};
	for (size_t i = 0; i < sizeof(masks) / sizeof(*masks); i++) {
		const char *m = masks[i].umask;
		char *out =
		    sh(&st,
		       "cd %s/repo && umask %s && %s validate -o ../%s.txt records 2>/dev/null && "
		       "%s render --template details -o ../%s.md records/24-00095.yaml "
		       "2>/dev/null && %s render -t html --out-dir ../%s/x/y records",
		       dir, m, decrec_bin(), m, decrec_bin(), m, decrec_bin(), m);
		ck_assert_msg(st == 0, "umask %s: exit %d", m, st);
		free(out);
		const char *files[] = {"%s/%s.txt", "%s/%s.md", "%s/%s/x/y/24-00095.html",
		                       "%s/%s/x/y/documents/papers/eqia b.pdf"};
		for (size_t k = 0; k < 4; k++) {
			snprintf(path, sizeof(path), files[k], dir, m);
			ck_assert_msg(mode_of(path) == masks[i].file, "umask %s: %s is %o", m, path,
			              (unsigned)mode_of(path));
		}
		const char *dirs[] = {"%s/%s", "%s/%s/x/y", "%s/%s/x/y/documents/papers"};
		for (size_t k = 0; k < 3; k++) {
			snprintf(path, sizeof(path), dirs[k], dir, m);
			ck_assert_msg(mode_of(path) == masks[i].folder, "umask %s: %s is %o", m,
			              path, (unsigned)mode_of(path));
		}
	}
	/* Replacing a file keeps its mode, whatever the umask. */
	ok("cd %s && chmod 0640 022.txt 022.md 022/x/y/24-00095.html && echo old > 022.md && "
	   "echo old > 022/x/y/24-00095.html && echo old > 022.txt%s",
	   dir, "");
	char *out =
	    sh(&st,
	       "cd %s/repo && umask 077 && %s validate -o ../022.txt records 2>/dev/null && "
	       "%s render --template details -o ../022.md records/24-00095.yaml "
	       "2>/dev/null && %s render -t html --out-dir ../022/x/y records && "
	       "grep -c . ../022.txt ../022.md ../022/x/y/24-00095.html | grep -c ':1$'",
	       dir, decrec_bin(), decrec_bin(), decrec_bin());
	ck_assert_int_eq(st, 1); /* every file was replaced: none has one line */
	ck_assert_str_eq(out, "0\n");
	free(out);
	const char *replaced[] = {"022.txt", "022.md", "022/x/y/24-00095.html"};
	for (size_t k = 0; k < 3; k++) {
		snprintf(path, sizeof(path), "%s/%s", dir, replaced[k]);
		ck_assert_msg(mode_of(path) == 0640, "%s is %o", path, (unsigned)mode_of(path));
	}
	/* --check never makes the folder. */
	out = sh(&st, RENDER "--out-dir ../none --check records; echo $?; test -e ../none; echo $?",
	         dir, decrec_bin());
	ck_assert_str_eq(out, "../none/documents/records/report.pdf: out of date\n"
	                      "../none/documents/papers/eqia b.pdf: out of date\n"
	                      "../none/24-00095.html: out of date\n1\n1\n");
	free(out);
	/* A file where the folder would be: a usage error. */
	out = sh(&st, RENDER "--out-dir records/24-00095.yaml/x records 2>&1", dir, decrec_bin());
	ck_assert_int_eq(st, 2);
	ck_assert_str_eq(out, "decrec render: --out-dir records/24-00095.yaml/x is not a "
	                      "directory\ntry 'decrec render --help'\n");
	free(out);
	/* One that cannot be used: exit 3, with the reason. */
	char name[300];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	out = sh(&st, RENDER "--out-dir ../%s records 2>&1", dir, decrec_bin(), name);
	ck_assert_int_eq(st, 3);
	snprintf(path, sizeof(path), "decrec: ../%s: File name too long\n", name);
	ck_assert_str_eq(out, path);
	free(out);
	remove_dir(dir);
}
END_TEST

Suite *suite_publish(void)
{
	Suite *s = suite_create("publish");
	TCase *tc = tcase_create("publish");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, out_dir_copies_documents);
	tcase_add_test(tc, documents_url_and_stdout);
	tcase_add_test(tc, stdin_filename);
	tcase_add_test(tc, never_outside_the_repository);
	tcase_add_test(tc, encoded_paths);
	tcase_add_test(tc, file_modes);
	suite_add_tcase(s, tc);
	return s;
}
