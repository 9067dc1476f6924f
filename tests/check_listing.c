/* decrec plan and decrec notice on the records of tests/plan/: each document
 * byte for byte against its golden file there, the exact lines on standard
 * error and the exit statuses, reference order with runs of digits by value,
 * files with errors dropped (or listed with --force), usage errors, atomic
 * -o, exempt text never shown, inert HTML; and the library's dr_listing_*
 * on records held in strings. DECREC_UPDATE_GOLDEN=1 rewrites the golden
 * files from the current output (then read the diff before committing). */
#include "tests.h"

#include "date.h"
#include "fuzz/targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs `decrec ARGS` from the top of the repository: its standard output
 * (returned) and standard error (*err), both malloc'd, and its exit status. */
static char *run(const char *args, int *status, char **err)
{
	char path[] = "/tmp/decrec-listing-err-XXXXXX", cmd[4096];
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s %s 2>%s", decrec_bin(), args, path);
	char *out = run_command(cmd, status);
	ck_assert_ptr_nonnull(out);
	*err = read_text(path, NULL);
	ck_assert_ptr_nonnull(*err);
	unlink(path);
	return out;
}

/* Writes `text` to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static void remove_dir(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

#define PLAN "plan --today 2024-07-12 --date 2024-07-12 "
#define NOTICE "notice --today 2024-08-30 --from 2024-08-19 --to 2024-08-23 "
#define INPUTS " tests/plan/records tests/plan/week"

/* The plan's two records that belong but are not in the edition of
 * 12/07/2024, in document order. */
static const char left_out[] =
    "decrec plan: tests/plan/records/24-00090.yaml: 24/00090 left out: due 10/07/2024, before "
    "the edition date 12/07/2024: overdue\n"
    "decrec plan: tests/plan/records/24-00125.yaml: 24/00125 left out: first published "
    "19/07/2024, after the edition date 12/07/2024: it belongs to a later edition\n";

/* Every document of the fixtures: the plan of 12/07/2024 (New since the day
 * before, or since the last edition of 14/06/2024), with the defaults, a
 * council's settings (long dates, its statements, call-in closing at
 * 17:00) and the wider plan of non-key items; the notice of the week of
 * 19-23/08/2024 and of one day. Plan and notice both read both folders:
 * each takes only its own records. */
static const struct {
	const char *file, *args, *err;
} goldens[] = {
    {"plan.md", PLAN "--no-config" INPUTS, left_out},
    {"plan.html", PLAN "--no-config -t html" INPUTS, left_out},
    {"plan-since.md", PLAN "--no-config --since 2024-06-14" INPUTS, left_out},
    {"plan-kent.md", PLAN "--config tests/plan/kent.yaml" INPUTS, left_out},
    {"plan-kent.html", PLAN "--config tests/plan/kent.yaml -t html" INPUTS, left_out},
    {"plan-wider.md", PLAN "--config tests/plan/wider.yaml" INPUTS, left_out},
    {"notice.md", NOTICE "--no-config" INPUTS, ""},
    {"notice.html", NOTICE "--no-config --type html" INPUTS, ""},
    {"notice-kent.md", NOTICE "--config tests/plan/kent.yaml" INPUTS, ""},
    {"notice-kent.html", NOTICE "--config tests/plan/kent.yaml -t html" INPUTS, ""},
    {"notice-day.md", "notice --today 2024-08-30 --no-config --published 22/08/2024" INPUTS, ""},
};
#define N_GOLDENS (sizeof(goldens) / sizeof(*goldens))

START_TEST(golden)
{
	char path[256], *err;
	int st;
	char *got = run(goldens[_i].args, &st, &err);
	snprintf(path, sizeof(path), "tests/plan/%s", goldens[_i].file);
	if (getenv("DECREC_UPDATE_GOLDEN")) {
		put_file("tests/plan", goldens[_i].file, got);
		fprintf(stderr, "check_listing: rewrote %s\n", path);
	}
	char *want = read_text(path, NULL);
	ck_assert_msg(want != NULL, "cannot read %s", path);
	ck_assert_msg(!strcmp(got, want), "%s differs from the output of decrec %s", path,
	              goldens[_i].args);
	ck_assert_str_eq(err, goldens[_i].err);
	ck_assert_int_eq(st, 0);
	free(got);
	free(want);
	free(err);
}
END_TEST

/* The order and grouping the goldens hold, said once more in words: the
 * references of each "Not before" heading, and the New marks. */
START_TEST(plan_groups_and_new)
{
	static const char *const order[] = {
	    "## Not before 16 July 2024",
	    "### 24/00099 - ",
	    "### 24/00100 - ",
	    "### 24/00102 - ",
	    "## Not before 23 July 2024",
	    "### 24/00103 - ",
	    "### 24/00105 - ",
	    "## Not before 13 August 2024",
	    "### 24/00666 - ",
	    "## Not before 10 September 2024",
	    "### 24/00110 - Kent and Medway Business Fund – new round of loans (New)\n",
	    "### 24/00111 - Mobile library service – future delivery model (New)\n",
	    "## Not before 7 November 2024",
	    "### 24/00115 - Medium Term Financial Plan 2025-28 – budget consultation\n",
	    "## Decisions under the general exception or special urgency",
	    "### 24/00121 - ",
	    "- Taken under special urgency (regulation 11): Agreed by Chairman of the Scrutiny "
	    "Committee\n",
	    "### 24/00120 - ",
	    "- Taken under the general exception (regulation 10): Notice published 8 July 2024\n",
	    "## Documents and how to obtain them",
	};
	char *err;
	int st;
	char *out = run(PLAN "--no-config" INPUTS, &st, &err);
	const char *p = out;
	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++) {
		const char *q = strstr(p, order[i]);
		ck_assert_msg(q != NULL, "'%s' is missing or out of order", order[i]);
		p = q + strlen(order[i]);
	}
	/* Only the two items added on the edition date are New; never listed:
	 * a non-key, a withdrawn, a made record, the left-out ones. */
	size_t marks = 0;
	for (const char *q = out; (q = strstr(q, " (New)\n")); q++)
		marks++;
	ck_assert_uint_eq(marks, 2);
	static const char *const absent[] = {"24/00114", "24/00116", "24/00092", "24/00094",
	                                     "24/00090", "24/00125", "24/00130"};
	for (size_t i = 0; i < sizeof(absent) / sizeof(*absent); i++)
		ck_assert_msg(!strstr(out, absent[i]), "%s is in the plan", absent[i]);
	free(out);
	free(err);
	/* Since the last edition of 14 June 2024: every item added after it,
	 * 24/00120 by its general exception notice of 8 July. */
	out = run(PLAN "--no-config --since 2024-06-14" INPUTS, &st, &err);
	static const char *const fresh[] = {"24/00103", "24/00105", "24/00666", "24/00110",
	                                    "24/00111", "24/00115", "24/00120"};
	marks = 0;
	for (const char *q = out; (q = strstr(q, " (New)\n")); q++)
		marks++;
	ck_assert_uint_eq(marks, sizeof(fresh) / sizeof(*fresh));
	for (size_t i = 0; i < sizeof(fresh) / sizeof(*fresh); i++) {
		const char *h = strstr(out, fresh[i]);
		ck_assert_ptr_nonnull(h);
		ck_assert_msg(strstr(h, " (New)\n") == strchr(h, '\n') - strlen(" (New)"),
		              "%s is not marked New", fresh[i]);
	}
	ck_assert_ptr_nonnull(strstr(out, " Items marked New were added to the plan after "
	                                  "14 June 2024.\n"));
	free(out);
	free(err);
}
END_TEST

/* The call-in notice: subject to call-in first, by publication then
 * reference; the deadlines across the bank holiday of 26 August 2024. A
 * reason of several paragraphs stays whole. A decision already called in
 * has a section of its own, with no effective date. */
START_TEST(notice_order_and_deadlines)
{
	static const char *const order[] = {
	    "## Decisions that may be called in",
	    "### 24/00130 - ",
	    "- Call-in closes: Tuesday 27 August 2024\n- Effective from: 28 August 2024\n",
	    "### 24/00131 - ",
	    "- Call-in closes: Friday 30 August 2024\n- Effective from: 31 August 2024\n",
	    "### 24/00132 - ",
	    "- Call-in closes: Friday 30 August 2024\n",
	    "### 24/00134 - Sale of the former Sessions House annexe\n",
	    "- Call-in closes: Monday 2 September 2024\n- Effective from: 3 September 2024\n",
	    "## Decisions not subject to call-in",
	    "### 24/00133 - ",
	    "\nNot subject to call-in:\n\nThe decision is **urgent**: the grant must be accepted "
	    "by 23 August 2024, and any delay\ncaused by the call-in process would lose it.\n\n"
	    "Agreed by Chairman of the Scrutiny Committee.\n",
	    "### 24/00137 - ",
	    "\nNot subject to call-in:\n\nAn officer decision under delegated powers, which "
	    "call-in does not apply to.\n",
	    "## Decisions already called in\n\n### 24/00135 - Review of the Kent Support and "
	    "Assistance Service\n\n- Decision Maker: Cabinet Member for Adult Social Care and "
	    "Public Health\n- Date of decision: 20 August 2024\n- Publication date: 21 August "
	    "2024\n- Decision status: Called In\n",
	};
	char *err;
	int st;
	char *out = run(NOTICE "--no-config" INPUTS, &st, &err);
	const char *p = out;
	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++) {
		const char *q = strstr(p, order[i]);
		ck_assert_msg(q != NULL, "'%s' is missing or out of order", order[i]);
		p = q + strlen(order[i]);
	}
	/* Published outside the week, or proposed: not in the notice. */
	static const char *const absent[] = {"24/00128", "24/00136", "24/00094", "24/00099"};
	for (size_t i = 0; i < sizeof(absent) / sizeof(*absent); i++)
		ck_assert_msg(!strstr(out, absent[i]), "%s is in the notice", absent[i]);
	free(out);
	free(err);
	/* call_in.closes_at "17:00" and long dates: as people write it. */
	out = run(NOTICE "--config tests/plan/kent.yaml" INPUTS, &st, &err);
	ck_assert_ptr_nonnull(strstr(out, "- Call-in closes: 5pm on Friday 30 August 2024\n"));
	ck_assert_ptr_nonnull(
	    strstr(out, "Kent County Council: Decisions published from 19 August 2024 to 23 August "
	                "2024\n"));
	free(out);
	free(err);
	out = run(NOTICE "--config tests/plan/kent.yaml -t html" INPUTS, &st, &err);
	ck_assert_ptr_nonnull(strstr(out,
	                             "<dd class=\"maker\">5pm on Friday <time "
	                             "datetime=\"2024-08-30T17:00\">30 August 2024</time></dd>"));
	free(out);
	free(err);
}
END_TEST

/* closes_at as people say the time. */
START_TEST(notice_closing_times)
{
	static const char *const times[][2] = {
	    {"09:30", "9.30am"},  {"12:00", "12 noon"}, {"12:30", "12.30pm"}, {"00:30", "12.30am"},
	    {"23:59", "11.59pm"}, {"16:00", "4pm"},     {"00:00", "12am"},
	};
	char dir[] = "/tmp/decrec-listing-XXXXXX", cfg[128], args[512], want[128];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (size_t i = 0; i < sizeof(times) / sizeof(*times); i++) {
		snprintf(cfg, sizeof(cfg), "call_in:\n  closes_at: \"%s\"\n", times[i][0]);
		put_file(dir, "decrec.yaml", cfg);
		snprintf(args, sizeof(args),
		         "notice --config %s/decrec.yaml --published 2024-08-19 tests/plan/week",
		         dir);
		char *err;
		int st;
		char *out = run(args, &st, &err);
		snprintf(want, sizeof(want), "- Call-in closes: %s on Tuesday 27 August 2024\n",
		         times[i][1]);
		ck_assert_msg(strstr(out, want) != NULL, "%s: no '%s' in\n%s", times[i][0], want,
		              out);
		ck_assert_int_eq(st, 0);
		free(out);
		free(err);
	}
	remove_dir(dir);
}
END_TEST

/* Nothing in the range or the period: the document says so. */
START_TEST(nothing_to_list)
{
	char *err;
	int st;
	char *out = run("notice --no-config --published 2024-08-18" INPUTS, &st, &err);
	ck_assert_str_eq(out, "# Call-in notice\n\nDecisions published on 18 August 2024\n\nNo "
	                      "decisions were published in this period.\n");
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(st, 0);
	free(out);
	free(err);
	out = run("notice --no-config -t html --from 2024-09-02 --to 2024-09-06 tests/plan/week",
	          &st, &err);
	ck_assert_ptr_nonnull(strstr(
	    out, "<h1><span class=\"ref\">Decisions published from <time "
	         "datetime=\"2024-09-02\">2 September 2024</time> to <time "
	         "datetime=\"2024-09-06\">6 September 2024</time></span>Call-in notice</h1>\n<p>No "
	         "decisions were published in this period.</p>\n</main>"));
	ck_assert_int_eq(st, 0);
	free(out);
	free(err);
	/* Made decisions only: no plan item. */
	out = run("plan --no-config --date 2024-07-12 --months 1 tests/plan/week", &st, &err);
	ck_assert_str_eq(
	    out,
	    "# Notice of Key Decisions\n\nPublished 12 July 2024\n\nKey decisions to be taken from "
	    "12 July 2024 to 11 August 2024. A decision listed will not be taken before the date "
	    "under "
	    "which it appears.\n\nNo key decisions are due in this period.\n\n## Documents and "
	    "how to obtain them\n\nCopies of the documents listed for an item, once published, "
	    "are available from Democratic Services, the council.\n\nOther documents relevant to "
	    "a matter may be submitted to the decision maker: send them to the contact named for "
	    "the item, or to Democratic Services, the council, before the decision is due.\n\nTo "
	    "ask for details of the documents listed, or for copies as they become available, "
	    "contact the officer named for the item, or Democratic Services, the council.\n");
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(st, 0);
	free(out);
	free(err); /* No record at all is a wrong path, not a quiet week. */
	char dir[] = "/tmp/decrec-listing-XXXXXX", args[256];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (int i = 0; i < 2; i++) {
		snprintf(args, sizeof(args), "%s --no-config %s",
		         i ? "notice --published 2024-08-19" : "plan", dir);
		out = run(args, &st, &err);
		char want[256];
		snprintf(want, sizeof(want),
		         "decrec: no records found: no *.yaml or *.yml file in %s\n", dir);
		ck_assert_str_eq(err, want);
		ck_assert_str_eq(out, "");
		ck_assert_int_eq(st, 2);
		free(out);
		free(err);
	}
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* The period: --months from the edition date to the day before the same
 * day, or to the last day of a shorter month. */
START_TEST(plan_period)
{
	static const char *const cases[][3] = {
	    {"2024-07-12", "1", "12 July 2024 to 11 August 2024"},
	    {"2024-10-31", "4", "31 October 2024 to 28 February 2025"},
	    {"2023-10-31", "4", "31 October 2023 to 29 February 2024"},
	    {"2024-01-01", "12", "1 January 2024 to 31 December 2024"},
	    {"2024-12-01", "60", "1 December 2024 to 30 November 2029"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char args[256], want[128], *err;
		int st;
		snprintf(args, sizeof(args),
		         "plan --no-config --date %s --months %s tests/plan/week", cases[i][0],
		         cases[i][1]);
		char *out = run(args, &st, &err);
		snprintf(want, sizeof(want), "Key decisions to be taken from %s.", cases[i][2]);
		ck_assert_msg(strstr(out, want) != NULL, "no '%s' in\n%s", want, out);
		ck_assert_int_eq(st, 0);
		free(out);
		free(err);
	}
}
END_TEST

/* A proposed key decision of a council whose references are MBC/2024/9:
 * NUMBER, then its title. */
#define MBC(REF)                                                                                   \
	"reference: " REF "\n"                                                                     \
	"title: Item " REF "\n"                                                                    \
	"decision_maker: Cabinet\n"                                                                \
	"status: For Determination\n"                                                              \
	"key_decision: yes\n"                                                                      \
	"subject_to_call_in: yes\n"                                                                \
	"dates:\n"                                                                                 \
	"  due: 2024-09-10\n"                                                                      \
	"forward_plan:\n"                                                                          \
	"  first_published: 2024-07-01\n"                                                          \
	"  documents: []\n"                                                                        \
	"decision: I propose to agree.\n"

/* Items of one date in reference order, runs of digits by their value:
 * MBC/2024/9 before MBC/2024/10 before MBC/2024/100. */
START_TEST(reference_order)
{
	char dir[] = "/tmp/decrec-listing-XXXXXX", args[512];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "decrec.yaml", "reference_pattern: \"^MBC/[0-9]{4}/[0-9]+$\"\n");
	put_file(dir, "items.yaml",
	         MBC("MBC/2024/100") "---\n" MBC("MBC/2024/10") "---\n" MBC(
	             "MBC/2024/9") "---\n" MBC("MBC/2023/11") "---\n" MBC("MBC/2024/19"));
	snprintf(args, sizeof(args),
	         "plan --config %s/decrec.yaml --today 2024-07-12 --date 2024-07-12 %s/items.yaml",
	         dir, dir);
	char *err;
	int st;
	char *out = run(args, &st, &err);
	const char *want[] = {"### MBC/2023/11 - ", "### MBC/2024/9 - ", "### MBC/2024/10 - ",
	                      "### MBC/2024/19 - ", "### MBC/2024/100 - "};
	const char *p = out;
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		const char *q = strstr(p, want[i]);
		ck_assert_msg(q != NULL, "'%s' missing or out of order in\n%s", want[i], out);
		p = q + 1;
	}
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(st, 0);
	free(out);
	free(err);
	remove_dir(dir);
}
END_TEST

/* The report of tests/plan/invalid/typo.yaml, as decrec validate writes it. */
#define TYPO_REPORT                                                                                \
	"tests/plan/invalid/typo.yaml:22:1: error: unknown field 'lead_oficer': did you mean "     \
	"'lead_officer'? unknown keys are refused so that a typo cannot drop a field "             \
	"[unknown-field]\n"                                                                        \
	"   22 | lead_oficer: Director of Environment and Circular Economy\n"                      \
	"      | ^~~~~~~~~~~\n"

/* A file with errors: its report on stderr and none of its records in the
 * document (exit 1); with --force, all of them (exit 0). */
START_TEST(file_with_errors)
{
	char *err;
	int st;
	char *out =
	    run(PLAN "--no-config tests/plan/invalid tests/plan/records/24-00105.yaml", &st, &err);
	ck_assert_str_eq(err, TYPO_REPORT "decrec: tests/plan/invalid/typo.yaml: not listed: 1 "
	                                  "validation error (--force lists it anyway)\n");
	ck_assert_int_eq(st, 1);
	ck_assert_ptr_nonnull(strstr(out, "\n### 24/00105 - "));
	ck_assert_ptr_null(strstr(out, "24/00140"));
	ck_assert_ptr_null(strstr(out, "24/00141"));
	free(out);
	free(err);
	out = run(PLAN "--no-config --force tests/plan/invalid tests/plan/records/24-00105.yaml",
	          &st, &err);
	ck_assert_str_eq(err, TYPO_REPORT);
	ck_assert_int_eq(st, 0);
	const char *a = strstr(out, "\n### 24/00105 - "), *b = strstr(out, "\n### 24/00140 - "),
	           *c = strstr(out, "\n### 24/00141 - ");
	ck_assert(a && b && c && a < b && b < c);
	free(out);
	free(err);
	/* The notice drops the file the same way. */
	out = run("notice --no-config --published 2024-08-22 tests/plan/invalid tests/plan/week",
	          &st, &err);
	ck_assert_str_eq(err, TYPO_REPORT "decrec: tests/plan/invalid/typo.yaml: not listed: 1 "
	                                  "validation error (--force lists it anyway)\n");
	ck_assert_int_eq(st, 1);
	ck_assert_ptr_nonnull(strstr(out, "\n### 24/00131 - "));
	free(out);
	free(err);
	/* An input that cannot be read: no document, which would lack its
	 * records. */
	out = run("notice --no-config --published 2024-08-22 tests/plan/week tests/plan/nope.yaml",
	          &st, &err);
	ck_assert_ptr_nonnull(strstr(err, "tests/plan/nope.yaml"));
	ck_assert_ptr_nonnull(
	    strstr(err, "decrec notice: nothing written: an input could not be read\n"));
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(st, 3);
	free(out);
	free(err);
}
END_TEST

START_TEST(usage_errors)
{
	static const struct {
		const char *args, *err;
	} cases[] = {
	    {"notice --published 2024-08-19 --from 2024-08-19 --to 2024-08-20",
	     "decrec notice: --published cannot be used with --from or --to\n"},
	    {"notice --to 2024-08-20 --published 2024-08-19",
	     "decrec notice: --published cannot be used with --from or --to\n"},
	    {"notice --from 2024-08-19", "decrec notice: --from and --to go together\n"},
	    {"notice --to 2024-08-19", "decrec notice: --from and --to go together\n"},
	    {"notice --from 2024-08-23 --to 2024-08-19", "decrec notice: --from is after --to\n"},
	    {"notice --published 2024-13-01", "decrec notice: --published '2024-13-01' is not a "
	                                      "real day: months run from 1 to 12\n"},
	    {"notice --from 19/08/24 --to 2024-08-20",
	     "decrec notice: --from '19/08/24' is not a date: expected YYYY-MM-DD or DD/MM/YYYY\n"},
	    {"notice -t pdf", "decrec notice: --type takes md or html, not 'pdf'\n"},
	    {"plan --months 0",
	     "decrec plan: --months takes a whole number from 1 to 60, not '0'\n"},
	    {"plan --months 61",
	     "decrec plan: --months takes a whole number from 1 to 60, not '61'\n"},
	    {"plan --months x",
	     "decrec plan: --months takes a whole number from 1 to 60, not 'x'\n"},
	    {"plan --months +5",
	     "decrec plan: --months takes a whole number from 1 to 60, not '+5'\n"},
	    {"plan --months ' 5'",
	     "decrec plan: --months takes a whole number from 1 to 60, not ' 5'\n"},
	    {"plan --months 4x",
	     "decrec plan: --months takes a whole number from 1 to 60, not '4x'\n"},
	    {"plan --date 2024-02-30",
	     "decrec plan: --date '2024-02-30' is not a real day: February 2024 has 29 days\n"},
	    {"plan --since tomorrow",
	     "decrec plan: --since 'tomorrow' is not a date: expected YYYY-MM-DD or DD/MM/YYYY\n"},
	    {"plan -t pdf", "decrec plan: --to takes md or html, not 'pdf'\n"},
	    {"plan --date 2024-07-12 --since 2024-07-12",
	     "decrec plan: --since is the last edition's date, before --date\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char args[256], want[512], *err;
		int st;
		snprintf(args, sizeof(args), "%s --no-config tests/plan/week", cases[i].args);
		char *out = run(args, &st, &err);
		snprintf(want, sizeof(want), "%stry 'decrec %s --help'\n", cases[i].err,
		         cases[i].args[0] == 'p' ? "plan" : "notice");
		ck_assert_str_eq(err, want);
		ck_assert_str_eq(out, "");
		ck_assert_msg(st == 2, "%s: exit %d", cases[i].args, st);
		free(out);
		free(err);
	}
}
END_TEST

static mode_t mode_of(const char *path)
{
	struct stat st;
	ck_assert_msg(stat(path, &st) == 0, "%s is missing", path);
	return st.st_mode & 07777;
}

/* -o: the whole document or nothing, the usual mode, no temporary file
 * left, the inputs untouched; an output that cannot be written is exit 3
 * and leaves nothing behind. */
START_TEST(output_file)
{
	char dir[] = "/tmp/decrec-listing-XXXXXX", cmd[2048], path[600];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp -r tests/plan/records tests/plan/week %s/", dir);
	ck_assert_int_eq(system(cmd), 0);
	static const struct {
		const char *umask;
		mode_t mode;
	} masks[] = {{"022", 0644}, {"077", 0600}};
	for (size_t i = 0; i < sizeof(masks) / sizeof(*masks); i++) {
		snprintf(cmd, sizeof(cmd),
		         "cd %s && umask %s && %s " PLAN "--no-config -o out/plan.md records week "
		         "2>/dev/null; echo $?; ls -A out",
		         dir, masks[i].umask, decrec_bin());
		snprintf(path, sizeof(path), "mkdir -p %s/out && rm -f %s/out/*", dir, dir);
		ck_assert_int_eq(system(path), 0);
		int st;
		char *out = run_command(cmd, &st);
		ck_assert_str_eq(out, "0\nplan.md\n");
		free(out);
		snprintf(path, sizeof(path), "%s/out/plan.md", dir);
		ck_assert_uint_eq(mode_of(path), masks[i].mode);
		char *got = read_text(path, NULL), *want = read_text("tests/plan/plan.md", NULL);
		ck_assert_ptr_nonnull(got);
		ck_assert_ptr_nonnull(want);
		ck_assert_msg(!strcmp(got, want), "-o wrote other than tests/plan/plan.md");
		free(got);
		free(want);
	}
	/* The notice to -o, and - for standard output. */
	snprintf(cmd, sizeof(cmd),
	         "cd %s && %s " NOTICE "--no-config -t html -o out/notice.html records week && "
	         "%s " NOTICE "--no-config -t html -o - records week | cmp - out/notice.html && "
	         "cmp out/notice.html $OLDPWD/tests/plan/notice.html && ls -A out",
	         dir, decrec_bin(), decrec_bin());
	int st;
	char *out = run_command(cmd, &st);
	ck_assert_str_eq(out, "notice.html\nplan.md\n");
	ck_assert_int_eq(st, 0);
	free(out);
	/* The inputs are as they were. */
	snprintf(cmd, sizeof(cmd),
	         "diff -r tests/plan/records %s/records && diff -r tests/plan/week %s/week", dir,
	         dir);
	out = run_command(cmd, &st);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(st, 0);
	free(out);
	/* A folder that does not exist, and a folder where the file should
	 * be: exit 3, the reason, nothing written. */
	static const char *const bad[][2] = {
	    {"missing/plan.md", "No such file or directory"},
	    {"out", "Is a directory"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char args[1024], want[1024], *err;
		snprintf(args, sizeof(args), PLAN "--no-config -o %s/%s %s/records", dir, bad[i][0],
		         dir);
		out = run(args, &st, &err);
		snprintf(
		    want, sizeof(want),
		    "decrec: %s/%s: cannot write: %s\n"
		    "decrec plan: %s/records/24-00090.yaml: 24/00090 left out: due 10/07/2024, "
		    "before the edition date 12/07/2024: overdue\n"
		    "decrec plan: %s/records/24-00125.yaml: 24/00125 left out: first published "
		    "19/07/2024, after the edition date 12/07/2024: it belongs to a later "
		    "edition\n",
		    dir, bad[i][0], bad[i][1], dir, dir);
		ck_assert_str_eq(err, want);
		ck_assert_str_eq(out, "");
		ck_assert_int_eq(st, 3);
		free(out);
		free(err);
		snprintf(cmd, sizeof(cmd), "cd %s && ls -A . out", dir);
		out = run_command(cmd, &st);
		ck_assert_str_eq(out, ".:\nout\nrecords\nweek\n\nout:\nnotice.html\nplan.md\n");
		free(out);
	}
	remove_dir(dir);
}
END_TEST

/* A council's own template sees only the public view of an exempt record:
 * it prints every field that holds exempt text, and none appears. */
static const char plan_probe[] =
    "{{#groups}}{{#items}}{{{reference}}}|{{{decision_title}}}|{{{summary}}}|{{{decision}}}|{{{"
    "policy}}}|"
    "{{{consultation}}}|{{{implications.financial}}}|{{{public_summary}}}\n{{/items}}{{/groups}}";
static const char notice_probe[] = "{{#call_in_items}}{{{reference}}}|{{{decision_title}}}|{{{"
                                   "summary}}}|{{{decision}}}|{{{reasons}}}|"
                                   "{{{alternatives}}}|{{#interests}}{{{member}}}{{{interest}}}{{/"
                                   "interests}}|{{{public_summary}}}\n"
                                   "{{/call_in_items}}";

/* Exempt text is in no plan or notice: the goldens' outputs, both formats,
 * with --force, and a template of the council's own. */
START_TEST(exempt_text_never_shown)
{
	char *err;
	int st;
	for (size_t i = 0; i < N_GOLDENS; i++) {
		char *out = run(goldens[i].args, &st, &err);
		ck_assert_msg(!strstr(out, "XSECRET"), "%s: exempt text: %.80s", goldens[i].file,
		              strstr(out, "XSECRET"));
		free(out);
		free(err);
	}
	char dir[] = "/tmp/decrec-listing-XXXXXX", args[1024];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "probe-plan.md", plan_probe);
	put_file(dir, "probe-notice.md", notice_probe);
	snprintf(args, sizeof(args), PLAN "--no-config --force --template %s/probe-plan.md" INPUTS,
	         dir);
	char *out = run(args, &st, &err);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_null(strstr(out, "XSECRET"));
	/* The probe works: the exempt item is there with its public summary, an
	 * open one with its own decision. */
	ck_assert_ptr_nonnull(strstr(out, "24/00103|Special educational needs home to school "
	                                  "transport – dynamic purchasing system|||||"));
	ck_assert_ptr_nonnull(strstr(out, "|The Cabinet Member will decide how the Council buys"));
	ck_assert_ptr_nonnull(strstr(out,
	                             "24/00105|Household Support Fund 2024-25 – allocation of the "
	                             "grant||I propose to **APPROVE** the allocation"));
	free(out);
	free(err);
	snprintf(args, sizeof(args),
	         NOTICE "--no-config --force --template %s/probe-notice.md" INPUTS, dir);
	out = run(args, &st, &err);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_null(strstr(out, "XSECRET"));
	ck_assert_ptr_nonnull(strstr(out, "24/00134|Sale of the former Sessions House annexe|||||"
	                                  "|The Council has agreed to sell"));
	ck_assert_ptr_nonnull(strstr(out, "24/00130|Dover Fastrack extension – acceptance of the "
	                                  "tender||I agree to **APPROVE** the proposal."));
	free(out);
	free(err);
	remove_dir(dir);
}
END_TEST

/* The HTML of both documents runs nothing, whatever the records hold: the
 * fuzz target's oracle, and the hostile item's text is there as text. */
START_TEST(html_inert)
{
	static const char *const args[] = {
	    PLAN "--no-config -t html" INPUTS,
	    PLAN "--config tests/plan/wider.yaml -t html" INPUTS,
	    NOTICE "--no-config -t html" INPUTS,
	};
	for (size_t i = 0; i < sizeof(args) / sizeof(*args); i++) {
		char *err;
		int st;
		size_t len;
		char *out = run(args[i], &st, &err);
		len = strlen(out);
		const char *bad = fuzz_html_unsafe(out, len);
		ck_assert_msg(bad == NULL, "decrec %s: %s", args[i], bad);
		ck_assert_int_eq(st, 0);
		free(out);
		free(err);
	}
	char *err;
	int st;
	char *out = run(PLAN "--no-config -t html" INPUTS, &st, &err);
	static const char *const text[] = {
	    "<span "
	    "class=\"ref\">24/00666</span>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; "
	    "&amp; &quot;quoted&quot; *not emphasis* {{authority}} # no heading</h3>",
	    "<dd>Cabinet Member for &lt;b onmouseover=&quot;alert(1)&quot;&gt;Hover&lt;/b&gt; "
	    "&amp; "
	    "`code` _under_</dd>",
	    "<li>&lt;script&gt;alert(&#39;doc&#39;)&lt;/script&gt;</li><li>[a "
	    "link](javascript:alert(4)) &amp; {{statements.address}}</li>",
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(*text); i++)
		ck_assert_msg(strstr(out, text[i]) != NULL, "no '%s'", text[i]);
	free(out);
	free(err);
}
END_TEST

/* fuzz_render's oracles, which now cover plans and notices, hold on every
 * fixture: items shown and left out, exempt, hostile. */
START_TEST(fuzz_oracle_on_fixtures)
{
	int st;
	char *list = run_command("ls tests/plan/records/*.yaml tests/plan/week/*.yaml "
	                         "tests/plan/invalid/*.yaml",
	                         &st);
	ck_assert_int_eq(st, 0);
	size_t n = 0;
	for (char *p = list, *nl; (nl = strchr(p, '\n')); p = nl + 1, n++) {
		*nl = '\0';
		size_t len;
		char *buf = read_text(p, &len);
		ck_assert_msg(buf != NULL, "cannot read %s", p);
		const char *bad = fuzz_render((const uint8_t *)buf, len);
		ck_assert_msg(bad == NULL, "%s: %s", p, bad);
		free(buf);
	}
	ck_assert_uint_eq(n, 24);
	free(list);
}
END_TEST

/* ---- the library ---------------------------------------------------------- */

static dr_config *defaults(void)
{
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	return cfg;
}

START_TEST(listing_new_invalid)
{
	dr_config *cfg = defaults();
	dr_listing *l = (dr_listing *)&l; /* must stay as it is on failure */
	dr_listing *const before = l;
	const dr_listing_options bad[] = {
	    {.kind = DR_LISTING_PLAN, .date = 0, .months = -1},
	    {.kind = DR_LISTING_PLAN, .date = 0, .months = 61},
	    {.kind = DR_LISTING_NOTICE, .from = 20000, .to = 19999},
	    {.kind = (dr_listing_kind)3},
	    {.kind = (dr_listing_kind)-1},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		ck_assert_int_eq(dr_listing_new(&l, cfg, &bad[i]), DR_EINVAL);
		ck_assert_ptr_eq(l, before);
	}
	dr_listing_options o = {.kind = DR_LISTING_PLAN, .date = DR_TODAY, .since = DR_TODAY};
	ck_assert_int_eq(dr_listing_new(&l, NULL, &o), DR_EINVAL);
	ck_assert_int_eq(dr_listing_new(&l, cfg, NULL), DR_EINVAL);
	ck_assert_ptr_eq(l, before);
	/* The edges that are allowed: 0 (for 4), 1 and 60 months; one day. */
	static const int months[] = {0, 1, 60};
	for (size_t i = 0; i < 3; i++) {
		o.months = months[i];
		ck_assert_int_eq(dr_listing_new(&l, cfg, &o), 0);
		dr_listing_free(l);
	}
	dr_listing_options n = {.kind = DR_LISTING_NOTICE, .from = 20000, .to = 20000};
	ck_assert_int_eq(dr_listing_new(&l, cfg, &n), 0);
	dr_listing_free(l);
	dr_listing_free(NULL);
	dr_config_free(cfg);
}
END_TEST

/* A proposed key decision: REF, due DUE, first published FIRST. */
#define ITEM(REF, DUE, FIRST)                                                                      \
	"reference: " REF "\n"                                                                     \
	"title: Item " REF "\n"                                                                    \
	"decision_maker: Cabinet\n"                                                                \
	"status: For Determination\n"                                                              \
	"key_decision: yes\n"                                                                      \
	"subject_to_call_in: yes\n"                                                                \
	"dates:\n"                                                                                 \
	"  due: " DUE "\n"                                                                         \
	"forward_plan:\n"                                                                          \
	"  first_published: " FIRST "\n"                                                           \
	"  documents: []\n"                                                                        \
	"decision: I propose to agree.\n"

typedef struct collected {
	int calls;
	char *doc;
} collected;

static int collect(void *ctx, const char *reference, const char *doc, size_t len)
{
	collected *c = ctx;
	ck_assert_ptr_null(reference);
	c->calls++;
	free(c->doc);
	c->doc = strndup(doc, len);
	return 0;
}

/* dr_listing_left_out: nothing before the render, the left-out items in
 * document order after it, -1 past the last; dr_listing_drop leaves a whole
 * input out, and not as "left out"; rendering again gives the same. */
START_TEST(listing_left_out_bounds)
{
	dr_config *cfg = defaults();
	dr_check_options co = {.today = dr_date_from_ymd(2024, 7, 12)};
	dr_checker *chk = dr_checker_new(cfg, &co);
	dr_listing_options o = {
	    .kind = DR_LISTING_PLAN, .date = dr_date_from_ymd(2024, 7, 12), .since = DR_TODAY};
	dr_listing *l = NULL;
	dr_renderer *r = NULL;
	char *err = NULL;
	dr_render_options ro = {.template_name = "plan"};
	ck_assert_ptr_nonnull(chk);
	ck_assert_int_eq(dr_listing_new(&l, cfg, &o), 0);
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &ro, &err), 0);
	static const char *const files[] = {
	    /* 0: one shown, one overdue, one of a later edition. */
	    ITEM("24/00200", "2024-09-10", "2024-07-01") "---\n" ITEM(
	        "24/00199", "2024-07-11", "2024-06-01") "---\n" ITEM("24/00201", "2024-09-10",
	                                                             "2024-07-15"),
	    /* 1: overdue, and dropped. */
	    ITEM("24/00198", "2024-07-01", "2024-05-01"),
	    /* 2: overdue, earlier than input 0's: first among the left out. */
	    ITEM("24/00197", "2024-07-10", "2024-06-01"),
	};
	for (size_t i = 0; i < 3; i++) {
		dr_file *f = NULL;
		dr_listing_attach(l, chk, i);
		ck_assert_int_eq(
		    dr_checker_check(&f, chk, "plan.yaml", NULL, files[i], strlen(files[i])), 0);
		dr_file_free(f);
	}
	size_t input = 99;
	const char *ref = NULL, *why = NULL;
	ck_assert_int_eq(dr_listing_left_out(l, 0, &input, &ref, &why), -1);
	ck_assert_uint_eq(input, 99);
	dr_listing_drop(l, 1);
	dr_listing_drop(l, 7); /* no such input: nothing */
	collected c = {0};
	for (int round = 0; round < 2; round++) {
		char *before = c.doc ? strdup(c.doc) : NULL;
		ck_assert_int_eq(dr_listing_render(l, r, collect, &c, &err), 0);
		ck_assert_ptr_null(err);
		ck_assert_int_eq(c.calls, round + 1);
		ck_assert_ptr_nonnull(strstr(c.doc, "### 24/00200 - Item 24/00200\n"));
		ck_assert_ptr_null(strstr(c.doc, "24/00198"));
		ck_assert_ptr_null(strstr(c.doc, "24/00199"));
		if (before)
			ck_assert_str_eq(c.doc, before);
		free(before);
		static const struct {
			size_t input;
			const char *ref, *why;
		} want[] = {
		    {2, "24/00197", "due 10/07/2024, before the edition date 12/07/2024: overdue"},
		    {0, "24/00199", "due 11/07/2024, before the edition date 12/07/2024: overdue"},
		    {0, "24/00201",
		     "first published 15/07/2024, after the edition date 12/07/2024: it belongs to "
		     "a later edition"},
		};
		for (size_t i = 0; i < 3; i++) {
			ck_assert_int_eq(dr_listing_left_out(l, i, &input, &ref, &why), 0);
			ck_assert_uint_eq(input, want[i].input);
			ck_assert_str_eq(ref, want[i].ref);
			ck_assert_str_eq(why, want[i].why);
		}
		input = 99;
		ck_assert_int_eq(dr_listing_left_out(l, 3, &input, &ref, &why), -1);
		ck_assert_int_eq(dr_listing_left_out(l, (size_t)-1, &input, &ref, &why), -1);
		ck_assert_uint_eq(input, 99);
	}
	free(c.doc);
	dr_renderer_free(r);
	dr_listing_free(l);
	dr_checker_free(chk);
	dr_config_free(cfg);
}
END_TEST

/* dr_listing_merge: the records of listings filled by two checkers (as
 * decrec site's threads do) give the document, and the left-out order, of
 * one listing that met them all; the listing merged from is empty after,
 * and listings of different kinds do not merge. */
START_TEST(listing_merge)
{
	dr_config *cfg = defaults();
	dr_check_options co = {.today = dr_date_from_ymd(2024, 7, 12)};
	dr_listing_options o = {
	    .kind = DR_LISTING_PLAN, .date = dr_date_from_ymd(2024, 7, 12), .since = DR_TODAY};
	dr_listing_options on = {.kind = DR_LISTING_NOTICE, .from = 1, .to = 2};
	dr_renderer *r = NULL;
	char *err = NULL;
	dr_render_options ro = {.template_name = "plan"};
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &ro, &err), 0);
	static const char *const files[] = {
	    ITEM("24/00200", "2024-09-10", "2024-07-01"),
	    ITEM("24/00199", "2024-07-11", "2024-06-01"),
	    ITEM("24/00202", "2024-08-10", "2024-07-01"),
	    ITEM("24/00197", "2024-07-10", "2024-06-01"),
	    ITEM("24/00201", "2024-08-10", "2024-07-02"),
	};
	char *doc[2] = {NULL, NULL};
	char left[2][200] = {"", ""};
	for (int merged = 0; merged < 2; merged++) {
		dr_checker *chk[2] = {dr_checker_new(cfg, &co), dr_checker_new(cfg, &co)};
		dr_listing *l[2] = {NULL, NULL};
		ck_assert_int_eq(dr_listing_new(&l[0], cfg, &o), 0);
		ck_assert_int_eq(dr_listing_new(&l[1], cfg, &o), 0);
		for (size_t i = 0; i < 5; i++) {
			/* Merged: inputs 1 and 4 go through the second checker. */
			int t = merged && (i == 1 || i == 4);
			dr_file *f = NULL;
			dr_listing_attach(l[t], chk[t], i);
			ck_assert_int_eq(dr_checker_check(&f, chk[t], "plan.yaml", NULL, files[i],
			                                  strlen(files[i])),
			                 0);
			dr_file_free(f);
		}
		ck_assert_int_eq(dr_listing_merge(l[0], l[1]), 0);
		collected c = {0};
		ck_assert_int_eq(dr_listing_render(l[0], r, collect, &c, &err), 0);
		doc[merged] = c.doc;
		size_t input;
		const char *ref, *why;
		for (size_t i = 0; !dr_listing_left_out(l[0], i, &input, &ref, &why); i++)
			snprintf(left[merged] + strlen(left[merged]),
			         sizeof(left[merged]) - strlen(left[merged]), "%zu %s;", input,
			         ref);
		/* The one merged from is empty: its document lists nothing. */
		c = (collected){0};
		ck_assert_int_eq(dr_listing_render(l[1], r, collect, &c, &err), 0);
		ck_assert_ptr_null(strstr(c.doc, "24/00"));
		free(c.doc);
		dr_listing *n = NULL;
		ck_assert_int_eq(dr_listing_new(&n, cfg, &on), 0);
		ck_assert_int_eq(dr_listing_merge(l[0], n), DR_EINVAL);
		ck_assert_int_eq(dr_listing_merge(NULL, n), DR_EINVAL);
		dr_listing_free(n);
		for (int t = 0; t < 2; t++) {
			dr_listing_free(l[t]);
			dr_checker_free(chk[t]);
		}
	}
	ck_assert_ptr_nonnull(strstr(doc[0], "### 24/00202 - Item 24/00202\n"));
	ck_assert_ptr_nonnull(strstr(doc[0], "### 24/00201 - Item 24/00201\n"));
	ck_assert_str_eq(doc[1], doc[0]);
	ck_assert_str_eq(left[0], "3 24/00197;1 24/00199;");
	ck_assert_str_eq(left[1], left[0]);
	free(doc[0]);
	free(doc[1]);
	dr_renderer_free(r);
	dr_config_free(cfg);
}
END_TEST

/* A notice whose dates are left zeroed (DR_TODAY) covers today, not
 * 1 January 1970, day 0. */
START_TEST(notice_dates_default_to_today)
{
	dr_config *cfg = defaults();
	dr_checker *chk = dr_checker_new(cfg, NULL);
	dr_renderer *r = NULL;
	dr_listing *l = NULL;
	char *err = NULL, iso[16], text[1024];
	dr_render_options ro = {.template_name = "notice"};
	ck_assert_ptr_nonnull(chk);
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &ro, &err), 0);
	dr_date_iso(iso, dr_date_today());
	snprintf(text, sizeof(text),
	         "reference: 24/00300\ntitle: Published today\ndecision_maker: Cabinet\n"
	         "status: Decision Made\nkey_decision: no\nsubject_to_call_in: no\n"
	         "call_in_exemption:\n  reason: An officer decision.\ndates:\n  decision: %s\n"
	         "  published: %s\ndecision: I agree.\nreasons: Because.\nalternatives: None.\n"
	         "interests: []\n",
	         iso, iso);
	dr_listing_options o = {.kind = DR_LISTING_NOTICE};
	ck_assert_int_eq(dr_listing_new(&l, cfg, &o), 0);
	dr_listing_attach(l, chk, 0);
	dr_file *f = NULL;
	ck_assert_int_eq(dr_checker_check(&f, chk, "today.yaml", NULL, text, strlen(text)), 0);
	dr_file_free(f);
	collected c = {0};
	ck_assert_int_eq(dr_listing_render(l, r, collect, &c, &err), 0);
	ck_assert_ptr_nonnull(strstr(c.doc, "\n### 24/00300 - Published today\n"));
	free(c.doc);
	dr_listing_free(l);
	/* Today is after a `to` in the past; a `from` in the past is fine. */
	dr_listing_options past = {.kind = DR_LISTING_NOTICE, .to = dr_date_from_ymd(2024, 1, 1)};
	ck_assert_int_eq(dr_listing_new(&l, cfg, &past), DR_EINVAL);
	past =
	    (dr_listing_options){.kind = DR_LISTING_NOTICE, .from = dr_date_from_ymd(2024, 1, 1)};
	ck_assert_int_eq(dr_listing_new(&l, cfg, &past), 0);
	dr_listing_free(l);
	dr_renderer_free(r);
	dr_checker_free(chk);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_listing(void)
{
	Suite *s = suite_create("listing");
	TCase *tc = tcase_create("listing");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, golden, 0, (int)N_GOLDENS);
	tcase_add_test(tc, plan_groups_and_new);
	tcase_add_test(tc, notice_order_and_deadlines);
	tcase_add_test(tc, notice_closing_times);
	tcase_add_test(tc, nothing_to_list);
	tcase_add_test(tc, plan_period);
	tcase_add_test(tc, reference_order);
	tcase_add_test(tc, file_with_errors);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, output_file);
	tcase_add_test(tc, exempt_text_never_shown);
	tcase_add_test(tc, html_inert);
	tcase_add_test(tc, fuzz_oracle_on_fixtures);
	tcase_add_test(tc, listing_new_invalid);
	tcase_add_test(tc, listing_left_out_bounds);
	tcase_add_test(tc, listing_merge);
	tcase_add_test(tc, notice_dates_default_to_today);
	suite_add_tcase(s, tc);
	return s;
}
