/* decrec dates: the call-in and notice arithmetic, for officers planning a
 * decision. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
    "usage: decrec dates [options]\n"
    "\n"
    "Computes the dates the rules require, with the calendar of decrec.yaml.\n"
    "\n"
    "options:\n"
    "  --published DATE         the call-in deadline and the effective date of a\n"
    "                           decision published on DATE\n"
    "  --first-published DATE   the earliest date of a key decision whose notice\n"
    "                           was first published on DATE\n"
    "  --exception-notice DATE  the earliest date of a key decision taken under the\n"
    "                           general exception after a notice of DATE\n"
    "  --config FILE, --no-config   as for validate\n"
    "  -f, --format FMT         text (default) or json\n"
    "  -h, --help               show this help\n"
    "\n"
    "Dates are YYYY-MM-DD or DD/MM/YYYY.\n";

static void json_date(const char *key, int32_t day, int *first)
{
	char b[24];
	printf("%s\"%s\": \"%s\"", *first ? "" : ", ", key, dr_date_format_iso(b, day));
	*first = 0;
}

int cmd_dates(int argc, char **argv)
{
	enum { OPT_PUB = 256, OPT_FIRST, OPT_EXC, OPT_CONFIG, OPT_NO_CONFIG };
	static const struct option opts[] = {
	    {"published", required_argument, NULL, OPT_PUB},
	    {"first-published", required_argument, NULL, OPT_FIRST},
	    {"exception-notice", required_argument, NULL, OPT_EXC},
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const names[] = {"--published", "--first-published",
	                                    "--exception-notice"};
	int32_t day[3];
	int have[3] = {0, 0, 0}, json = 0, no_config = 0, c;
	const char *config = NULL;
	optind = 1;
	opterr = 0; /* option_error says it in one line */
	while ((c = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_PUB:
		case OPT_FIRST:
		case OPT_EXC:
			if (date_option(&day[c - OPT_PUB], "dates", names[c - OPT_PUB], optarg))
				return EXIT_USAGE;
			have[c - OPT_PUB] = 1;
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_NO_CONFIG:
			no_config = 1;
			break;
		case 'f':
			if (strcasecmp(optarg, "json") && strcasecmp(optarg, "text"))
				return usage_error(
				    "dates", "unknown format '%s': expected text or json", optarg);
			json = !strcasecmp(optarg, "json");
			break;
		case 'h':
			fputs(help, stdout);
			return close_stdout() ? EXIT_IO : EXIT_OK;
		default:
			return option_error("dates", c, opts, argv);
		}
	}
	if (optind < argc)
		return usage_error("dates", "unexpected argument '%s'", argv[optind]);
	if (!have[0] && !have[1] && !have[2])
		return usage_error("dates",
		                   "give --published, --first-published or --exception-notice");
	dr_config *cfg;
	char *found;
	int rc = load_config(&cfg, config, no_config, &found);
	free(found);
	if (rc)
		return rc;
	char a[24], b[24];
	int first = 1, year = 0;
	int32_t deadline = 0, effective = 0, earliest_exc = 0;
	int status = EXIT_OK;
	if ((have[0] && dr_call_in(cfg, day[0], &deadline, &effective, &year)) ||
	    (have[2] && dr_earliest_exception(cfg, day[2], &earliest_exc, &year))) {
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
	}
	if (have[1]) {
		int32_t e = dr_earliest_key_decision(cfg, day[1]);
		if (json) {
			json_date("first_published", day[1], &first);
			json_date("earliest_key_decision", e, &first);
		} else {
			printf("earliest key decision: %s %s (%d clear days' notice)\n",
			       dr_date_day_name(e), dr_date_format_short(a, e),
			       (int)(e - day[1] - 1));
		}
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
	}
	if (json)
		puts("}");
out:
	dr_config_free(cfg);
	if (close_stdout()) /* an output not written outranks findings */
		status = EXIT_IO;
	return status;
}
