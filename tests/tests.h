/* The Check suites of decrec, one per module, all run by runner.c. */
#ifndef DR_TESTS_H
#define DR_TESTS_H

#include <check.h>

#include "decrec.h"

Suite *suite_date(void);
Suite *suite_calendar(void);
Suite *suite_load(void);
Suite *suite_config(void);
Suite *suite_config_more(void);
Suite *suite_cli(void);
Suite *suite_cmd(void);
Suite *suite_fix(void);
Suite *suite_new(void);
Suite *suite_mustache(void);
Suite *suite_render(void);
Suite *suite_publish(void);
Suite *suite_recipes(void);
Suite *suite_yamlsuite(void);
Suite *suite_limits(void);
Suite *suite_fuzz_regressions(void);
Suite *suite_corpus(void);
Suite *suite_report(void);
Suite *suite_run(void);
Suite *suite_grow(void);
Suite *suite_api(void);
Suite *suite_listing(void);
Suite *suite_feeds(void);
Suite *suite_sitetree(void);
Suite *suite_site(void);
Suite *suite_docx(void);

/* The shared folder (../shared by default, $SHARED when set), and the
 * decrec binary ($DECREC). */
const char *shared_dir(void);
const char *decrec_bin(void);
/* The decrec binary for a test that runs it without a TMPDIR or under a
 * file-size limit, where valgrind cannot start: $DECREC_NATIVE (set by make
 * check-valgrind), else decrec_bin(). */
const char *decrec_native_bin(void);

/* Runs a shell command, returning its stdout (malloc'd, NUL-terminated) and
 * its exit status in *status. */
char *run_command(const char *cmd, int *status);
/* Reads a whole file (malloc'd), or NULL. */
char *read_text(const char *path, size_t *len);
/* The report of `f` in `fmt`, as decrec validate writes it (malloc'd); the
 * totals in *t. */
char *report_text(dr_format fmt, dr_file *f, dr_totals *t);

/* Allocation failure (tests/oom.c): after oom_at(n), the n-th call from then
 * on to malloc, calloc, realloc, strdup, strndup or open_memstream fails
 * (NULL, errno ENOMEM), and only that one; oom_at(0) fails none. oom_hit()
 * says whether that call has been made, oom_count() how many calls there
 * were since oom_at. */
void oom_at(unsigned long n);
int oom_hit(void);
unsigned long oom_count(void);

#endif
