/* decrec.yaml: discovery, every key, and errors that name file:line:col. */
#include "tests.h"

#include "config.h"
#include "date.h"
#include "holidays.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/decrec-config-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void write_file(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Loads dir/decrec.yaml; returns the error (caller frees) or NULL. */
static char *load(const char *text, dr_config **cfg)
{
	char path[512], *err = NULL;
	write_file("decrec.yaml", text);
	snprintf(path, sizeof(path), "%s/decrec.yaml", dir);
	*cfg = NULL;
	if (dr_config_load(cfg, path, &err) == 0)
		return NULL;
	/* Strip the temporary directory so messages compare exactly. */
	char *p = strstr(err, "decrec.yaml");
	if (p)
		memmove(err, p, strlen(p) + 1);
	return err;
}

/* A config that does not load, and the start of the error it must give. */
typedef struct bad_config {
	const char *text, *err;
} bad_config;

static void expect_errors(const bad_config *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dr_config *cfg;
		char *err = load(cases[i].text, &cfg);
		ck_assert_msg(err != NULL, "case %zu loaded", i);
		ck_assert_msg(!strncmp(err, cases[i].err, strlen(cases[i].err)), "case %zu: %s", i,
		              err);
		free(err);
	}
}

START_TEST(every_key)
{
	dr_config *cfg;
	write_file("hols.json", "{\"england-and-wales\": {\"division\": \"england-and-wales\", "
	                        "\"events\": [{\"title\": \"New Year\", \"date\": \"2028-01-03\", "
	                        "\"notes\": \"\", \"bunting\": true}]}}\n");
	char *err = load("authority: Kent County Council\n"
	                 "reference_pattern: '^KCC-[0-9]+$'\n"
	                 "calendar:\n"
	                 "  division: england-and-wales\n"
	                 "  holidays_file: hols.json\n"
	                 "  closures: [2024-12-27, 30/12/2024]\n"
	                 "call_in:\n"
	                 "  working_days: 10\n"
	                 "  effective: next-working-day\n"
	                 "key_decisions:\n"
	                 "  notice_clear_days: 30\n"
	                 "  general_exception_clear_days: 6\n"
	                 "  general_exception_days: calendar\n"
	                 "publication:\n"
	                 "  within_working_days: 3\n"
	                 "date_style: long\n"
	                 "statuses:\n"
	                 "  - {name: For Determination, phase: proposed}\n"
	                 "  - {name: Taken, phase: made}\n"
	                 "rules:\n"
	                 "  late-publication: off\n"
	                 "  file-name: error\n"
	                 "templates: tpl/\n"
	                 "docs_url: https://council.example/decrec/docs/rules.md\n",
	                 &cfg);
	ck_assert_msg(err == NULL, "%s", err);
	ck_assert_str_eq(cfg->authority, "Kent County Council");
	ck_assert_int_eq(regexec(&cfg->reference_re, "KCC-12", 0, NULL, 0), 0);
	ck_assert_int_ne(regexec(&cfg->reference_re, "24/00058", 0, NULL, 0), 0);
	int32_t d;
	dr_date_parse(&d, "2024-12-27", 10);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, d), 0);
	dr_date_parse(&d, "2024-12-30", 10);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, d), 0);
	dr_date_parse(&d, "2028-01-04", 10);
	ck_assert_int_eq(dr_calendar_working(&cfg->cal, d), 1); /* 2028 now covered */
	ck_assert_int_eq(cfg->call_in_days, 10);
	ck_assert_int_eq(cfg->effective_next_working, 1);
	ck_assert_int_eq(cfg->notice_clear_days, 30);
	ck_assert_int_eq(cfg->exception_clear_days, 6);
	ck_assert_int_eq(cfg->exception_calendar, 1);
	ck_assert_int_eq(cfg->publication_within, 3);
	ck_assert_int_eq(cfg->date_style_long, 1);
	ck_assert_uint_eq(cfg->nstatuses, 2);
	ck_assert_str_eq(cfg->statuses[1].name, "Taken");
	ck_assert_int_eq(cfg->statuses[1].phase, PHASE_MADE);
	ck_assert_int_eq(cfg->severity[dr_rule_find("late-publication")], DR_OFF);
	ck_assert_int_eq(cfg->severity[dr_rule_find("file-name")], DR_ERROR);
	ck_assert_int_eq(cfg->severity[dr_rule_find("call-in-window")], DR_ERROR);
	ck_assert_ptr_nonnull(strstr(cfg->templates, "/tpl/"));
	ck_assert_str_eq(dr_config_docs_url(cfg), "https://council.example/decrec/docs/rules.md");
	char *real = realpath(dir, NULL);
	ck_assert_str_eq(cfg->root, real);
	free(real);
	dr_config_free(cfg);
}
END_TEST

START_TEST(errors)
{
	static const bad_config cases[] = {
	    {"authority: x\ncall_inn:\n  working_days: 5\n",
	     "decrec.yaml:2:1: unknown key 'call_inn': did you mean 'call_in'?"},
	    {"call_in:\n  working_days: five\n",
	     "decrec.yaml:2:17: 'working_days' must be a whole number from 1 to 60"},
	    {"calendar:\n  division: wales\n",
	     "decrec.yaml:2:13: unknown division 'wales': expected england-and-wales, scotland "
	     "or northern-ireland"},
	    {"rules:\n  late-publication: never\n",
	     "decrec.yaml:2:21: the severity of 'late-publication' must be error, warning or off"},
	    {"rules:\n  call-in-windw: off\n",
	     "decrec.yaml:2:3: unknown rule 'call-in-windw': did you mean 'call-in-window'?"},
	    {"statuses:\n  - {name: Done, phase: finished}\n",
	     "decrec.yaml:2:25: unknown phase 'finished': expected proposed, made, referred, "
	     "called-in or withdrawn"},
	    {"a: [1\n", "decrec.yaml:2:1: not well-formed YAML: did not find expected ',' or ']' "
	                "while parsing a flow sequence [yaml-syntax]"},
	    {"authority: x\nauthority: y\n",
	     "decrec.yaml:2:1: key 'authority' appears twice in this mapping (first on line 1); "
	     "YAML parsers keep only one value silently, so remove or rename one [duplicate-key]"},
	    {"calendar:\n  closures: [2024-13-01]\n",
	     "decrec.yaml:2:14: closure '2024-13-01' is not a real day: months run from 1 to 12"},
	    {"calendar:\n  holidays_file: none.json\n", "decrec.yaml:2:18: holidays_file "},
	    {"reference_pattern: '(['\n",
	     "decrec.yaml:1:20: reference_pattern '([' is not a valid extended regular expression"},
	    {"date_style: medium\n",
	     "decrec.yaml:1:13: 'date_style' must be short or long, not 'medium'"},
	};
	expect_errors(cases, sizeof(cases) / sizeof(*cases));
}
END_TEST

START_TEST(discovery)
{
	char sub[512], path[600];
	write_file("decrec.yaml", "authority: Kent County Council\n");
	snprintf(sub, sizeof(sub), "%s/records/2024", dir);
	snprintf(path, sizeof(path), "mkdir -p '%s'", sub);
	ck_assert_int_eq(system(path), 0);
	char *found = dr_config_find(sub);
	ck_assert_ptr_nonnull(found);
	char *real = realpath(dir, NULL);
	snprintf(path, sizeof(path), "%s/decrec.yaml", real);
	ck_assert_str_eq(found, path);
	free(found);
	free(real);
	/* From a relative directory, a relative path (the tests run in the
	 * project root, which has a decrec.yaml). */
	found = dr_config_find(".");
	ck_assert_str_eq(found, "decrec.yaml");
	free(found);
	found = dr_config_find("tests/cases/document-missing");
	ck_assert_str_eq(found, "tests/cases/document-missing/../../../decrec.yaml");
	free(found);
	/* Nothing above /tmp/x: */
	unlink(path);
	found = dr_config_find(sub);
	ck_assert_msg(found == NULL || strncmp(found, "/tmp/decrec-config", 18), "%s", found);
	free(found);
}
END_TEST

Suite *suite_config(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_key);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, discovery);
	suite_add_tcase(s, tc);
	return s;
}

/* More ways a config can be wrong, each with its own message. */
START_TEST(more_errors)
{
	static const bad_config cases[] = {
	    {"- a\n", "decrec.yaml:1:1: the config must be a mapping of settings"},
	    {"calendar: 5\n", "decrec.yaml:1:11: 'calendar' must be a mapping"},
	    {"call_in:\n  effective: soon\n",
	     "decrec.yaml:2:14: 'effective' must be next-day or next-working-day, not 'soon'"},
	    {"statuses: []\n", "decrec.yaml:1:11: 'statuses' must be a list of {name, phase}"},
	    {"statuses: [x]\n", "decrec.yaml:1:12: each status must be a mapping {name, phase}"},
	    {"statuses:\n  - {phase: made}\n", "decrec.yaml:2:5: a status needs a name"},
	    {"statuses:\n  - {name: Done}\n", "decrec.yaml:2:5: the status 'Done' needs a phase: "
	                                      "proposed, made, referred, called-in "
	                                      "or withdrawn"},
	    {"statuses:\n  - {name: Done, phase: made, colour: red}\n",
	     "decrec.yaml:2:31: unknown key 'colour' in statuses[]"},
	    {"rules: [a]\n",
	     "decrec.yaml:1:8: 'rules' must map rule names to error, warning or off"},
	    {"rules:\n  nothing-like-any-rule-at-all: off\n",
	     "decrec.yaml:2:3: unknown rule 'nothing-like-any-rule-at-all' (see docs/rules.md)"},
	    {"authority: [x]\n", "decrec.yaml:1:12: 'authority' must be text"},
	    {"calendar:\n  closures: 2024-12-27\n",
	     "decrec.yaml:2:13: 'closures' must be a list of dates"},
	    {"key_decisions:\n  general_exception_days: weekly\n",
	     "decrec.yaml:2:27: 'general_exception_days' must be working or calendar, not "
	     "'weekly'"},
	    {"key_decisions:\n  notice_clear_days: -1\n",
	     "decrec.yaml:2:22: 'notice_clear_days' must be a whole number from 0 to 365"},
	    {"authority: x\n---\nauthority: y\n",
	     "decrec.yaml:2:1: the file must hold one YAML document"},
	    {"", "decrec.yaml:1:1: the file is empty"},
	    {"colour: red\n", "decrec.yaml:1:1: unknown key 'colour' (see docs/configuration.md)"},
	    {"? [a]\n: b\n", "decrec.yaml:1:3: a key must be a plain name"},
	};
	expect_errors(cases, sizeof(cases) / sizeof(*cases));
}
END_TEST

/* A bad closure says what is wrong with it, exactly, at its own position. */
START_TEST(closure_errors)
{
	static const bad_config cases[] = {
	    {"calendar:\n  closures: [2024-12-27, 31/04/2025]\n",
	     "decrec.yaml:2:26: closure '31/04/2025' is not a real day: April 2025 has 30 days"},
	    {"calendar:\n  closures:\n    - 2025-02-29\n",
	     "decrec.yaml:3:7: closure '2025-02-29' is not a real day: February 2025 has 28 days"},
	    {"calendar:\n  closures: [27-12-2024]\n",
	     "decrec.yaml:2:14: closure '27-12-2024' is not a date: expected YYYY-MM-DD or "
	     "DD/MM/YYYY"},
	    {"calendar:\n  closures: [[2024-12-27]]\n",
	     "decrec.yaml:2:14: a closure must be a date (YYYY-MM-DD or DD/MM/YYYY)"},
	    {"calendar:\n  closures: [1850-12-27]\n",
	     "decrec.yaml:2:14: closure '1850-12-27' is outside the years a calendar can hold "
	     "(1900 to 2200)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		dr_config *cfg;
		char *err = load(cases[i].text, &cfg);
		ck_assert_msg(err != NULL, "case %zu loaded", i);
		ck_assert_str_eq(err, cases[i].err);
		free(err);
	}
}
END_TEST

/* A bad reference_pattern carries the regex library's reason. */
START_TEST(pattern_reason)
{
	static const char *const bad[] = {"([", "(ab", "a{2,1}", "*a"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char text[128], want[512], why[128];
		regex_t re;
		int rc = regcomp(&re, bad[i], REG_EXTENDED | REG_NOSUB);
		ck_assert_int_ne(rc, 0);
		regerror(rc, NULL, why, sizeof(why));
		ck_assert_uint_gt(strlen(why), 5);
		why[0] = (char)tolower((unsigned char)why[0]);
		snprintf(text, sizeof(text), "reference_pattern: '%s'\n", bad[i]);
		snprintf(want, sizeof(want),
		         "decrec.yaml:1:20: reference_pattern '%s' is not a valid extended regular "
		         "expression: %s",
		         bad[i], why);
		dr_config *cfg;
		char *err = load(text, &cfg);
		ck_assert_ptr_nonnull(err);
		ck_assert_str_eq(err, want);
		free(err);
	}
}
END_TEST

/* holidays_file: GOV.UK's format, and what is wrong with a bad one. */
START_TEST(holidays_files)
{
	static const struct {
		const char *json, *err;
	} cases[] = {
	    {"[1, 2]\n", "hols.json has no events for england-and-wales"},
	    {"{\"scotland\": {\"events\": []}}\n", "hols.json has no events for england-and-wales"},
	    {"{\"england-and-wales\": {\"events\": [{\"date\": \"2028-13-01\"}]}}\n",
	     "hols.json:1: event 0: date '2028-13-01' is not a real day: months run from 1 to 12"},
	    {"{\"england-and-wales\": {\"events\": [{\"date\": \"2027-02-29\"}]}}\n",
	     "hols.json:1: event 0: date '2027-02-29' is not a real day: February 2027 has 28 "
	     "days"},
	    {"{\"england-and-wales\": {\"events\": [{\"date\": \"3 Jan 2028\"}]}}\n",
	     "hols.json:1: event 0: date '3 Jan 2028' is not a date: expected YYYY-MM-DD or "
	     "DD/MM/YYYY"},
	    {"{\"england-and-wales\": {\"events\": [{\"title\": \"x\"}]}}\n",
	     "hols.json:1: event 0 has no date"},
	    {"{\"england-and-wales\": \n", "hols.json:2:1: not well-formed YAML"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		dr_config *cfg;
		write_file("hols.json", cases[i].json);
		char *err = load("calendar:\n  holidays_file: hols.json\n", &cfg);
		ck_assert_msg(err != NULL, "case %zu loaded", i);
		ck_assert_msg(strstr(err, cases[i].err) != NULL, "case %zu: %s", i, err);
		free(err);
	}
}
END_TEST

/* A config held in memory: the checks of a file, and the error in parts. */
START_TEST(from_buffer)
{
	dr_config *cfg = NULL;
	dr_error e = {0};
	/* Not NUL-terminated: only len bytes are read. */
	static const char text[] =
	    "authority: Kent County Council\ncall_in:\n  working_days: 7\nXX";
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "kent.yaml", text, sizeof(text) - 3, &e), 0);
	ck_assert_ptr_null(e.message);
	ck_assert_str_eq(cfg->authority, "Kent County Council");
	ck_assert_int_eq(dr_config_call_in_days(cfg), 7);
	ck_assert_str_eq(cfg->path, "kent.yaml");
	char *cwd = realpath(".", NULL);
	ck_assert_str_eq(dr_config_root(cfg), cwd);
	free(cwd);
	dr_config_free(cfg);

	cfg = NULL;
	static const char bad[] = "authority: x\ncall_inn:\n  working_days: 5\n";
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "kent.yaml", bad, strlen(bad), &e), DR_EINVAL);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(e.file, "kent.yaml");
	ck_assert_uint_eq(e.line, 2);
	ck_assert_uint_eq(e.column, 1);
	ck_assert_str_eq(e.message, "unknown key 'call_inn': did you mean 'call_in'?");
	dr_error_clear(&e);
	ck_assert_ptr_null(e.file);
	ck_assert_ptr_null(e.message);
	ck_assert_uint_eq(e.line, 0);

	/* No name; a YAML error keeps its rule; an empty buffer is an empty file. */
	static const char yaml[] = "call_in:\n  working_days: [5\n";
	ck_assert_int_eq(dr_config_load_buffer(&cfg, NULL, yaml, strlen(yaml), &e), DR_EINVAL);
	ck_assert_str_eq(e.file, "(buffer)");
	ck_assert_uint_eq(e.line, 3);
	ck_assert_uint_eq(e.column, 1);
	ck_assert_str_eq(e.message, "not well-formed YAML: did not find expected ',' or ']' while "
	                            "parsing a flow sequence [yaml-syntax]");
	dr_error_clear(&e);
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "empty", NULL, 0, &e), DR_EINVAL);
	ck_assert_str_eq(e.message, "the file is empty");
	ck_assert_uint_eq(e.line, 1);
	dr_error_clear(&e);
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "x", NULL, 3, &e), DR_EINVAL);
	ck_assert_ptr_null(e.file);
	ck_assert_str_eq(e.message, "the config's text is NULL");
	dr_error_clear(&e);
	/* Over 1 MiB, as a file. */
	size_t big = (1u << 20) + 1;
	char *huge = malloc(big);
	ck_assert_ptr_nonnull(huge);
	memset(huge, '#', big);
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "huge.yaml", huge, big, &e), DR_EINVAL);
	ck_assert_str_eq(e.message, "the file is too large");
	dr_error_clear(&e);
	free(huge);
	/* err may be NULL; a zeroed or NULL dr_error can be cleared. */
	ck_assert_int_eq(dr_config_load_buffer(&cfg, "kent.yaml", bad, strlen(bad), NULL),
	                 DR_EINVAL);
	ck_assert_ptr_null(cfg);
	dr_error_clear(&e);
	dr_error_clear(NULL);
}
END_TEST

/* A config that cannot be read is named, in parts and as one line, never
 * "out of memory" (the directory lookup once came first and failed). */
START_TEST(unreadable)
{
	char path[512], want[700], cmd[1200];
	dr_config *cfg = NULL;
	dr_error e;
	char *err = NULL;
	snprintf(path, sizeof(path), "%s/none.yaml", dir);
	ck_assert_int_eq(dr_config_load_file(&cfg, path, &e), DR_EIO);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(e.file, path);
	ck_assert_uint_eq(e.line, 0);
	ck_assert_uint_eq(e.column, 0);
	ck_assert_str_eq(e.message, "cannot read: No such file or directory");
	dr_error_clear(&e);
	ck_assert_int_eq(dr_config_load(&cfg, path, &err), DR_EIO);
	snprintf(want, sizeof(want), "%s: cannot read: No such file or directory", path);
	ck_assert_str_eq(err, want);
	free(err);
	/* The command says the same and exits 2, for each command that loads it. */
	static const char *const cmds[] = {"validate records/24-00058.yaml",
	                                   "dates --published 2024-07-19",
	                                   "render records/24-00058.yaml"};
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
		int st;
		snprintf(cmd, sizeof(cmd), "%s %s --config %s 2>&1 >/dev/null", decrec_bin(),
		         cmds[i], path);
		char *out = run_command(cmd, &st);
		snprintf(want, sizeof(want), "decrec: %s: cannot read: No such file or directory\n",
		         path);
		ck_assert_str_eq(out, want);
		ck_assert_int_eq(st, 2);
		free(out);
	}
}
END_TEST

/* The YAML that sets row k of config.def to `value`, under its section. */
static void key_yaml(char *buf, size_t cap, int k, const char *value)
{
	const dr_config_key *ki = &dr_config_keys[k];
	if (ki->parent == K_ROOT)
		snprintf(buf, cap, "%s: %s\n", ki->key, value);
	else if (dr_config_keys[ki->parent].type == C_MAP)
		snprintf(buf, cap, "%s:\n  %s: %s\n", dr_config_keys[ki->parent].key, ki->key,
		         value);
	else /* an entry of statuses */
		snprintf(buf, cap, "%s:\n  - {name: Done, phase: made, %s: %s}\n",
		         dr_config_keys[ki->parent].key, ki->key, value);
}

/* config.def drives the loader: each number's range, each choice's values,
 * the defaults, and the suggestion for a misspelt key come from its rows. */
START_TEST(key_table)
{
	dr_config *cfg, *def;
	char text[512], want[512], *err;
	ck_assert_int_eq(dr_config_load(&def, NULL, &err), 0);
	for (int k = 0; k < K_COUNT; k++) {
		const dr_config_key *ki = &dr_config_keys[k];
		const int *num =
		    ki->slot == DR_NO_SLOT ? NULL : (const int *)((const char *)def + ki->slot);
		if (ki->type == C_INT) {
			ck_assert_int_eq(*num, (int)strtol(ki->def, NULL, 10));
			for (int v = ki->min; v <= ki->max; v += ki->max - ki->min) {
				snprintf(want, sizeof(want), "%d", v);
				key_yaml(text, sizeof(text), k, want);
				ck_assert_ptr_null(load(text, &cfg));
				ck_assert_int_eq(*(const int *)((const char *)cfg + ki->slot), v);
				dr_config_free(cfg);
			}
			key_yaml(text, sizeof(text), k, "1000");
			err = load(text, &cfg);
			snprintf(want, sizeof(want), "'%s' must be a whole number from %d to %d",
			         ki->key, ki->min, ki->max);
			ck_assert_msg(err && strstr(err, want), "%s: %s", ki->key, err);
			free(err);
		}
		if (ki->type == C_CHOICE || (ki->type == C_NAME && ki->slot != DR_NO_SLOT)) {
			char value[64];
			const char *v = ki->values;
			for (int i = 0; *v; i++) {
				size_t len = strcspn(v, "|");
				snprintf(value, sizeof(value), "%.*s", (int)len, v);
				v += len + (v[len] == '|');
				key_yaml(text, sizeof(text), k, value);
				ck_assert_ptr_null(load(text, &cfg));
				const char *slot = (const char *)cfg + ki->slot;
				if (ki->type == C_CHOICE)
					ck_assert_int_eq(*(const int *)slot, i);
				else
					ck_assert_str_eq(*(char *const *)slot, value);
				dr_config_free(cfg);
			}
			if (ki->type == C_CHOICE)
				ck_assert_int_eq(*num, dr_config_value_index(ki->values, ki->def));
			else
				ck_assert_str_eq(*(char *const *)num, ki->def);
		}
		/* A key one letter short is suggested. */
		snprintf(want, sizeof(want), "%.*s", (int)strlen(ki->key) - 1, ki->key);
		key_yaml(text, sizeof(text), k, "x");
		char *at = strstr(text, ki->key);
		memmove(at + strlen(want), at + strlen(ki->key), strlen(at + strlen(ki->key)) + 1);
		err = load(text, &cfg);
		ck_assert_ptr_nonnull(err);
		char *said = strstr(err, "unknown key '");
		ck_assert_msg(said && !strncmp(said + 13, want, strlen(want)) &&
		                  said[13 + strlen(want)] == '\'',
		              "%s: %s", ki->key, err);
		snprintf(want, sizeof(want), "did you mean '%s'?", ki->key);
		ck_assert_str_eq(err + strlen(err) - strlen(want), want);
		free(err);
	}
	dr_config_free(def);
	/* The values of the rows that name things of other modules are theirs. */
	char value[64];
	for (const char *v = dr_config_keys[K_DIVISION].values; *v;) {
		size_t len = strcspn(v, "|"), n;
		snprintf(value, sizeof(value), "%.*s", (int)len, v);
		ck_assert_msg(dr_holidays_builtin(value, &n) != NULL, "%s", value);
		v += len + (v[len] == '|');
	}
	for (int p = PHASE_PROPOSED; p <= PHASE_WITHDRAWN; p++)
		ck_assert_int_eq(
		    dr_config_value_index(dr_config_keys[K_STATUS_PHASE].values, dr_phase_name(p)),
		    p - PHASE_PROPOSED);
	ck_assert_int_eq(
	    dr_config_value_index(dr_config_keys[K_RULES].values, dr_severity_name(DR_WARNING)), 1);
}
END_TEST

/* The docs table and the manual page hold every row of config.def. */
START_TEST(key_docs)
{
	char *md = NULL, *man = NULL, path[64], want[128];
	size_t mdlen, manlen;
	FILE *f = open_memstream(&md, &mdlen);
	dr_docs_write_config(f);
	fclose(f);
	f = open_memstream(&man, &manlen);
	dr_docs_write_config_man(f);
	fclose(f);
	ck_assert_str_eq(strchr(md, '\n') + 1, strstr(md, "|---|---|---|---|\n"));
	for (int k = 0; k < K_COUNT; k++) {
		dr_config_key_path(k, path, sizeof(path));
		snprintf(want, sizeof(want), "\n| `%s` | ", path);
		ck_assert_msg(strstr(md, want) != NULL, "%s", want);
		snprintf(want, sizeof(want), "\n.TP\n.B %s\n", path);
		ck_assert_msg(strstr(man, want) != NULL, "%s", want);
	}
	ck_assert_ptr_nonnull(
	    strstr(md, "| `call_in.working_days` | whole number, 1 to 60 | `5` |"));
	ck_assert_ptr_nonnull(strstr(man,
	                             ".B call_in.effective\n\\fBnext-day\\fR or "
	                             "\\fBnext-working-day\\fR; default: \\fBnext-day\\fR.\n"));
	ck_assert_ptr_nonnull(strstr(man, ".TH DECREC.YAML 5 "));
	ck_assert_ptr_nonnull(strstr(man, "Council\\[u2019]s Strategy"));
	free(md);
	free(man);
}
END_TEST

Suite *suite_config_more(void)
{
	Suite *s = suite_create("config-more");
	TCase *tc = tcase_create("config-more");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, more_errors);
	tcase_add_test(tc, holidays_files);
	tcase_add_test(tc, closure_errors);
	tcase_add_test(tc, pattern_reason);
	tcase_add_test(tc, from_buffer);
	tcase_add_test(tc, unreadable);
	tcase_add_test(tc, key_table);
	tcase_add_test(tc, key_docs);
	suite_add_tcase(s, tc);
	return s;
}
