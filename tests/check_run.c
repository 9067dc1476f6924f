/* Runs (src/run.c): files kept in a temporary file, or in memory when none
 * can be made or written, give byte for byte the report of the same files
 * kept in memory, in every format, whatever the order and thread they were
 * added in, the partitions their hashes are compared in, and hashes that
 * collide; the temporary file is unlinked. */
#include "tests.h"

#include "run.h"

#include <dirent.h>
#include <glob.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static const dr_format formats[] = {DR_FORMAT_TEXT, DR_FORMAT_JSON, DR_FORMAT_SARIF,
                                    DR_FORMAT_JUNIT, DR_FORMAT_GITHUB};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* Inputs that are not files: a name and a text. */
typedef struct text_input {
	const char *name, *text;
} text_input;

/* References used several times, in several files and within one file;
 * the record in the file named after 25/00058 keeps it although it comes
 * later; 25/00060 has no such file, so its first use keeps it. */
static const text_input made[] = {
    {"dup/a.yaml", "reference: 25/00058\ntitle: a\n---\nreference: 25/00059\n"},
    {"dup/b.yaml", "reference: 25/00060\n---\nreference: 25/00060\n---\nreference: 25/00059\n"},
    {"dup/25-00058.yaml", "reference: 25/00058\ntitle: the one kept\n"},
    {"dup/c.yaml", "reference: 25/00058\n---\ntitle: no reference\n---\nreference: 25/00060\n"},
    {"dup/empty.yaml", ""},
};
#define NMADE (sizeof(made) / sizeof(made[0]))

typedef struct inputs {
	glob_t g;
	size_t n, base; /* n inputs: the base ones, repeated */
	dr_config *cfg;
	dr_check_options opt;
} inputs;

/* Every case of tests/cases, its duplicate-reference directory, and made. */
static void inputs_load(inputs *in)
{
	char *err = NULL;
	ck_assert_int_eq(glob("tests/cases/*.yaml", 0, NULL, &in->g), 0);
	ck_assert_int_eq(glob("tests/cases/duplicate-reference/*.yaml", GLOB_APPEND, NULL, &in->g),
	                 0);
	ck_assert_uint_gt(in->g.gl_pathc, 40);
	in->n = in->base = in->g.gl_pathc + NMADE;
	ck_assert_int_eq(dr_config_load(&in->cfg, NULL, &err), 0);
	in->opt = (dr_check_options){.today = 20000, .quote = 1, .spans = 1};
}

static void inputs_free(inputs *in)
{
	globfree(&in->g);
	dr_config_free(in->cfg);
}

/* Input i, checked. */
static dr_file *check(const inputs *in, size_t i)
{
	dr_file *f;
	i %= in->base;
	if (i < in->g.gl_pathc) {
		const char *path = in->g.gl_pathv[i];
		size_t len;
		char *buf = read_text(path, &len);
		ck_assert_ptr_nonnull(buf);
		ck_assert_int_eq(dr_file_check(&f, in->cfg, &in->opt, path, path, buf, len), 0);
		free(buf);
	} else {
		const text_input *t = &made[i - in->g.gl_pathc];
		ck_assert_int_eq(
		    dr_file_check(&f, in->cfg, &in->opt, t->name, NULL, t->text, strlen(t->text)),
		    0);
	}
	return f;
}

/* A report written to a string. */
typedef struct memout {
	FILE *fp;
	char *text;
	size_t len;
} memout;

static void mem_open(memout *m)
{
	m->text = NULL;
	m->fp = open_memstream(&m->text, &m->len);
	ck_assert_ptr_nonnull(m->fp);
}

static char *mem_close(memout *m)
{
	ck_assert_int_eq(fclose(m->fp), 0);
	return m->text;
}

/* The reports of the inputs kept in memory, the expected ones. */
static void expected(const inputs *in, char **want, dr_totals *t)
{
	dr_file **files = calloc(in->n, sizeof(*files));
	ck_assert_ptr_nonnull(files);
	for (size_t i = 0; i < in->n; i++)
		files[i] = check(in, i);
	ck_assert_int_eq(dr_check_references(files, in->n), 0);
	for (size_t k = 0; k < NFORMATS; k++) {
		memout m;
		dr_report_options o = {0};
		mem_open(&m);
		ck_assert_int_eq(dr_report_write(formats[k], m.fp, m.fp, &o, files, in->n, t), 0);
		want[k] = mem_close(&m);
	}
	for (size_t i = 0; i < in->n; i++)
		dr_file_free(files[i]);
	free(files);
}

/* A run of the inputs, added backwards by `threads` threads in turn (one
 * at a time: threads only name the stores), with the given tuning. */
static dr_run *run_of(const inputs *in, size_t threads, size_t partition, uint64_t mask)
{
	dr_run *r = dr_run_new(in->n, threads);
	ck_assert_ptr_nonnull(r);
	dr_run_tune(r, partition, mask);
	for (size_t i = in->n; i-- > 0;)
		ck_assert_int_eq(dr_run_add(r, i % threads, i, check(in, i)), 0);
	return r;
}

static void compare(dr_run *r, char *const *want, const dr_totals *wt, const char *what)
{
	/* Twice each, in turn: a run may report again. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < NFORMATS; k++) {
			memout m;
			dr_totals t;
			dr_report_options o = {0};
			mem_open(&m);
			ck_assert_int_eq(dr_run_report(r, formats[k], m.fp, m.fp, &o, &t), 0);
			char *got = mem_close(&m);
			size_t at = 0, line = 1;
			for (; got[at] && got[at] == want[k][at]; at++)
				line += got[at] == '\n';
			ck_assert_msg(!got[at] && !want[k][at],
			              "%s, format %zu, line %zu: \"%.120s\", want \"%.120s\"", what,
			              k, line, got + at, want[k] + at);
			ck_assert_uint_eq(t.files, wt->files);
			ck_assert_uint_eq(t.records, wt->records);
			ck_assert_uint_eq(t.errors, wt->errors);
			ck_assert_uint_eq(t.warnings, wt->warnings);
			free(got);
		}
	ck_assert_str_eq(dr_run_error(r), "");
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	ck_assert_ptr_nonnull(d);
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

START_TEST(same_as_in_memory)
{
	inputs in;
	char *want[NFORMATS];
	dr_totals wt;
	inputs_load(&in);
	expected(&in, want, &wt);
	ck_assert_uint_eq(wt.files, in.n);
	/* The made inputs' duplicates are there, and the kept record named. */
	ck_assert_ptr_nonnull(strstr(
	    want[0], "dup/a.yaml:1:12: error: reference 25/00058 is also used by the record at "
	             "dup/25-00058.yaml:1:12"));
	ck_assert_ptr_nonnull(strstr(want[0], "dup/b.yaml:3:12: error: reference 25/00060 is "
	                                      "also used by the record at dup/b.yaml:1:12"));
	ck_assert_ptr_null(strstr(want[0], "dup/25-00058.yaml:1:12: error: reference"));

	/* On disk, in a directory of its own that holds nothing meanwhile. */
	char dir[] = "/tmp/decrec-run-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(setenv("TMPDIR", dir, 1), 0);
	static const struct {
		size_t threads, partition;
		uint64_t mask;
		const char *what;
	} tunings[] = {
	    {1, 0, UINT64_MAX, "one thread"},
	    {3, 0, UINT64_MAX, "three threads"},
	    {2, 1, UINT64_MAX, "partitions of one use"},
	    {2, 0, 3, "four hashes in all"},
	    {3, 2, 1, "two hashes in all, partitions of two"},
	};
	size_t fds = entries("/proc/self/fd");
	for (size_t k = 0; k < sizeof(tunings) / sizeof(*tunings); k++) {
		dr_run *r = run_of(&in, tunings[k].threads, tunings[k].partition, tunings[k].mask);
		ck_assert_int_eq(dr_run_on_disk(r), 1);
		ck_assert_uint_eq(entries(dir), 0);
		/* One descriptor, however many threads. */
		ck_assert_uint_eq(entries("/proc/self/fd"), fds + 1);
		compare(r, want, &wt, tunings[k].what);
		dr_run_free(r);
	}
	ck_assert_int_eq(rmdir(dir), 0);

	/* No directory for temporary files: in memory, and the same. */
	ck_assert_int_eq(setenv("TMPDIR", "/nonexistent/decrec", 1), 0);
	dr_run *r = run_of(&in, 2, 0, 3);
	ck_assert_int_eq(dr_run_on_disk(r), 0);
	compare(r, want, &wt, "in memory");
	dr_run_free(r);
	for (size_t k = 0; k < NFORMATS; k++)
		free(want[k]);
	inputs_free(&in);
}
END_TEST

/* Out of memory at any one allocation of a run of the made inputs (their
 * duplicate references compared across files), from dr_run_new to the
 * report and each file read back: NULL, DR_ENOMEM from dr_run_add, or
 * DR_EIO from dr_run_report with the reason "out of memory"; else the
 * report of the inputs kept in memory. */
START_TEST(out_of_memory)
{
	inputs in;
	inputs_load(&in);
	size_t first = in.g.gl_pathc;
	dr_file *files[NMADE];
	for (size_t i = 0; i < NMADE; i++)
		files[i] = check(&in, first + i);
	ck_assert_int_eq(dr_check_references(files, NMADE), 0);
	memout m;
	dr_report_options o = {0};
	mem_open(&m);
	ck_assert_int_eq(dr_report_write(DR_FORMAT_JSON, m.fp, m.fp, &o, files, NMADE, NULL), 0);
	char *want = mem_close(&m);
	for (size_t i = 0; i < NMADE; i++)
		dr_file_free(files[i]);
	unsigned long failed = 0;
	for (unsigned long n = 1;; n++) {
		for (size_t i = 0; i < NMADE; i++)
			files[i] = check(&in, first + i);
		mem_open(&m);
		oom_at(n);
		dr_run *r = dr_run_new(NMADE, 2);
		int added = 0, reported = -9, read = 0;
		for (size_t i = 0; i < NMADE; i++) {
			int rc =
			    r ? dr_run_add(r, i % 2, i, files[i]) : (dr_file_free(files[i]), 0);
			added = added ? added : rc;
		}
		if (r && !added) {
			reported = dr_run_report(r, DR_FORMAT_JSON, m.fp, m.fp, &o, NULL);
			for (size_t i = 0; !reported && i < NMADE; i++)
				read += dr_run_file(r, i) != NULL;
		}
		int hit = oom_hit();
		oom_at(0);
		char *got = mem_close(&m);
		const char *why = r ? dr_run_error(r) : "";
		if (!hit) {
			ck_assert_int_eq(reported, 0);
			ck_assert_int_eq(read, (int)NMADE);
			ck_assert_str_eq(got, want);
			free(got);
			dr_run_free(r);
			break;
		}
		failed++;
		if (!r || added) {
			ck_assert_msg(!r || added == DR_ENOMEM, "allocation %lu: add %d", n, added);
		} else if (reported) {
			ck_assert_msg(reported == DR_EIO && !strcmp(why, "out of memory"),
			              "allocation %lu: report %d: %s", n, reported, why);
		} else {
			ck_assert_str_eq(got, want);
			ck_assert_msg(read == (int)NMADE || !strcmp(why, "out of memory"),
			              "allocation %lu: %d files read: '%s'", n, read, why);
		}
		free(got);
		dr_run_free(r);
	}
	ck_assert_uint_gt(failed, 10);
	free(want);
	inputs_free(&in);
}
END_TEST

/* Inputs never added (unreadable ones) are left out; bad calls refused. */
START_TEST(left_out_and_refused)
{
	inputs in;
	inputs_load(&in);
	dr_run *r = dr_run_new(4, 1);
	ck_assert_ptr_nonnull(r);
	size_t last = in.g.gl_pathc + NMADE - 1; /* dup/empty.yaml */
	ck_assert_int_eq(dr_run_add(r, 0, 2, check(&in, last)), 0);
	ck_assert_int_eq(dr_run_add(r, 1, 0, check(&in, last)), DR_EINVAL); /* no thread 1 */
	ck_assert_int_eq(dr_run_add(r, 0, 4, check(&in, last)), DR_EINVAL); /* no input 4 */
	memout m;
	dr_totals t;
	dr_report_options o = {0};
	mem_open(&m);
	ck_assert_int_eq(dr_run_report(r, DR_FORMAT_JSON, m.fp, m.fp, &o, &t), 0);
	char *got = mem_close(&m);
	ck_assert_str_eq(got,
	                 "{\"version\": 1, \"files\": 1, \"records\": 0, \"errors\": 1, "
	                 "\"warnings\": 0, \"diagnostics\": [\n  {\"file\": \"dup/empty.yaml\", "
	                 "\"line\": 1, \"column\": 1, \"end_line\": 1, \"end_column\": 2, "
	                 "\"severity\": \"error\", \"rule\": \"not-a-record\", \"message\": \"the "
	                 "file holds no record (it is empty or only comments)\", \"field\": \"\", "
	                 "\"expected\": null}\n]}\n");
	free(got);
	/* Nothing is added after the report. */
	ck_assert_int_eq(dr_run_add(r, 0, 1, check(&in, last)), DR_EINVAL);
	dr_run_free(r);
	ck_assert_ptr_null(dr_run_new(1, 0));
	dr_run_free(NULL);
	inputs_free(&in);
}
END_TEST

/* A temporary file that cannot be written (RLIMIT_FSIZE: writes fail with
 * EFBIG, as on a full disk) from the start, or after its first 64 KB: what
 * is not written stays in memory, and the report is the same. Check writes
 * to a file at each assertion, so none is made under the limit. */
START_TEST(temporary_file_not_written)
{
	inputs in;
	char *want[NFORMATS];
	dr_totals wt;
	inputs_load(&in);
	in.n = 8 * in.base; /* several 64 KB chunks */
	expected(&in, want, &wt);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit was;
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &was), 0);
	static const rlim_t limits[] = {0, 64 * 1024 + 1};
	for (size_t k = 0; k < sizeof(limits) / sizeof(*limits); k++) {
		dr_run *r = dr_run_new(in.n, 2);
		dr_file **f = calloc(in.n, sizeof(*f));
		ck_assert_ptr_nonnull(r);
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(dr_run_on_disk(r), 1);
		for (size_t i = 0; i < in.n; i++)
			f[i] = check(&in, i);
		struct rlimit lim = {limits[k], was.rlim_max};
		setrlimit(RLIMIT_FSIZE, &lim);
		int rc = 0;
		for (size_t i = in.n; i-- > 0;)
			rc |= dr_run_add(r, i % 2, i, f[i]);
		char *got[NFORMATS];
		int reported[NFORMATS];
		for (size_t j = 0; j < NFORMATS; j++) {
			memout m;
			dr_totals t;
			dr_report_options o = {0};
			mem_open(&m);
			reported[j] = dr_run_report(r, formats[j], m.fp, m.fp, &o, &t);
			fclose(m.fp);
			got[j] = m.text;
		}
		setrlimit(RLIMIT_FSIZE, &was);
		ck_assert_int_eq(rc, 0);
		ck_assert_int_eq(dr_run_on_disk(r), 0);
		for (size_t j = 0; j < NFORMATS; j++) {
			ck_assert_int_eq(reported[j], 0);
			ck_assert_msg(!strcmp(got[j], want[j]), "limit %zu, format %zu differs",
			              (size_t)limits[k], j);
			free(got[j]);
		}
		ck_assert_str_eq(dr_run_error(r), "");
		dr_run_free(r);
		free(f);
	}
	for (size_t k = 0; k < NFORMATS; k++)
		free(want[k]);
	inputs_free(&in);
}
END_TEST

/* The temporary file is made only where it leaves a descriptor for each
 * thread's input (descriptors are handed out lowest first). */
START_TEST(few_descriptors)
{
	int next = dup(0);
	ck_assert_int_ge(next, 0);
	close(next);
	struct rlimit was;
	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &was), 0);
	int on_disk[2];
	for (int k = 0; k < 2; k++) {
		/* Room for the file and two inputs; then one fewer. */
		struct rlimit lim = {(rlim_t)next + 3 - (rlim_t)k, was.rlim_max};
		setrlimit(RLIMIT_NOFILE, &lim);
		dr_run *r = dr_run_new(1, 2);
		on_disk[k] = r ? dr_run_on_disk(r) : -1;
		dr_run_free(r);
		setrlimit(RLIMIT_NOFILE, &was);
	}
	ck_assert_int_eq(on_disk[0], 1);
	ck_assert_int_eq(on_disk[1], 0);
}
END_TEST

/* The command, with no room for a temporary file: the same report (stdout;
 * a coverage build says on stderr that it cannot write its counts). */
START_TEST(command_without_temporary_file)
{
	char cmd[1024];
	int status[2];
	char *out[2];
	for (int k = 0; k < 2; k++) {
		snprintf(cmd, sizeof(cmd),
		         "%s %s validate --no-config --today 2026-01-01 -f json -j 2 "
		         "tests/cases 2>/dev/null",
		         k ? "ulimit -f 0 &&" : "", k ? decrec_native_bin() : decrec_bin());
		out[k] = run_command(cmd, &status[k]);
		ck_assert_ptr_nonnull(out[k]);
	}
	ck_assert_int_eq(status[0], 1);
	ck_assert_int_eq(status[1], 1);
	ck_assert_uint_gt(strlen(out[0]), 10000);
	ck_assert_str_eq(out[1], out[0]);
	free(out[0]);
	free(out[1]);
}
END_TEST

Suite *suite_run(void)
{
	Suite *s = suite_create("run");
	TCase *tc = tcase_create("run");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, same_as_in_memory);
	tcase_add_test(tc, left_out_and_refused);
	tcase_add_test(tc, out_of_memory);
	tcase_add_test(tc, temporary_file_not_written);
	tcase_add_test(tc, few_descriptors);
	tcase_add_test(tc, command_without_temporary_file);
	suite_add_tcase(s, tc);
	return s;
}
