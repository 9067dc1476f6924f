/* decrec validate: find the files, check them on a pool of threads into a
 * run, which keeps them out of memory, then the cross-record rules and one
 * report in input order. */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the pool ------------------------------------------------------------ */

typedef struct job {
	const dr_config *cfg;
	const dr_check_options *opt;
	const inputs *in;
	dr_run *run;
	char **err; /* per input: why it could not be read */
	size_t next;
	int failed; /* DR_ENOMEM (or DR_EINVAL, a bug): the run cannot go on */
	pthread_mutex_t lock;
} job;

static void worker(void *ctx, size_t t)
{
	job *j = ctx;
	dr_checker *c = dr_checker_new(j->cfg, j->opt);
	for (;;) {
		pthread_mutex_lock(&j->lock);
		size_t i = j->next++;
		if (!c && !j->failed)
			j->failed = DR_ENOMEM;
		int stop = j->failed;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->in->n || stop)
			break;
		char *err = NULL;
		dr_file *f;
		int rc = dr_checker_check_path(&f, c, j->in->v[i], &err);
		if (rc == DR_EIO) {
			j->err[i] = err ? err : strdup("cannot read");
			continue;
		}
		if (!rc)
			rc = dr_run_add(j->run, t, i, f);
		if (rc) {
			pthread_mutex_lock(&j->lock);
			if (!j->failed)
				j->failed = rc;
			pthread_mutex_unlock(&j->lock);
		}
	}
	dr_checker_free(c);
}

/* ---- the command ------------------------------------------------------------ */

/* Writes the report of run `r` (NULL: of no file, for a problem of the
 * run) in `fmt` to `output`, atomically, or to stdout; the totals into *t
 * when t is not NULL. Returns 0, or -1 with *status set to EXIT_IO after
 * saying why on stderr. */
static int write_report(dr_run *r, dr_format fmt, const char *output, const dr_report_options *ro,
                        dr_totals *t, int *status)
{
	out_file of = {0};
	FILE *fp = stdout;
	dr_totals none;
	if (!t)
		t = &none;
	if (output) {
		if (out_open(&of, output)) {
			fprintf(stderr, "decrec: %s: cannot write: %s\n", output, strerror(errno));
			*status = EXIT_IO;
			return -1;
		}
		fp = of.fp;
	}
	int rc = r ? dr_run_report(r, fmt, fp, stderr, ro, t)
	           : dr_report_write(fmt, fp, stderr, ro, NULL, 0, t);
	if (rc && r && *dr_run_error(r)) {
		/* Not a write error, which close_stdout or out_commit reports. */
		fprintf(stderr, "decrec: %s\n", dr_run_error(r));
		if (output)
			out_abort(&of);
		*status = EXIT_IO;
		return -1;
	}
	if (output && out_commit(&of)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", output, strerror(errno));
		*status = EXIT_IO;
		return -1;
	}
	return 0;
}

int cmd_validate(int argc, char **argv)
{
	const char *output = NULL, *color = "auto", *arg;
	int quiet = 0, allow_empty = 0;
	long jobs = 0, max_warnings = -1; /* jobs 0: one thread a core */
	dr_format fmt = DR_FORMAT_TEXT;
	int fmt_given = 0, c;
	char *end;
	cli_parser p;
	cli_common com;
	cli_parser_init(&p, CLI_VALIDATE, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_FORMAT:
			/* The library's format table decides; options.def's
			 * values row, for --help, is checked against it. */
			if (dr_format_parse(&fmt, arg))
				return usage_error(
				    "validate",
				    "unknown format '%s': expected text, json, sarif, "
				    "junit or github",
				    arg);
			fmt_given = 1;
			break;
		case OPT_OUTPUT:
			output = arg;
			break;
		case OPT_JOBS:
			if (jobs_option(&jobs, "validate", arg))
				return EXIT_USAGE;
			break;
		case OPT_MAX_WARNINGS:
			max_warnings = strtol(arg, &end, 10);
			if (*end || !*arg || max_warnings < 0)
				return usage_error("validate", "--max-warnings takes a number");
			break;
		case OPT_QUIET:
			quiet = 1;
			break;
		case OPT_ALLOW_EMPTY:
			allow_empty = 1;
			break;
		case OPT_COLOR:
			if (cli_choice(OPT_COLOR, arg) < 0)
				return usage_error("validate",
				                   "--color takes auto, always or never");
			color = arg;
			break;
		}
	}
	if (c < 0)
		return p.status;
	const char *config = com.config;
	dr_check_options opt = {.today = com.today, .stdin_name = com.stdin_name};
	/* In a GitHub Actions job, findings become annotations by default. */
	const char *gha = getenv("GITHUB_ACTIONS");
	if (!fmt_given && gha && !strcmp(gha, "true"))
		fmt = DR_FORMAT_GITHUB;
	/* Keep only what the report uses: text quotes lines, JUnit needs spans. */
	opt.quote = fmt == DR_FORMAT_TEXT;
	opt.spans = fmt == DR_FORMAT_JUNIT;

	dr_config *cfg = NULL;
	char *found = NULL, *cfg_err = NULL, *root = NULL;
	inputs in = {0};
	job j = {0};
	dr_run_problem problem;
	char nothing[1200];
	const char *nc = getenv("NO_COLOR"), *ws = getenv("GITHUB_WORKSPACE");
	if (output && !strcmp(output, "-"))
		output = NULL; /* -o - is standard output */
	dr_report_options ro = {
	    .quiet = quiet,
	    .color = !strcasecmp(color, "always") ||
	             (!strcasecmp(color, "auto") && !output && fmt == DR_FORMAT_TEXT &&
	              isatty(STDOUT_FILENO) && !(nc && *nc)),
	    .has_max_warnings = max_warnings >= 0,
	    .max_warnings = max_warnings >= 0 ? (size_t)max_warnings : 0,
	    .workspace = ws && *ws ? ws : NULL,
	};
	int status = load_config_problem(&cfg, config, com.no_config, &found, &problem, &cfg_err);
	pthread_mutex_init(&j.lock, NULL);
	/* %SRCROOT% is the directory of decrec.yaml, as a path from here. */
	if (found) {
		const char *slash = strrchr(found, '/');
		root = slash ? strndup(found, (size_t)(slash - found) + (slash == found))
		             : strdup(".");
		ro.srcroot = root;
	}
	if (status) {
		/* A bad decrec.yaml: said on stderr already, and in the report where
		 * CI reads it (for text, only a report written to a file). */
		if (cfg_err && (fmt != DR_FORMAT_TEXT || output)) {
			ro.problem = &problem;
			write_report(NULL, fmt, output, &ro, NULL, &status);
		}
		goto out;
	}
	ro.docs_url = dr_config_docs_url(cfg);

	status = collect_inputs(&in, argv + optind, argc - optind, config ? NULL : found);
	if (in.n == 0 && !status && !allow_empty) {
		/* Nothing to check is not a green run: a wrong path, or a checkout
		 * without its records, would otherwise pass. */
		snprintf(
		    nothing, sizeof(nothing),
		    "no records found: no *.yaml or *.yml file in %s (--allow-empty if that is "
		    "expected)",
		    in.searched          ? in.searched
		    : argc - optind == 1 ? argv[optind]
		                         : "the paths given");
		fprintf(stderr, "decrec: %s\n", nothing);
		status = EXIT_USAGE;
		if (fmt != DR_FORMAT_TEXT || output) {
			problem = (dr_run_problem){.id = "no-records", .message = nothing};
			ro.problem = &problem;
			write_report(NULL, fmt, output, &ro, NULL, &status);
		}
		goto out;
	}

	long nthreads = pool_size(jobs, in.n);
	j.cfg = cfg;
	j.opt = &opt;
	j.in = &in;
	j.run = dr_run_new(in.n, (size_t)nthreads);
	j.err = calloc(in.n + 1, sizeof(*j.err));
	if (!j.run || !j.err) {
		fprintf(stderr, "decrec: out of memory\n");
		status = EXIT_IO;
		goto out;
	}
	pool_run(nthreads, worker, &j);
	if (j.failed) {
		fprintf(stderr, "decrec: %s\n",
		        j.failed == DR_ENOMEM ? "out of memory"
		                              : "a file could not be added to the run");
		status = EXIT_IO;
		goto out;
	}
	/* Unreadable inputs are named on stderr and left out of the report. */
	for (size_t i = 0; i < in.n; i++) {
		if (j.err[i]) {
			fprintf(stderr, "decrec: %s\n", j.err[i]);
			status = EXIT_IO;
		}
	}
	dr_totals t;
	if (!write_report(j.run, fmt, output, &ro, &t, &status) && !status &&
	    (t.errors || t.over_max_warnings))
		status = EXIT_FINDINGS;
out:
	for (size_t i = 0; j.err && i < in.n; i++)
		free(j.err[i]);
	free(j.err);
	dr_run_free(j.run);
	inputs_free(&in);
	pthread_mutex_destroy(&j.lock);
	dr_config_free(cfg);
	free(found);
	free(cfg_err);
	free(root);
	if (close_stdout()) /* an output not written outranks findings */
		status = EXIT_IO;
	return status;
}
