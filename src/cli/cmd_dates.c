/* decrec dates: the call-in and notice arithmetic, for officers planning a
 * decision. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static void json_date(const char *key, int32_t day, int *first)
{
	char b[24];
	printf("%s\"%s\": \"%s\"", *first ? "" : ", ", key, dr_date_format_iso(b, day));
	*first = 0;
}

/* A JSON string, or null for NULL. */
static void json_str(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

/* The first working day on or after an earliest date: in JSON always (null
 * when the year has no holiday data), in text only when it is another day. */
static void working_day(const dr_config *cfg, const char *key, int32_t day, int json, int *first)
{
	int32_t w;
	int year = 0;
	char b[24];
	int rc = dr_date_first_working_day(&w, cfg, day, &year);
	if (json && rc) {
		printf(", \"%s\": null", key);
	} else if (json) {
		json_date(key, w, first);
	} else if (rc) {
		printf("  whether it is a working day is not known: the holiday data has no bank "
		       "holidays for %d\n",
		       year);
	} else if (w != day) {
		printf("  not a working day; the first working day on or after it: %s %s\n",
		       dr_date_day_name(w), dr_date_format_short(b, w));
	}
}

/* The config's path as the user would type it: relative to the working
 * directory ("decrec.yaml", "../decrec.yaml"), as other paths are shown. */
static const char *shown_path(const char *path, char *buf, size_t cap)
{
	char cwd[4096];
	if (!path || path[0] != '/' || !getcwd(cwd, sizeof(cwd)))
		return path;
	/* The longest common prefix that ends at a directory boundary. */
	size_t common = 0;
	for (size_t i = 0; cwd[i] && cwd[i] == path[i]; i++)
		if (cwd[i + 1] == '\0' ? path[i + 1] == '/'
		                       : cwd[i + 1] == '/' && path[i + 1] == '/')
			common = i + 1;
	if (!strcmp(cwd, "/"))
		return path + 1;
	size_t n = 0;
	for (const char *c = cwd + common; *c; c++) /* one ../ per component left */
		if (*c == '/' && n + 3 < cap) {
			memcpy(buf + n, "../", 3);
			n += 3;
		}
	snprintf(buf + n, cap - n, "%s", path + common + 1);
	return buf;
}

/* The settings behind the dates (have: which dates were asked for), and
 * where they come from: `path`, as given with --config when `given`. */
static void settings(const dr_config *cfg, const char *path, int given, int no_config,
                     const int have[3], int json)
{
	dr_date_settings st;
	char b[24], rel[4096];
	dr_config_date_settings(&st, cfg);
	if (!given) /* --config is shown as typed */
		path = shown_path(path, rel, sizeof(rel));
	static const char *const effective[] = {"next-day", "next-working-day"};
	if (json) {
		printf(", \"settings\": {\"config\": ");
		json_str(path);
		printf(", \"division\": \"%s\", \"holidays_file\": ", st.division);
		json_str(st.holidays_file);
		printf(", \"holiday_years\": [%d, %d], \"closures\": [", st.first_year,
		       st.last_year);
		for (size_t i = 0; i < st.nclosures; i++)
			printf("%s\"%s\"", i ? ", " : "", dr_date_format_iso(b, st.closures[i]));
		printf("], \"call_in_working_days\": %d, \"effective\": \"%s\", "
		       "\"notice_clear_days\": %d, \"general_exception_clear_days\": %d, "
		       "\"general_exception_days\": \"%s\"}",
		       st.call_in_days, effective[st.effective_next_working_day],
		       st.notice_clear_days, st.exception_clear_days,
		       st.exception_working_days ? "working" : "calendar");
		return;
	}
	if (path)
		printf("\nsettings: %s\n", path);
	else
		printf("\nsettings: the built-in defaults (%s)\n",
		       no_config ? "--no-config" : "no decrec.yaml found");
	printf("  working days: Monday to Friday, except bank holidays and closures\n");
	printf("  bank holidays: %s, ", st.division);
	if (st.holidays_file)
		printf("from %s for the years it holds, else built in; %d to %d "
		       "(calendar.division, calendar.holidays_file)\n",
		       st.holidays_file, st.first_year, st.last_year);
	else
		printf("built in for %d to %d (calendar.division)\n", st.first_year, st.last_year);
	printf("  closures: ");
	for (size_t i = 0; i < st.nclosures; i++)
		printf("%s%s", i ? ", " : "", dr_date_format_short(b, st.closures[i]));
	printf("%s (calendar.closures)\n", st.nclosures ? "" : "none");
	if (have[0]) {
		printf("  call-in: %d working days after publication (call_in.working_days)\n",
		       st.call_in_days);
		printf("  effective: %s (call_in.effective: %s)\n",
		       st.effective_next_working_day ? "the first working day after the call-in "
		                                       "deadline"
		                                     : "the day after the call-in deadline",
		       effective[st.effective_next_working_day]);
	}
	if (have[1])
		printf("  key decision notice: %d clear days (key_decisions.notice_clear_days)\n",
		       st.notice_clear_days);
	if (have[2])
		printf("  general exception: %d clear %s days "
		       "(key_decisions.general_exception_clear_days)\n",
		       st.exception_clear_days, st.exception_working_days ? "working" : "calendar");
}

int cmd_dates(int argc, char **argv)
{
	int32_t day[3];
	int have[3] = {0, 0, 0}, json = 0, c, which;
	const char *arg;
	cli_parser p;
	cli_common com;
	cli_parser_init(&p, CLI_DATES, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_PUBLISHED:
		case OPT_FIRST_PUBLISHED:
		case OPT_EXCEPTION_NOTICE:
			which = c == OPT_PUBLISHED ? 0 : c == OPT_FIRST_PUBLISHED ? 1 : 2;
			if (date_option(&day[which], "dates", cli_option_of(c)->name, arg))
				return EXIT_USAGE;
			have[which] = 1;
			break;
		case OPT_DATES_FORMAT:
			if (cli_choice(OPT_DATES_FORMAT, arg) < 0)
				return usage_error(
				    "dates", "unknown format '%s': expected text or json", arg);
			json = cli_choice(OPT_DATES_FORMAT, arg) == 1;
			break;
		}
	}
	if (c < 0)
		return p.status;
	const char *config = com.config;
	int no_config = com.no_config;
	if (optind < argc)
		return usage_error("dates", "unexpected argument '%s'", argv[optind]);
	if (!have[0] && !have[1] && !have[2])
		return usage_error("dates",
		                   "give --published, --first-published or --exception-notice");
	dr_config *cfg;
	char *found;
	int rc = load_config(&cfg, config, no_config, &found);
	if (rc)
		return rc;
	char a[24], b[24];
	int first = 1, year = 0;
	int32_t deadline = 0, effective = 0, earliest_exc = 0;
	int status = EXIT_OK;
	if ((have[0] && dr_date_call_in(&deadline, &effective, cfg, day[0], &year)) ||
	    (have[2] && dr_date_earliest_exception(&earliest_exc, cfg, day[2], &year))) {
		fprintf(stderr,
		        "decrec dates: the holiday data has no bank holidays for %d; add "
		        "them with calendar.holidays_file\n",
		        year);
		status = EXIT_FINDINGS;
		goto out;
	}
	if (json)
		putchar('{');
	if (have[0]) {
		if (json) {
			json_date("published", day[0], &first);
			json_date("call_in_deadline", deadline, &first);
			json_date("effective", effective, &first);
			printf(", \"working_days\": %d, \"division\": \"%s\"",
			       dr_config_call_in_days(cfg), dr_config_division(cfg));
		} else {
			printf("call-in deadline: %s %s (%d working days, %s)\n",
			       dr_date_day_name(deadline), dr_date_format_short(a, deadline),
			       dr_config_call_in_days(cfg), dr_config_division(cfg));
			printf("effective from:   %s %s\n", dr_date_day_name(effective),
			       dr_date_format_short(b, effective));
		}
		working_day(cfg, "effective_first_working_day", effective, json, &first);
	}
	if (have[1]) {
		int32_t e = dr_date_earliest_key_decision(cfg, day[1]);
		if (json) {
			json_date("first_published", day[1], &first);
			json_date("earliest_key_decision", e, &first);
		} else {
			printf("earliest key decision: %s %s (%d clear days' notice)\n",
			       dr_date_day_name(e), dr_date_format_short(a, e),
			       (int)(e - day[1] - 1));
		}
		working_day(cfg, "earliest_key_decision_first_working_day", e, json, &first);
	}
	if (have[2]) {
		if (json) {
			json_date("exception_notice", day[2], &first);
			json_date("earliest_exception_decision", earliest_exc, &first);
		} else {
			printf("earliest decision under the general exception: %s %s\n",
			       dr_date_day_name(earliest_exc),
			       dr_date_format_short(a, earliest_exc));
		}
		working_day(cfg, "earliest_exception_decision_first_working_day", earliest_exc,
		            json, &first);
	}
	settings(cfg, found, config != NULL, no_config, have, json);
	if (json)
		puts("}");
out:
	free(found);
	dr_config_free(cfg);
	if (close_stdout()) /* an output not written outranks findings */
		status = EXIT_IO;
	return status;
}
