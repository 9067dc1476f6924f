/* decrec plan and decrec notice: one document from many records. Each
 * input is checked once; a listing hangs on the checker and keeps the
 * public view of each record that belongs. Once every input is checked
 * (duplicate-reference needs them all), the records of a file with errors
 * are dropped (unless --force), and the document is written whole. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct listing_cmd {
	const char *name; /* "plan" or "notice" */
	const char *output; /* -o, or NULL for stdout */
	int status;
} listing_cmd;

static int emit(void *ctx, const char *reference, const char *doc, size_t len)
{
	(void)reference;
	listing_cmd *lc = ctx;
	out_file of;
	if (!lc->output) {
		fwrite(doc, 1, len, stdout);
		return 0;
	}
	if (out_open(&of, lc->output)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", lc->output, strerror(errno));
		lc->status = EXIT_IO;
		return 0;
	}
	fwrite(doc, 1, len, of.fp);
	if (out_commit(&of)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", lc->output, strerror(errno));
		lc->status = EXIT_IO;
	}
	return 0;
}

/* The run shared by both commands, once their options are read. */
static int run_listing(listing_cmd *lc, const dr_listing_options *lo, dr_render_options *ro,
                       const cli_common *com, int force, char **paths, int npaths)
{
	dr_config *cfg = NULL;
	dr_listing *list = NULL;
	dr_renderer *rr = NULL;
	dr_checker *chk = NULL;
	dr_run *run = NULL;
	char *found = NULL, *err = NULL;
	inputs in = {0};
	dr_check_options co = {.today = com->today, .quote = 1};
	int status = load_config(&cfg, com->config, com->no_config, &found);
	if (status)
		return status;
	int rc = dr_renderer_new(&rr, cfg, ro, &err);
	if (rc) {
		fprintf(stderr, "decrec: %s\n", err ? err : "cannot load the template");
		free(err);
		status = rc == DR_EIO ? EXIT_IO : EXIT_USAGE;
		goto out;
	}
	status = collect_inputs(&in, paths, npaths, com->config ? NULL : found);
	if (in.n == 0 && !status) {
		/* An empty notice from a wrong path would look like a quiet week. */
		fprintf(stderr, "decrec: no records found: no *.yaml or *.yml file in %s\n",
		        in.searched   ? in.searched
		        : npaths == 1 ? paths[0]
		                      : "the paths given");
		status = EXIT_USAGE;
		goto out;
	}
	if (dr_listing_new(&list, cfg, lo) || !(chk = dr_checker_new(cfg, &co)) ||
	    !(run = dr_run_new(in.n, 1))) {
		fprintf(stderr, "decrec: out of memory\n");
		status = EXIT_IO;
		goto out;
	}
	for (size_t i = 0; i < in.n; i++) {
		dr_file *f;
		dr_listing_attach(list, chk, i);
		rc = dr_checker_check_path(&f, chk, in.v[i], &err);
		if (rc == DR_EIO) {
			fprintf(stderr, "decrec: %s\n", err ? err : in.v[i]);
			free(err);
			err = NULL;
			status = EXIT_IO;
			continue;
		}
		if (rc || dr_run_add(run, 0, i, f)) {
			fprintf(stderr, "decrec: out of memory\n");
			status = EXIT_IO;
			goto out;
		}
	}
	/* A file with errors: its report on stderr, its records left out. */
	for (size_t i = 0; i < in.n; i++) {
		const dr_file *f = dr_run_file(run, i);
		if (!f && *dr_run_error(run)) {
			fprintf(stderr, "decrec: %s\n", dr_run_error(run));
			status = EXIT_IO;
			goto out;
		}
		size_t errors = report_errors(f);
		if (!errors)
			continue;
		if (!force) {
			fprintf(stderr,
			        "decrec: %s: not listed: %zu validation error%s (--force lists it "
			        "anyway)\n",
			        dr_file_name(f), errors, errors == 1 ? "" : "s");
			dr_listing_drop(list, i);
			if (status == EXIT_OK)
				status = EXIT_FINDINGS;
		}
	}
	/* A document missing the records of an unreadable input is not one
	 * to publish. */
	if (status == EXIT_IO) {
		fprintf(stderr, "decrec %s: nothing written: an input could not be read\n",
		        lc->name);
		goto out;
	}
	rc = dr_listing_render(list, rr, emit, lc, &err);
	if (rc) {
		fprintf(stderr, "decrec: %s\n", err ? err : "out of memory");
		free(err);
		status = rc == DR_EINVAL ? EXIT_USAGE : EXIT_IO;
		goto out;
	}
	if (lc->status)
		status = lc->status;
	size_t input;
	const char *ref, *why;
	for (size_t i = 0; !dr_listing_left_out(list, i, &input, &ref, &why); i++)
		fprintf(stderr, "decrec %s: %s: %s left out: %s\n", lc->name,
		        input_path(in.v[input], com->stdin_name)
		            ? input_path(in.v[input], com->stdin_name)
		            : in.v[input],
		        *ref ? ref : "a record", why);
out:
	dr_run_free(run);
	dr_checker_free(chk);
	dr_listing_free(list);
	dr_renderer_free(rr);
	inputs_free(&in);
	dr_config_free(cfg);
	free(found);
	if (close_stdout() && !status)
		status = EXIT_IO;
	return status;
}

/* The value of -t/--to or --type. */
static int format_option(dr_render_options *ro, const char *cmd, int opt, const char *arg)
{
	int i = cli_choice(opt, arg);
	if (i < 0)
		return usage_error(cmd, "--%s takes md or html, not '%s'", cli_option_of(opt)->name,
		                   arg);
	ro->format = i == 1 ? DR_DOC_HTML : DR_DOC_MD;
	return 0;
}

int cmd_plan(int argc, char **argv)
{
	dr_listing_options lo = {.kind = DR_LISTING_PLAN, .date = DR_TODAY, .since = DR_TODAY};
	dr_render_options ro = {.template_name = "plan"};
	listing_cmd lc = {.name = "plan"};
	const char *arg;
	int force = 0, c, rc;
	cli_parser p;
	cli_common com;
	cli_parser_init(&p, CLI_PLAN, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_PLAN_TO:
			if ((rc = format_option(&ro, "plan", c, arg)))
				return rc;
			break;
		case OPT_PLAN_TEMPLATE:
			ro.template_name = arg;
			break;
		case OPT_TEMPLATES:
			ro.templates = arg;
			break;
		case OPT_LIST_OUTPUT:
			lc.output = strcmp(arg, "-") ? arg : NULL;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_EDITION:
			if ((rc = date_option(&lo.date, "plan", "date", arg)))
				return rc;
			break;
		case OPT_SINCE:
			if ((rc = date_option(&lo.since, "plan", "since", arg)))
				return rc;
			break;
		case OPT_MONTHS: {
			char *end;
			long n = strtol(arg, &end, 10);
			if (*arg < '0' || *arg > '9' || *end || n < 1 || n > 60)
				return usage_error("plan",
				                   "--months takes a whole number from 1 to 60, "
				                   "not '%s'",
				                   arg);
			lo.months = (int)n;
			break;
		}
		}
	}
	if (c < 0)
		return p.status;
	if (lo.date == DR_TODAY)
		lo.date = com.today;
	if (lo.since != DR_TODAY && lo.since >= (lo.date == DR_TODAY ? dr_date_today() : lo.date))
		return usage_error("plan", "--since is the last edition's date, before --date");
	return run_listing(&lc, &lo, &ro, &com, force, argv + optind, argc - optind);
}

int cmd_notice(int argc, char **argv)
{
	dr_listing_options lo = {.kind = DR_LISTING_NOTICE};
	dr_render_options ro = {.template_name = "notice"};
	listing_cmd lc = {.name = "notice"};
	const char *arg;
	int force = 0, c, rc, published = 0, from = 0, to = 0;
	int32_t day;
	cli_parser p;
	cli_common com;
	cli_parser_init(&p, CLI_NOTICE, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_NOTICE_TYPE:
			if ((rc = format_option(&ro, "notice", c, arg)))
				return rc;
			break;
		case OPT_NOTICE_TEMPLATE:
			ro.template_name = arg;
			break;
		case OPT_TEMPLATES:
			ro.templates = arg;
			break;
		case OPT_LIST_OUTPUT:
			lc.output = strcmp(arg, "-") ? arg : NULL;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_NOTICE_PUBLISHED:
		case OPT_FROM:
		case OPT_UNTIL:
			if ((rc = date_option(&day, "notice", cli_option_of(c)->name, arg)))
				return rc;
			if (c != OPT_UNTIL)
				lo.from = day;
			if (c != OPT_FROM)
				lo.to = day;
			published |= c == OPT_NOTICE_PUBLISHED;
			from |= c == OPT_FROM;
			to |= c == OPT_UNTIL;
			break;
		}
	}
	if (c < 0)
		return p.status;
	if (published && (from || to))
		return usage_error("notice", "--published cannot be used with --from or --to");
	if (from != to)
		return usage_error("notice", "--from and --to go together");
	if (!published && !from)
		lo.from = lo.to = com.today == DR_TODAY ? dr_date_today() : com.today;
	if (lo.from > lo.to)
		return usage_error("notice", "--from is after --to");
	return run_listing(&lc, &lo, &ro, &com, force, argv + optind, argc - optind);
}
