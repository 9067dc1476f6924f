/* The output directory decrec site owns (src/cli/sitetree.c, linked into
 * the runner): what a run writes, leaves alone and removes, the manifest,
 * check mode, the refusals, and a run that fails part way. Each test works
 * in its own temporary directory, with stdout and stderr captured. */
#include "tests.h"

#include "cli/cli.h"

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEAD                                                                                       \
	"# decrec site: the files it wrote in this directory, one a line, removed once no "        \
	"longer produced; any other file here is left alone\n"

/* Runs the shell command made from fmt; its stdout, caller frees. */
static char *sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	int st;
	char *out = run_command(cmd, &st);
	ck_assert_ptr_nonnull(out);
	ck_assert_msg(st == 0, "%s: exit %d", cmd, st);
	return out;
}

/* Asserts that the shell command's stdout is `want`. */
#define SH_EQ(want, ...)                                                                           \
	do {                                                                                       \
		char *got_ = sh(__VA_ARGS__);                                                      \
		ck_assert_str_eq(got_, want);                                                      \
		free(got_);                                                                        \
	} while (0)

/* A new temporary directory in tmp (a "/tmp/decrec-sitetree-XXXXXX"). */
static void make_tmp(char *tmp)
{
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void remove_tmp(const char *tmp)
{
	free(sh("rm -rf %s", tmp));
}

static void write_text(const char *dir, const char *rel, const char *text)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static char *text_of(const char *dir, const char *rel)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	char *t = read_text(path, NULL);
	ck_assert_msg(t != NULL, "cannot read %s", path);
	return t;
}

#define TEXT_EQ(want, dir, rel)                                                                    \
	do {                                                                                       \
		char *got_ = text_of(dir, rel);                                                    \
		ck_assert_str_eq(got_, want);                                                      \
		free(got_);                                                                        \
	} while (0)

/* stdout and stderr sent to files in tmp until release(). */
typedef struct capture {
	int out, err;
	char outp[600], errp[600];
} capture;

static void grab(capture *c, const char *tmp)
{
	fflush(stdout);
	fflush(stderr);
	snprintf(c->outp, sizeof(c->outp), "%s.out", tmp);
	snprintf(c->errp, sizeof(c->errp), "%s.err", tmp);
	c->out = dup(1);
	c->err = dup(2);
	int o = open(c->outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int e = open(c->errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert(c->out >= 0 && c->err >= 0 && o >= 0 && e >= 0);
	ck_assert(dup2(o, 1) == 1 && dup2(e, 2) == 2);
	close(o);
	close(e);
}

/* Puts stdout and stderr back; what was written to them, caller frees. */
static void release(capture *c, char **out, char **err)
{
	fflush(stdout);
	fflush(stderr);
	ck_assert(dup2(c->out, 1) == 1 && dup2(c->err, 2) == 2);
	close(c->out);
	close(c->err);
	*out = read_text(c->outp, NULL);
	*err = read_text(c->errp, NULL);
	ck_assert(*out && *err);
	unlink(c->outp);
	unlink(c->errp);
}

/* One run over dir: the files of files[] (rel, text, ... NULL) written in
 * that order; the status of open, or else of close, and the counts, stdout
 * and stderr. */
typedef struct result {
	int status;
	size_t written, unchanged, removed;
	char *out, *err;
} result;

static result run(const char *tmp, const char *dir, int check, int force, const char *const *files)
{
	result r = {0};
	capture c;
	site_tree *t;
	grab(&c, tmp);
	r.status = site_tree_open(&t, dir, check, force);
	int ok = 1;
	for (size_t i = 0; !r.status && files[i]; i += 2)
		ok &= site_tree_write(t, files[i], files[i + 1], strlen(files[i + 1]), stderr) == 0;
	if (!r.status) {
		int finished = site_tree_finish(t, ok);
		site_tree_counts(t, &r.written, &r.unchanged, &r.removed);
		r.status = site_tree_close(t, !ok); /* finished already: ok is not read */
		ck_assert_int_eq(r.status, finished);
	}
	release(&c, &r.out, &r.err);
	return r;
}

static void result_free(result *r)
{
	free(r->out);
	free(r->err);
}

#define COUNTS_EQ(r, w, u, x)                                                                      \
	do {                                                                                       \
		ck_assert_uint_eq((r).written, w);                                                 \
		ck_assert_uint_eq((r).unchanged, u);                                               \
		ck_assert_uint_eq((r).removed, x);                                                 \
	} while (0)

/* Sets the times of every file and directory under dir to 2000-01-01, so
 * that find -newermt tells which a later run changed. */
static void age(const char *dir)
{
	free(sh("find %s -exec touch -h -d 2000-01-01T00:00:00Z {} +", dir));
}

#define NEWER "cd %s && find . -type f -newermt 2000-01-02 | LC_ALL=C sort"
#define TREE "cd %s && find . | LC_ALL=C sort"

static const char *const site_a[] = {"index.html",
                                     "<h1>Register</h1>\n",
                                     "decisions/24-00058/index.html",
                                     "<h1>24/00058</h1>\n",
                                     "decisions/24-00058/record.html",
                                     "<h1>Record</h1>\n",
                                     "feeds/calendar.ics",
                                     "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                                     NULL};

START_TEST(first_run_and_manifest)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/new/public/", tmp); /* the '/' is dropped */
	mode_t was = umask(027);
	result r = run(tmp, dir, 0, 0, site_a);
	umask(was);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 4, 0, 0);
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(r.err, "");
	SH_EQ(".\n./.decrec-site\n./decisions\n./decisions/24-00058\n"
	      "./decisions/24-00058/index.html\n./decisions/24-00058/record.html\n./feeds\n"
	      "./feeds/calendar.ics\n./index.html\n",
	      TREE, dir);
	/* Byte order, one a line, after the line saying what it is. */
	TEXT_EQ(HEAD "decisions/24-00058/index.html\ndecisions/24-00058/record.html\n"
	             "feeds/calendar.ics\nindex.html\n",
	        dir, ".decrec-site");
	TEXT_EQ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", dir, "feeds/calendar.ics");
	/* 0666 less the umask, for the pages and the manifest alike. */
	SH_EQ("640 .decrec-site\n640 decisions/24-00058/index.html\n"
	      "640 decisions/24-00058/record.html\n640 feeds/calendar.ics\n640 index.html\n",
	      "cd %s && find . -type f -printf '%%m %%P\\n' | LC_ALL=C sort", dir);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

START_TEST(second_run_writes_nothing)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	result r = run(tmp, dir, 0, 0, site_a);
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	age(dir);
	r = run(tmp, dir, 0, 0, site_a);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 0, 4, 0);
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(r.err, "");
	/* Not a file rewritten, the manifest included; no directory changed. */
	SH_EQ("", NEWER, dir);
	SH_EQ("", "cd %s && find . -newermt 2000-01-02", dir);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

START_TEST(one_changed_file_rewritten)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	result r = run(tmp, dir, 0, 0, site_a);
	result_free(&r);
	age(dir);
	/* The same length, other bytes: compared by content, not by size. */
	const char *const changed[] = {"index.html",
	                               "<h1>Register</h1>\n",
	                               "decisions/24-00058/index.html",
	                               "<h1>24/00059</h1>\n",
	                               "decisions/24-00058/record.html",
	                               "<h1>Record</h1>\n",
	                               "feeds/calendar.ics",
	                               "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
	                               NULL};
	r = run(tmp, dir, 0, 0, changed);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 1, 3, 0);
	ck_assert_str_eq(r.err, "");
	SH_EQ("./decisions/24-00058/index.html\n", NEWER, dir);
	TEXT_EQ("<h1>24/00059</h1>\n", dir, "decisions/24-00058/index.html");
	/* No temporary file is left beside it. */
	SH_EQ("index.html\nrecord.html\n", "ls -A %s/decisions/24-00058", dir);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

START_TEST(no_longer_produced_removed)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	const char *const before[] = {"index.html", "one\n",   "a/b/c.html", "two\n",
	                              "a/x.html",   "three\n", "d/e/f.html", "four\n",
	                              "d/e/g.html", "five\n",  NULL};
	result r = run(tmp, dir, 0, 0, before);
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	/* The user's own files, beside and among the site's, and an empty
	 * directory of theirs. */
	write_text(dir, "own.txt", "mine\n");
	write_text(dir, "a/mine.txt", "mine too\n");
	free(sh("mkdir %s/empty", dir));
	const char *const after[] = {"index.html", "one\n", "d/e/g.html", "five\n", NULL};
	r = run(tmp, dir, 0, 0, after);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 0, 2, 3);
	ck_assert_str_eq(r.out, "");
	ck_assert_str_eq(r.err, "");
	/* a/b went with its last file; a stays for the user's file. */
	SH_EQ(".\n./.decrec-site\n./a\n./a/mine.txt\n./d\n./d/e\n./d/e/g.html\n./empty\n"
	      "./index.html\n./own.txt\n",
	      TREE, dir);
	TEXT_EQ(HEAD "d/e/g.html\nindex.html\n", dir, ".decrec-site");
	TEXT_EQ("mine\n", dir, "own.txt");
	TEXT_EQ("mine too\n", dir, "a/mine.txt");
	/* The last one gone: d/e and d go too, the user's files stay. */
	const char *const last[] = {"index.html", "one\n", NULL};
	result_free(&r);
	r = run(tmp, dir, 0, 0, last);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 0, 1, 1);
	SH_EQ(".\n./.decrec-site\n./a\n./a/mine.txt\n./empty\n./index.html\n./own.txt\n", TREE,
	      dir);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

START_TEST(not_empty_without_manifest)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[1400];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	free(sh("mkdir %s && echo mine > %s/own.html", dir, dir));
	snprintf(want, sizeof(want),
	         "decrec site: %s is not empty and holds no manifest of decrec site "
	         "(%s/.decrec-site); give an empty or new directory, or --force\n",
	         dir, dir);
	for (int check = 0; check < 2; check++) {
		result r = run(tmp, dir, check, 0, site_a);
		ck_assert_int_eq(r.status, EXIT_USAGE);
		ck_assert_str_eq(r.err, want);
		ck_assert_str_eq(r.out, "");
		SH_EQ(".\n./own.html\n", TREE, dir);
		result_free(&r);
	}
	/* An empty directory is taken as it is. */
	char empty[600];
	snprintf(empty, sizeof(empty), "%s/empty", tmp);
	free(sh("mkdir %s", empty));
	result r = run(tmp, empty, 0, 0, site_a);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 4, 0, 0);
	result_free(&r);
	/* --force: taken over; the user's file is not the site's. */
	const char *const one[] = {"index.html", "site\n", NULL};
	r = run(tmp, dir, 0, 1, one);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, "");
	TEXT_EQ(HEAD "index.html\n", dir, ".decrec-site");
	result_free(&r);
	const char *const none[] = {NULL};
	r = run(tmp, dir, 0, 0, none);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 0, 0, 1);
	SH_EQ(".\n./.decrec-site\n./own.html\n", TREE, dir);
	TEXT_EQ("mine\n", dir, "own.html");
	TEXT_EQ(HEAD, dir, ".decrec-site");
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* A manifest that is not decrec site's, or names a file outside the
 * directory, is refused: the site must not remove what it did not write. */
START_TEST(foreign_manifest_refused)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[1400];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	free(sh("mkdir %s && echo keep > %s/victim", dir, tmp));
	write_text(dir, ".decrec-site", HEAD "index.html\n../victim\n");
	const char *const none[] = {NULL};
	result r = run(tmp, dir, 0, 0, none);
	ck_assert_int_eq(r.status, EXIT_USAGE);
	snprintf(want, sizeof(want),
	         "decrec site: %s/.decrec-site:3: '../victim' is not a path inside the site; "
	         "give an empty or new directory, or --force\n",
	         dir);
	ck_assert_str_eq(r.err, want);
	result_free(&r);
	write_text(dir, ".decrec-site", "index.html\n");
	r = run(tmp, dir, 0, 0, none);
	ck_assert_int_eq(r.status, EXIT_USAGE);
	snprintf(want, sizeof(want),
	         "decrec site: %s/.decrec-site:1: not a manifest of decrec site: its first line "
	         "is not \"# decrec site ...\"; give an empty or new directory, or --force\n",
	         dir);
	ck_assert_str_eq(r.err, want);
	result_free(&r);
	/* --force disregards it: nothing it names is removed. */
	write_text(dir, ".decrec-site", HEAD "../victim\n");
	r = run(tmp, dir, 0, 1, none);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 0, 0, 0);
	ck_assert_str_eq(r.err, "");
	TEXT_EQ("keep\n", tmp, "victim");
	TEXT_EQ(HEAD, dir, ".decrec-site");
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

START_TEST(check_mode)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[2000];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	/* A directory not there yet: every file missing, nothing made. */
	result r = run(tmp, dir, 1, 0, site_a);
	ck_assert_int_eq(r.status, EXIT_FINDINGS);
	snprintf(want, sizeof(want),
	         "%s/decisions/24-00058/index.html: missing\n"
	         "%s/decisions/24-00058/record.html: missing\n"
	         "%s/feeds/calendar.ics: missing\n%s/index.html: missing\n",
	         dir, dir, dir, dir);
	ck_assert_str_eq(r.out, want);
	ck_assert_str_eq(r.err, "");
	COUNTS_EQ(r, 0, 0, 0);
	SH_EQ("", "find %s -name public", tmp);
	result_free(&r);

	const char *const before[] = {"index.html", "one\n",  "a/b.html", "two\n", "gone.html",
	                              "old\n",      "c.html", "three\n",  NULL};
	r = run(tmp, dir, 0, 0, before);
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	free(sh("rm %s/c.html", dir));
	age(dir);
	/* The same files: nothing to say. */
	r = run(tmp, dir, 1, 0,
	        (const char *const[]){"index.html", "one\n", "a/b.html", "two\n", "gone.html",
	                              "old\n", NULL});
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "");
	COUNTS_EQ(r, 0, 3, 0);
	result_free(&r);
	/* A file different, one missing (deleted by hand), one new, and one no
	 * longer produced: sorted by path, nothing written. */
	const char *const after[] = {"index.html", "ONE\n",      "a/b.html", "two\n", "c.html",
	                             "three\n",    "new/d.html", "four\n",   NULL};
	r = run(tmp, dir, 1, 0, after);
	ck_assert_int_eq(r.status, EXIT_FINDINGS);
	snprintf(want, sizeof(want),
	         "%s/c.html: missing\n%s/gone.html: no longer produced\n%s/index.html: differs\n"
	         "%s/new/d.html: missing\n",
	         dir, dir, dir, dir);
	ck_assert_str_eq(r.out, want);
	ck_assert_str_eq(r.err, "");
	COUNTS_EQ(r, 0, 1, 0);
	SH_EQ("", "cd %s && find . -newermt 2000-01-02", dir);
	SH_EQ(".\n./.decrec-site\n./a\n./a/b.html\n./gone.html\n./index.html\n", TREE, dir);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

START_TEST(invalid_rel_refused)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	static const char *const bad[] = {"",          "/etc/passwd",  "../x", "a/../../x",
	                                  "a//b.html", "a/",           "./a",  "a/./b",
	                                  "a/..",      ".decrec-site", "a\nb", "tab\there"};
	capture c;
	site_tree *t;
	grab(&c, tmp);
	ck_assert_int_eq(site_tree_open(&t, dir, 0, 0), 0);
	int st[sizeof(bad) / sizeof(*bad)];
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		st[i] = site_tree_write(t, bad[i], "x", 1, stderr);
	/* Allowed: a dot inside a name, or the manifest's name below the top. */
	int good = site_tree_write(t, "a/.decrec-site", "x", 1, stderr) ||
	           site_tree_write(t, "..a/b..c/.d", "y", 1, stderr) ||
	           site_tree_write(t, "#", "z", 1, stderr);
	int closed = site_tree_close(t, 1);
	char *out, *err;
	release(&c, &out, &err);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		ck_assert_msg(st[i] == EXIT_USAGE, "'%s' gave %d", bad[i], st[i]);
	ck_assert_int_eq(good, 0);
	ck_assert_int_eq(closed, 0);
	ck_assert_str_eq(out, "");
	char *first = strndup(err, strcspn(err, "\n") + 1);
	ck_assert_str_eq(first, "decrec site: '' is not a path inside the site: relative, "
	                        "'/'-separated, without empty, '.' or '..' parts or control "
	                        "characters, and not .decrec-site\n");
	ck_assert_ptr_nonnull(strstr(err, "decrec site: '../x' is not a path inside the site"));
	SH_EQ(".\n./#\n./..a\n./..a/b..c\n./..a/b..c/.d\n./.decrec-site\n./a\n"
	      "./a/.decrec-site\n",
	      TREE, dir);
	TEXT_EQ(HEAD "#\n..a/b..c/.d\na/.decrec-site\n", dir, ".decrec-site");
	/* Read back as files of the site, "#" included: a run that produces
	 * none of them removes all three. */
	result r = run(tmp, dir, 0, 0, (const char *const[]){NULL});
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 0, 0, 3);
	SH_EQ(".\n./.decrec-site\n", TREE, dir);
	result_free(&r);
	free(first);
	free(out);
	free(err);
	remove_tmp(tmp);
}
END_TEST

START_TEST(duplicate_rel_refused)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[700];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	capture c;
	site_tree *t;
	grab(&c, tmp);
	ck_assert_int_eq(site_tree_open(&t, dir, 0, 0), 0);
	int first = site_tree_write(t, "decisions/1/index.html", "first\n", 6, stderr);
	int second = site_tree_write(t, "decisions/1/index.html", "second\n", 7, stderr);
	int copy = site_tree_copy(t, "decisions/1/index.html", "/dev/null", stderr);
	int closed = site_tree_close(t, 0);
	char *out, *err;
	release(&c, &out, &err);
	ck_assert_int_eq(first, 0);
	ck_assert_int_eq(second, EXIT_USAGE);
	ck_assert_int_eq(copy, EXIT_USAGE);
	ck_assert_int_eq(closed, EXIT_IO);
	snprintf(want, sizeof(want),
	         "decrec site: %s/decisions/1/index.html is produced twice in one run\n"
	         "decrec site: %s/decisions/1/index.html is produced twice in one run\n",
	         dir, dir);
	ck_assert_str_eq(err, want);
	/* The first stays, and is listed as the site's. */
	TEXT_EQ("first\n", dir, "decisions/1/index.html");
	TEXT_EQ(HEAD "decisions/1/index.html\n", dir, ".decrec-site");
	free(out);
	free(err);
	remove_tmp(tmp);
}
END_TEST

START_TEST(copies_documents)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], src[600], want[1400];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	snprintf(src, sizeof(src), "%s/report.pdf", tmp);
	write_text(tmp, "report.pdf", "%PDF-1.4 report\n");
	for (int pass = 0; pass < 3; pass++) {
		if (pass == 1)
			age(dir);
		if (pass == 2)
			write_text(tmp, "report.pdf", "%PDF-1.4 report, revised\n");
		capture c;
		site_tree *t;
		grab(&c, tmp);
		ck_assert_int_eq(site_tree_open(&t, dir, 0, 0), 0);
		int rc = site_tree_copy(t, "documents/records/report.pdf", src, stderr);
		size_t w, u, x;
		site_tree_counts(t, &w, &u, &x);
		int closed = site_tree_close(t, 1);
		char *out, *err;
		release(&c, &out, &err);
		ck_assert_int_eq(rc, 0);
		ck_assert_int_eq(closed, 0);
		ck_assert_str_eq(err, "");
		ck_assert_uint_eq(w, pass != 1);
		ck_assert_uint_eq(u, pass == 1);
		if (pass == 1)
			SH_EQ("", NEWER, dir);
		free(out);
		free(err);
	}
	TEXT_EQ("%PDF-1.4 report, revised\n", dir, "documents/records/report.pdf");
	/* A source that cannot be read: named, and the copy there is kept. */
	capture c;
	site_tree *t;
	grab(&c, tmp);
	ck_assert_int_eq(site_tree_open(&t, dir, 0, 0), 0);
	int rc =
	    site_tree_copy(t, "documents/records/report.pdf", "/nonexistent/report.pdf", stderr);
	int dir_rc = site_tree_copy(t, "documents/x.pdf", tmp, stderr);
	int closed = site_tree_close(t, rc == 0 && dir_rc == 0);
	char *out, *err;
	release(&c, &out, &err);
	ck_assert_int_eq(rc, EXIT_IO);
	ck_assert_int_eq(dir_rc, EXIT_IO);
	ck_assert_int_eq(closed, EXIT_IO);
	snprintf(want, sizeof(want),
	         "decrec: /nonexistent/report.pdf: cannot read: No such file or directory\n"
	         "decrec: %s: cannot read: Is a directory\n",
	         tmp);
	ck_assert_str_eq(err, want);
	TEXT_EQ("%PDF-1.4 report, revised\n", dir, "documents/records/report.pdf");
	TEXT_EQ(HEAD "documents/records/report.pdf\n", dir, ".decrec-site");
	free(out);
	free(err);
	remove_tmp(tmp);
}
END_TEST

/* A run that fails part way (RLIMIT_FSIZE: writes fail with EFBIG, as on a
 * full disk): each file is old or new, never cut; nothing is removed; the
 * manifest lists the old files and those written, not a user's file the
 * run failed to write over; exit 3. */
START_TEST(failure_keeps_files)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[1400];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	const char *const before[] = {"a.html",    "old a\n", "sub/b.html", "old b\n",
	                              "gone.html", "gone\n",  NULL};
	result r = run(tmp, dir, 0, 0, before);
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	write_text(dir, "own.html", "mine\n");
	char big[4096];
	memset(big, 'x', sizeof(big));

	capture c;
	site_tree *t;
	grab(&c, tmp);
	ck_assert_int_eq(site_tree_open(&t, dir, 0, 0), 0);
	int st[5];
	st[0] = site_tree_write(t, "new.html", "new\n", 4, stderr);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit was, lim;
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &was), 0);
	lim = (struct rlimit){1024, was.rlim_max};
	setrlimit(RLIMIT_FSIZE, &lim);
	st[1] = site_tree_write(t, "a.html", big, sizeof(big), stderr);
	st[2] = site_tree_write(t, "own.html", big, sizeof(big), stderr);
	st[3] = site_tree_write(t, "sub/b.html", "new b\n", 6, stderr); /* under the limit */
	setrlimit(RLIMIT_FSIZE, &was);
	/* A directory where a file's parent should be. */
	st[4] = site_tree_write(t, "a.html/c.html", "c\n", 2, stderr);
	int closed = site_tree_close(t, 0);
	char *out, *err;
	release(&c, &out, &err);
	ck_assert_int_eq(st[0], 0);
	ck_assert_int_eq(st[1], EXIT_IO);
	ck_assert_int_eq(st[2], EXIT_IO);
	ck_assert_int_eq(st[3], 0);
	ck_assert_int_eq(st[4], EXIT_IO);
	ck_assert_int_eq(closed, EXIT_IO);
	snprintf(want, sizeof(want),
	         "decrec: %s/a.html: cannot write: File too large\n"
	         "decrec: %s/own.html: cannot write: File too large\n"
	         "decrec: %s/a.html/c.html: cannot write: Not a directory\n",
	         dir, dir, dir);
	ck_assert_str_eq(err, want);
	ck_assert_str_eq(out, "");
	TEXT_EQ("old a\n", dir, "a.html");
	TEXT_EQ("mine\n", dir, "own.html");
	TEXT_EQ("new b\n", dir, "sub/b.html");
	TEXT_EQ("new\n", dir, "new.html");
	/* Nothing removed, no temporary file left. */
	SH_EQ(".\n./.decrec-site\n./a.html\n./gone.html\n./new.html\n./own.html\n./sub\n"
	      "./sub/b.html\n",
	      TREE, dir);
	TEXT_EQ(HEAD "a.html\ngone.html\nnew.html\nsub/b.html\n", dir, ".decrec-site");
	free(out);
	free(err);
	/* The next run that succeeds removes what is no longer produced, and
	 * leaves the user's file. */
	r = run(tmp, dir, 0, 0, (const char *const[]){"a.html", "new a\n", NULL});
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 1, 0, 3);
	SH_EQ(".\n./.decrec-site\n./a.html\n./own.html\n", TREE, dir);
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* A file of the old manifest that cannot be removed (a directory there now)
 * is named, kept in the manifest, and the run exits 3. */
START_TEST(removal_failure_kept)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[1400];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	result r = run(tmp, dir, 0, 0, (const char *const[]){"x.html", "x\n", NULL});
	result_free(&r);
	free(sh("rm %s/x.html && mkdir %s/x.html && echo mine > %s/x.html/own", dir, dir, dir));
	r = run(tmp, dir, 0, 0, (const char *const[]){NULL});
	ck_assert_int_eq(r.status, EXIT_IO);
	snprintf(want, sizeof(want), "decrec: %s/x.html: cannot remove: Is a directory\n", dir);
	ck_assert_str_eq(r.err, want);
	TEXT_EQ("mine\n", dir, "x.html/own");
	TEXT_EQ(HEAD "x.html\n", dir, ".decrec-site");
	result_free(&r);
	remove_tmp(tmp);
}
END_TEST

/* Where a page goes, a FIFO (which out_open would write in place, hanging
 * the run) or a directory: refused by name, never waited on; check mode finds
 * them different. A FIFO as a document is not read either. */
START_TEST(not_regular_files)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[2000], fifo[600];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	result r = run(tmp, dir, 0, 0, (const char *const[]){NULL});
	result_free(&r);
	free(sh("mkfifo %s/feed.xml %s/pipe && mkdir %s/index.html", dir, tmp, dir));
	snprintf(fifo, sizeof(fifo), "%s/pipe", tmp);
	const char *const files[] = {"feed.xml", "<feed/>\n", "index.html", "home\n", NULL};
	r = run(tmp, dir, 1, 0, files);
	ck_assert_int_eq(r.status, EXIT_FINDINGS);
	snprintf(want, sizeof(want), "%s/feed.xml: differs\n%s/index.html: differs\n", dir, dir);
	ck_assert_str_eq(r.out, want);
	ck_assert_str_eq(r.err, "");
	result_free(&r);
	r = run(tmp, dir, 0, 0, files);
	ck_assert_int_eq(r.status, EXIT_IO);
	snprintf(want, sizeof(want),
	         "decrec: %s/feed.xml: cannot write: not a regular file\n"
	         "decrec: %s/index.html: cannot write: Is a directory\n",
	         dir, dir);
	ck_assert_str_eq(r.err, want);
	/* Neither is claimed by the site. */
	TEXT_EQ(HEAD, dir, ".decrec-site");
	result_free(&r);
	capture c;
	site_tree *t;
	grab(&c, tmp);
	ck_assert_int_eq(site_tree_open(&t, dir, 0, 0), 0);
	int rc = site_tree_copy(t, "documents/pipe", fifo, stderr);
	int closed = site_tree_close(t, 0);
	char *out, *err;
	release(&c, &out, &err);
	ck_assert_int_eq(rc, EXIT_IO);
	ck_assert_int_eq(closed, EXIT_IO);
	snprintf(want, sizeof(want), "decrec: %s: cannot read: not a regular file\n", fifo);
	ck_assert_str_eq(err, want);
	SH_EQ(".\n./.decrec-site\n./feed.xml\n./index.html\n", TREE, dir);
	free(out);
	free(err);
	remove_tmp(tmp);
}
END_TEST

/* One run that writes `text` to big.json in pieces of `piece` bytes. */
static result run_pieces(const char *tmp, const char *dir, int check, const char *text,
                         size_t piece)
{
	result r = {0};
	capture c;
	site_tree *t;
	grab(&c, tmp);
	r.status = site_tree_open(&t, dir, check, 0);
	int ok = 1;
	size_t len = strlen(text);
	for (size_t at = 0; !r.status && at < len; at += piece)
		ok &= site_tree_piece(t, "big.json", text + at, len - at < piece ? len - at : piece,
		                      stderr) == 0;
	if (!r.status) {
		ok &= site_tree_piece(t, "big.json", NULL, 0, stderr) == 0;
		site_tree_finish(t, ok);
		site_tree_counts(t, &r.written, &r.unchanged, &r.removed);
		r.status = site_tree_close(t, ok);
	}
	release(&c, &r.out, &r.err);
	return r;
}

/* A file given in pieces: written when new, left alone (its mtime too) when
 * the same bytes come in other pieces, rewritten when a byte in the middle
 * differs, when it is shorter or longer; in check mode compared only; never
 * a temporary file left; a directory in its place an I/O error, said. */
START_TEST(pieces)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], want[1400];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	enum { LEN = 40000 };
	char *text = malloc(LEN + 2), *other = malloc(LEN + 2);
	for (size_t i = 0; i < LEN; i++)
		text[i] = (char)('a' + i * 7 % 26);
	text[LEN] = '\0';
	memcpy(other, text, LEN + 1);
	other[30000] = '!';
	result r = run_pieces(tmp, dir, 0, text, 1000);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 1, 0, 0);
	TEXT_EQ(text, dir, "big.json");
	result_free(&r);
	free(sh("touch -d @1000000000 %s/big.json", dir));
	r = run_pieces(tmp, dir, 0, text, 777);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 0, 1, 0);
	SH_EQ("1000000000\n", "stat -c %%Y %s/big.json", dir);
	result_free(&r);
	r = run_pieces(tmp, dir, 1, other, 4096);
	ck_assert_int_eq(r.status, EXIT_FINDINGS);
	snprintf(want, sizeof(want), "%s/big.json: differs\n", dir);
	ck_assert_str_eq(r.out, want);
	TEXT_EQ(text, dir, "big.json");
	result_free(&r);
	r = run_pieces(tmp, dir, 0, other, 4096);
	ck_assert_int_eq(r.status, 0);
	COUNTS_EQ(r, 1, 0, 0);
	TEXT_EQ(other, dir, "big.json");
	result_free(&r);
	other[20000] = '\0'; /* shorter, the same as far as it goes */
	r = run_pieces(tmp, dir, 0, other, 3000);
	COUNTS_EQ(r, 1, 0, 0);
	TEXT_EQ(other, dir, "big.json");
	result_free(&r);
	r = run_pieces(tmp, dir, 0, text, 3000); /* longer */
	COUNTS_EQ(r, 1, 0, 0);
	TEXT_EQ(text, dir, "big.json");
	result_free(&r);
	SH_EQ(".\n./.decrec-site\n./big.json\n", "cd %s && find . | LC_ALL=C sort", dir);
	/* A full disk (RLIMIT_FSIZE: writes fail with EFBIG) as the new file is
	 * written: the old one stays whole, no temporary file is left, exit 3. */
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit was, lim;
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &was), 0);
	lim = (struct rlimit){1024, was.rlim_max};
	setrlimit(RLIMIT_FSIZE, &lim);
	r = run_pieces(tmp, dir, 0, other, 3000);
	setrlimit(RLIMIT_FSIZE, &was);
	ck_assert_int_eq(r.status, EXIT_IO);
	snprintf(want, sizeof(want), "decrec: %s/big.json: cannot write: File too large\n", dir);
	ck_assert_str_eq(r.err, want);
	TEXT_EQ(text, dir, "big.json");
	SH_EQ(".\n./.decrec-site\n./big.json\n", "cd %s && find . | LC_ALL=C sort", dir);
	result_free(&r);
	/* Missing, in check mode; then a directory where it goes. */
	free(sh("rm %s/big.json", dir));
	r = run_pieces(tmp, dir, 1, text, 5000);
	ck_assert_int_eq(r.status, EXIT_FINDINGS);
	snprintf(want, sizeof(want), "%s/big.json: missing\n", dir);
	ck_assert_str_eq(r.out, want);
	result_free(&r);
	free(sh("mkdir %s/big.json", dir));
	r = run_pieces(tmp, dir, 0, text, 5000);
	ck_assert_int_eq(r.status, EXIT_IO);
	snprintf(want, sizeof(want), "decrec: %s/big.json: cannot write: Is a directory\n", dir);
	ck_assert_str_eq(r.err, want);
	result_free(&r);
	free(text);
	free(other);
	remove_tmp(tmp);
}
END_TEST

/* One run over dir: index.html changed, the decision's page unchanged, a
 * new feed in a new directory, a document copied from src; the previous
 * run's gone.html and sub/old.html no longer produced. Its status. */
static int next_run(const char *dir, const char *src, int check)
{
	site_tree *t;
	int status = site_tree_open(&t, dir, check, 0);
	if (status)
		return status;
	int ok = site_tree_write(t, "index.html", "new index\n", 10, stderr) == 0;
	ok &= site_tree_write(t, "decisions/24-00058/index.html", "same\n", 5, stderr) == 0;
	ok &= site_tree_write(t, "feeds/new.ics", "feed\n", 5, stderr) == 0;
	ok &= site_tree_copy(t, "documents/doc.pdf", src, stderr) == 0;
	return site_tree_close(t, ok);
}

/* Out of memory at any one allocation of a run (and of a --check run):
 * exit 3, said; every file old or new, whole, and no temporary file left;
 * and the next run with memory enough makes the whole new tree, the files
 * no longer produced removed, so none is orphaned by the failure. */
START_TEST(out_of_memory)
{
	char tmp[] = "/tmp/decrec-sitetree-XXXXXX", dir[600], src[600], cmd[2048];
	make_tmp(tmp);
	snprintf(dir, sizeof(dir), "%s/public", tmp);
	snprintf(src, sizeof(src), "%s/doc.pdf", tmp);
	write_text(tmp, "doc.pdf", "%PDF\n");
	result r = run(tmp, dir, 0, 0,
	               (const char *const[]){"index.html", "old index\n",
	                                     "decisions/24-00058/index.html", "same\n", "gone.html",
	                                     "gone\n", "sub/old.html", "old\n", NULL});
	ck_assert_int_eq(r.status, 0);
	result_free(&r);
	free(sh("cp -a %s %s/before", dir, tmp));
	static const char after[] = ".\n./.decrec-site\n./decisions\n./decisions/24-00058\n"
	                            "./decisions/24-00058/index.html\n./documents\n"
	                            "./documents/doc.pdf\n./feeds\n./feeds/new.ics\n./index.html\n";
	/* Every file is one of these, whole. */
	snprintf(cmd, sizeof(cmd),
	         "cd %s && find . -type f | LC_ALL=C sort | while read -r f; do "
	         "case \"$f:$(cat \"$f\")\" in ./index.html:'old index'|./index.html:'new index'|"
	         "./decisions/24-00058/index.html:same|./gone.html:gone|./sub/old.html:old|"
	         "./feeds/new.ics:feed|./documents/doc.pdf:%%PDF|./.decrec-site:*) ;; "
	         "*) echo \"$f\";; esac; done",
	         dir);
	for (int check = 0; check < 2; check++) {
		unsigned long failed = 0;
		for (unsigned long n = 1;; n++) {
			free(sh("rm -rf %s && cp -a %s/before %s", dir, tmp, dir));
			capture c;
			char *out, *err, *out2, *err2;
			grab(&c, tmp);
			oom_at(n);
			int status = next_run(dir, src, check);
			int hit = oom_hit();
			oom_at(0);
			release(&c, &out, &err);
			if (!hit) {
				ck_assert_int_eq(status, check ? EXIT_FINDINGS : 0);
				free(out);
				free(err);
				break;
			}
			failed++;
			ck_assert_msg(status == EXIT_IO, "allocation %lu: exit %d: %s", n, status,
			              err);
			ck_assert_msg(strstr(err, "out of memory") ||
			                  strstr(err, "Cannot allocate memory"),
			              "allocation %lu: %s", n, err);
			SH_EQ("", "%s", cmd);
			if (check)
				SH_EQ("", "diff -r %s/before %s", tmp, dir);
			grab(&c, tmp);
			status = next_run(dir, src, 0);
			release(&c, &out2, &err2);
			ck_assert_msg(status == 0, "allocation %lu, then: exit %d: %s", n, status,
			              err2);
			free(out2);
			free(err2);
			SH_EQ(after, TREE, dir);
			free(out);
			free(err);
		}
		ck_assert_uint_gt(failed, 10);
	}
	remove_tmp(tmp);
}
END_TEST

Suite *suite_sitetree(void)
{
	Suite *s = suite_create("sitetree");
	TCase *tc = tcase_create("sitetree");
	tcase_add_test(tc, first_run_and_manifest);
	tcase_add_test(tc, second_run_writes_nothing);
	tcase_add_test(tc, one_changed_file_rewritten);
	tcase_add_test(tc, no_longer_produced_removed);
	tcase_add_test(tc, not_empty_without_manifest);
	tcase_add_test(tc, foreign_manifest_refused);
	tcase_add_test(tc, check_mode);
	tcase_add_test(tc, invalid_rel_refused);
	tcase_add_test(tc, duplicate_rel_refused);
	tcase_add_test(tc, copies_documents);
	tcase_add_test(tc, failure_keeps_files);
	tcase_add_test(tc, removal_failure_kept);
	tcase_add_test(tc, not_regular_files);
	tcase_add_test(tc, pieces);
	suite_add_tcase(s, tc);
	/* A run per allocation, with shell commands around each: more time. */
	tc = tcase_create("memory");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}
