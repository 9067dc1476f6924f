/* The command line beyond single cases: options, exit statuses, standard
 * input, output files, colour, the dates calculator. Run from the project
 * root, as `make check` does. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs `decrec ARGS` through sh, returning stdout; status into *st. */
static char *decrec(const char *args, int *st)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd), "%s %s", decrec_bin(), args);
	char *out = run_command(cmd, st);
	ck_assert_ptr_nonnull(out);
	return out;
}

static void expect(const char *args, int status, const char *want)
{
	int st;
	char *out = decrec(args, &st);
	ck_assert_msg(st == status, "decrec %s: exit %d, want %d", args, st, status);
	if (want)
		ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(dates)
{
	expect("dates --published 2024-07-19 --no-config", 0,
	       "call-in deadline: Fri 26/07/2024 (5 working days, england-and-wales)\n"
	       "effective from:   Sat 27/07/2024\n");
	expect("dates --first-published 18/06/2024 --no-config", 0,
	       "earliest key decision: Wed 17/07/2024 (28 clear days' notice)\n");
	expect("dates --exception-notice 2025-04-15 --no-config", 0,
	       "earliest decision under the general exception: Fri 25/04/2025\n");
	expect("dates --published 2022-09-16 --no-config -f json", 0,
	       "{\"published\": \"2022-09-16\", \"call_in_deadline\": \"2022-09-26\", "
	       "\"effective\": \"2022-09-27\", \"working_days\": 5, \"division\": "
	       "\"england-and-wales\"}\n");
	expect("dates --published 2024-07-19 --config tests/cases/config-call-in-days.decrec.yaml",
	       0,
	       "call-in deadline: Fri 02/08/2024 (10 working days, england-and-wales)\n"
	       "effective from:   Sat 03/08/2024\n");
	expect("dates --published 2027-12-24 --no-config 2>/dev/null", 1, "");
	expect("dates --published 2024-02-30 --no-config 2>/dev/null", 2, "");
	expect("dates --no-config 2>/dev/null", 2, "");
}
END_TEST

START_TEST(usage)
{
	int st;
	char *out = decrec("validate --help", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: decrec validate [options] [PATH ...]"));
	free(out);
	expect("validate --format xml 2>/dev/null", 2, "");
	expect("validate --jobs 0 2>/dev/null", 2, "");
	expect("validate --today 2024-13-01 2>/dev/null", 2, "");
	expect("validate --config x.yaml --no-config 2>/dev/null", 2, "");
	expect("validate --config tests/cases/config-bad-key.decrec.yaml records 2>/dev/null", 2,
	       "");
	expect("validate --config /nonexistent/decrec.yaml records 2>/dev/null", 2, "");
	expect("frobnicate 2>/dev/null", 2, "");
	expect("2>/dev/null", 2, "");
	out = decrec("--version", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "decrec 0.1.0 (libyaml 0.2.5, cmark "));
	free(out);
	/* A bad config's message names the file, line and column. */
	out = decrec("validate --config tests/cases/config-bad-key.decrec.yaml records 2>&1", &st);
	ck_assert_str_eq(out, "decrec: tests/cases/config-bad-key.decrec.yaml:3:3: unknown key "
	                      "'working_day' in call_in: did you mean 'working_days'?\n");
	free(out);
}
END_TEST

START_TEST(exit_statuses)
{
	/* Clean records, warnings under and over --max-warnings, unreadable input. */
	expect("validate --no-config -q records", 0, "");
	expect("validate --no-config -q tests/cases/late-publication.yaml", 0, "");
	expect("validate --no-config --today 2026-01-01 --max-warnings 1 "
	       "tests/cases/late-publication.yaml 2>/dev/null >/dev/null",
	       0, "");
	expect("validate --no-config --today 2026-01-01 --max-warnings 0 "
	       "tests/cases/late-publication.yaml 2>/dev/null >/dev/null",
	       1, "");
	expect("validate --no-config tests/cases/nonexistent.yaml 2>/dev/null", 3, "");
	int st;
	char *out = decrec("validate --no-config tests/cases/nonexistent.yaml records 2>&1", &st);
	ck_assert_int_eq(st, 3);
	ck_assert_str_eq(out, "decrec: tests/cases/nonexistent.yaml: cannot read: No such file or "
	                      "directory\n0 errors, 0 warnings in 5 records (5 files)\n");
	free(out);
	/* The summary goes to stderr, findings to stdout. */
	out = decrec("validate --no-config records 2>&1 >/dev/null", &st);
	ck_assert_str_eq(out, "0 errors, 0 warnings in 5 records (5 files)\n");
	free(out);
}
END_TEST

START_TEST(standard_input)
{
	int st;
	char *out =
	    decrec("validate --no-config --color never - < tests/cases/reference-format.yaml "
	           "2>/dev/null",
	           &st);
	ck_assert_int_eq(st, 1);
	ck_assert_str_eq(out, "-:2:12: error: reference '24-0058' does not match the pattern "
	                      "^[0-9]{2}/[0-9]{5}$ (two-digit year, '/', five digits, as in "
	                      "24/00058) [reference-format]\n"
	                      "    2 | reference: 24-0058\n"
	                      "      |            ^~~~~~~\n");
	free(out);
}
END_TEST

START_TEST(output_file)
{
	char dir[] = "/tmp/decrec-out-XXXXXX", cmd[512];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
	         "validate --no-config -f json -o %s/report.json tests/cases/reference-format.yaml",
	         dir);
	expect(cmd, 1, "");
	snprintf(cmd, sizeof(cmd), "%s/report.json", dir);
	char *json = read_text(cmd, NULL);
	ck_assert_ptr_nonnull(json);
	ck_assert_ptr_nonnull(strstr(json, "{\"version\": 1, \"files\": 1, \"records\": 1, "
	                                   "\"errors\": 1, \"warnings\": 1, \"diagnostics\": ["));
	ck_assert_ptr_nonnull(strstr(json, "\"rule\": \"reference-format\""));
	free(json);
	/* No temporary file is left beside it. */
	snprintf(cmd, sizeof(cmd), "ls -A %s", dir);
	int st;
	char *ls = run_command(cmd, &st);
	ck_assert_str_eq(ls, "report.json\n");
	free(ls);
	/* An output in a missing directory: exit 3, nothing written. */
	snprintf(cmd, sizeof(cmd),
	         "validate --no-config -o %s/no/such/dir/r.txt records 2>/dev/null", dir);
	expect(cmd, 3, "");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(colour)
{
	static const char *const want =
	    "\033[1mtests/cases/reference-format.yaml:2:12:\033[0m \033[1;31merror:\033[0m "
	    "reference '24-0058' does not match";
	int st;
	char *out = decrec("validate --no-config --color always tests/cases/reference-format.yaml "
	                   "2>/dev/null",
	                   &st);
	ck_assert_msg(!strncmp(out, want, strlen(want)), "%s", out);
	ck_assert_int_eq(st, 1);
	free(out);
	/* auto: no colour into a pipe, whatever NO_COLOR says. */
	out = decrec("validate --no-config tests/cases/reference-format.yaml 2>/dev/null", &st);
	ck_assert_int_eq(st, 1);
	ck_assert_ptr_null(strchr(out, '\033'));
	free(out);
}
END_TEST

START_TEST(default_paths)
{
	/* No path: records/ beside the decrec.yaml found from the working
	 * directory, here the project's own. */
	int st;
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "cd records && %s validate 2>&1", decrec_bin());
	char *out = run_command(cmd, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_str_eq(out, "0 errors, 0 warnings in 5 records (5 files)\n");
	free(out);
}
END_TEST

START_TEST(jobs_do_not_change_output)
{
	int st1, st2;
	char *one = decrec("validate --no-config -j 1 --today 2026-01-01 tests/cases 2>&1", &st1);
	char *two = decrec("validate --no-config -j 2 --today 2026-01-01 tests/cases 2>&1", &st2);
	ck_assert_int_eq(st1, 1);
	ck_assert_int_eq(st2, 1);
	ck_assert_str_eq(one, two);
	ck_assert_int_gt(strlen(one), 10000);
	free(one);
	free(two);
}
END_TEST

Suite *suite_cmd(void)
{
	Suite *s = suite_create("cmd");
	TCase *tc = tcase_create("cmd");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, usage);
	tcase_add_test(tc, exit_statuses);
	tcase_add_test(tc, standard_input);
	tcase_add_test(tc, output_file);
	tcase_add_test(tc, colour);
	tcase_add_test(tc, default_paths);
	tcase_add_test(tc, jobs_do_not_change_output);
	suite_add_tcase(s, tc);
	return s;
}
