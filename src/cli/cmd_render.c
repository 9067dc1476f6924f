/* decrec render: records to the Record of Decision form or the register's
 * Decision details page, in Markdown, HTML or Word. Each input is read and
 * parsed once: a checker renders each record as it checks it, into a log on
 * disk, and the file's result goes to a run, as validate's does. Once every file
 * is checked (duplicate-reference needs them all), the run gives back each
 * file with its findings in input order, and the log its pages: a file
 * with errors is not published unless --force. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct run {
	const char *output, *out_dir, *ext;
	int check;
	int status;
	const char *input; /* for messages */
	name_set seen; /* file names written in this run */
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
	int seen = name_set_add(&r->seen, name);
	if (seen < 0)
		return -1;
	if (seen) {
		fprintf(stderr, "decrec: %s: a second record renders to %s; not written\n",
		        r->input, name);
		r->status = EXIT_FINDINGS;
		return 0;
	}
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
	static const char *const exts[] = {"md", "html", "docx"};
	dr_render_options ro = {0};
	const char *arg;
	int force = 0, c;
	run r = {.ext = "md"};
	cli_parser p;
	cli_common com;
	cli_parser_init(&p, CLI_RENDER, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_TO:
			if (cli_choice(OPT_TO, arg) < 0)
				return usage_error("render",
				                   "--to takes md, html or docx, not '%s'", arg);
			ro.format = (dr_doc_format)cli_choice(OPT_TO, arg);
			r.ext = exts[ro.format];
			break;
		case OPT_REFERENCE_DOCX:
			ro.reference_docx = arg;
			break;
		case OPT_TEMPLATE:
			ro.template_name = arg;
			break;
		case OPT_TEMPLATES:
			ro.templates = arg;
			break;
		case OPT_DOC_OUTPUT:
			r.output = arg;
			break;
		case OPT_OUT_DIR:
			r.out_dir = arg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_CHECK:
			r.check = 1;
			break;
		case OPT_DOCUMENTS_URL:
			r.links.url = arg;
			break;
		}
	}
	if (c < 0)
		return p.status;
	dr_check_options co = {.today = com.today, .quote = 1};
	const char *config = com.config, *stdin_filename = com.stdin_name;
	int no_config = com.no_config;
	if (r.output && !strcmp(r.output, "-"))
		r.output = NULL; /* -o - is standard output */
	render_log g = {.links = &r.links};
	if (r.out_dir) {
		ro.withheld = log_withheld;
		ro.withheld_ctx = &g;
	}
	if (r.output && r.out_dir)
		return usage_error("render", "-o and --out-dir cannot be used together");
	/* A zip archive on a terminal is noise, and can upset it. */
	if (ro.format == DR_DOC_DOCX && !r.output && !r.out_dir && isatty(STDOUT_FILENO))
		return usage_error("render", "a Word document is not written to a terminal: use "
		                             "-o FILE.docx or --out-dir DIR");
	if (ro.reference_docx && ro.format != DR_DOC_DOCX)
		return usage_error("render", "--reference-docx is for -t docx");
	if (r.check && !r.out_dir)
		return usage_error("render", "--check compares with the files of --out-dir");
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
	dr_checker *chk = NULL;
	dr_run *run_ = NULL;
	char *found = NULL, *err = NULL;
	inputs in = {0};
	int status = load_config(&cfg, config, no_config, &found);
	if (status)
		return status;
	r.links.cfg = cfg;
	r.links.out_dir = r.out_dir;
	r.links.check = r.check;
	ro.link = log_link;
	ro.link_ctx = &g;
	co.stdin_name = stdin_filename;
	int rc = dr_renderer_new(&rr, cfg, &ro, &err);
	if (rc) {
		fprintf(stderr, "decrec: %s\n", err ? err : "cannot load the template");
		free(err);
		status = rc == DR_EIO ? EXIT_IO : EXIT_USAGE;
		goto out;
	}
	status = collect_inputs(&in, argv + optind, argc - optind, config ? NULL : found);
	if (log_open(&g) || !(chk = dr_checker_new(cfg, &co)) || !(run_ = dr_run_new(in.n, 1))) {
		fprintf(stderr, "decrec: out of memory\n");
		status = EXIT_IO;
		goto out;
	}
	/* Check and render every input once. Nothing is published before the
	 * last is checked: cross-record rules need every input. */
	dr_renderer_attach(rr, chk, log_page, &g);
	size_t records = 0;
	for (size_t i = 0; i < in.n; i++) {
		dr_file *f;
		const char *path = input_path(in.v[i], stdin_filename);
		g.file = (uint32_t)i;
		r.links.base = path;
		rc = dr_checker_check_path(&f, chk, in.v[i], &err);
		if (rc == DR_EIO) {
			fprintf(stderr, "decrec: %s\n", err ? err : in.v[i]);
			free(err);
			err = NULL;
			status = EXIT_IO;
			continue;
		}
		if (rc) {
			status = EXIT_IO;
			goto out;
		}
		records += dr_file_records(f);
		if ((rc = dr_renderer_error(rr, &err)))
			log_put(&g, EV_ERROR, rc, err, err ? strlen(err) : 0, NULL, 0);
		free(err);
		err = NULL;
		if (dr_run_add(run_, 0, i, f)) {
			status = EXIT_IO;
			goto out;
		}
		/* Without --out-dir, a second record is a usage error: the rest
		 * are only checked. */
		if (!r.out_dir && records > 1)
			dr_renderer_attach(rr, chk, NULL, NULL);
	}
	if (g.failed || log_rewind(&g)) {
		fprintf(stderr, "decrec: cannot write a temporary file: %s\n", strerror(errno));
		status = EXIT_IO;
		goto out;
	}
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
	/* Publish, in input order: each file's report, then its pages. */
	int got = 0;
	for (size_t i = 0; i < in.n; i++) {
		const dr_file *f = dr_run_file(run_, i);
		if (!f && *dr_run_error(run_)) {
			fprintf(stderr, "decrec: %s\n", dr_run_error(run_));
			r.status = EXIT_IO;
			break;
		}
		if (!f)
			continue; /* it could not be read */
		const char *path = input_path(in.v[i], stdin_filename);
		const char *name = path ? path : in.v[i];
		size_t errors = report_errors(f);
		if (errors && !force) {
			fprintf(
			    stderr,
			    "decrec: %s: not rendered: %zu validation error%s (--force renders it "
			    "anyway)\n",
			    name, errors, errors == 1 ? "" : "s");
			if (r.status == EXIT_OK)
				r.status = EXIT_FINDINGS;
			while ((got = log_next(&g, (uint32_t)i)) > 0)
				; /* its pages stay unpublished */
			if (got < 0)
				break;
			continue;
		}
		r.input = r.links.input = name;
		rc = 0;
		while (!rc && (got = log_next(&g, (uint32_t)i)) > 0) {
			const char *a = g.ev.has_a ? g.a : NULL;
			switch (g.ev.type) {
			case EV_NOTE:
				doc_act(&r.links, DOC_NOTE, NULL, NULL);
				break;
			case EV_MISSING:
				doc_act(&r.links, DOC_MISSING, a, NULL);
				break;
			case EV_COPY:
				doc_act(&r.links, DOC_COPY, a, g.b);
				break;
			case EV_WITHHELD:
				withheld(&r, a);
				break;
			case EV_PAGE:
				rc = emit(&r, a, g.b, g.ev.nb);
				break;
			default:
				rc = g.ev.rc ? g.ev.rc : DR_EIO;
				break;
			}
			if (rc) {
				fprintf(stderr, "decrec: %s: %s\n", name,
				        g.ev.type == EV_ERROR && a ? a : "cannot render");
				r.status = rc == DR_EINVAL ? EXIT_USAGE : EXIT_IO;
			}
		}
		if (rc || got < 0)
			break;
	}
	if (got < 0) {
		fprintf(stderr, "decrec: cannot read a temporary file: %s\n", strerror(errno));
		r.status = EXIT_IO;
	}
	status = r.status;
	/* A copy not written outranks one out of date, which outranks none. */
	if (r.links.status == EXIT_IO || (r.links.status && status == EXIT_OK))
		status = r.links.status;
out:
	name_set_free(&r.seen);
	doc_links_free(&r.links);
	log_close(&g);
	dr_run_free(run_);
	dr_checker_free(chk);
	inputs_free(&in);
	dr_renderer_free(rr);
	dr_config_free(cfg);
	free(found);
	if (close_stdout() && !status)
		status = EXIT_IO;
	return status;
}
