/* decrec validate: find the files, check them on a pool of threads into a
 * run, which keeps them out of memory, then the cross-record rules and one
 * report in input order. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "usage: decrec validate [options] [PATH ...]\n"
    "\n"
    "Checks decision records against the record format and the rules for\n"
    "executive decisions. A PATH is a file, a directory (searched for *.yaml and\n"
    "*.yml, hidden directories and decrec.yaml skipped) or - for standard input.\n"
    "Without PATH: records/ beside decrec.yaml, else ./records, else the current\n"
    "directory.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT       text (default), json, sarif (SARIF 2.1.0), junit (JUnit\n"
    "                         XML) or github (GitHub Actions annotations, the\n"
    "                         default when GITHUB_ACTIONS=true); see docs/ci.md\n"
    "  -o, --output FILE      write the report to FILE (atomically; - is stdout)\n"
    "  -j, --jobs N           check with N threads (default: the number of cores);\n"
    "                         the output is the same for every N\n"
    "      --config FILE      use FILE as decrec.yaml\n"
    "      --no-config        use the built-in defaults only\n"
    "      --today DATE       the date future-date compares with (YYYY-MM-DD)\n"
    "      --max-warnings N   fail when there are more than N warnings\n"
    "      --allow-empty      finding no record is not an error\n"
    "      --stdin-filename PATH\n"
    "                         the name of standard input (-) in reports, and the\n"
    "                         place its relative document links are resolved from\n"
    "  -q, --quiet            show errors only, and no summary\n"
    "      --color WHEN       auto (default: on a terminal, unless NO_COLOR is set),\n"
    "                         always or never\n"
    "  -h, --help             show this help\n"
    "\n"
    "exit status: 0 no errors, 1 errors (or too many warnings), 2 usage error,\n"
    "bad decrec.yaml or no record found, 3 an input could not be read or the\n"
    "output not written.\n"
    "Rules and their fixes: docs/rules.md.\n";

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

typedef struct worker_arg {
	job *j;
	size_t t; /* the thread's number, for dr_run_add */
} worker_arg;

static void *worker(void *arg)
{
	job *j = ((worker_arg *)arg)->j;
	size_t t = ((worker_arg *)arg)->t;
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
	return NULL;
}

/* The number of threads for `jobs` and `n` inputs. */
static long threads(long jobs, size_t n)
{
	if (jobs > 64)
		jobs = 64;
	if ((size_t)jobs > n)
		jobs = n ? (long)n : 1;
	return jobs;
}

static void run(job *j, long jobs)
{
	pthread_t t[64];
	worker_arg a[64];
	long started = 0;
	for (; jobs > 1 && started < jobs; started++) {
		a[started] = (worker_arg){j, (size_t)started};
		if (pthread_create(&t[started], NULL, worker, &a[started]))
			break;
	}
	if (!started) { /* one job, or no thread could start: do it here */
		a[0] = (worker_arg){j, 0};
		worker(&a[0]);
	}
	for (long i = 0; i < started; i++)
		pthread_join(t[i], NULL);
}

/* ---- the command ------------------------------------------------------------ */

/* The format named by -f; 0, or -1 for an unknown name. */
static int parse_format(dr_format *fmt, const char *name)
{
	static const struct {
		const char *name;
		dr_format fmt;
	} formats[] = {
	    {"text", DR_FORMAT_TEXT},   {"json", DR_FORMAT_JSON},     {"sarif", DR_FORMAT_SARIF},
	    {"junit", DR_FORMAT_JUNIT}, {"github", DR_FORMAT_GITHUB},
	};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcasecmp(name, formats[i].name)) {
			*fmt = formats[i].fmt;
			return 0;
		}
	return -1;
}

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
	enum {
		OPT_CONFIG = 256,
		OPT_NO_CONFIG,
		OPT_TODAY,
		OPT_MAX_WARNINGS,
		OPT_COLOR,
		OPT_ALLOW_EMPTY,
		OPT_STDIN_FILENAME
	};
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
	    {"today", required_argument, NULL, OPT_TODAY},
	    {"max-warnings", required_argument, NULL, OPT_MAX_WARNINGS},
	    {"quiet", no_argument, NULL, 'q'},
	    {"color", required_argument, NULL, OPT_COLOR},
	    {"allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY},
	    {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config = NULL, *output = NULL, *color = "auto";
	int no_config = 0, quiet = 0, allow_empty = 0;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN), max_warnings = -1;
	dr_format fmt = DR_FORMAT_TEXT;
	int fmt_given = 0;
	dr_check_options opt = {.today = today()};
	char *end;
	int c;
	optind = 1;
	opterr = 0; /* option_error says it in one line */
	while ((c = getopt_long(argc, argv, ":f:o:j:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (parse_format(&fmt, optarg))
				return usage_error(
				    "validate",
				    "unknown format '%s': expected text, json, sarif, "
				    "junit or github",
				    optarg);
			fmt_given = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > 64)
				return usage_error("validate",
				                   "--jobs takes a number from 1 to 64");
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_NO_CONFIG:
			no_config = 1;
			break;
		case OPT_TODAY:
			if (date_option(&opt.today, "validate", "--today", optarg))
				return EXIT_USAGE;
			break;
		case OPT_MAX_WARNINGS:
			max_warnings = strtol(optarg, &end, 10);
			if (*end || !*optarg || max_warnings < 0)
				return usage_error("validate", "--max-warnings takes a number");
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_ALLOW_EMPTY:
			allow_empty = 1;
			break;
		case OPT_STDIN_FILENAME:
			if (stdin_filename_option(&opt.stdin_name, "validate", optarg))
				return EXIT_USAGE;
			break;
		case OPT_COLOR:
			if (strcasecmp(optarg, "auto") && strcasecmp(optarg, "always") &&
			    strcasecmp(optarg, "never"))
				return usage_error("validate",
				                   "--color takes auto, always or never");
			color = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			return close_stdout() ? EXIT_IO : EXIT_OK;
		default:
			return option_error("validate", c, opts, argv);
		}
	}
	if (jobs < 1)
		jobs = 1;
	/* In a GitHub Actions job, findings become annotations by default. */
	const char *gha = getenv("GITHUB_ACTIONS");
	if (!fmt_given && gha && !strcmp(gha, "true"))
		fmt = DR_FORMAT_GITHUB;
	/* Keep only what the report uses: text quotes lines, JUnit needs spans. */
	opt.quote = fmt == DR_FORMAT_TEXT;
	opt.spans = fmt == DR_FORMAT_JUNIT;
	if (config && no_config)
		return usage_error("validate", "--config and --no-config cannot be used together");

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
	int status = load_config_problem(&cfg, config, no_config, &found, &problem, &cfg_err);
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

	long nthreads = threads(jobs, in.n);
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
	run(&j, nthreads);
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
