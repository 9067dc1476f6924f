/* decrec render: records to the Record of Decision form or the register's
 * Decision details page, in Markdown or HTML. Every input is validated
 * first; a file with errors is not rendered unless --force. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char help[] =
    "usage: decrec render [options] [PATH ...]\n"
    "\n"
    "Renders records to documents: the Record of Decision form (template\n"
    "'record') or the register's Decision details page ('details'), in Markdown\n"
    "or HTML. A PATH is a record file, a directory of them, or - for standard\n"
    "input. One record without -o or --out-dir goes to standard output.\n"
    "Records are validated first: a file with errors is not rendered.\n"
    "Files are written with the mode of the file they replace, or 0666 less\n"
    "the umask.\n"
    "\n"
    "options:\n"
    "  -t, --to FMT          md (default) or html\n"
    "      --template NAME   record (default), details, another template name,\n"
    "                        or a Mustache template file\n"
    "      --templates DIR   a directory searched for templates and partials first\n"
    "  -o, --output FILE     write the one document to FILE (atomically)\n"
    "      --out-dir DIR     one file per record, named after its reference\n"
    "                        (24-00058.html), each written atomically; DIR and\n"
    "                        its parents are created when missing. Documents\n"
    "                        linked by a relative href are copied to\n"
    "                        DIR/documents/<path in the repository> and linked\n"
    "                        there\n"
    "      --documents-url URL\n"
    "                        link relative document hrefs to URL/<path in the\n"
    "                        repository> instead, copying nothing (without it\n"
    "                        and --out-dir, links are kept as written)\n"
    "      --check           with --out-dir: write nothing; exit 1 and name each\n"
    "                        file (page or document copy) that is missing or\n"
    "                        differs from what would be written\n"
    "      --stdin-filename PATH\n"
    "                        the name of - (standard input) in messages, and the\n"
    "                        file its relative document links start from\n"
    "      --force           render records that have validation errors\n"
    "      --config FILE     use FILE as decrec.yaml\n"
    "      --no-config       use the built-in defaults only\n"
    "      --today DATE      the date validation's future-date compares with\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 done, 1 a file was refused for its errors or --check found\n"
    "a difference, 2 usage error, bad decrec.yaml or bad template, 3 an input\n"
    "could not be read or an output not written.\n"
    "Template variables: docs/templates.md.\n";

typedef struct run {
	const char *output, *out_dir, *ext;
	int check;
	int status;
	size_t written;
	const char *input; /* for messages */
	char **seen; /* file names written in this run */
	size_t nseen;
	doc_links links;
} run;

/* Whether `path` holds exactly doc[0..len). */
static int same(const char *path, const char *doc, size_t len)
{
	char *buf, *err = NULL;
	size_t n;
	if (dr_read_file(&buf, &n, path, len + 1, &err)) {
		free(err);
		return 0;
	}
	int eq = n == len && !memcmp(buf, doc, len);
	free(buf);
	return eq;
}

static int write_file(run *r, const char *path, const char *doc, size_t len)
{
	out_file of;
	if (same(path, doc, len))
		return 0; /* unchanged: leave the file and its time alone */
	if (out_open(&of, path)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", path, strerror(errno));
		r->status = EXIT_IO;
		return -1;
	}
	fwrite(doc, 1, len, of.fp);
	if (out_commit(&of)) {
		fprintf(stderr, "decrec: %s: cannot write: %s\n", path, strerror(errno));
		r->status = EXIT_IO;
		return -1;
	}
	return 0;
}

/* Whether url can start the links of --documents-url: an http(s) address
 * with a host, or a path on the same server, with nothing a browser would
 * read otherwise (spaces, control characters, '\\') and no query or
 * fragment, since document paths are appended to it. */
static int base_url(const char *url)
{
	size_t scheme = !strncasecmp(url, "https://", 8)  ? 8
	                : !strncasecmp(url, "http://", 7) ? 7
	                                                  : 0;
	if (!*url || url[strcspn(url, " ?#\\\"<>")])
		return 0;
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		if (*c < 0x20 || *c == 0x7F)
			return 0;
	if (scheme)
		return url[scheme] && url[scheme] != '/';
	/* No other scheme, and not "//host", which would borrow the page's. */
	return url[strcspn(url, ":")] == '\0' && strncmp(url, "//", 2);
}

static int emit(void *ctx, const char *reference, const char *doc, size_t len)
{
	run *r = ctx;
	r->written++;
	if (!r->out_dir) {
		if (r->output)
			return write_file(r, r->output, doc, len);
		fwrite(doc, 1, len, stdout);
		return 0;
	}
	if (!reference) {
		fprintf(stderr, "decrec: %s: a record has no reference, so it has no file name\n",
		        r->input);
		r->status = EXIT_FINDINGS;
		return 0;
	}
	char name[512], path[4096];
	snprintf(name, sizeof(name), "%s.%s", reference, r->ext);
	for (char *c = name; *c; c++)
		if (*c == '/')
			*c = '-';
	if (name[0] == '.' || strstr(name, "..")) {
		fprintf(stderr, "decrec: %s: reference '%s' does not make a file name\n", r->input,
		        reference);
		r->status = EXIT_FINDINGS;
		return 0;
	}
	for (size_t i = 0; i < r->nseen; i++)
		if (!strcmp(r->seen[i], name)) {
			fprintf(stderr, "decrec: %s: a second record renders to %s; not written\n",
			        r->input, name);
			r->status = EXIT_FINDINGS;
			return 0;
		}
	char **v = realloc(r->seen, (r->nseen + 1) * sizeof(*v));
	if (!v || !(v[r->nseen] = strdup(name))) {
		r->seen = v ? v : r->seen;
		return -1;
	}
	r->seen = v;
	r->nseen++;
	snprintf(path, sizeof(path), "%s/%s", r->out_dir, name);
	if (r->check) {
		if (!same(path, doc, len)) {
			printf("%s: out of date\n", path);
			if (r->status == EXIT_OK)
				r->status = EXIT_FINDINGS;
		}
		return 0;
	}
	write_file(r, path, doc, len); /* a failure is in r->status; the rest go on */
	return 0;
}

/* --out-dir is for publishing: the form of an exempt record stays out. */
static void withheld(void *ctx, const char *reference)
{
	const run *r = ctx;
	fprintf(stderr,
	        "decrec: %s: %s is not for publication: its record form is not written to "
	        "--out-dir (render it alone with -o, or its public page with --template "
	        "details)\n",
	        r->input, reference ? reference : "a record");
}

int cmd_render(int argc, char **argv)
{
	enum {
		OPT_TEMPLATE = 256,
		OPT_TEMPLATES,
		OPT_OUT_DIR,
		OPT_FORCE,
		OPT_CHECK,
		OPT_CONFIG,
		OPT_NO_CONFIG,
		OPT_TODAY,
		OPT_DOCUMENTS_URL,
		OPT_STDIN_FILENAME
	};
	static const struct option opts[] = {
	    {"to", required_argument, NULL, 't'},
	    {"template", required_argument, NULL, OPT_TEMPLATE},
	    {"templates", required_argument, NULL, OPT_TEMPLATES},
	    {"output", required_argument, NULL, 'o'},
	    {"out-dir", required_argument, NULL, OPT_OUT_DIR},
	    {"force", no_argument, NULL, OPT_FORCE},
	    {"check", no_argument, NULL, OPT_CHECK},
	    {"config", required_argument, NULL, OPT_CONFIG},
	    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
	    {"today", required_argument, NULL, OPT_TODAY},
	    {"documents-url", required_argument, NULL, OPT_DOCUMENTS_URL},
	    {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	dr_render_options ro = {0};
	dr_check_options co = {.today = today(), .quote = 1};
	const char *config = NULL, *stdin_filename = NULL;
	int no_config = 0, force = 0, c;
	run r = {.ext = "md"};
	optind = 1;
	opterr = 0; /* option_error says it in one line */
	while ((c = getopt_long(argc, argv, ":t:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			if (strcasecmp(optarg, "md") && strcasecmp(optarg, "html"))
				return usage_error("render", "--to takes md or html, not '%s'",
				                   optarg);
			ro.html = !strcasecmp(optarg, "html");
			r.ext = ro.html ? "html" : "md";
			break;
		case OPT_TEMPLATE:
			ro.template_name = optarg;
			break;
		case OPT_TEMPLATES:
			ro.templates = optarg;
			break;
		case 'o':
			r.output = optarg;
			break;
		case OPT_OUT_DIR:
			r.out_dir = optarg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_CHECK:
			r.check = 1;
			break;
		case OPT_CONFIG:
			config = optarg;
			break;
		case OPT_NO_CONFIG:
			no_config = 1;
			break;
		case OPT_TODAY:
			if (date_option(&co.today, "render", "--today", optarg))
				return EXIT_USAGE;
			break;
		case OPT_DOCUMENTS_URL:
			r.links.url = optarg;
			break;
		case OPT_STDIN_FILENAME:
			if (stdin_filename_option(&stdin_filename, "render", optarg))
				return EXIT_USAGE;
			break;
		case 'h':
			fputs(help, stdout);
			return close_stdout() ? EXIT_IO : EXIT_OK;
		default:
			return option_error("render", c, opts, argv);
		}
	}
	if (r.output && !strcmp(r.output, "-"))
		r.output = NULL; /* -o - is standard output */
	if (r.out_dir) {
		ro.withheld = withheld;
		ro.withheld_ctx = &r;
	}
	if (r.output && r.out_dir)
		return usage_error("render", "-o and --out-dir cannot be used together");
	if (r.check && !r.out_dir)
		return usage_error("render", "--check compares with the files of --out-dir");
	if (config && no_config)
		return usage_error("render", "--config and --no-config cannot be used together");
	if (r.links.url && !base_url(r.links.url))
		return usage_error("render",
		                   "--documents-url takes an http(s) address or a path, "
		                   "without '?' or '#', not '%s'",
		                   r.links.url);
	struct stat st;
	int missing = 0; /* --out-dir is made once the records are checked */
	if (r.out_dir && !r.check) {
		int bad = stat(r.out_dir, &st) ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
		if (bad == ENOTDIR)
			return usage_error("render", "--out-dir %s is not a directory", r.out_dir);
		if (bad && bad != ENOENT) {
			fprintf(stderr, "decrec: %s: %s\n", r.out_dir, strerror(bad));
			return EXIT_IO;
		}
		missing = bad == ENOENT;
	}

	dr_config *cfg = NULL;
	dr_renderer *rr = NULL;
	char *found = NULL, *err = NULL;
	inputs in = {0};
	char **bufs = NULL;
	size_t *lens = NULL;
	dr_file **files = NULL;
	int status = load_config(&cfg, config, no_config, &found);
	if (status)
		return status;
	r.links.cfg = cfg;
	r.links.out_dir = r.out_dir;
	r.links.check = r.check;
	ro.link = doc_link;
	ro.link_ctx = &r.links;
	int rc = dr_renderer_new(&rr, cfg, &ro, &err);
	if (rc) {
		fprintf(stderr, "decrec: %s\n", err ? err : "cannot load the template");
		free(err);
		status = rc == DR_EIO ? EXIT_IO : EXIT_USAGE;
		goto out;
	}
	status = collect_inputs(&in, argv + optind, argc - optind, config ? NULL : found);
	bufs = calloc(in.n + 1, sizeof(*bufs));
	lens = calloc(in.n + 1, sizeof(*lens));
	files = calloc(in.n + 1, sizeof(*files));
	if (!bufs || !lens || !files) {
		status = EXIT_IO;
		goto out;
	}
	/* Validate everything first: cross-record rules need every input. */
	size_t records = 0;
	for (size_t i = 0; i < in.n; i++) {
		if (dr_read_file(&bufs[i], &lens[i], in.v[i], DR_MAX_FILE_SIZE, &err)) {
			fprintf(stderr, "decrec: %s\n", err ? err : in.v[i]);
			free(err);
			err = NULL;
			status = EXIT_IO;
			continue;
		}
		const char *path = input_path(in.v[i], stdin_filename);
		if (dr_file_check(&files[i], cfg, &co, path ? path : in.v[i], path, bufs[i],
		                  lens[i])) {
			status = EXIT_IO;
			goto out;
		}
		records += dr_file_records(files[i]);
	}
	size_t kept = 0;
	dr_file **checked = calloc(in.n + 1, sizeof(*checked));
	for (size_t i = 0; checked && i < in.n; i++)
		if (files[i])
			checked[kept++] = files[i];
	if (!checked || dr_check_references(checked, kept)) {
		free(checked);
		status = EXIT_IO;
		goto out;
	}
	free(checked);
	if (!r.out_dir && records > 1) {
		status = usage_error(
		    "render", "%zu records to render: use --out-dir for one file each", records);
		goto out;
	}
	r.status = status;
	if (missing && !r.check && make_dirs(r.out_dir)) {
		fprintf(stderr, "decrec: %s: cannot create the directory: %s\n", r.out_dir,
		        strerror(errno));
		status = EXIT_IO;
		goto out;
	}
	for (size_t i = 0; i < in.n; i++) {
		if (!files[i])
			continue;
		const char *path = input_path(in.v[i], stdin_filename);
		const char *name = path ? path : in.v[i];
		size_t nd, errors = 0;
		const dr_diag *d = dr_file_diags(files[i], &nd);
		for (size_t k = 0; k < nd; k++)
			errors += d[k].severity == DR_ERROR;
		if (errors) {
			dr_report_options quiet = {.quiet = 1};
			dr_totals t;
			dr_report_write(DR_FORMAT_TEXT, stderr, stderr, &quiet, &files[i], 1, &t);
			if (!force) {
				fprintf(stderr,
				        "decrec: %s: not rendered: %zu validation error%s (--force "
				        "renders it anyway)\n",
				        name, errors, errors == 1 ? "" : "s");
				if (r.status == EXIT_OK)
					r.status = EXIT_FINDINGS;
				continue;
			}
		}
		r.input = r.links.input = name;
		r.links.base = path;
		rc = dr_render_buffer(rr, bufs[i], lens[i], emit, &r, &err);
		if (rc) {
			fprintf(stderr, "decrec: %s: %s\n", name, err ? err : "cannot render");
			free(err);
			err = NULL;
			r.status = rc == DR_EINVAL ? EXIT_USAGE : EXIT_IO;
			break;
		}
	}
	status = r.status;
	/* A copy not written outranks one out of date, which outranks none. */
	if (r.links.status == EXIT_IO || (r.links.status && status == EXIT_OK))
		status = r.links.status;
out:
	for (size_t i = 0; i < in.n; i++) {
		if (bufs)
			free(bufs[i]);
		if (files)
			dr_file_free(files[i]);
	}
	for (size_t i = 0; i < r.nseen; i++)
		free(r.seen[i]);
	free(r.seen);
	doc_links_free(&r.links);
	free(bufs);
	free(lens);
	free(files);
	inputs_free(&in);
	dr_renderer_free(rr);
	dr_config_free(cfg);
	free(found);
	if (close_stdout() && !status)
		status = EXIT_IO;
	return status;
}
