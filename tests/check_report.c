/* The CI report formats: SARIF checked against the official 2.1.0 schema
 * (with Debian's python3-jsonschema), JUnit XML checked by xmllint, GitHub
 * workflow commands compared exactly, hostile names and keys escaped in
 * each, GITHUB_ACTIONS choosing github, and output that never depends on
 * -j. Also the record spans JUnit groups findings by. Run from the project
 * root, as `make check` does. */
#include "tests.h"

#include "decrec.h"
#include "escape.h"
#include "load.h"
#include "path.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers --------------------------------------------------------------- */

/* Runs a shell command; stdout and exit status. */
static char *sh(const char *cmd, int *status)
{
	char *out = run_command(cmd, status);
	ck_assert_msg(out != NULL, "cannot run %s", cmd);
	return out;
}

/* `decrec validate --no-config --today 2026-01-01 ARGS` run in `dir` (the
 * project root when NULL), with GITHUB_ACTIONS unset unless ARGS sets it. */
static char *validate(const char *dir, const char *args, int *status)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && env -u GITHUB_ACTIONS -u GITHUB_WORKSPACE %s validate --no-config "
	         "--color never "
	         "--today 2026-01-01 %s",
	         dir ? dir : ".", decrec_bin(), args);
	return sh(cmd, status);
}

static void make_tmp(char *dir, size_t cap)
{
	snprintf(dir, cap, "/tmp/decrec-report-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_tmp(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes `text` to dir/name; the name may hold any byte but '/' and NUL. */
static void put(const char *dir, const char *name, const char *text)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot create %s", path);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static size_t occurrences(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* The interpreter with Debian's python3-jsonschema: $PYTHON, else the
 * system's python3 (a python3 earlier in PATH may lack the package). */
static const char *python(void)
{
	const char *p = getenv("PYTHON");
	if (p && *p)
		return p;
	return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* Validates a SARIF log against the schema named by its own $schema draft,
 * formats included: a uri-reference that is not one fails, which needs
 * python3-rfc3987. Exits 2 when the validator cannot run, 1 on errors. */
static const char validator[] =
    "import json, sys\n"
    "try:\n"
    "    import jsonschema\n"
    "except ImportError:\n"
    "    sys.exit('python3-jsonschema is missing: apt-get install python3-jsonschema')\n"
    "fc = jsonschema.FormatChecker()\n"
    "if 'uri-reference' not in fc.checkers or fc.conforms('a b', 'uri-reference'):\n"
    "    sys.exit('jsonschema cannot check URIs: apt-get install python3-rfc3987')\n"
    "schema = json.load(open(sys.argv[1]))\n"
    "cls = jsonschema.validators.validator_for(schema)\n"
    "cls.check_schema(schema)\n"
    "log = json.load(open(sys.argv[2], encoding='utf-8'))\n"
    "errors = list(cls(schema, format_checker=fc).iter_errors(log))\n"
    "for e in errors[:20]:\n"
    "    print('/'.join(map(str, e.absolute_path)) + ': ' + e.message)\n"
    "sys.exit(1 if errors else 0)\n";

/* Writes `sarif` to a file and asserts that it passes the SARIF schema of
 * the shared folder; a missing validator or schema is a failure. */
static void assert_sarif_valid(const char *sarif, const char *what)
{
	char dir[64], path[1200], cmd[4096];
	make_tmp(dir, sizeof(dir));
	put(dir, "validate.py", validator);
	put(dir, "log.sarif", sarif);
	snprintf(path, sizeof(path), "%s/conformance/sarif/sarif-schema-2.1.0.json", shared_dir());
	ck_assert_msg(access(path, R_OK) == 0,
	              "cannot read the SARIF schema %s: set SHARED to the shared folder", path);
	snprintf(cmd, sizeof(cmd), "%s %s/validate.py '%s' %s/log.sarif 2>&1", python(), dir, path,
	         dir);
	int st;
	char *out = sh(cmd, &st);
	remove_tmp(dir);
	ck_assert_msg(st == 0, "SARIF of %s does not pass the schema (%s, exit %d):\n%s", what,
	              python(), st, out);
	free(out);
}

/* xmllint --noout on `xml`; a missing xmllint is a failure. */
static void assert_xml_well_formed(const char *xml, const char *what)
{
	char dir[64], cmd[512];
	int st;
	make_tmp(dir, sizeof(dir));
	put(dir, "report.xml", xml);
	free(sh("command -v xmllint >/dev/null", &st));
	ck_assert_msg(st == 0, "xmllint is missing: apt-get install libxml2-utils");
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s/report.xml 2>&1", dir);
	char *out = sh(cmd, &st);
	remove_tmp(dir);
	ck_assert_msg(st == 0, "JUnit XML of %s is not well-formed:\n%s", what, out);
	free(out);
}

/* A parsed JSON document (JSON is YAML): the loader keeps positions we do
 * not need, and its arena frees it all. */
typedef struct json {
	dr_arena *a;
	dr_node *root;
} json;

static json parse(const char *text)
{
	json j = {dr_arena_new(1u << 28), NULL};
	dr_diags d = {.arena = j.a};
	dr_loader *l = dr_loader_new(text, strlen(text));
	dr_pos start;
	ck_assert_int_eq(dr_loader_next(l, j.a, &d, &j.root, &start), 1);
	ck_assert_uint_eq(d.n, 0);
	dr_loader_free(l);
	free(d.v);
	return j;
}

/* The node at a path of keys and list indices ("runs", "0", "tool", ...). */
static const dr_node *at(const dr_node *n, const char *path)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *part = buf, *next; n && part; part = next) {
		next = strchr(part, '.');
		if (next)
			*next++ = '\0';
		if (n->type == DR_SEQ) {
			size_t i = strtoul(part, NULL, 10);
			n = i < n->u.seq.n ? n->u.seq.items[i] : NULL;
		} else {
			n = dr_node_get(n, part);
		}
	}
	return n;
}

static const char *str_at(const dr_node *n, const char *path)
{
	const dr_node *v = at(n, path);
	ck_assert_msg(v && v->type == DR_SCALAR, "no value at %s", path);
	return v->u.scalar.s;
}

/* ---- SARIF --------------------------------------------------------------------- */

START_TEST(sarif_schema)
{
	int st;
	/* Every case: hundreds of findings of every rule. */
	char *out = validate(NULL, "-f sarif tests/cases", &st);
	ck_assert_int_eq(st, 1);
	ck_assert_uint_gt(occurrences(out, "\"ruleId\""), 200);
	assert_sarif_valid(out, "tests/cases");
	free(out);
	/* Standard input: an artifactLocation without a URI. */
	out = validate(NULL, "-f sarif - < tests/cases/bad-date.yaml", &st);
	ck_assert_int_eq(st, 1);
	assert_sarif_valid(out, "standard input");
	ck_assert_ptr_nonnull(
	    strstr(out, "\"artifactLocation\": {\"description\": {\"text\": \"standard input\"}}"));
	free(out);
	/* Quiet: errors only, still valid. */
	out = validate(NULL, "-q -f sarif tests/cases/late-publication.yaml", &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "\"results\": []\n"));
	assert_sarif_valid(out, "no results");
	free(out);
}
END_TEST

/* File names that are not URIs as they stand: spaces, '%', '#', '?', a ':'
 * that would read as a scheme, non-ASCII, invalid UTF-8, a control
 * character; a key with JSON's special characters. */
START_TEST(sarif_hostile)
{
	char dir[64], abs[600];
	make_tmp(dir, sizeof(dir));
	static const char record[] = "reference: \"24/00001\\x01\"\n"
	                             "title: \"q\\\"\\\\ \\u2028 ]]> <x>\"\n"
	                             "\"k\\\"ey\\\\\\u0007\": 1\n";
	put(dir, "a b%#?\xC3\xA9.yaml", record);
	put(dir, "x:y.yaml", record);
	put(dir, "\xFF\x01.yaml", record);
	int st;
	char *out = validate(dir, "-f sarif .", &st);
	ck_assert_int_eq(st, 1);
	assert_sarif_valid(out, "hostile names");
	ck_assert_ptr_nonnull(strstr(out, "\"uri\": \"a%20b%25%23%3F%C3%A9.yaml\""));
	ck_assert_ptr_nonnull(strstr(out, "\"uri\": \"x%3Ay.yaml\""));
	ck_assert_ptr_nonnull(strstr(out, "\"uri\": \"%FF%01.yaml\""));
	ck_assert_ptr_nonnull(strstr(out, "unknown field 'k\\\"ey\\\\ '"));
	free(out);
	/* An absolute path is a file: URI, with no base. */
	snprintf(abs, sizeof(abs), "-f sarif '%s/x:y.yaml'", dir);
	out = validate(NULL, abs, &st);
	assert_sarif_valid(out, "an absolute path");
	snprintf(abs, sizeof(abs), "\"artifactLocation\": {\"uri\": \"file://%s/x%%3Ay.yaml\"}",
	         dir);
	ck_assert_msg(strstr(out, abs) != NULL, "no %s in\n%s", abs, out);
	free(out);
	remove_tmp(dir);
}
END_TEST

START_TEST(sarif_fields)
{
	int st;
	char *out = validate(NULL, "-f sarif tests/cases/call-in-window.yaml", &st);
	ck_assert_int_eq(st, 1);
	json j = parse(out);
	const dr_node *run = at(j.root, "runs.0");
	ck_assert_str_eq(str_at(j.root, "version"), "2.1.0");
	ck_assert_uint_eq(at(j.root, "runs")->u.seq.n, 1);
	ck_assert_str_eq(str_at(run, "tool.driver.name"), "decrec");
	ck_assert_str_eq(str_at(run, "tool.driver.version"), DR_VERSION);
	ck_assert_str_eq(str_at(run, "columnKind"), "unicodeCodePoints");
	/* %SRCROOT% is named but not located: the log is the same on every machine. */
	ck_assert_ptr_nonnull(at(run, "originalUriBaseIds.%SRCROOT%.description.text"));
	ck_assert_ptr_null(at(run, "originalUriBaseIds.%SRCROOT%.uri"));
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_ptr_null(strstr(out, cwd));

	/* One descriptor per rule, in the rule table's order. */
	const dr_node *rules = at(run, "tool.driver.rules");
	ck_assert_uint_eq(rules->u.seq.n, (size_t)dr_rule_count());
	for (int r = 0; r < dr_rule_count(); r++) {
		const dr_node *d = rules->u.seq.items[r];
		ck_assert_str_eq(str_at(d, "id"), dr_rule_name(r));
		ck_assert_str_eq(str_at(d, "shortDescription.text"), dr_rule_summary(r));
		ck_assert_str_eq(str_at(d, "help.markdown"), dr_rule_fix(r));
		ck_assert_ptr_null(strchr(str_at(d, "help.text"), '`'));
		ck_assert_uint_gt(strlen(str_at(d, "fullDescription.text")), 20);
		ck_assert_str_eq(str_at(d, "defaultConfiguration.level"),
		                 dr_severity_name(dr_rule_default(r)));
	}

	/* The first finding: a wrong call-in date on line 13. */
	const dr_node *res = at(run, "results.0");
	ck_assert_uint_eq(at(run, "results")->u.seq.n, 5);
	ck_assert_str_eq(str_at(res, "ruleId"), "call-in-window");
	ck_assert_int_eq(strtol(str_at(res, "ruleIndex"), NULL, 10),
	                 dr_rule_find("call-in-window"));
	ck_assert_str_eq(str_at(res, "level"), "error");
	ck_assert_ptr_nonnull(strstr(str_at(res, "message.text"),
	                             "effective date 26/07/2024 breaks the call-in rule"));
	const dr_node *loc = at(res, "locations.0.physicalLocation");
	ck_assert_str_eq(str_at(loc, "artifactLocation.uri"), "tests/cases/call-in-window.yaml");
	ck_assert_str_eq(str_at(loc, "artifactLocation.uriBaseId"), "%SRCROOT%");
	ck_assert_str_eq(str_at(loc, "region.startLine"), "13");
	ck_assert_str_eq(str_at(loc, "region.startColumn"), "14");
	ck_assert_str_eq(str_at(loc, "region.endLine"), "13");
	ck_assert_str_eq(str_at(loc, "region.endColumn"), "24");
	ck_assert_str_eq(str_at(res, "locations.0.logicalLocations.0.fullyQualifiedName"),
	                 "/dates/effective");
	ck_assert_str_eq(str_at(res, "properties.expected"), "2024-07-27");
	dr_arena_free(j.a);
	free(out);

	/* Columns count characters, as columnKind says: "é" is one. */
	out = validate(NULL, "-f sarif tests/cases/column-characters.yaml", &st);
	char *text = validate(NULL, "-f json tests/cases/column-characters.yaml", &st);
	json s = parse(out), t = parse(text);
	ck_assert_str_eq(str_at(s.root, "runs.0.results.0.locations.0.physicalLocation.region."
	                                "startColumn"),
	                 str_at(t.root, "diagnostics.0.column"));
	ck_assert_str_eq(str_at(s.root, "runs.0.results.0.locations.0.physicalLocation.region."
	                                "endColumn"),
	                 str_at(t.root, "diagnostics.0.end_column"));
	dr_arena_free(s.a);
	dr_arena_free(t.a);
	free(out);
	free(text);
}
END_TEST

/* ---- JUnit ----------------------------------------------------------------------- */

START_TEST(junit_cases)
{
	int st;
	char *out = validate(NULL, "-f junit tests/cases", &st);
	ck_assert_int_eq(st, 1);
	assert_xml_well_formed(out, "tests/cases");
	/* The totals agree with the testcases and failures written. */
	size_t cases = occurrences(out, "<testcase "), suites = occurrences(out, "<testsuite ");
	char want[128];
	snprintf(want, sizeof(want), "<testsuites name=\"decrec validate\" tests=\"%zu\"", cases);
	ck_assert_msg(strstr(out, want) != NULL, "no %s", want);
	ck_assert_uint_gt(suites, 50);
	ck_assert_uint_ge(cases, suites);
	free(out);

	/* Exact counts: three records; a syntax error with no record before it;
	 * a file of comments only. */
	out = validate(NULL,
	               "-f junit tests/cases/multi-document.yaml tests/cases/yaml-syntax.yaml "
	               "tests/cases/not-a-record-comments.yaml",
	               &st);
	assert_xml_well_formed(out, "three files");
	ck_assert_ptr_nonnull(strstr(
	    out, "<testsuites name=\"decrec validate\" tests=\"5\" failures=\"3\" "
	         "errors=\"0\">\n"
	         "  <testsuite name=\"tests/cases/multi-document.yaml\" tests=\"3\" "
	         "failures=\"1\" errors=\"0\">\n"
	         "    <testcase classname=\"tests/cases/multi-document.yaml\" "
	         "name=\"24/00058\" file=\"tests/cases/multi-document.yaml\" line=\"4\"/>\n"
	         "    <testcase classname=\"tests/cases/multi-document.yaml\" "
	         "name=\"24/00071\" file=\"tests/cases/multi-document.yaml\" line=\"18\"/>\n"
	         "    <testcase classname=\"tests/cases/multi-document.yaml\" "
	         "name=\"24/00031\" file=\"tests/cases/multi-document.yaml\" line=\"29\">\n"
	         "      <failure type=\"call-in-window\" message=\"2 errors, the first: "
	         "effective date 04/04/2024 breaks the call-in rule: expected 09/04/2024, the "
	         "day after the 5th working day after publication on 28/03/2024 (call-in "
	         "deadline Mon 08/04/2024)\">"
	         "tests/cases/multi-document.yaml:40:14: error: effective date 04/04/2024 "
	         "breaks the call-in rule: expected 09/04/2024, the day after the 5th working "
	         "day after publication on 28/03/2024 (call-in deadline Mon 08/04/2024) "
	         "[call-in-window]\n"
	         "tests/cases/multi-document.yaml:43:1: error: unknown field 'alternativs': "
	         "did you mean 'alternatives'? unknown keys are refused so that a typo cannot "
	         "drop a field [unknown-field]</failure>\n"
	         "    </testcase>\n"));
	/* One failure per failing testcase, holding all of its errors. */
	ck_assert_uint_eq(occurrences(out, "<testcase "), 5);
	ck_assert_uint_eq(occurrences(out, "<failure "), 3);
	ck_assert_ptr_nonnull(strstr(
	    out, "  <testsuite name=\"tests/cases/yaml-syntax.yaml\" tests=\"1\" "
	         "failures=\"1\" errors=\"0\">\n"
	         "    <testcase classname=\"tests/cases/yaml-syntax.yaml\" "
	         "name=\"tests/cases/yaml-syntax.yaml\" file=\"tests/cases/yaml-syntax.yaml\" "
	         "line=\"7\">\n"
	         "      <failure type=\"yaml-syntax\" message=\"not well-formed YAML: did "
	         "not find expected &apos;,&apos; or &apos;]&apos; while parsing a flow "
	         "sequence\">tests/cases/yaml-syntax.yaml:7:13: error: not well-formed YAML: "
	         "did not find expected ',' or ']' while parsing a flow sequence "
	         "[yaml-syntax]</failure>\n"
	         "    </testcase>\n"));
	free(out);
}
END_TEST

/* Findings go to the record whose lines hold them; a finding outside every
 * record (here a syntax error after two records) to a testcase named after
 * the file, first. */
START_TEST(junit_attribution)
{
	char dir[64];
	make_tmp(dir, sizeof(dir));
	put(dir, "r.yaml",
	    "# two records, then a broken one\n"
	    "reference: 24/00001\n"
	    "bogus: 1\n"
	    "# a comment of the first record\n"
	    "---\n"
	    "title: x\n"
	    "bogus: 2\n"
	    "---\n"
	    "reference: [unclosed\n");
	/* Only the rules that matter here, so the output stays short. */
	put(dir, "decrec.yaml", "rules:\n  missing-field: off\n  file-name: off\n");
	int st;
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && env -u GITHUB_ACTIONS -u GITHUB_WORKSPACE %s validate --config "
	         "decrec.yaml -f junit r.yaml",
	         dir, decrec_bin());
	char *out = sh(cmd, &st);
	ck_assert_int_eq(st, 1);
	assert_xml_well_formed(out, "r.yaml");
	ck_assert_str_eq(
	    out,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"decrec validate\" tests=\"3\" failures=\"3\" errors=\"0\">\n"
	    "  <testsuite name=\"r.yaml\" tests=\"3\" failures=\"3\" errors=\"0\">\n"
	    "    <testcase classname=\"r.yaml\" name=\"r.yaml\" file=\"r.yaml\" line=\"9\">\n"
	    "      <failure type=\"yaml-syntax\" message=\"not well-formed YAML: did not find "
	    "expected &apos;,&apos; or &apos;]&apos; while parsing a flow sequence\">r.yaml:9:21: "
	    "error: not well-formed YAML: did not find expected ',' or ']' while parsing a flow "
	    "sequence [yaml-syntax]</failure>\n"
	    "    </testcase>\n"
	    "    <testcase classname=\"r.yaml\" name=\"24/00001\" file=\"r.yaml\" line=\"2\">\n"
	    "      <failure type=\"unknown-field\" message=\"unknown field &apos;bogus&apos;; the "
	    "record format has no such key (see docs/record-format.md)\">r.yaml:3:1: error: "
	    "unknown field 'bogus'; the record format has no such key (see "
	    "docs/record-format.md) [unknown-field]</failure>\n"
	    "    </testcase>\n"
	    "    <testcase classname=\"r.yaml\" name=\"record 2\" file=\"r.yaml\" line=\"5\">\n"
	    "      <failure type=\"unknown-field\" message=\"unknown field &apos;bogus&apos;; the "
	    "record format has no such key (see docs/record-format.md)\">r.yaml:7:1: error: "
	    "unknown field 'bogus'; the record format has no such key (see "
	    "docs/record-format.md) [unknown-field]</failure>\n"
	    "    </testcase>\n"
	    "  </testsuite>\n"
	    "</testsuites>\n");
	free(out);
	remove_tmp(dir);
}
END_TEST

/* A file name with markup, quotes, a control character and invalid UTF-8;
 * keys with "]]>", '&', '<' and quotes; a reference with a control
 * character: all escaped, nothing XML 1.0 forbids, no "]]>" anywhere. */
START_TEST(junit_hostile)
{
	char dir[64];
	make_tmp(dir, sizeof(dir));
	put(dir, "n]]>&<\"'\x01\xFF.yaml",
	    "reference: \"24/\\x0100001\\t]]>\"\n"
	    "\"a]]>b & <c> \\\"d\\\" 'e'\": 1\n"
	    "description: \"x\"\n");
	int st;
	char *out = validate(dir, "-f junit .", &st);
	ck_assert_int_eq(st, 1);
	assert_xml_well_formed(out, "a hostile file");
	ck_assert_ptr_null(strstr(out, "]]>"));
	for (const char *p = out; *p; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 || *p == '\n', "control byte 0x%02x in\n%s",
		              (unsigned char)*p, out);
	ck_assert_ptr_null(strchr(out, '\xFF'));
	ck_assert_ptr_nonnull(strstr(out, "<testsuite name=\"./n]]&gt;&amp;&lt;&quot;&apos;"
	                                  "\xEF\xBF\xBD\xEF\xBF\xBD.yaml\" tests=\"1\""));
	/* The reference's tab survives as a reference, its U+0001 does not. */
	ck_assert_ptr_nonnull(strstr(out, "name=\"24/\xEF\xBF\xBD"
	                                  "00001&#9;]]&gt;\" file=\"./n]]&gt;&amp;&lt;&quot;&apos;"
	                                  "\xEF\xBF\xBD\xEF\xBF\xBD.yaml\" line=\"1\">\n"));
	/* Quotes in an attribute: the failure's message is its first error's. */
	ck_assert_ptr_nonnull(strstr(out, "<failure type=\"missing-field\" message=\"9 errors, the "
	                                  "first: missing field &apos;decision&apos;: every record "
	                                  "needs it\">"));
	ck_assert_ptr_nonnull(strstr(out, ": unknown field 'a]]&gt;b &amp; &lt;c&gt; \"d\" 'e''"));
	free(out);
	remove_tmp(dir);
}
END_TEST

/* ---- GitHub ---------------------------------------------------------------------- */

START_TEST(github_commands)
{
	int st;
	char *out = validate(NULL, "-f github tests/cases/json-output.yaml 2>/dev/null", &st);
	ck_assert_int_eq(st, 1);
	ck_assert_str_eq(out,
	                 "::warning file=tests/cases/json-output.yaml,line=3,col=12,endLine=3,"
	                 "endColumn=20,title=file-name::the file holding 24/00058 should be "
	                 "named 24-00058.yaml, so that records can be found by their "
	                 "reference\n"
	                 "::error file=tests/cases/json-output.yaml,line=12,col=14,endLine=12,"
	                 "endColumn=24,title=call-in-window::effective date 26/07/2024 breaks "
	                 "the call-in rule: expected 27/07/2024, the day after the 5th working "
	                 "day after publication on 19/07/2024 (call-in deadline Fri "
	                 "26/07/2024)\n");
	free(out);
	/* The summary goes to stderr, as for text. */
	out = validate(NULL, "-f github tests/cases/json-output.yaml 2>&1 >/dev/null", &st);
	ck_assert_str_eq(out, "1 error, 1 warning in 1 record (1 file)\n");
	free(out);
	/* Standard input: no file to annotate; the position leads the message. */
	out = validate(NULL, "-f github - < tests/cases/reference-format.yaml 2>/dev/null", &st);
	ck_assert_str_eq(out, "::error title=reference-format::-:2:12: reference '24-0058' does "
	                      "not match the pattern ^[0-9]{2}/[0-9]{5}$ (two-digit year, '/', "
	                      "five digits, as in 24/00058)\n");
	free(out);
}
END_TEST

/* '%', ':', ',' and a line break in a file name (a property) and '%', "::"
 * and ',' in a message: escaped as the runner unescapes them. A span over
 * two lines gets no columns, as GitHub requires. */
START_TEST(github_escaping)
{
	char dir[64];
	make_tmp(dir, sizeof(dir));
	put(dir, "a%b,c:d\ne\rf.yaml",
	    "reference: 24/00001\n"
	    "\"50% off, a::b\": 1\n"
	    "? {x: 1,\n"
	    "   y: 2}\n"
	    ": v\n");
	put(dir, "decrec.yaml", "rules:\n  missing-field: off\n  file-name: off\n");
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && env -u GITHUB_ACTIONS -u GITHUB_WORKSPACE %s validate --config "
	         "decrec.yaml -f github . "
	         "2>/dev/null",
	         dir, decrec_bin());
	int st;
	char *out = sh(cmd, &st);
	ck_assert_int_eq(st, 1);
	ck_assert_str_eq(out, "::error file=./a%25b%2Cc%3Ad%0Ae%0Df.yaml,line=2,col=1,endLine=2,"
	                      "endColumn=16,title=unknown-field::unknown field '50%25 off, a::b'; "
	                      "the record format has no such key (see docs/record-format.md)\n"
	                      "::error file=./a%25b%2Cc%3Ad%0Ae%0Df.yaml,line=3,endLine=4,"
	                      "title=unknown-field::a key must be a plain name, not a mapping\n");
	free(out);
	remove_tmp(dir);
}
END_TEST

/* GITHUB_ACTIONS=true makes github the default; -f overrides it; any other
 * value leaves text. */
START_TEST(github_default)
{
	char cmd[1024];
	int st;
	snprintf(
	    cmd, sizeof(cmd),
	    "GITHUB_ACTIONS=true %s validate --no-config tests/cases/bad-date.yaml 2>/dev/null",
	    decrec_bin());
	char *out = sh(cmd, &st);
	ck_assert_int_eq(st, 1);
	ck_assert_msg(!strncmp(out, "::warning file=tests/cases/bad-date.yaml,line=3,", 48), "%s",
	              out);
	free(out);
	snprintf(cmd, sizeof(cmd),
	         "GITHUB_ACTIONS=true %s validate --no-config -f text tests/cases/bad-date.yaml "
	         "2>/dev/null",
	         decrec_bin());
	out = sh(cmd, &st);
	ck_assert_msg(!strncmp(out, "tests/cases/bad-date.yaml:3:12: warning: ", 41), "%s", out);
	free(out);
	snprintf(cmd, sizeof(cmd),
	         "GITHUB_ACTIONS=false %s validate --no-config tests/cases/bad-date.yaml "
	         "2>/dev/null",
	         decrec_bin());
	out = sh(cmd, &st);
	ck_assert_msg(!strncmp(out, "tests/cases/bad-date.yaml:3:12: warning: ", 41), "%s", out);
	free(out);
	/* The help names every format. */
	snprintf(cmd, sizeof(cmd), "%s validate --help", decrec_bin());
	out = sh(cmd, &st);
	ck_assert_ptr_nonnull(strstr(out, "text (default), json, sarif (SARIF 2.1.0), junit"));
	free(out);
}
END_TEST

/* ---- every format -------------------------------------------------------------- */

static const char *const formats[] = {"text", "json", "sarif", "junit", "github"};

/* -j 1 and -j 2 give the same bytes, to stdout or through -o. */
START_TEST(jobs_and_output_file)
{
	const char *fmt = formats[_i];
	char dir[64], args[512];
	int st1, st2, st3;
	make_tmp(dir, sizeof(dir));
	snprintf(args, sizeof(args), "-f %s -j 1 tests/cases 2>/dev/null", fmt);
	char *one = validate(NULL, args, &st1);
	snprintf(args, sizeof(args), "-f %s -j 2 tests/cases 2>/dev/null", fmt);
	char *two = validate(NULL, args, &st2);
	snprintf(args, sizeof(args), "-f %s -j 2 -o %s/report tests/cases 2>/dev/null", fmt, dir);
	free(validate(NULL, args, &st3));
	snprintf(args, sizeof(args), "%s/report", dir);
	char *file = read_text(args, NULL);
	ck_assert_int_eq(st1, 1);
	ck_assert_int_eq(st2, 1);
	ck_assert_int_eq(st3, 1);
	ck_assert_uint_gt(strlen(one), 10000);
	ck_assert_msg(!strcmp(one, two), "-f %s: -j 1 and -j 2 differ", fmt);
	ck_assert_msg(file && !strcmp(one, file), "-f %s: -o differs from stdout", fmt);
	free(one);
	free(two);
	free(file);
	remove_tmp(dir);
}
END_TEST

START_TEST(unknown_format)
{
	char cmd[1024];
	int st;
	snprintf(cmd, sizeof(cmd), "%s validate -f xml records 2>&1", decrec_bin());
	char *out = sh(cmd, &st);
	ck_assert_int_eq(st, 2);
	ck_assert_ptr_nonnull(
	    strstr(out, "unknown format 'xml': expected text, json, sarif, junit or github"));
	free(out);
}
END_TEST

/* Every name -f takes, in any case, and nothing else. */
START_TEST(format_names)
{
	static const struct {
		const char *name;
		dr_format fmt;
	} names[] = {{"text", DR_FORMAT_TEXT},
	             {"json", DR_FORMAT_JSON},
	             {"SARIF", DR_FORMAT_SARIF},
	             {"JUnit", DR_FORMAT_JUNIT},
	             {"github", DR_FORMAT_GITHUB}};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		dr_format f = DR_FORMAT_TEXT;
		ck_assert_int_eq(dr_format_parse(&f, names[i].name), 0);
		ck_assert_int_eq(f, names[i].fmt);
	}
	dr_format f = DR_FORMAT_JUNIT;
	ck_assert_int_eq(dr_format_parse(&f, "xml"), -1);
	ck_assert_int_eq(dr_format_parse(&f, ""), -1);
	ck_assert_int_eq(dr_format_parse(&f, "jsonl"), -1);
	ck_assert_int_eq(f, DR_FORMAT_JUNIT); /* untouched */
}
END_TEST

/* What a stream escaper of escape.c writes for s. */
static char *escaped_to(void (*fn)(FILE *, const char *, int), const char *s, int flag)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(mem);
	fn(mem, s, flag);
	ck_assert_int_eq(fclose(mem), 0);
	return text;
}

static void json_string(FILE *out, const char *s, int flag)
{
	(void)flag;
	dr_escape_json(out, s);
}

static void uri_path(FILE *out, const char *s, int flag)
{
	(void)flag;
	dr_escape_uri_path(out, s);
}

/* The report escapers byte by byte: markup, control characters, invalid
 * UTF-8 and the characters each syntax reserves. */
START_TEST(report_escapers)
{
	static const struct {
		void (*fn)(FILE *, const char *, int);
		int flag;
		const char *in, *out;
	} cases[] = {
	    {json_string, 0, "a\"b\\c\n\x01\x7F", "a\\\"b\\\\c\\u000a\\u0001\\u007f"},
	    {json_string, 0, "\xC3\xA9 \xFF\xC3", "\xC3\xA9 \\ufffd\\ufffd"},
	    {dr_escape_xml, 0, "<a & 'b'>\t\n\r\"", "&lt;a &amp; 'b'&gt;\t\n&#13;\""},
	    {dr_escape_xml, 1, "<a & 'b'>\t\n\r\"",
	     "&lt;a &amp; &apos;b&apos;&gt;&#9;&#10;&#13;&quot;"},
	    {dr_escape_xml, 0, "]]>\x01\xEF\xBF\xBE\xFF\xE2\x82\xAC",
	     "]]&gt;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xE2\x82\xAC"},
	    {dr_escape_github, 0, "50% a:b,c\r\n", "50%25 a:b,c%0D%0A"},
	    {dr_escape_github, 1, "50% a:b,c\r\n", "50%25 a%3Ab%2Cc%0D%0A"},
	    {uri_path, 0, "records/a b#1?:\xC3\xA9-._~", "records/a%20b%231%3F%3A%C3%A9-._~"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = escaped_to(cases[i].fn, cases[i].in, cases[i].flag);
		ck_assert_msg(!strcmp(got, cases[i].out), "case %zu: got '%s', expected '%s'", i,
		              got, cases[i].out);
		free(got);
	}
	/* Into a buffer, the same bytes; past its cap, -1. */
	dr_buf b;
	dr_buf_init(&b, 64);
	ck_assert_int_eq(dr_buf_puts(&b, "decisions/"), 0);
	ck_assert_int_eq(dr_escape_uri_path_buf(&b, "A b%#?\xC3\xA9&-1"), 0);
	ck_assert_str_eq(b.p, "decisions/A%20b%25%23%3F%C3%A9%26-1");
	ck_assert_int_eq(dr_escape_uri_path_buf(&b, ""), 0);
	ck_assert_uint_eq(b.len, 35);
	ck_assert_int_eq(dr_escape_uri_path_buf(&b, "##########"), -1);
	ck_assert_int_eq(b.failed, 1);
	dr_buf_free(&b);
}
END_TEST

/* ---- one checker for many files ------------------------------------------------ */

/* A checker reused from file to file (as each thread of decrec validate
 * does) gives what a fresh one gives, whatever came before: every case of
 * tests/cases in order, then in reverse order. */
START_TEST(checker_reuse)
{
	glob_t g;
	ck_assert_int_eq(glob("tests/cases/*.yaml", 0, NULL, &g), 0);
	ck_assert_uint_gt(g.gl_pathc, 40);
	dr_config *cfg;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	dr_check_options opt = {.today = 20000, .quote = 1, .spans = 1};
	dr_checker *c = dr_checker_new(cfg, &opt);
	ck_assert_ptr_nonnull(c);
	size_t compared = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < g.gl_pathc; k++) {
			const char *path = g.gl_pathv[pass ? g.gl_pathc - 1 - k : k];
			size_t len;
			char *buf = read_text(path, &len);
			ck_assert_ptr_nonnull(buf);
			dr_file *fresh, *reused, *read;
			ck_assert_int_eq(dr_file_check(&fresh, cfg, &opt, path, path, buf, len), 0);
			ck_assert_int_eq(dr_checker_check(&reused, c, path, path, buf, len), 0);
			ck_assert_int_eq(dr_checker_check_path(&read, c, path, &err), 0);
			static const dr_format fmts[] = {DR_FORMAT_TEXT, DR_FORMAT_JSON,
			                                 DR_FORMAT_JUNIT};
			for (size_t f = 0; f < sizeof(fmts) / sizeof(*fmts); f++) {
				dr_totals t;
				char *a = report_text(fmts[f], fresh, &t),
				     *b = report_text(fmts[f], reused, &t),
				     *r = report_text(fmts[f], read, &t);
				ck_assert_msg(!strcmp(a, b),
				              "%s: a reused checker differs:\n%s\n---\n%s", path, a,
				              b);
				ck_assert_msg(!strcmp(a, r), "%s: dr_checker_check_path differs",
				              path);
				free(a);
				free(b);
				free(r);
			}
			compared++;
			dr_file_free(fresh);
			dr_file_free(reused);
			dr_file_free(read);
			free(buf);
		}
	}
	ck_assert_uint_eq(compared, 2 * g.gl_pathc);
	/* An unreadable path: DR_EIO and a message naming it. */
	dr_file *none = (dr_file *)1;
	ck_assert_int_eq(dr_checker_check_path(&none, c, "tests/cases/no-such-file.yaml", &err),
	                 DR_EIO);
	ck_assert_ptr_null(none);
	ck_assert_str_eq(err, "tests/cases/no-such-file.yaml: cannot read: No such file or "
	                      "directory");
	free(err);
	dr_checker_free(c);
	dr_config_free(cfg);
	globfree(&g);
}
END_TEST

/* ---- record spans ------------------------------------------------------------- */

typedef struct want_span {
	uint32_t first, last;
	const char *ref;
} want_span;

static void check_spans(const char *text, const want_span *want, size_t n)
{
	dr_config *cfg;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	dr_check_options opt = {.today = 0};
	dr_file *f;
	/* Without opt.spans the lines are not kept, and not made up. */
	ck_assert_int_eq(dr_file_check(&f, cfg, &opt, "t.yaml", NULL, text, strlen(text)), 0);
	ck_assert_uint_eq(dr_file_records(f), n);
	if (n) {
		uint32_t a = 7, b = 7;
		const char *r = "unset";
		ck_assert_int_eq(dr_file_record_lines(f, 0, &a, &b, &r), DR_EINVAL);
		ck_assert_uint_eq(a, 7);
	}
	dr_file_free(f);
	opt.spans = 1;
	ck_assert_int_eq(dr_file_check(&f, cfg, &opt, "t.yaml", NULL, text, strlen(text)), 0);
	ck_assert_uint_eq(dr_file_records(f), n);
	for (size_t i = 0; i < n; i++) {
		uint32_t first = 0, last = 0;
		const char *ref = "unset";
		ck_assert_int_eq(dr_file_record_lines(f, i, &first, &last, &ref), 0);
		ck_assert_msg(first == want[i].first && last == want[i].last,
		              "record %zu: lines %u-%u, want %u-%u", i, first, last, want[i].first,
		              want[i].last);
		if (want[i].ref)
			ck_assert_str_eq(ref, want[i].ref);
		else
			ck_assert_ptr_null(ref);
	}
	uint32_t a = 7, b = 7;
	const char *r = "unset";
	ck_assert_int_eq(dr_file_record_lines(f, n, &a, &b, &r), DR_EINVAL);
	ck_assert_uint_eq(a, 7); /* out-parameters untouched on failure */
	ck_assert_str_eq(r, "unset");
	dr_file_free(f);
	dr_config_free(cfg);
}

START_TEST(record_spans)
{
	/* Leading comments belong to no record; trailing ones to the record. */
	check_spans("# c\nreference: 24/00001\ntitle: x\n# trailing\n",
	            (want_span[]){{2, 4, "24/00001"}}, 1);
	/* Explicit starts; "..." ends a document; a flow root; an empty document;
	 * a document without a reference; no final line break. */
	check_spans(
	    "reference: A\n---\nreference: \"B\"\n...\n# c\n--- [1,\n 2]\n---\n"
	    "--- {title: x}\n---\nreference: C",
	    (want_span[]){
	        {1, 1, "A"}, {2, 3, "B"}, {6, 7, NULL}, {8, 8, NULL}, {9, 9, NULL}, {10, 11, "C"}},
	    6);
	/* A syntax error: the records before it, not the broken one. */
	check_spans("reference: A\n---\nreference: [x\n", (want_span[]){{1, 1, "A"}}, 1);
	check_spans("", NULL, 0);
}
END_TEST

/* ---- the run's own failures and paths ------------------------------------------------ */

/* More warnings than --max-warnings: every format says so. */
START_TEST(max_warnings_in_reports)
{
	int st;
	const char *file = "tests/cases/late-publication.yaml";
	char args[512];
	snprintf(args, sizeof(args), "-f json --max-warnings 0 %s 2>/dev/null", file);
	char *out = validate(NULL, args, &st);
	ck_assert_int_eq(st, 1);
	ck_assert_ptr_nonnull(strstr(out,
	                             "{\"version\": 1, \"files\": 1, \"records\": 2, "
	                             "\"errors\": 0, \"warnings\": 1, \"max_warnings\": 0, "
	                             "\"error\": {\"id\": \"max-warnings\", \"message\": \"1 "
	                             "warning exceeds --max-warnings 0\"}, \"diagnostics\": [\n"));
	free(out);
	snprintf(args, sizeof(args), "-f sarif --max-warnings 0 %s 2>/dev/null", file);
	out = validate(NULL, args, &st);
	ck_assert_int_eq(st, 1);
	assert_sarif_valid(out, "--max-warnings 0");
	json j = parse(out);
	const dr_node *inv = at(j.root, "runs.0.invocations.0");
	ck_assert_str_eq(str_at(inv, "executionSuccessful"), "false");
	ck_assert_str_eq(str_at(inv, "toolExecutionNotifications.0.level"), "error");
	ck_assert_str_eq(str_at(inv, "toolExecutionNotifications.0.descriptor.id"), "max-warnings");
	ck_assert_str_eq(str_at(inv, "toolExecutionNotifications.0.message.text"),
	                 "1 warning exceeds --max-warnings 0");
	ck_assert_ptr_null(at(inv, "toolConfigurationNotifications"));
	dr_arena_free(j.a);
	free(out);
	snprintf(args, sizeof(args), "-f junit --max-warnings 0 %s 2>/dev/null", file);
	out = validate(NULL, args, &st);
	ck_assert_int_eq(st, 1);
	assert_xml_well_formed(out, "--max-warnings 0");
	ck_assert_ptr_nonnull(
	    strstr(out, "<testsuites name=\"decrec validate\" tests=\"3\" failures=\"1\" "));
	ck_assert_ptr_nonnull(strstr(
	    out, "  <testsuite name=\"decrec\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
	         "    <testcase classname=\"decrec\" name=\"--max-warnings 0\">\n"
	         "      <failure type=\"max-warnings\" message=\"1 warning exceeds --max-warnings "
	         "0\">1 warning exceeds --max-warnings 0</failure>\n"
	         "    </testcase>\n"
	         "  </testsuite>\n"
	         "</testsuites>\n"));
	free(out);
	/* Under the limit: a passing testcase, a successful invocation, no error. */
	snprintf(args, sizeof(args), "-f junit --max-warnings 1 %s 2>/dev/null", file);
	out = validate(NULL, args, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(
	    strstr(out, "  <testsuite name=\"decrec\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
	                "    <testcase classname=\"decrec\" name=\"--max-warnings 1\"/>\n"));
	free(out);
	snprintf(args, sizeof(args), "-f sarif --max-warnings 1 %s 2>/dev/null", file);
	out = validate(NULL, args, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "\"invocations\": [{\"executionSuccessful\": true}],\n"));
	free(out);
	snprintf(args, sizeof(args), "-f json --max-warnings 1 %s 2>/dev/null", file);
	out = validate(NULL, args, &st);
	ck_assert_ptr_nonnull(strstr(out, "\"warnings\": 1, \"max_warnings\": 1, \"diagnostics\""));
	free(out);
}
END_TEST

/* A bad decrec.yaml, found from a subdirectory: exit 2, the message on
 * stderr, and the report written where CI reads it, in every format. */
START_TEST(config_error_in_reports)
{
	char dir[64], cmd[2048];
	make_tmp(dir, sizeof(dir));
	put(dir, "decrec.yaml", "authority: X\ncall_in:\n  working_day: 5\n");
	static const char *const want[][2] = {
	    {"json", "{\"version\": 1, \"files\": 0, \"records\": 0, \"errors\": 0, \"warnings\": "
	             "0, \"error\": {\"id\": \"config\", \"message\": \"unknown key "
	             "'working_day' in call_in: did you mean 'working_days'?\", \"file\": "
	             "\"../decrec.yaml\", \"line\": 3, \"column\": 3}, \"diagnostics\": []}\n"},
	    {"github", "::error file=../decrec.yaml,line=3,col=3,title=config::unknown key "
	               "'working_day' in call_in: did you mean 'working_days'?\n"},
	    {"junit",
	     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	     "<testsuites name=\"decrec validate\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
	     "  <testsuite name=\"decrec\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
	     "    <testcase classname=\"decrec\" name=\"config\" file=\"../decrec.yaml\" "
	     "line=\"3\">\n"
	     "      <failure type=\"config\" message=\"unknown key &apos;working_day&apos; in "
	     "call_in: did you mean &apos;working_days&apos;?\">../decrec.yaml:3:3: unknown key "
	     "'working_day' in call_in: did you mean 'working_days'?</failure>\n"
	     "    </testcase>\n"
	     "  </testsuite>\n"
	     "</testsuites>\n"},
	    {"text", "../decrec.yaml:3:3: error: unknown key 'working_day' in call_in: did you "
	             "mean 'working_days'? [config]\n"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		snprintf(
		    cmd, sizeof(cmd),
		    "cd '%s' && mkdir -p sub && cd sub && env -u GITHUB_WORKSPACE %s validate -f "
		    "%s -o ../report 2>&1; echo \"exit $?\"",
		    dir, decrec_bin(), want[i][0]);
		int st;
		char *out = sh(cmd, &st);
		ck_assert_str_eq(out, "decrec: ../decrec.yaml:3:3: unknown key 'working_day' in "
		                      "call_in: did you mean 'working_days'?\nexit 2\n");
		free(out);
		snprintf(cmd, sizeof(cmd), "%s/report", dir);
		char *report = read_text(cmd, NULL);
		ck_assert_msg(report != NULL, "-f %s wrote no report", want[i][0]);
		ck_assert_str_eq(report, want[i][1]);
		free(report);
	}
	/* SARIF: a configuration notification on decrec.yaml, relative to
	 * %SRCROOT%, its directory. */
	snprintf(cmd, sizeof(cmd), "cd '%s/sub' && %s validate -f sarif 2>/dev/null", dir,
	         decrec_bin());
	int st;
	char *out = sh(cmd, &st);
	ck_assert_int_eq(st, 2);
	assert_sarif_valid(out, "a bad decrec.yaml");
	json j = parse(out);
	const dr_node *inv = at(j.root, "runs.0.invocations.0");
	ck_assert_str_eq(str_at(inv, "executionSuccessful"), "false");
	const dr_node *n = at(inv, "toolConfigurationNotifications.0");
	ck_assert_str_eq(str_at(n, "descriptor.id"), "config");
	ck_assert_str_eq(str_at(n, "message.text"),
	                 "unknown key 'working_day' in call_in: did you mean 'working_days'?");
	const dr_node *loc = at(n, "locations.0.physicalLocation");
	ck_assert_str_eq(str_at(loc, "artifactLocation.uri"), "decrec.yaml");
	ck_assert_str_eq(str_at(loc, "artifactLocation.uriBaseId"), "%SRCROOT%");
	ck_assert_str_eq(str_at(loc, "region.startLine"), "3");
	ck_assert_str_eq(str_at(loc, "region.startColumn"), "3");
	ck_assert_uint_eq(at(j.root, "runs.0.results")->u.seq.n, 0);
	dr_arena_free(j.a);
	free(out);
	/* Text on a terminal's stdout: the message on stderr only. */
	snprintf(cmd, sizeof(cmd), "cd '%s/sub' && %s validate 2>/dev/null", dir, decrec_bin());
	out = sh(cmd, &st);
	ck_assert_int_eq(st, 2);
	ck_assert_str_eq(out, "");
	free(out);
	remove_tmp(dir);
}
END_TEST

/* Run from a subdirectory with the default paths: findings name files from
 * here, SARIF from the repository root, GitHub from GITHUB_WORKSPACE; no
 * absolute path anywhere. */
START_TEST(relative_paths)
{
	char dir[64], cmd[2048];
	make_tmp(dir, sizeof(dir));
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && mkdir -p records sub/deep && echo 'authority: X' > decrec.yaml && "
	         "sed 's/effective: 2024-07-27/effective: 2024-07-26/' "
	         "'%s/records/24-00058.yaml' > records/24-00058.yaml",
	         dir, getcwd(cmd + 1024, 1024));
	ck_assert_int_eq(system(cmd), 0);
	static const char *const want[][2] = {
	    {"-f text 2>&1 | head -1", "../../records/24-00058.yaml:15:14: error: effective date "},
	    {"-f json", "{\"file\": \"../../records/24-00058.yaml\", \"line\": 15"},
	    {"-f junit", "<testsuite name=\"../../records/24-00058.yaml\""},
	    {"-f github 2>/dev/null", "::error file=../../records/24-00058.yaml,line=15,"},
	    {"-f sarif",
	     "\"artifactLocation\": {\"uri\": \"records/24-00058.yaml\", \"uriBaseId\": "
	     "\"%SRCROOT%\"}"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		snprintf(
		    cmd, sizeof(cmd),
		    "cd '%s/sub/deep' && env -u GITHUB_ACTIONS -u GITHUB_WORKSPACE %s validate %s",
		    dir, decrec_bin(), want[i][0]);
		int st;
		char *out = sh(cmd, &st);
		ck_assert_msg(strstr(out, want[i][1]) != NULL, "%s: no %s in\n%s", want[i][0],
		              want[i][1], out);
		ck_assert_msg(strstr(out, dir) == NULL, "%s: an absolute path in\n%s", want[i][0],
		              out);
		if (i == 4) {
			assert_sarif_valid(out, "from a subdirectory");
			ck_assert_ptr_nonnull(strstr(
			    out, "\"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": "
			         "{\"text\": \"the repository root, the directory of decrec.yaml; "
			         "file paths are relative to it\"}}}"));
		}
		free(out);
	}
	/* In a GitHub Actions job, annotations are relative to the workspace. */
	snprintf(cmd, sizeof(cmd),
	         "cd '%s/sub/deep' && GITHUB_ACTIONS=true GITHUB_WORKSPACE='%s' %s validate "
	         "2>/dev/null",
	         dir, dir, decrec_bin());
	int st;
	char *out = sh(cmd, &st);
	ck_assert_int_eq(st, 1);
	ck_assert_msg(!strncmp(out, "::error file=records/24-00058.yaml,line=15,col=14,", 50), "%s",
	              out);
	free(out);
	/* A workspace that does not hold the file leaves the path as given. */
	snprintf(cmd, sizeof(cmd),
	         "cd '%s/sub/deep' && GITHUB_WORKSPACE='%s/sub' %s validate -f github 2>/dev/null",
	         dir, dir, decrec_bin());
	out = sh(cmd, &st);
	ck_assert_msg(!strncmp(out, "::error file=../../records/24-00058.yaml,line=15,", 49), "%s",
	              out);
	free(out);
	remove_tmp(dir);
}
END_TEST

/* The lexical path arithmetic behind them. */
START_TEST(path_arithmetic)
{
	static const char *const abs[][3] = {
	    {"/a/b", "x", "/a/b/x"}, {"/a/b", "../x", "/a/x"}, {"/a/b", "./x/./y//z", "/a/b/x/y/z"},
	    {"/", "../../x", "/x"},  {"/a", "/b/../c/", "/c"}, {"/a/b", "../../..", "/"},
	};
	for (size_t i = 0; i < sizeof(abs) / sizeof(*abs); i++) {
		char *p = dr_path_absolute(abs[i][0], abs[i][1]);
		ck_assert_str_eq(p, abs[i][2]);
		free(p);
	}
	static const char *const rel[][3] = {
	    {"/a/b", "/a/c/x", "../c/x"}, {"/a/b", "/a/b", "."}, {"/a/b", "/a/bc", "../bc"},
	    {"/a", "/a/b/c", "b/c"},      {"/", "/x", "x"},      {"/a", "/", ".."},
	};
	for (size_t i = 0; i < sizeof(rel) / sizeof(*rel); i++) {
		char *p = dr_path_relative(rel[i][0], rel[i][1]);
		ck_assert_str_eq(p, rel[i][2]);
		free(p);
	}
	ck_assert_int_eq(dr_path_within("/a/b", "/a/b/c"), 1);
	ck_assert_int_eq(dr_path_within("/a/b", "/a/b"), 1);
	ck_assert_int_eq(dr_path_within("/a/b", "/a/bc"), 0);
	ck_assert_int_eq(dr_path_within("/", "/x"), 1);
}
END_TEST

/* docs_url gives each SARIF rule a helpUri to its section of docs/rules.md. */
START_TEST(sarif_help_uri)
{
	char dir[64], cmd[2048];
	make_tmp(dir, sizeof(dir));
	put(dir, "decrec.yaml",
	    "docs_url: https://example.org/council/decrec/blob/main/docs/rules.md\n");
	snprintf(cmd, sizeof(cmd), "cp tests/cases/call-in-window.yaml '%s/'", dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s validate -f sarif call-in-window.yaml", dir,
	         decrec_bin());
	int st;
	char *out = sh(cmd, &st);
	ck_assert_int_eq(st, 1);
	assert_sarif_valid(out, "docs_url");
	json j = parse(out);
	const dr_node *rules = at(j.root, "runs.0.tool.driver.rules");
	ck_assert_uint_eq(rules->u.seq.n, (size_t)dr_rule_count());
	for (int r = 0; r < dr_rule_count(); r++) {
		char want[256];
		snprintf(want, sizeof(want),
		         "https://example.org/council/decrec/blob/main/docs/"
		         "rules.md#%s",
		         dr_rule_name(r));
		ck_assert_str_eq(str_at(rules->u.seq.items[r], "helpUri"), want);
		ck_assert_str_eq(str_at(rules->u.seq.items[r], "help.markdown"), dr_rule_fix(r));
	}
	dr_arena_free(j.a);
	free(out);
	/* Not a web address: a config error at the value. */
	put(dir, "decrec.yaml", "docs_url: docs/rules.md#top\n");
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s validate call-in-window.yaml 2>&1", dir,
	         decrec_bin());
	out = sh(cmd, &st);
	ck_assert_int_eq(st, 2);
	ck_assert_str_eq(out,
	                 "decrec: decrec.yaml:1:11: 'docs_url' must be the http:// or https:// "
	                 "address of docs/rules.md, with no spaces, quotes or '#', not "
	                 "'docs/rules.md#top'\n");
	free(out);
	remove_tmp(dir);
}
END_TEST

Suite *suite_report(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("formats");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sarif_schema);
	tcase_add_test(tc, sarif_hostile);
	tcase_add_test(tc, sarif_fields);
	tcase_add_test(tc, junit_cases);
	tcase_add_test(tc, junit_attribution);
	tcase_add_test(tc, junit_hostile);
	tcase_add_test(tc, github_commands);
	tcase_add_test(tc, github_escaping);
	tcase_add_test(tc, github_default);
	tcase_add_loop_test(tc, jobs_and_output_file, 0, sizeof(formats) / sizeof(formats[0]));
	tcase_add_test(tc, unknown_format);
	tcase_add_test(tc, format_names);
	tcase_add_test(tc, report_escapers);
	tcase_add_test(tc, max_warnings_in_reports);
	tcase_add_test(tc, config_error_in_reports);
	tcase_add_test(tc, relative_paths);
	tcase_add_test(tc, sarif_help_uri);
	tcase_add_test(tc, path_arithmetic);
	tcase_add_test(tc, record_spans);
	tcase_add_test(tc, checker_reuse);
	suite_add_tcase(s, tc);
	return s;
}
