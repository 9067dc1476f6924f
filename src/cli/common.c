/* Helpers shared by the subcommands: usage errors, config discovery, atomic
 * output files, the end of stdout. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "decrec %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry 'decrec %s --help'\n", cmd);
	return EXIT_USAGE;
}

/* The long option that `arg` ("--name" or "--name=value", maybe abbreviated)
 * names with value `val`, or NULL. */
static const struct option *long_named(const struct option *opts, const char *arg, int val)
{
	size_t n = strcspn(arg + 2, "=");
	for (const struct option *o = opts; o->name; o++)
		if (o->val == val && !strncmp(o->name, arg + 2, n))
			return o;
	return NULL;
}

int option_error(const char *cmd, int c, const struct option *opts, char **argv)
{
	/* getopt_long has advanced past a long option, and past a short one
	 * unless more letters follow it in the same word: optopt (the option's
	 * value, or 0 for an unknown long name) tells which word it was. */
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	const struct option *lo = NULL;
	if (!strncmp(arg, "--", 2) && (optopt == 0 || (lo = long_named(opts, arg, optopt)))) {
		int len = (int)strcspn(arg, "=");
		if (c == ':' && lo)
			fprintf(stderr, "decrec %s: option '--%s' needs a value", cmd, lo->name);
		else if (lo)
			fprintf(stderr, "decrec %s: option '--%s' takes no value", cmd, lo->name);
		else {
			/* An unknown name, or a prefix of several (--co: --config, --color). */
			int matches = 0;
			for (const struct option *o = opts; o->name; o++)
				matches += !strncmp(o->name, arg + 2, (size_t)len - 2);
			fprintf(stderr, "decrec %s: %s option '%.*s'", cmd,
			        matches > 1 ? "ambiguous" : "unknown", len, arg);
			const char *sep = " (";
			for (const struct option *o = opts; matches > 1 && o->name; o++)
				if (!strncmp(o->name, arg + 2, (size_t)len - 2)) {
					fprintf(stderr, "%s--%s", sep, o->name);
					sep = ", ";
				}
			if (matches > 1)
				fputc(')', stderr);
		}
	} else if (c == ':') {
		fprintf(stderr, "decrec %s: option '-%c' needs a value", cmd, optopt);
	} else {
		fprintf(stderr, "decrec %s: unknown option '-%c'", cmd, optopt);
	}
	/* One line: the hint shares it (the issue: one line, not two). */
	fprintf(stderr, "; try 'decrec %s --help'\n", cmd);
	return EXIT_USAGE;
}

int date_option(int32_t *day, const char *cmd, const char *opt, const char *arg)
{
	char why[160];
	if (!dr_date_parse_why(day, arg, why, sizeof(why)))
		return 0;
	return usage_error(cmd, "--%s %s", opt, why);
}

int stdin_filename_option(const char **name, const char *cmd, const char *arg)
{
	if (!*arg || !strcmp(arg, "-"))
		return usage_error(cmd,
		                   "--stdin-filename takes the path standard input stands for");
	*name = arg;
	return 0;
}

/* The parts of a config error "PATH:LINE:COL: message" (or "PATH: message")
 * for reports; PATH is the one given, so a ':' in it does no harm. */
int load_config_problem(dr_config **cfg, const char *path, int none, char **found,
                        dr_run_problem *problem, char **err)
{
	char *p = NULL;
	*found = NULL;
	*err = NULL;
	if (!none)
		p = path ? strdup(path) : dr_config_find(".");
	dr_error e;
	int rc = dr_config_load_file(cfg, p, &e);
	if (rc) {
		if (!e.message)
			e.message = strdup("out of memory");
		if (e.line)
			fprintf(stderr, "decrec: %s:%u:%u: %s\n", e.file, e.line, e.column,
			        e.message);
		else
			fprintf(stderr, "decrec: %s%s%s\n", e.file ? e.file : "",
			        e.file ? ": " : "", e.message ? e.message : "out of memory");
		if (problem)
			*problem = (dr_run_problem){.id = "config",
			                            .message = e.message,
			                            .file = p,
			                            .line = e.line,
			                            .column = e.column};
		*err = e.message; /* the problem's message: the caller frees it */
		free(e.file);
		*found = p; /* the file the problem is about */
		return rc == DR_EIO && path ? EXIT_USAGE : rc == DR_EIO ? EXIT_IO : EXIT_USAGE;
	}
	*found = p;
	return EXIT_OK;
}

int load_config(dr_config **cfg, const char *path, int none, char **found)
{
	char *err = NULL;
	int rc = load_config_problem(cfg, path, none, found, NULL, &err);
	free(err);
	if (rc) {
		free(*found);
		*found = NULL;
	}
	return rc;
}

mode_t file_umask(void)
{
	/* umask(2) can only be read by setting it, which for a moment changes
	 * it for every thread. Linux (4.7 and later) shows it in
	 * /proc/self/status; elsewhere it is set and put back, which is safe
	 * because decrec writes its outputs from the main thread once the
	 * checking threads have ended. */
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Umask:", 6))
			continue;
		char *end;
		unsigned long m = strtoul(line + 6, &end, 8);
		fclose(f);
		if (end != line + 6 && m <= 0777)
			return (mode_t)m;
		f = NULL;
	}
	if (f)
		fclose(f);
	mode_t m = umask(022);
	umask(m);
	return m;
}

int make_dirs(const char *path)
{
	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	char *p = strdup(path);
	if (!p)
		return -1;
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	/* Each missing ancestor from the top down; the mode is masked by the
	 * umask as for mkdir -p. */
	for (char *s = p + 1;; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0777) && (errno != EEXIST || stat(p, &st) || !S_ISDIR(st.st_mode))) {
			int e = errno == EEXIST ? ENOTDIR : errno;
			free(p);
			errno = e;
			return -1;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return 0;
}

int out_open(out_file *o, const char *path)
{
	return out_open_as(o, path, (mode_t)-1);
}

int out_open_as(out_file *o, const char *path, mode_t mode_new)
{
	struct stat st;
	int exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* /dev/null, a FIFO, a terminal: written in place. Renaming over
		 * them would replace the device with a file. */
		memset(o, 0, sizeof(*o));
		o->fp = fopen(path, "w");
		return o->fp ? 0 : -1;
	}
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = dirlen + strlen(".decrec-XXXXXX") + 1;
	memset(o, 0, sizeof(*o));
	o->tmp = malloc(n);
	o->path = strdup(path);
	if (!o->tmp || !o->path)
		goto fail;
	snprintf(o->tmp, n, "%.*s.decrec-XXXXXX", (int)dirlen, path);
	int fd = mkstemp(o->tmp);
	if (fd < 0)
		goto fail;
	/* mkstemp makes the file 0600: give it the mode of the file it
	 * replaces, or of a new file, so a web server can read the pages. */
	mode_t mode = exists                   ? st.st_mode & 0777
	              : mode_new != (mode_t)-1 ? mode_new
	                                       : 0666 & ~file_umask();
	if (fchmod(fd, mode) || !(o->fp = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(o->tmp);
		errno = e;
		goto fail;
	}
	return 0;
fail : {
	int e = errno;
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	errno = e;
	return -1;
}
}

/* out_commit and out_commit_nosync: with sync, the file's data reaches the
 * disk before the rename, so a crash leaves the old file or the whole new
 * one. render writes a handful of files and has no end-of-run step, so it
 * pays that per file; decrec site writes thousands and syncs each directory
 * it changed once at the end instead (sitetree.c says why that is enough). */
static int commit(out_file *o, int sync)
{
	if (!o->tmp) {
		int bad = fflush(o->fp) || ferror(o->fp);
		int e = errno;
		if (fclose(o->fp) && !bad) {
			bad = 1;
			e = errno;
		}
		o->fp = NULL;
		errno = e;
		return bad ? -1 : 0;
	}
	int bad = fflush(o->fp) || ferror(o->fp) || (sync && fsync(fileno(o->fp)));
	int e = errno;
	if (fclose(o->fp) && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad && rename(o->tmp, o->path)) {
		bad = 1;
		e = errno;
	}
	if (bad)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	o->fp = NULL;
	errno = e;
	return bad ? -1 : 0;
}

int out_commit(out_file *o)
{
	return commit(o, 1);
}

int out_commit_nosync(out_file *o)
{
	return commit(o, 0);
}

void out_abort(out_file *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

int close_stdout(void)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;
	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad && e == EPIPE)
		return 0;
	if (bad)
		fprintf(stderr, "decrec: cannot write the output: %s\n", strerror(e));
	return bad ? -1 : 0;
}

const char *input_path(const char *arg, const char *stdin_filename)
{
	return strcmp(arg, "-") ? arg : stdin_filename;
}

size_t report_errors(const dr_file *f)
{
	size_t nd, errors = 0;
	const dr_diag *d = f ? dr_file_diags(f, &nd) : NULL;
	for (size_t k = 0; d && k < nd; k++)
		errors += d[k].severity == DR_ERROR;
	if (errors) {
		dr_report_options quiet = {.quiet = 1};
		dr_totals t;
		/* The run's copy, which the report only reads. */
		dr_file *const one[] = {(dr_file *)f};
		dr_report_write(DR_FORMAT_TEXT, stderr, stderr, &quiet, one, 1, &t);
	}
	return errors;
}
