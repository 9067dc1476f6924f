/* The command line beyond single cases: options, exit statuses, standard
 * input, output files, colour, the dates calculator. Run from the project
 * root, as `make check` does. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs `decrec ARGS` through sh, returning stdout; status into *st. Not as
 * in a GitHub Actions job, even when the tests run in one. */
static char *decrec(const char *args, int *st)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd), "env -u GITHUB_ACTIONS -u GITHUB_WORKSPACE %s %s", decrec_bin(),
	         args);
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
#define DEFAULTS                                                                                   \
	"\nsettings: the built-in defaults (--no-config)\n"                                        \
	"  working days: Monday to Friday, except bank holidays and closures\n"                    \
	"  bank holidays: england-and-wales, built in for 2012 to 2027 (calendar.division)\n"      \
	"  closures: none (calendar.closures)\n"
	expect(
	    "dates --published 2024-07-19 --no-config", 0,
	    "call-in deadline: Fri 26/07/2024 (5 working days, england-and-wales)\n"
	    "effective from:   Sat 27/07/2024\n"
	    "  not a working day; the first working day on or after it: Mon 29/07/2024\n" DEFAULTS
	    "  call-in: 5 working days after publication (call_in.working_days)\n"
	    "  effective: the day after the call-in deadline (call_in.effective: next-day)\n");
	expect("dates --first-published 18/06/2024 --no-config", 0,
	       "earliest key decision: Wed 17/07/2024 (28 clear days' notice)\n" DEFAULTS
	       "  key decision notice: 28 clear days (key_decisions.notice_clear_days)\n");
	expect("dates --exception-notice 2025-04-15 --no-config", 0,
	       "earliest decision under the general exception: Fri 25/04/2025\n" DEFAULTS
	       "  general exception: 5 clear working days "
	       "(key_decisions.general_exception_clear_days)\n");
	expect("dates --published 2022-09-16 --no-config -f json", 0,
	       "{\"published\": \"2022-09-16\", \"call_in_deadline\": \"2022-09-26\", "
	       "\"effective\": \"2022-09-27\", \"working_days\": 5, \"division\": "
	       "\"england-and-wales\", \"effective_first_working_day\": \"2022-09-27\", "
	       "\"settings\": {\"config\": null, \"division\": \"england-and-wales\", "
	       "\"holidays_file\": null, \"holiday_years\": [2012, 2027], \"closures\": [], "
	       "\"call_in_working_days\": 5, \"effective\": \"next-day\", \"notice_clear_days\": "
	       "28, \"general_exception_clear_days\": 5, \"general_exception_days\": "
	       "\"working\"}}\n");
	expect("dates --published 2024-07-19 --config tests/cases/config-call-in-days.decrec.yaml "
	       "| head -3",
	       0,
	       "call-in deadline: Fri 02/08/2024 (10 working days, england-and-wales)\n"
	       "effective from:   Sat 03/08/2024\n"
	       "  not a working day; the first working day on or after it: Mon 05/08/2024\n");
	/* Closures over Christmas: every earliest date that falls on a day off
	 * gets the first working day after it, and the settings say why. */
	expect("dates --published 2024-12-20 --first-published 2024-12-01 --exception-notice "
	       "19/12/2024 --config tests/cases/config-dates.decrec.yaml",
	       0,
	       "call-in deadline: Mon 06/01/2025 (5 working days, england-and-wales)\n"
	       "effective from:   Tue 07/01/2025\n"
	       "earliest key decision: Mon 30/12/2024 (28 clear days' notice)\n"
	       "  not a working day; the first working day on or after it: Thu 02/01/2025\n"
	       "earliest decision under the general exception: Wed 25/12/2024\n"
	       "  not a working day; the first working day on or after it: Thu 02/01/2025\n"
	       "\n"
	       "settings: tests/cases/config-dates.decrec.yaml\n"
	       "  working days: Monday to Friday, except bank holidays and closures\n"
	       "  bank holidays: england-and-wales, built in for 2012 to 2027 (calendar.division)\n"
	       "  closures: 27/12/2024, 30/12/2024, 31/12/2024 (calendar.closures)\n"
	       "  call-in: 5 working days after publication (call_in.working_days)\n"
	       "  effective: the first working day after the call-in deadline (call_in.effective: "
	       "next-working-day)\n"
	       "  key decision notice: 28 clear days (key_decisions.notice_clear_days)\n"
	       "  general exception: 5 clear calendar days "
	       "(key_decisions.general_exception_clear_days)\n");
	expect("dates --first-published 2024-12-01 --config tests/cases/config-dates.decrec.yaml "
	       "-f json",
	       0,
	       "{\"first_published\": \"2024-12-01\", \"earliest_key_decision\": \"2024-12-30\", "
	       "\"earliest_key_decision_first_working_day\": \"2025-01-02\", \"settings\": "
	       "{\"config\": \"tests/cases/config-dates.decrec.yaml\", \"division\": "
	       "\"england-and-wales\", \"holidays_file\": null, \"holiday_years\": [2012, 2027], "
	       "\"closures\": [\"2024-12-27\", \"2024-12-30\", \"2024-12-31\"], "
	       "\"call_in_working_days\": 5, \"effective\": \"next-working-day\", "
	       "\"notice_clear_days\": 28, \"general_exception_clear_days\": 5, "
	       "\"general_exception_days\": \"calendar\"}}\n");
	/* A date in a year without holiday data is not called a working day. */
	expect("dates --no-config --first-published 2027-12-20 | head -2", 0,
	       "earliest key decision: Tue 18/01/2028 (28 clear days' notice)\n"
	       "  whether it is a working day is not known: the holiday data has no bank "
	       "holidays for 2028\n");
	expect(
	    "dates --no-config --first-published 2027-12-20 -f json", 0,
	    "{\"first_published\": \"2027-12-20\", \"earliest_key_decision\": \"2028-01-18\", "
	    "\"earliest_key_decision_first_working_day\": null, \"settings\": {\"config\": null, "
	    "\"division\": \"england-and-wales\", \"holidays_file\": null, \"holiday_years\": "
	    "[2012, 2027], \"closures\": [], \"call_in_working_days\": 5, \"effective\": "
	    "\"next-day\", \"notice_clear_days\": 28, \"general_exception_clear_days\": 5, "
	    "\"general_exception_days\": \"working\"}}\n");
	/* A discovered config is named relative to the working directory. */
	int st;
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "cd records && %s dates --published 2024-07-19 | grep settings",
	         decrec_bin());
	char *out = run_command(cmd, &st);
	ck_assert_str_eq(out, "settings: ../decrec.yaml\n");
	free(out);
	expect("dates --published 2027-12-24 --no-config 2>/dev/null", 1, "");
	expect("dates --published 2024-02-30 --no-config 2>/dev/null", 2, "");
	expect("dates --no-config 2>/dev/null", 2, "");
#undef DEFAULTS
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

/* A bad option is one line on stderr, exit 2, in every command, whatever
 * getopt would have printed. */
START_TEST(option_errors)
{
	static const char *const cases[][2] = {
	    {"validate --foo records",
	     "decrec validate: unknown option '--foo'; try 'decrec validate --help'\n"},
	    {"validate --foo=bar records",
	     "decrec validate: unknown option '--foo'; try 'decrec validate --help'\n"},
	    {"validate -x records",
	     "decrec validate: unknown option '-x'; try 'decrec validate --help'\n"},
	    {"validate -qx records",
	     "decrec validate: unknown option '-x'; try 'decrec validate --help'\n"},
	    {"validate --no-config=yes records",
	     "decrec validate: option '--no-config' takes no value; try 'decrec validate "
	     "--help'\n"},
	    {"validate records --format",
	     "decrec validate: option '--format' needs a value; try 'decrec validate --help'\n"},
	    {"validate records -f",
	     "decrec validate: option '-f' needs a value; try 'decrec validate --help'\n"},
	    {"validate --co x records",
	     "decrec validate: ambiguous option '--co' (--config, --color); try 'decrec "
	     "validate --help'\n"},
	    {"render --nope records/24-00058.yaml",
	     "decrec render: unknown option '--nope'; try 'decrec render --help'\n"},
	    {"render --te x records/24-00058.yaml",
	     "decrec render: ambiguous option '--te' (--template, --templates); try 'decrec "
	     "render --help'\n"},
	    {"dates --published 2024-07-19 --bogus",
	     "decrec dates: unknown option '--bogus'; try 'decrec dates --help'\n"},
	    {"dates --published",
	     "decrec dates: option '--published' needs a value; try 'decrec dates --help'\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char args[512];
		snprintf(args, sizeof(args), "%s 2>&1 >/dev/null", cases[i][0]);
		expect(args, 2, cases[i][1]);
	}
}
END_TEST

/* An impossible date given to an option says why, in both forms. */
START_TEST(date_options)
{
	expect("validate --today 2025-04-31 records 2>&1 >/dev/null", 2,
	       "decrec validate: --today '2025-04-31' is not a real day: April 2025 has 30 "
	       "days\ntry 'decrec validate --help'\n");
	expect("render --today tomorrow records/24-00058.yaml 2>&1 >/dev/null", 2,
	       "decrec render: --today 'tomorrow' is not a date: expected YYYY-MM-DD or "
	       "DD/MM/YYYY\ntry 'decrec render --help'\n");
	expect("dates --no-config --published 31/04/2025 2>&1 >/dev/null", 2,
	       "decrec dates: --published '31/04/2025' is not a real day: April 2025 has 30 "
	       "days\ntry 'decrec dates --help'\n");
	expect("dates --no-config --first-published 29/02/2025 2>&1 >/dev/null", 2,
	       "decrec dates: --first-published '29/02/2025' is not a real day: February 2025 "
	       "has 28 days\ntry 'decrec dates --help'\n");
	expect("dates --no-config --exception-notice 2025-13-01 2>&1 >/dev/null", 2,
	       "decrec dates: --exception-notice '2025-13-01' is not a real day: months run "
	       "from 1 to 12\ntry 'decrec dates --help'\n");
	/* DD/MM/YYYY is a date for --today too. */
	expect("validate --no-config -q --today 01/01/2026 records", 0, "");
}
END_TEST

/* Format names, template names and --color values ignore case. */
START_TEST(names_ignore_case)
{
	int st1, st2;
	char *lower = decrec("validate --no-config -f json tests/cases/bad-date.yaml", &st1);
	char *upper = decrec("validate --no-config -f JSON tests/cases/bad-date.yaml", &st2);
	ck_assert_int_eq(st1, 1);
	ck_assert_int_eq(st2, 1);
	ck_assert_str_eq(lower, upper);
	ck_assert_ptr_nonnull(strstr(upper, "{\"version\": 1, \"files\": 1,"));
	free(lower);
	free(upper);
	lower = decrec("validate --no-config -f sarif tests/cases/bad-date.yaml", &st1);
	upper = decrec("validate --no-config -f Sarif tests/cases/bad-date.yaml", &st2);
	ck_assert_int_eq(st2, 1);
	ck_assert_str_eq(lower, upper);
	free(lower);
	free(upper);
	expect("validate --no-config --color NEVER -q tests/cases/reference-format.yaml", 1,
	       "tests/cases/reference-format.yaml:2:12: error: reference '24-0058' does not match "
	       "the pattern ^[0-9]{2}/[0-9]{5}$ (two-digit year, '/', five digits, as in "
	       "24/00058) [reference-format]\n"
	       "    2 | reference: 24-0058\n"
	       "      |            ^~~~~~~\n");
	char *out = decrec(
	    "validate --no-config --color Always -q tests/cases/reference-format.yaml", &st1);
	ck_assert_int_eq(st1, 1);
	ck_assert_ptr_nonnull(strstr(out, "\033[1;31merror:\033[0m"));
	free(out);
	lower = decrec("dates --no-config -f json --published 2024-07-19", &st1);
	upper = decrec("dates --no-config -f JSON --published 2024-07-19", &st2);
	ck_assert_int_eq(st2, 0);
	ck_assert_str_eq(lower, upper);
	ck_assert_ptr_nonnull(strstr(upper, "{\"published\": \"2024-07-19\", "));
	free(lower);
	free(upper);
	lower = decrec("render --no-config -t html --template details records/24-00058.yaml", &st1);
	upper = decrec("render --no-config -t HTML --template Details records/24-00058.yaml", &st2);
	ck_assert_int_eq(st1, 0);
	ck_assert_int_eq(st2, 0);
	ck_assert_str_eq(lower, upper);
	ck_assert_ptr_nonnull(strstr(upper, "<!DOCTYPE html>"));
	free(lower);
	free(upper);
	/* A name the format does not have is still refused, in one case or another. */
	expect("validate --no-config -f Xml records 2>&1 >/dev/null", 2,
	       "decrec validate: unknown format 'Xml': expected text, json, sarif, junit or "
	       "github\ntry 'decrec validate --help'\n");
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
	/* The project's config, under which its example records are clean (a
	 * snapshot of 2024, it turns overdue off). */
	char *out =
	    decrec("validate --config decrec.yaml tests/cases/nonexistent.yaml records 2>&1", &st);
	ck_assert_int_eq(st, 3);
	ck_assert_str_eq(out, "decrec: tests/cases/nonexistent.yaml: cannot read: No such file or "
	                      "directory\n0 errors, 0 warnings in 9 records (9 files)\n");
	free(out);
	/* The summary goes to stderr, findings to stdout. */
	out = decrec("validate --config decrec.yaml records 2>&1 >/dev/null", &st);
	ck_assert_str_eq(out, "0 errors, 0 warnings in 9 records (9 files)\n");
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
	ck_assert_str_eq(out, "0 errors, 0 warnings in 9 records (9 files)\n");
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

/* decrec --help lists every command of the table that dispatches them. */
START_TEST(help_lists_commands)
{
	expect(
	    "--help", 0,
	    "usage: decrec <command> [options]\n"
	    "\n"
	    "Validates and renders councils' records of executive decisions.\n"
	    "\n"
	    "commands:\n"
	    "  validate    check records: fields, dates, call-in, notice\n"
	    "  render      records as the Record of Decision form or the Decision details page\n"
	    "  plan        the Notice of Key Decisions (forward plan) from the proposed records\n"
	    "  notice      the call-in notice: decisions published, and when call-in closes\n"
	    "  site        the whole register as a static website, with feeds and open data\n"
	    "  new         start a record: the next free reference, its fields and dates\n"
	    "  fix         repair what decrec can compute, keeping every other byte\n"
	    "  dates       the call-in and notice arithmetic as a calculator\n"
	    "  fields      the fields of the record format, as a Markdown table\n"
	    "  rules       the validation rules and their default severities\n"
	    "  labels      the labels of the built-in templates and their defaults\n"
	    "  settings    the keys of decrec.yaml, their values and defaults\n"
	    "  schema      the record format as a JSON Schema, for editors\n"
	    "  completion  a shell completion script for bash, zsh or fish\n"
	    "\n"
	    "  decrec <command> --help   the options of a command\n"
	    "  decrec --version          versions of decrec, libyaml and cmark\n"
	    "  decrec --help             this help\n");
	/* Each command listed is one that runs. */
	static const char *const cmds[] = {"validate", "render",   "plan",   "notice",    "site",
	                                   "new",      "fix",      "dates",  "fields",    "rules",
	                                   "labels",   "settings", "schema", "completion"};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
		char args[64];
		snprintf(args, sizeof(args), "%s --help 2>&1", cmds[i]);
		int st;
		char *out = decrec(args, &st);
		ck_assert_msg(!strstr(out, "unknown command"), "decrec %s: %s", cmds[i], out);
		free(out);
	}
	expect("fields x 2>&1", 2, "decrec fields: takes no arguments\n");
	expect("rules 2>/dev/null | head -1", 0, "| rule | default | fires when |\n");
	/* The fixes docs/rules.md and SARIF's help are written from. */
	expect("rules --fixes | sed -n 6p", 0,
	       "duplicate-key\tDelete one of the two, keeping the right value.\n");
}
END_TEST

/* Where stdout and stderr meet in one pipe, the findings come before the
 * summary and the reason for failing. */
START_TEST(findings_before_summary)
{
	expect(
	    "validate --no-config --color never --today 2026-01-01 --max-warnings 0 "
	    "tests/cases/reference-format.yaml 2>&1 | cat",
	    0,
	    "tests/cases/reference-format.yaml:2:12: error: reference '24-0058' does not match "
	    "the pattern ^[0-9]{2}/[0-9]{5}$ (two-digit year, '/', five digits, as in "
	    "24/00058) [reference-format]\n"
	    "    2 | reference: 24-0058\n"
	    "      |            ^~~~~~~\n"
	    "tests/cases/reference-format.yaml:2:12: warning: the file holding 24-0058 should be "
	    "named 24-0058.yaml, so that records can be found by their reference "
	    "[file-name]\n"
	    "    2 | reference: 24-0058\n"
	    "      |            ^~~~~~~\n"
	    "1 error, 1 warning in 1 record (1 file)\n"
	    "decrec: 1 warning exceeds --max-warnings 0\n");
	expect("validate --no-config --today 2026-01-01 -f github --max-warnings 0 "
	       "tests/cases/late-publication.yaml 2>&1 | cat",
	       0,
	       "::warning file=tests/cases/late-publication.yaml,line=11,col=14,endLine=11,"
	       "endColumn=24,title=late-publication::published 04/09/2024, 8 working days after "
	       "the decision of 22/08/2024; the record should be published within 5\n"
	       "::error title=max-warnings::1 warning exceeds --max-warnings 0\n"
	       "0 errors, 1 warning in 2 records (1 file)\n"
	       "decrec: 1 warning exceeds --max-warnings 0\n");
}
END_TEST

/* --max-warnings says why it failed, -q or not, and only when it did. */
START_TEST(max_warnings_reason)
{
	expect("validate --no-config --today 2026-01-01 -q --max-warnings 0 "
	       "tests/cases/late-publication.yaml 2>&1 >/dev/null",
	       1, "decrec: 1 warning exceeds --max-warnings 0\n");
	expect("validate --no-config --today 2026-01-01 -q --max-warnings 1 "
	       "tests/cases/late-publication.yaml 2>&1 >/dev/null",
	       0, "");
	expect(
	    "validate --no-config --today 2026-01-01 --max-warnings 1 "
	    "tests/cases/late-publication.yaml tests/cases/late-publication.yaml 2>&1 >/dev/null",
	    1,
	    "2 errors, 2 warnings in 4 records (2 files)\n"
	    "decrec: 2 warnings exceed --max-warnings 1\n");
}
END_TEST

/* Where records are looked for: records/ here with no config (else the
 * working directory), each directory down to 64 levels below the one
 * given, *.yaml and *.yml but no hidden file or other name, a trailing '/'
 * not doubled; a directory that cannot be read (as root too, without the
 * capabilities that let root) is exit 3. */
START_TEST(input_search)
{
	char dir[] = "/tmp/decrec-inputs-XXXXXX", cmd[2048];
	ck_assert_ptr_nonnull(mkdtemp(dir));
#define NAMES " 2>&1 | grep -o '^[a-z./]*\\.ya*ml' | uniq"
	snprintf(cmd, sizeof(cmd),
	         "cd %s && mkdir -p w/records/sub && cd w && for f in records/a.yaml "
	         "records/sub/b.yml records/.hidden.yaml records/notes.txt; do printf 'title: "
	         "x\\n' > $f; done && D=%s && $D validate --no-config -q" NAMES
	         " && cd records && $D validate --no-config -q" NAMES
	         " && $D validate --no-config -q sub/" NAMES,
	         dir, decrec_bin());
	int st;
	char *out = run_command(cmd, &st);
	ck_assert_str_eq(out, "records/a.yaml\nrecords/sub/b.yml\n./a.yaml\n./sub/b.yml\n"
	                      "sub/b.yml\n");
	free(out);
	/* y.yaml 64 directories below, z.yaml 65. */
	snprintf(cmd, sizeof(cmd),
	         "cd %s && p=deep && for i in $(seq 64); do p=$p/d; done && mkdir -p $p/d && "
	         "printf 'title: x\\n' > $p/y.yaml && cp $p/y.yaml $p/d/z.yaml && %s validate "
	         "--no-config -q deep" NAMES " | sed 's,/d,,g'",
	         dir, decrec_bin());
	out = run_command(cmd, &st);
	ck_assert_str_eq(out, "deep/y.yaml\n");
	free(out);
	snprintf(cmd, sizeof(cmd),
	         "cd %s && mkdir unr && chmod 000 unr && if [ $(id -u) = 0 ]; then setpriv "
	         "--bounding-set=-dac_override,-dac_read_search %s validate --no-config unr; else "
	         "%s validate --no-config unr; fi 2>&1; echo \"exit $?\"; chmod 755 unr",
	         dir, decrec_bin(), decrec_bin());
	out = run_command(cmd, &st);
	ck_assert_str_eq(out, "decrec: unr: cannot read the directory: Permission denied\n"
	                      "0 errors, 0 warnings in 0 records (0 files)\nexit 3\n");
	free(out);
#undef NAMES
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Nothing to check is exit 2 with a message, unless --allow-empty. */
START_TEST(no_records)
{
	char dir[] = "/tmp/decrec-empty-XXXXXX", cmd[1024], want[1024];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "validate --no-config %s 2>&1", dir);
	snprintf(want, sizeof(want),
	         "decrec: no records found: no *.yaml or *.yml file in %s (--allow-empty if that "
	         "is expected)\n",
	         dir);
	expect(cmd, 2, want);
	snprintf(cmd, sizeof(cmd), "validate --no-config %s %s 2>&1", dir, dir);
	expect(cmd, 2,
	       "decrec: no records found: no *.yaml or *.yml file in the paths given "
	       "(--allow-empty if that is expected)\n");
	snprintf(cmd, sizeof(cmd), "validate --no-config --allow-empty %s 2>&1", dir);
	expect(cmd, 0, "0 errors, 0 warnings in 0 records (0 files)\n");
	snprintf(cmd, sizeof(cmd), "validate --no-config -f json %s 2>/dev/null", dir);
	snprintf(
	    want, sizeof(want),
	    "{\"version\": 1, \"files\": 0, \"records\": 0, \"errors\": 0, \"warnings\": 0, "
	    "\"error\": {\"id\": \"no-records\", \"message\": \"no records found: no *.yaml or "
	    "*.yml file in %s (--allow-empty if that is expected)\"}, \"diagnostics\": []}\n",
	    dir);
	expect(cmd, 2, want);
	/* The default path: records/ beside decrec.yaml, found from below, and
	 * named as a path from here. The JUnit file is written, and fails. */
	int st;
	snprintf(cmd, sizeof(cmd),
	         "cd %s && mkdir -p records sub && echo 'authority: X' > decrec.yaml && cd sub && "
	         "%s validate -f junit -o ../r.xml 2>&1; echo \"exit $?\"; cat ../r.xml",
	         dir, decrec_bin());
	char *out = run_command(cmd, &st);
	ck_assert_str_eq(
	    out,
	    "decrec: no records found: no *.yaml or *.yml file in ../records (--allow-empty "
	    "if that is expected)\n"
	    "exit 2\n"
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"decrec validate\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
	    "  <testsuite name=\"decrec\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
	    "    <testcase classname=\"decrec\" name=\"no-records\">\n"
	    "      <failure type=\"no-records\" message=\"no records found: no *.yaml or *.yml "
	    "file in ../records (--allow-empty if that is expected)\">no records found: no "
	    "*.yaml or *.yml file in ../records (--allow-empty if that is expected)</failure>\n"
	    "    </testcase>\n"
	    "  </testsuite>\n"
	    "</testsuites>\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* --stdin-filename names standard input in reports, and its relative
 * document links resolve from there, as for the file itself. */
START_TEST(stdin_filename)
{
	int st1, st2;
	char *file = decrec("validate --no-config --color never "
	                    "tests/cases/document-missing/24-00058.yaml 2>&1",
	                    &st1);
	char *in = decrec("validate --no-config --color never --stdin-filename "
	                  "tests/cases/document-missing/24-00058.yaml - "
	                  "< tests/cases/document-missing/24-00058.yaml 2>&1",
	                  &st2);
	ck_assert_int_eq(st1, 1);
	ck_assert_int_eq(st2, 1);
	ck_assert_str_eq(in, file);
	free(file);
	free(in);
	/* Plain "-" resolves links from here: papers/report.pdf is not found. */
	in = decrec("validate --no-config --color never - "
	            "< tests/cases/document-missing/24-00058.yaml 2>&1",
	            &st1);
	ck_assert_ptr_nonnull(strstr(in, "-:11:11: error: document 'papers/report.pdf' does not "
	                                 "exist"));
	free(in);
	/* A name not on disk: its directory is, and links resolve from it. */
	in = decrec("validate --no-config --color never -f json --stdin-filename "
	            "tests/cases/document-missing/new.yaml - "
	            "< tests/cases/document-missing/24-00058.yaml 2>&1",
	            &st1);
	ck_assert_ptr_null(strstr(in, "report.pdf"));
	ck_assert_ptr_nonnull(strstr(in, "{\"file\": \"tests/cases/document-missing/new.yaml\", "
	                                 "\"line\": 13, \"column\": 11"));
	free(in);
	expect(
	    "validate --no-config --today 2026-01-01 -f github --stdin-filename r/x.yaml - "
	    "< tests/cases/reference-format.yaml 2>/dev/null | head -1",
	    0,
	    "::error file=r/x.yaml,line=2,col=12,endLine=2,endColumn=19,title=reference-format::"
	    "reference '24-0058' does not match the pattern ^[0-9]{2}/[0-9]{5}$ (two-digit year, "
	    "'/', five digits, as in 24/00058)\n");
	expect("validate --no-config --stdin-filename '' - < /dev/null 2>&1", 2,
	       "decrec validate: --stdin-filename takes the path standard input stands for\n"
	       "try 'decrec validate --help'\n");
}
END_TEST

/* The options of every command come from one table: --help lists them, the
 * shared ones are parsed once and fail alike in each command. */
START_TEST(options_from_table)
{
	expect("fields --help", 0,
	       "usage: decrec fields [options]\n"
	       "\n"
	       "Writes the fields of the record format as a Markdown table: key, type, when it\n"
	       "is required, and what it means. It is the table of docs/record-format.md.\n"
	       "\n"
	       "options:\n"
	       "  -h, --help             show this help\n"
	       "\n"
	       "exit status: 0 done, 2 usage error, 3 the output not written.\n");
	/* A label too long for the column puts the help on the next line. */
	expect("dates --help | sed -n '/^options:/,/^$/p' | head -6", 0,
	       "options:\n"
	       "      --published DATE   the call-in deadline and the effective date of a\n"
	       "                         decision published on DATE\n"
	       "      --first-published DATE\n"
	       "                         the earliest date of a key decision whose notice was\n"
	       "                         first published on DATE\n");
	static const char *const cmds[] = {"validate --no-config records", "render --no-config",
	                                   "dates --no-config --published 2024-07-19"};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
		char args[256], want[256];
		int n = (int)strcspn(cmds[i], " ");
		snprintf(args, sizeof(args), "%s --config x.yaml 2>&1 >/dev/null", cmds[i]);
		snprintf(want, sizeof(want),
		         "decrec %.*s: --config and --no-config cannot be used together\n"
		         "try 'decrec %.*s --help'\n",
		         n, cmds[i], n, cmds[i]);
		expect(args, 2, want);
	}
	/* Only the commands that check take --today. */
	expect("dates --today 2024-07-19 2>&1", 2,
	       "decrec dates: unknown option '--today'; try 'decrec dates --help'\n");
	expect("render --today 2024-02-30 records/24-00058.yaml 2>&1", 2,
	       "decrec render: --today '2024-02-30' is not a real day: February 2024 has 29 "
	       "days\ntry 'decrec render --help'\n");
	expect("fields --bogus 2>&1", 2,
	       "decrec fields: unknown option '--bogus'; try 'decrec fields --help'\n");
	expect("rules --fixes x 2>&1", 2, "decrec rules: takes no arguments\n");
	/* validate's --format values (options.def, for --help and the man
	 * page) are the library's format names, each taken by -f. */
	int st;
	char *names = run_command("sed -n 's/^OPT(FORMAT, .*\"FMT\", \"\\([^\"]*\\)\".*/\\1/p' "
	                          "src/cli/options.def",
	                          &st);
	ck_assert_str_eq(names, "text json sarif junit github\n");
	free(names);
	static const char *const fmts[] = {"text", "json", "sarif", "junit", "github"};
	for (size_t i = 0; i < sizeof(fmts) / sizeof(*fmts); i++) {
		char args[160];
		snprintf(args, sizeof(args),
		         "validate --no-config -f %s records/24-00058.yaml >/dev/null 2>&1",
		         fmts[i]);
		expect(args, 0, "");
	}
}
END_TEST

/* decrec schema and decrec completion refuse what they cannot do, in one
 * line each, and leave no partial file (tests/schema.py and
 * tests/completion.sh check what they write). */
START_TEST(schema_and_completion_usage)
{
	expect("schema x 2>&1", 2,
	       "decrec schema: takes no arguments\ntry 'decrec schema --help'\n");
	expect("schema --config /nonexistent/decrec.yaml 2>&1", 2,
	       "decrec: /nonexistent/decrec.yaml: cannot read: No such file or directory\n");
	expect("schema --no-config -o /nonexistent/s.json 2>&1", 3,
	       "decrec: /nonexistent/s.json: cannot write: No such file or directory\n");
	expect("schema --no-config | head -2", 0,
	       "{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n");
	/* -o FILE writes what stdout gets, and -o - is stdout; a full disk,
	 * for either, is exit 3. */
	char cmp[1024];
	snprintf(cmp, sizeof(cmp),
	         "--version >/dev/null; t=$(mktemp -d) && %s schema --no-config -o $t/s.json && "
	         "%s schema --no-config -o - | cmp - $t/s.json && echo same; rm -rf $t",
	         decrec_bin(), decrec_bin());
	expect(cmp, 0, "same\n");
	expect("schema --no-config 2>&1 >/dev/full", 3,
	       "decrec: cannot write the output: No space left on device\n");
	expect("schema --no-config -o /dev/full 2>&1", 3,
	       "decrec: /dev/full: cannot write: No space left on device\n");
	/* reference_pattern's POSIX classes and lone ] and } in ECMAScript's
	 * syntax, which editors compile; the configured statuses as patterns. */
	char args[1024];
	snprintf(args, sizeof(args),
	         "--version >/dev/null; t=$(mktemp -d) && printf '%%s\\n' "
	         "\"reference_pattern: '^[[:upper:]]{2}/[^]x]}\\$'\" >$t/d.yaml && "
	         "%s schema --config $t/d.yaml | grep -F '\"pattern\": \"^[A'; rm -rf $t",
	         decrec_bin());
	expect(args, 0, "          \"pattern\": \"^[A-Z]{2}/[^\\\\]x]\\\\}$\",\n");
	expect("schema --config tests/cases/config-statuses.decrec.yaml | grep -cF "
	       "'\"pattern\": \"^[ \\\\t]*(?:[sS][iI]'",
	       0, "3\n");
	expect("completion 2>&1", 2,
	       "decrec completion: name one shell: bash, zsh or fish\n"
	       "try 'decrec completion --help'\n");
	expect("completion bash zsh 2>&1", 2,
	       "decrec completion: name one shell: bash, zsh or fish\n"
	       "try 'decrec completion --help'\n");
	expect("completion bash | tail -1", 0, "complete -F _decrec decrec\n");
	expect("completion zsh | head -1", 0, "#compdef decrec\n");
	expect("completion fish | grep -c '__fish_use_subcommand -a schema '", 0, "1\n");
}
END_TEST

/* The man pages, written by decrec from the same tables: one per command,
 * each option of --help on its command's page, clean under groff -ww. */
START_TEST(man_pages)
{
	expect("--man", 0,
	       "decrec\ndecrec-validate\ndecrec-render\ndecrec-plan\ndecrec-notice\ndecrec-"
	       "site\ndecrec-new\ndecrec-fix\ndecrec-dates\n"
	       "decrec-fields\ndecrec-rules\ndecrec-labels\ndecrec-settings\ndecrec-schema\n"
	       "decrec-completion\ndecrec.yaml\n");
	expect("--man decrec-nope 2>&1", 2, "decrec: no man page 'decrec-nope'\n");
	static const char *const pages[] = {
	    "decrec",          "decrec-validate", "decrec-render",    "decrec-plan",
	    "decrec-notice",   "decrec-site",     "decrec-new",       "decrec-fix",
	    "decrec-dates",    "decrec-fields",   "decrec-rules",     "decrec-labels",
	    "decrec-settings", "decrec-schema",   "decrec-completion"};
	for (size_t i = 0; i < sizeof(pages) / sizeof(*pages); i++) {
		char args[256];
		int st;
		snprintf(args, sizeof(args), "--man %s | groff -man -ww -z 2>&1; echo $?",
		         pages[i]);
		expect(args, 0, "0\n");
		/* No line starts a request by accident: text lines start with
		 * a letter or an escape, requests are the writer's own. */
		snprintf(
		    args, sizeof(args),
		    "--man %s | grep -Ev '^([A-Za-z0-9(\\[]|\\\\|\\.(TH|SH|TP|PP|B|BR|I|IR|br) "
		    "|\\.(PP|TP|br|nh)$)'",
		    pages[i]);
		expect(args, 1, "");
		if (i == 0)
			continue;
		/* Every option the command's --help lists. */
		snprintf(args, sizeof(args),
		         "%s --help | sed -n 's/^  [ -][a-z ][ ,] --\\([a-z-]*\\).*/\\1/p'",
		         pages[i] + 7);
		char *opts = decrec(args, &st);
		ck_assert_int_eq(st, 0);
		ck_assert_msg(strstr(opts, "help\n"), "%s", opts);
		snprintf(args, sizeof(args), "--man %s", pages[i]);
		char *page = decrec(args, &st);
		ck_assert_int_eq(st, 0);
		for (char *o = opts, *nl; (nl = strchr(o, '\n')); o = nl + 1) {
			char want[160]; /* \fB\-\-no\-config\fR */
			snprintf(want, sizeof(want), "\\fB\\-\\-");
			size_t w = strlen(want);
			for (char *c = o; c < nl && w + 3 < sizeof(want); c++) {
				if (*c == '-')
					want[w++] = '\\';
				want[w++] = *c;
			}
			memcpy(want + w, "\\fR", 4);
			ck_assert_msg(strstr(page, want), "%s: no %s", pages[i], want);
		}
		free(opts);
		free(page);
	}
}
END_TEST

Suite *suite_cmd(void)
{
	Suite *s = suite_create("cmd");
	TCase *tc = tcase_create("cmd");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, usage);
	tcase_add_test(tc, option_errors);
	tcase_add_test(tc, date_options);
	tcase_add_test(tc, names_ignore_case);
	tcase_add_test(tc, exit_statuses);
	tcase_add_test(tc, standard_input);
	tcase_add_test(tc, output_file);
	tcase_add_test(tc, colour);
	tcase_add_test(tc, default_paths);
	tcase_add_test(tc, jobs_do_not_change_output);
	tcase_add_test(tc, help_lists_commands);
	tcase_add_test(tc, findings_before_summary);
	tcase_add_test(tc, max_warnings_reason);
	tcase_add_test(tc, no_records);
	tcase_add_test(tc, input_search);
	tcase_add_test(tc, stdin_filename);
	tcase_add_test(tc, options_from_table);
	tcase_add_test(tc, man_pages);
	tcase_add_test(tc, schema_and_completion_usage);
	suite_add_tcase(s, tc);
	return s;
}
