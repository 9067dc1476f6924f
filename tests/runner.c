/* Runs every suite; `make check` ends with Check's own summary line. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/wait.h>

const char *shared_dir(void)
{
	const char *s = getenv("SHARED");
	return s && *s ? s : "../shared";
}

const char *decrec_bin(void)
{
	/* Absolute, so that tests may change directory. Resolved once per
	 * forked test, hence the static buffer. */
	static char path[4096];
	const char *s = getenv("DECREC");
	if (!realpath(s && *s ? s : "build/decrec", path))
		snprintf(path, sizeof(path), "%s", s && *s ? s : "build/decrec");
	return path;
}

const char *decrec_native_bin(void)
{
	const char *s = getenv("DECREC_NATIVE");
	return s && *s ? s : decrec_bin();
}

char *run_command(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	if (!p || !buf) {
		free(buf);
		*status = -1;
		return NULL;
	}
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb)
				break;
			buf = nb;
		}
	}
	buf[len] = '\0';
	int st = pclose(p);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return buf;
}

char *report_text(dr_format fmt, dr_file *f, dr_totals *t)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(mem);
	dr_report_options o = {0};
	ck_assert_int_eq(dr_report_write(fmt, mem, mem, &o, &f, 1, t), 0);
	ck_assert_int_eq(fclose(mem), 0);
	return text;
}

char *read_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = (size_t)n;
	}
	return buf;
}

int main(void)
{
	/* The golden outputs are text: GitHub Actions would switch the default. */
	unsetenv("GITHUB_ACTIONS");
	SRunner *sr = srunner_create(suite_date());
	srunner_add_suite(sr, suite_calendar());
	srunner_add_suite(sr, suite_load());
	srunner_add_suite(sr, suite_config());
	srunner_add_suite(sr, suite_config_more());
	srunner_add_suite(sr, suite_cli());
	srunner_add_suite(sr, suite_cmd());
	srunner_add_suite(sr, suite_fix());
	srunner_add_suite(sr, suite_new());
	srunner_add_suite(sr, suite_mustache());
	srunner_add_suite(sr, suite_render());
	srunner_add_suite(sr, suite_publish());
	srunner_add_suite(sr, suite_recipes());
	srunner_add_suite(sr, suite_yamlsuite());
	srunner_add_suite(sr, suite_limits());
	srunner_add_suite(sr, suite_fuzz_regressions());
	srunner_add_suite(sr, suite_corpus());
	srunner_add_suite(sr, suite_report());
	srunner_add_suite(sr, suite_run());
	srunner_add_suite(sr, suite_grow());
	srunner_add_suite(sr, suite_api());
	srunner_add_suite(sr, suite_listing());
	srunner_add_suite(sr, suite_feeds());
	srunner_add_suite(sr, suite_sitetree());
	srunner_add_suite(sr, suite_site());
	srunner_add_suite(sr, suite_docx());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
