/* The YAML test suite ($SHARED/conformance/yaml-test-suite, read in place):
 * each in.yaml is checked in-process, one forked test per case, and by
 * `decrec validate -f json`, whose report and exit status must agree; neither
 * may crash or hang. Where libyaml rejects the input, decrec reports one
 * yaml-syntax finding on a line of the file; where libyaml accepts it, no
 * yaml-syntax and at least one other finding. libyaml's verdict is taken here,
 * from its event API; a case where it differs from the suite's must be listed
 * in tests/yamlsuite-libyaml.txt, and a listed case must differ. */
#include "tests.h"

#include "decrec.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#define SUITE_DIR "conformance/yaml-test-suite"
#define LIST "tests/yamlsuite-libyaml.txt"
#define TODAY "2026-01-01"
/* The suite's export (its SOURCE file): a folder cut short must not pass as
 * a smaller suite. */
#define SUITE_CASES 402
#define SUITE_ERRORS 94

/* One case: "ID" for <suite>/ID/in.yaml, or "ID/NN" in the suite's own
 * data-branch layout, where a file with several tests has a folder per test. */
typedef struct ycase {
	char *id;
	int error; /* the suite says the input must fail to parse */
} ycase;

/* Found once when the suite is built; each forked test reads its own entry. */
static ycase *cases;
static int ncases;
static char scan_error[4400]; /* why the suite folder could not be read */

static const char *suite_dir(char *buf, size_t cap)
{
	snprintf(buf, cap, "%s/" SUITE_DIR, shared_dir());
	return buf;
}

static int exists(const char *dir, const char *id, const char *file)
{
	char path[4400];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s/%s", dir, id, file);
	return stat(path, &st) == 0;
}

static int cmp_case(const void *a, const void *b)
{
	return strcmp(((const ycase *)a)->id, ((const ycase *)b)->id);
}

static void add_case(const char *dir, const char *id)
{
	static int cap;
	if (ncases == cap) {
		cap = cap ? cap * 2 : 512;
		cases = realloc(cases, (size_t)cap * sizeof(*cases));
		if (!cases)
			abort();
	}
	cases[ncases].id = strdup(id);
	cases[ncases].error = exists(dir, id, "error");
	if (!cases[ncases].id)
		abort();
	ncases++;
}

/* Every folder holding an in.yaml, one level deep or, for folders that hold
 * none, two (ID/00/in.yaml); sorted by id. Sets scan_error when the suite
 * folder cannot be read or a case folder holds no input. */
static void find_cases(void)
{
	char dir[4200];
	suite_dir(dir, sizeof(dir));
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(scan_error, sizeof(scan_error), "cannot open %s", dir);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		char sub[4400];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
		if (stat(sub, &st) || !S_ISDIR(st.st_mode))
			continue; /* SOURCE, License */
		if (exists(dir, e->d_name, "in.yaml")) {
			add_case(dir, e->d_name);
			continue;
		}
		int found = 0;
		DIR *d2 = opendir(sub);
		for (struct dirent *e2; d2 && (e2 = readdir(d2));) {
			char id[600];
			snprintf(id, sizeof(id), "%s/%s", e->d_name, e2->d_name);
			if (e2->d_name[0] != '.' && exists(dir, id, "in.yaml")) {
				add_case(dir, id);
				found = 1;
			}
		}
		if (d2)
			closedir(d2);
		if (!found && !scan_error[0])
			snprintf(scan_error, sizeof(scan_error), "%s holds no in.yaml", sub);
	}
	closedir(d);
	if (ncases)
		qsort(cases, (size_t)ncases, sizeof(*cases), cmp_case);
	else if (!scan_error[0])
		snprintf(scan_error, sizeof(scan_error), "%s holds no case", dir);
}

static void require_suite(void)
{
	ck_assert_msg(!scan_error[0],
	              "the YAML test suite cannot be run: %s (set SHARED to the "
	              "shared folder)",
	              scan_error);
}

/* ---- what libyaml says ------------------------------------------------------ */

typedef struct verdict {
	int accepts;
	int reader_error; /* rejected for its characters (encoding), not its syntax */
	char problem[200];
	unsigned long line, column; /* 1-based */
} verdict;

/* libyaml's own verdict on the text, through its event API with its default
 * settings: it accepts the input when it reaches the end of the stream. */
static void libyaml_verdict(verdict *v, const char *buf, size_t len)
{
	yaml_parser_t p;
	memset(v, 0, sizeof(*v));
	ck_assert_int_eq(yaml_parser_initialize(&p), 1);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			ck_assert_int_ne(p.error, YAML_MEMORY_ERROR);
			yaml_mark_t m = p.problem ? p.problem_mark : p.context_mark;
			snprintf(v->problem, sizeof(v->problem), "%s", p.problem ? p.problem : "?");
			v->line = (unsigned long)m.line + 1;
			v->column = (unsigned long)m.column + 1;
			v->reader_error = p.error == YAML_READER_ERROR;
			break;
		}
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end) {
			v->accepts = 1;
			break;
		}
	}
	yaml_parser_delete(&p);
}

/* ---- positions ---------------------------------------------------------------- */

/* Whether line:column (1-based, the column in code points) is a place on a
 * line of the text, at most one past the line's last character (on its line
 * break, or at the end of an unterminated last line). Lines break where
 * libyaml breaks them (CR LF, CR, LF, NEL, LS, PS), and a break ends a line:
 * the end of a text that ends with a break is not on a line of its own, as
 * no editor shows one (an empty text has one empty line). So libyaml's mark
 * for an input that ends too soon, line n + 1 column 1 after n lines, must be
 * moved to a line of the file by whoever reports it. */
static int inside(const char *buf, size_t len, uint32_t line, uint32_t column)
{
	const unsigned char *s = (const unsigned char *)buf;
	uint32_t no = 1, chars = 0;
	int begun = 1; /* the last line is one: a character since the last break, or none */
	if (line < 1 || column < 1)
		return 0;
	for (size_t i = 0; i < len; i++) {
		size_t brk = 0;
		if (s[i] == '\n')
			brk = 1;
		else if (s[i] == '\r')
			brk = i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
		else if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0x85)
			brk = 2;
		else if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
		         (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
			brk = 3;
		if (!brk) {
			chars += (s[i] & 0xC0) != 0x80;
			begun = 1;
			continue;
		}
		if (no == line)
			return column <= chars + 1;
		no++;
		chars = 0;
		begun = 0;
		i += brk - 1;
	}
	return begun && no == line && column <= chars + 1;
}

/* The rule above, on its edges. */
START_TEST(positions)
{
#define AT(text, line, column) inside(text, sizeof(text) - 1, line, column)
	ck_assert(AT("", 1, 1) && !AT("", 1, 2) && !AT("", 2, 1));
	ck_assert(AT("ab\n", 1, 3) && !AT("ab\n", 1, 4) && !AT("ab\n", 2, 1));
	ck_assert(AT("ab", 1, 3) && !AT("ab", 1, 4) && !AT("a\n", 0, 1) && !AT("a\n", 1, 0));
	ck_assert(AT("a\n\n", 2, 1) && !AT("a\n\n", 3, 1));
	ck_assert(AT("a\r\nb", 2, 2) && !AT("a\r\nb", 3, 1) && AT("a\rb\n", 2, 2));
	ck_assert(AT("\xc3\xa9\n", 1, 2) && !AT("\xc3\xa9\n", 1, 3));
	ck_assert(AT("a\xc2\x85z", 2, 2) && !AT("a\xe2\x80\xa8", 2, 1)); /* NEL, LS */
#undef AT
}
END_TEST

/* ---- each case through decrec ------------------------------------------------- */

/* The JSON report of the checked file as `decrec validate -f json` writes it
 * (malloc'd), and its error count. */
static char *json_report(dr_file *f, size_t *errors)
{
	dr_totals t;
	char *text = report_text(DR_FORMAT_JSON, f, &t);
	*errors = t.errors;
	return text;
}

/* Appends s to buf in single quotes, for the shell. */
static void shell_quote(char *buf, size_t cap, const char *s)
{
	size_t n = strlen(buf);
	ck_assert_uint_lt(n + 4 * strlen(s) + 3, cap);
	buf[n++] = '\'';
	for (; *s; s++) {
		if (*s == '\'') {
			memcpy(buf + n, "'\\''", 4);
			n += 4;
		} else {
			buf[n++] = *s;
		}
	}
	buf[n++] = '\'';
	buf[n] = '\0';
}

START_TEST(one_case)
{
	const ycase *c = &cases[_i];
	char dir[4200], path[4800], *buf, *err = NULL;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s/in.yaml", suite_dir(dir, sizeof(dir)), c->id);
	ck_assert_msg(dr_read_file(&buf, &len, path, DR_MAX_FILE_SIZE, &err) == 0, "%s", err);
	verdict v;
	libyaml_verdict(&v, buf, len);

	dr_config *cfg;
	dr_check_options opt = {0};
	dr_file *f;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	ck_assert_int_eq(dr_date_parse_str(&opt.today, TODAY), 0);
	ck_assert_int_eq(dr_file_check(&f, cfg, &opt, path, path, buf, len), 0);
	ck_assert_int_eq(dr_check_references(&f, 1), 0);

	size_t n, syntax = 0, encoding = 0;
	const dr_diag *d = dr_file_diags(f, &n);
	for (size_t i = 0; i < n; i++) {
		const char *rule = dr_rule_name(d[i].rule);
		ck_assert_msg(inside(buf, len, d[i].line, d[i].column),
		              "%s: %s at %u:%u, outside the file (%s)", c->id, rule, d[i].line,
		              d[i].column, d[i].message);
		syntax += !strcmp(rule, "yaml-syntax");
		encoding += !strcmp(rule, "encoding");
	}
	if (!v.accepts) {
		/* libyaml's reader refuses bad characters (invalid UTF-8, a NUL):
		 * decrec may call them `encoding`. No case reaches a limit of
		 * decrec's, so too-large is no excuse. */
		ck_assert_msg(syntax == 1 || (v.reader_error && encoding && !syntax),
		              "%s: libyaml rejects it (%s at %lu:%lu) but decrec reports %zu "
		              "yaml-syntax findings",
		              c->id, v.problem, v.line, v.column, syntax);
	} else {
		ck_assert_msg(syntax == 0, "%s: libyaml accepts it but decrec reports yaml-syntax",
		              c->id);
		ck_assert_msg(n > 0, "%s: no finding on a file that is no record", c->id);
	}

	/* The binary users run says the same, in its own process and time. */
	size_t errors;
	char *want = json_report(f, &errors), cmd[16384] = "timeout 10 ";
	shell_quote(cmd, sizeof(cmd), decrec_bin());
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd),
	         " validate --no-config --today " TODAY " -j 1 -f json ");
	shell_quote(cmd, sizeof(cmd), path);
	strncat(cmd, " 2>&1", sizeof(cmd) - strlen(cmd) - 1);
	int status;
	char *got = run_command(cmd, &status);
	ck_assert_ptr_nonnull(got);
	ck_assert_msg(status == (errors ? 1 : 0),
	              "%s: decrec validate exits with %d (124: timed out; -1 or over 128: "
	              "killed), not %d: %s",
	              c->id, status, errors ? 1 : 0, got);
	ck_assert_msg(!strcmp(got, want), "%s: decrec validate writes\n%s\nnot\n%s", c->id, got,
	              want);
	free(got);
	free(want);
	dr_file_free(f);
	dr_config_free(cfg);
	free(buf);
}
END_TEST

/* ---- libyaml against the suite ---------------------------------------------- */

/* The ids of the list's section headed `title`, as " ID ID ... " (caller
 * frees), so that strstr(" ID ") finds one. */
static char *listed(const char *text, const char *title)
{
	size_t cap = strlen(text) + 3, n = 1;
	char *out = malloc(cap);
	int in = 0;
	ck_assert_ptr_nonnull(out);
	out[0] = ' ';
	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");
		if (len && line[0] != '#' && line[len - 1] == ':') {
			in = len - 1 == strlen(title) && !strncmp(line, title, len - 1);
		} else if (len && line[0] != '#' && in) {
			memcpy(out + n, line, len);
			n += len;
			out[n++] = ' ';
		}
		line += len + (line[len] == '\n');
	}
	out[n] = '\0';
	return out;
}

static int in_list(const char *list, const char *id)
{
	char key[600];
	snprintf(key, sizeof(key), " %s ", id);
	return strstr(list, key) != NULL;
}

/* Checks that every id of `list` is a case. */
static void all_known(const char *list, const char *title)
{
	for (const char *s = list; *s;) {
		s += strspn(s, " ");
		size_t len = strcspn(s, " ");
		if (!len)
			break;
		int found = 0;
		for (int i = 0; i < ncases && !found; i++)
			found = strlen(cases[i].id) == len && !strncmp(cases[i].id, s, len);
		ck_assert_msg(found, LIST ": '%.*s' under \"%s\" is no case of the suite", (int)len,
		              s, title);
		s += len;
	}
}

#define REJECTS "libyaml rejects these valid inputs"
#define ACCEPTS "libyaml accepts these invalid inputs"

START_TEST(libyaml_disagreements)
{
	require_suite();
	char *text = read_text(LIST, NULL);
	ck_assert_msg(text != NULL, "cannot read " LIST);
	char *rejects = listed(text, REJECTS), *accepts = listed(text, ACCEPTS);
	all_known(rejects, REJECTS);
	all_known(accepts, ACCEPTS);
	int errors = 0, agree = 0, nrejects = 0, naccepts = 0;
	char dir[4200], path[4800], wrong[8192] = "";
	suite_dir(dir, sizeof(dir));
	for (int i = 0; i < ncases; i++) {
		size_t len;
		snprintf(path, sizeof(path), "%s/%s/in.yaml", dir, cases[i].id);
		char *buf = read_text(path, &len);
		ck_assert_msg(buf != NULL, "cannot read %s", path);
		verdict v;
		libyaml_verdict(&v, buf, len);
		free(buf);
		errors += cases[i].error;
		int rejected_valid = !cases[i].error && !v.accepts;
		int accepted_invalid = cases[i].error && v.accepts;
		agree += !rejected_valid && !accepted_invalid;
		nrejects += rejected_valid;
		naccepts += accepted_invalid;
		/* Listed exactly when it disagrees, in the right section. */
		const char *why = NULL;
		if (rejected_valid != in_list(rejects, cases[i].id))
			why = rejected_valid ? "rejected, not listed"
			                     : "listed as rejected, accepted";
		else if (accepted_invalid != in_list(accepts, cases[i].id))
			why = accepted_invalid ? "accepted, not listed"
			                       : "listed as accepted, rejected";
		if (why)
			snprintf(wrong + strlen(wrong), sizeof(wrong) - strlen(wrong),
			         " %s (%s%s%s);", cases[i].id, why, v.accepts ? "" : ": ",
			         v.accepts ? "" : v.problem);
	}
	printf("yaml test suite: %d cases, %d libyaml agrees, %d listed disagreements (%d valid "
	       "inputs rejected, %d invalid inputs accepted)\n",
	       ncases, agree, nrejects + naccepts, nrejects, naccepts);
	fflush(stdout);
	ck_assert_msg(!wrong[0],
	              "libyaml %s disagrees with the YAML test suite otherwise than " LIST
	              " says:%s",
	              yaml_get_version_string(), wrong);
	ck_assert_msg(ncases == SUITE_CASES && errors == SUITE_ERRORS,
	              "expected %d cases, %d of them errors; found %d and %d", SUITE_CASES,
	              SUITE_ERRORS, ncases, errors);
	free(rejects);
	free(accepts);
	free(text);
}
END_TEST

Suite *suite_yamlsuite(void)
{
	Suite *s = suite_create("yamlsuite");
	TCase *tc = tcase_create("yamlsuite");
	find_cases();
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, positions);
	tcase_add_test(tc, libyaml_disagreements);
	/* One forked test per case, so that a crash cannot hide another. */
	tcase_add_loop_test(tc, one_case, 0, ncases);
	suite_add_tcase(s, tc);
	return s;
}
