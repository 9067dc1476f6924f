/* The library through its public header only, on records held in strings:
 * no subprocess, no file. What a program linking libdecrec sees: findings
 * with their exact rule, position and message, the defaults of NULL and
 * zeroed options, the default config, the date helpers, and rendering. */
#include "tests.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A record with no finding; EFFECTIVE is its effective date. */
#define GOOD(EFFECTIVE)                                                                            \
	"reference: 24/00058\n"                                                                    \
	"title: Family hubs strategy\n"                                                            \
	"decision_maker: Cabinet Member for Adult Social Care\n"                                   \
	"status: Recommendations Approved\n"                                                       \
	"key_decision: no\n"                                                                       \
	"subject_to_call_in: yes\n"                                                                \
	"dates:\n"                                                                                 \
	"  decision: 2024-07-19\n"                                                                 \
	"  published: 2024-07-19\n"                                                                \
	"  effective: " EFFECTIVE "\n"                                                             \
	"decision: I agree to APPROVE the strategy.\n"                                             \
	"reasons: There is no strategy in Kent.\n"                                                 \
	"alternatives: None.\n"                                                                    \
	"interests: []\n"

static dr_config *defaults(void)
{
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	ck_assert_ptr_null(err);
	return cfg;
}

/* The findings of `text` checked as `name` (path NULL) with options `opt`,
 * one line each: "LINE:COL rule: message". */
static char *findings(const dr_config *cfg, const dr_check_options *opt, const char *name,
                      const char *path, const char *text)
{
	dr_file *f = NULL;
	char *out = NULL;
	size_t len = 0, n;
	ck_assert_int_eq(dr_file_check(&f, cfg, opt, name, path, text, strlen(text)), 0);
	ck_assert_str_eq(dr_file_name(f), name);
	FILE *mem = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(mem);
	const dr_diag *d = dr_file_diags(f, &n);
	for (size_t i = 0; i < n; i++)
		fprintf(mem, "%u:%u %s %s: %s\n", (unsigned)d[i].line, (unsigned)d[i].column,
		        dr_severity_name(d[i].severity), dr_rule_name(d[i].rule), d[i].message);
	ck_assert_int_eq(fclose(mem), 0);
	dr_file_free(f);
	return out;
}

START_TEST(good_record_has_no_finding)
{
	dr_config *cfg = defaults();
	dr_check_options opt = DR_CHECK_OPTIONS_INIT;
	char *got = findings(cfg, &opt, "24-00058.yaml", NULL, GOOD("2024-07-27"));
	ck_assert_str_eq(got, "");
	free(got);
	dr_config_free(cfg);
}
END_TEST

START_TEST(rules_fire_with_exact_findings)
{
	dr_config *cfg = defaults();
	/* call-in-window, at the effective date's value. */
	char *got = findings(cfg, NULL, "a.yaml", NULL, GOOD("2024-07-26"));
	ck_assert_str_eq(got, "10:14 error call-in-window: effective date 26/07/2024 breaks the "
	                      "call-in rule: expected 27/07/2024, the day after the 5th working "
	                      "day after publication on 19/07/2024 (call-in deadline Fri "
	                      "26/07/2024)\n");
	free(got);
	/* missing-field, at the record's start; a second document without a
	 * mapping is not-a-record. */
	const char *text = "reference: 24/00058\ntitle: x\n---\n- a list\n";
	got = findings(cfg, NULL, "b.yaml", NULL, text);
	ck_assert_str_eq(got,
	                 "1:1 error missing-field: missing field 'decision': every record "
	                 "needs it\n"
	                 "1:1 error missing-field: missing field 'decision_maker': every "
	                 "record needs it\n"
	                 "1:1 error missing-field: missing field 'key_decision': every record "
	                 "needs it\n"
	                 "1:1 error missing-field: missing field 'status': every record needs "
	                 "it\n"
	                 "1:1 error missing-field: missing field 'subject_to_call_in': every "
	                 "record needs it\n"
	                 "4:1 error not-a-record: this document is not a record: a record is a "
	                 "mapping of fields (reference: ..., title: ...)\n");
	free(got);
	/* future-date against a given today. */
	dr_check_options opt = DR_CHECK_OPTIONS_INIT;
	ck_assert_int_eq(dr_date_parse_str(&opt.today, "2024-07-18"), 0);
	got = findings(cfg, &opt, "24-00058.yaml", NULL, GOOD("2024-07-27"));
	ck_assert_str_eq(got,
	                 "8:13 warning future-date: decision date 19/07/2024 is after today "
	                 "(18/07/2024), but the record says the decision has been made\n"
	                 "9:14 warning future-date: publication date 19/07/2024 is after today "
	                 "(18/07/2024), but the record says the decision has been made\n");
	free(got);
	dr_config_free(cfg);
}
END_TEST

/* A proposed key decision due on DUE, its notice first published on
 * 25/06/2025 (the earliest lawful date is 24/07/2025), with the restriction
 * RESTRICTION; for_publication is FOR_PUBLICATION. */
#define PROPOSED(DUE, RESTRICTION, FOR_PUBLICATION)                                                \
	"reference: 25/00201\n"                                                                    \
	"title: Household Waste Recycling Centre opening hours\n"                                  \
	"decision_maker: Cabinet Member for Environment\n"                                         \
	"status: For Determination\n"                                                              \
	"key_decision: yes\n"                                                                      \
	"subject_to_call_in: yes\n"                                                                \
	"for_publication: " FOR_PUBLICATION "\n"                                                   \
	"exempt_paragraph: 3\n"                                                                    \
	"dates:\n"                                                                                 \
	"  due: " DUE "\n"                                                                         \
	"forward_plan:\n"                                                                          \
	"  first_published: 2025-06-25\n"                                                          \
	"  documents: []\n" RESTRICTION "decision: I propose to APPROVE the new opening hours.\n"

/* The findings of `text` (named 25-00201.yaml) on `today`, one line each:
 * "LINE:COL rule [expected]: message". */
static char *proposed_findings(const dr_config *cfg, const char *today, const char *text)
{
	dr_check_options opt = DR_CHECK_OPTIONS_INIT;
	dr_file *f = NULL;
	char *out = NULL;
	size_t len = 0, n;
	ck_assert_int_eq(dr_date_parse_str(&opt.today, today), 0);
	ck_assert_int_eq(dr_file_check(&f, cfg, &opt, "25-00201.yaml", NULL, text, strlen(text)),
	                 0);
	FILE *mem = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(mem);
	const dr_diag *d = dr_file_diags(f, &n);
	for (size_t i = 0; i < n; i++)
		fprintf(mem, "%u:%u %s [%s]: %s\n", (unsigned)d[i].line, (unsigned)d[i].column,
		        dr_rule_name(d[i].rule), d[i].expected ? d[i].expected : "-", d[i].message);
	ck_assert_int_eq(fclose(mem), 0);
	dr_file_free(f);
	return out;
}

/* The rules of a proposed record at their boundaries: key-decision-notice on
 * the due date (on the earliest lawful date passes, the day before fails,
 * with that date as `expected`), overdue (due today is not overdue, due
 * yesterday is), plan-restriction (open written, or by default), and a
 * restriction not of the three, with the nearest as `expected`. */
START_TEST(proposed_rules_at_their_boundaries)
{
	dr_config *cfg = defaults();
	static const struct {
		const char *today, *text, *want;
	} cases[] = {
	    {"2025-06-30", PROPOSED("2025-07-24", "", "yes"), ""},
	    {"2025-06-30", PROPOSED("2025-07-23", "", "yes"),
	     "10:8 key-decision-notice [2025-07-24]: key decision due on 23/07/2025 with 27 clear "
	     "days' notice (first published 25/06/2025); 28 are required, so the earliest lawful "
	     "date is 24/07/2025, unless a general exception or special urgency applies\n"},
	    {"2025-06-25", PROPOSED("2025-06-26", "", "yes"),
	     "10:8 key-decision-notice [2025-07-24]: key decision due on 26/06/2025 with 0 clear "
	     "days' notice (first published 25/06/2025); 28 are required, so the earliest lawful "
	     "date is 24/07/2025, unless a general exception or special urgency applies\n"},
	    {"2025-07-24", PROPOSED("2025-07-24", "", "yes"), ""},
	    {"2025-07-25", PROPOSED("2025-07-24", "", "yes"),
	     "10:8 overdue [-]: the due date 24/07/2025 has passed (today is 25/07/2025) and the "
	     "record is still proposed: record the decision, or give the new date\n"},
	    {"2025-06-30", PROPOSED("2025-07-24", "  restriction: open\n", "no"),
	     "14:16 plan-restriction [-]: the forward plan gives the report as open, but the "
	     "record is not for publication (for_publication: no): write part-exempt or "
	     "fully-exempt\n"},
	    {"2025-06-30", PROPOSED("2025-07-24", "", "no"),
	     "7:18 plan-restriction [-]: the record is not for publication, but its forward plan "
	     "gives no restriction, which means open: add forward_plan.restriction: part-exempt "
	     "or fully-exempt\n"},
	    {"2025-06-30", PROPOSED("2025-07-24", "  restriction: part-exempt\n", "no"), ""},
	    {"2025-06-30", PROPOSED("2025-07-24", "  restriction: fully-exempt\n", "no"), ""},
	    {"2025-06-30", PROPOSED("2025-07-24", "  restriction: open\n", "yes"), ""},
	    {"2025-06-30", PROPOSED("2025-07-24", "  restriction: Fully Exempt\n", "no"),
	     "14:16 wrong-type [fully-exempt]: 'restriction' must be open, part-exempt or "
	     "fully-exempt, not 'Fully Exempt': did you mean fully-exempt?\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = proposed_findings(cfg, cases[i].today, cases[i].text);
		ck_assert_msg(!strcmp(got, cases[i].want), "case %zu: got\n%swant\n%s", i, got,
		              cases[i].want);
		free(got);
	}
	dr_config_free(cfg);
}
END_TEST

START_TEST(file_name_only_for_a_file)
{
	dr_config *cfg = defaults();
	/* Text that is no file (path NULL): no file-name finding. */
	char *got = findings(cfg, NULL, "from a string", NULL, GOOD("2024-07-27"));
	ck_assert_str_eq(got, "");
	free(got);
	/* The same text from a file of another name. */
	got = findings(cfg, NULL, "x.yaml", "x.yaml", GOOD("2024-07-27"));
	ck_assert_str_eq(got, "1:12 warning file-name: the file holding 24/00058 should be named "
	                      "24-00058.yaml, so that records can be found by their reference\n");
	free(got);
	dr_config_free(cfg);
}
END_TEST

/* A zeroed or NULL dr_check_options means today's date, not 1970-01-01:
 * dates of 2024 are not in the future, and one in 2999 is. */
START_TEST(default_options_mean_today)
{
	dr_config *cfg = defaults();
	dr_check_options zero;
	memset(&zero, 0, sizeof(zero));
	ck_assert_int_eq(DR_TODAY, 0);
	char *got = findings(cfg, &zero, "24-00058.yaml", NULL, GOOD("2024-07-27"));
	ck_assert_str_eq(got, "");
	free(got);
	got = findings(cfg, NULL, "24-00058.yaml", NULL, GOOD("2024-07-27"));
	ck_assert_str_eq(got, "");
	free(got);
	char today[24], want[512];
	dr_date_format_short(today, dr_date_today());
	snprintf(want, sizeof(want),
	         "9:13 warning future-date: decision date 01/01/2999 is after today (%s), but the "
	         "record says the decision has been made\n",
	         today);
	const char *future = "reference: 24/00058\ntitle: t\ndecision_maker: m\nstatus: Approved\n"
	                     "key_decision: no\nsubject_to_call_in: no\ncall_in_exemption: urgent\n"
	                     "dates:\n  decision: 2999-01-01\n";
	got = findings(cfg, NULL, "24-00058.yaml", NULL, future);
	ck_assert_msg(strstr(got, want) != NULL, "no future-date finding against today: %s", got);
	free(got);
	dr_config_free(cfg);
}
END_TEST

static int collect(void *ctx, const char *reference, const char *doc, size_t len)
{
	FILE *out = ctx;
	fprintf(out, "[%s]\n", reference ? reference : "-");
	fwrite(doc, 1, len, out);
	return 0;
}

static char *render(const dr_config *cfg, const dr_render_options *o, const char *text)
{
	dr_renderer *r = NULL;
	char *err = NULL, *out = NULL;
	size_t len = 0;
	ck_assert_int_eq(dr_renderer_new(&r, cfg, o, &err), 0);
	FILE *mem = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(mem);
	ck_assert_int_eq(dr_render_buffer(r, text, strlen(text), collect, mem, &err), 0);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(fclose(mem), 0);
	dr_renderer_free(r);
	return out;
}

START_TEST(render_from_a_buffer)
{
	dr_config *cfg = defaults();
	static const char want[] = "[24/00058]\n# RECORD OF DECISION\n\n"
	                           "**DECISION TAKEN BY:**\n\n"
	                           "**Cabinet Member for Adult Social Care**\n\n"
	                           "**DECISION NO:**\n\n24/00058\n\n"
	                           "For publication: Yes\n\nKey decision: No\n\n"
	                           "Title of Decision: Family hubs strategy\n\n"
	                           "## Decision\n\nI agree to APPROVE the strategy.\n\n"
	                           "## Reason(s) for decision\n\nThere is no strategy in Kent.\n\n"
	                           "## Any alternatives considered and rejected\n\nNone.\n\n"
	                           "## Any interest declared when the decision was taken and any "
	                           "dispensation granted by the Proper Officer\n\nNone.\n\n"
	                           ".....\n\nsigned\n\n.....\n\ndate\n";
	/* NULL options: the built-in record template, in Markdown. */
	char *got = render(cfg, NULL, GOOD("2024-07-27"));
	ck_assert_str_eq(got, want);
	free(got);
	dr_render_options zero;
	memset(&zero, 0, sizeof(zero));
	got = render(cfg, &zero, GOOD("2024-07-27"));
	ck_assert_str_eq(got, want);
	free(got);
	dr_render_options html = {0};
	html.format = DR_DOC_HTML;
	html.template_name = "record";
	got = render(cfg, &html, GOOD("2024-07-27"));
	ck_assert_msg(!strncmp(got, "[24/00058]\n<!DOCTYPE html>", 26), "not HTML: %.60s", got);
	free(got);
	dr_config_free(cfg);
}
END_TEST

/* Every public function that takes options or a config accepts NULL options
 * (the defaults) and rejects a NULL config with DR_EINVAL or NULL. */
START_TEST(null_options_and_config)
{
	dr_config *cfg = defaults();
	const char *text = GOOD("2024-07-26");
	dr_file *f = NULL;
	char *err = NULL;

	ck_assert_ptr_null(dr_checker_new(NULL, NULL));
	dr_checker *c = dr_checker_new(cfg, NULL);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(dr_checker_check(&f, c, "a.yaml", NULL, text, strlen(text)), 0);
	dr_checker_free(c);
	dr_checker_free(NULL);

	dr_file *g = (dr_file *)&g; /* dr_file_check sets *out to NULL on failure too */
	ck_assert_int_eq(dr_file_check(&g, NULL, NULL, "a.yaml", NULL, text, strlen(text)),
	                 DR_EINVAL);
	ck_assert_ptr_null(g);
	ck_assert_int_eq(dr_file_check(&g, cfg, NULL, NULL, NULL, text, strlen(text)), DR_EINVAL);

	/* Reports: NULL options and NULL totals. */
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(mem);
	static const dr_format every[] = {DR_FORMAT_JSON, DR_FORMAT_SARIF, DR_FORMAT_JUNIT,
	                                  DR_FORMAT_GITHUB};
	for (size_t i = 0; i < sizeof(every) / sizeof(*every); i++)
		ck_assert_int_eq(dr_report_write(every[i], mem, mem, NULL, &f, 1, NULL), 0);
	ck_assert_int_eq(dr_report_write((dr_format)99, mem, mem, NULL, &f, 1, NULL), DR_EINVAL);
	dr_totals t;
	ck_assert_int_eq(dr_report_write(DR_FORMAT_TEXT, mem, mem, NULL, &f, 1, &t), 0);
	ck_assert_int_eq(fclose(mem), 0);
	ck_assert_uint_eq(t.files, 1);
	ck_assert_uint_eq(t.records, 1);
	ck_assert_uint_eq(t.errors, 1);
	ck_assert_ptr_nonnull(strstr(out, "\"rule\": \"call-in-window\""));
	free(out);

	/* A run: NULL options and totals too. */
	dr_run *r = dr_run_new(1, 1);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(dr_run_add(r, 0, 0, f), 0); /* f is the run's now */
	out = NULL;
	mem = open_memstream(&out, &len);
	ck_assert_int_eq(dr_run_report(r, DR_FORMAT_TEXT, mem, mem, NULL, NULL), 0);
	ck_assert_int_eq(fclose(mem), 0);
	ck_assert_ptr_nonnull(strstr(out, "a.yaml:10:14: error: effective date 26/07/2024"));
	ck_assert_str_eq(dr_run_error(r), "");
	free(out);
	dr_run_free(r);
	dr_run_free(NULL);

	/* The renderer: NULL options render (render_from_a_buffer); NULL config. */
	dr_renderer *rr = NULL;
	ck_assert_int_eq(dr_renderer_new(&rr, NULL, NULL, &err), DR_EINVAL);
	ck_assert_ptr_null(rr);
	ck_assert_str_eq(err, "no config to render with");
	free(err);
	dr_renderer_free(NULL);
	dr_file_free(NULL);
	dr_config_free(cfg);
	dr_config_free(NULL);
}
END_TEST

START_TEST(config_defaults)
{
	dr_config *cfg = defaults();
	ck_assert_int_eq(dr_config_call_in_days(cfg), 5);
	ck_assert_str_eq(dr_config_division(cfg), "england-and-wales");
	char *cwd = getcwd(NULL, 0);
	ck_assert_ptr_nonnull(cwd);
	ck_assert_str_eq(dr_config_root(cfg), cwd);
	free(cwd);
	ck_assert_ptr_null(dr_config_docs_url(cfg));
	dr_date_settings st;
	dr_config_date_settings(&st, cfg);
	ck_assert_str_eq(st.division, "england-and-wales");
	ck_assert_ptr_null(st.holidays_file);
	ck_assert_uint_eq(st.nclosures, 0);
	ck_assert_int_eq(st.call_in_days, 5);
	ck_assert_int_eq(st.notice_clear_days, 28);
	dr_config_free(cfg);
}
END_TEST

START_TEST(date_helpers)
{
	dr_config *cfg = defaults();
	int32_t day, deadline, effective, out;
	int year = 0;
	char a[24], b[24], why[128];
	ck_assert_int_eq(dr_date_parse_str(&day, "19/07/2024"), 0);
	ck_assert_str_eq(dr_date_format_iso(a, day), "2024-07-19");
	ck_assert_str_eq(dr_date_day_name(day), "Fri");
	ck_assert_int_eq(dr_date_parse_why(&day, "2025-04-31", why, sizeof(why)), DR_EINVAL);
	ck_assert_str_eq(why, "'2025-04-31' is not a real day: April 2025 has 30 days");
	/* Easter 2024: Good Friday 29/03 and Easter Monday 01/04 do not count. */
	ck_assert_int_eq(dr_date_parse_str(&day, "2024-03-28"), 0);
	ck_assert_int_eq(dr_date_call_in(&deadline, &effective, cfg, day, &year), 0);
	ck_assert_str_eq(dr_date_format_short(a, deadline), "08/04/2024");
	ck_assert_str_eq(dr_date_format_short(b, effective), "09/04/2024");
	ck_assert_int_eq(dr_date_parse_str(&day, "2024-03-29"), 0);
	ck_assert_int_eq(dr_date_first_working_day(&out, cfg, day, &year), 0);
	ck_assert_str_eq(dr_date_format_iso(a, out), "2024-04-02");
	ck_assert_int_eq(dr_date_parse_str(&day, "2024-06-18"), 0);
	ck_assert_str_eq(dr_date_format_iso(a, dr_date_earliest_key_decision(cfg, day)),
	                 "2024-07-17");
	/* Past the holiday data: DR_ERANGE naming the year. */
	ck_assert_int_eq(dr_date_parse_str(&day, "2011-12-20"), 0);
	ck_assert_int_eq(dr_date_call_in(&deadline, &effective, cfg, day, &year), DR_ERANGE);
	ck_assert_int_eq(year, 2011);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_api(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("api");
	tcase_add_test(tc, good_record_has_no_finding);
	tcase_add_test(tc, rules_fire_with_exact_findings);
	tcase_add_test(tc, proposed_rules_at_their_boundaries);
	tcase_add_test(tc, file_name_only_for_a_file);
	tcase_add_test(tc, default_options_mean_today);
	tcase_add_test(tc, render_from_a_buffer);
	tcase_add_test(tc, null_options_and_config);
	tcase_add_test(tc, config_defaults);
	tcase_add_test(tc, date_helpers);
	suite_add_tcase(s, tc);
	return s;
}
