/* Golden tests of what users see: each tests/cases/NAME.expected holds the
 * exact standard output of `decrec validate` on tests/cases/NAME.yaml (or the
 * directory tests/cases/NAME), then a line "exit: N". Extra arguments come
 * from NAME.args; without --config there, --no-config is used. Standard error
 * is not compared (it holds only the summary). */
#include "tests.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CASES "tests/cases"

static char **names;
static int count;

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void find_cases(void)
{
	DIR *d = opendir(CASES);
	int cap = 0;
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n < 10 || strcmp(e->d_name + n - 9, ".expected"))
			continue;
		if (count == cap)
			names = realloc(names, (size_t)(cap = cap ? cap * 2 : 64) * sizeof(*names));
		names[count++] = strndup(e->d_name, n - 9);
	}
	closedir(d);
	qsort(names, (size_t)count, sizeof(*names), cmp);
}

/* The first line where two texts differ, for the failure message. */
static void first_diff(const char *want, const char *got, char *out, size_t cap)
{
	int line = 1;
	const char *w = want, *g = got;
	while (*w && *w == *g) {
		if (*w == '\n')
			line++;
		w++;
		g++;
	}
	const char *we = strchr(w, '\n'), *ge = strchr(g, '\n');
	snprintf(out, cap, "line %d:\n  want: %.*s\n  got:  %.*s", line,
	         (int)(we ? we - w : (long)strlen(w)), w, (int)(ge ? ge - g : (long)strlen(g)), g);
}

START_TEST(golden)
{
	const char *name = names[_i];
	char path[512], input[512], cmd[2048], args[512] = "";
	struct stat st;
	snprintf(path, sizeof(path), CASES "/%s.args", name);
	char *a = read_text(path, NULL);
	if (a) {
		snprintf(args, sizeof(args), "%s", a);
		args[strcspn(args, "\n")] = '\0';
		free(a);
	}
	snprintf(input, sizeof(input), CASES "/%s.yaml", name);
	if (stat(input, &st) != 0)
		snprintf(input, sizeof(input), CASES "/%s", name);
	snprintf(cmd, sizeof(cmd),
	         "%s validate --color never --today 2026-01-01 %s %s %s 2>/dev/null", decrec_bin(),
	         strstr(args, "--config") ? "" : "--no-config", args, input);
	int status;
	char *out = run_command(cmd, &status);
	ck_assert_ptr_nonnull(out);
	size_t n = strlen(out);
	out = realloc(out, n + 32);
	snprintf(out + n, 32, "exit: %d\n", status);
	snprintf(path, sizeof(path), CASES "/%s.expected", name);
	char *want = read_text(path, NULL);
	ck_assert_msg(want != NULL, "cannot read %s", path);
	if (strcmp(want, out)) {
		char diff[1024];
		first_diff(want, out, diff, sizeof(diff));
		ck_abort_msg("case %s differs at %s", name, diff);
	}
	free(want);
	free(out);
}
END_TEST

/* A runner that found no case would pass having tested nothing. */
START_TEST(found_cases)
{
	ck_assert_msg(count > 0,
	              "the golden runner found no case in %s (run from the project root)", CASES);
}
END_TEST

Suite *suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("golden");
	find_cases();
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, found_cases);
	tcase_add_loop_test(tc, golden, 0, count);
	suite_add_tcase(s, tc);
	return s;
}
