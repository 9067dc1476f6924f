/* decrec new: starts a record. The text comes from the library
 * (dr_skeleton_text); here the next free reference is found among the
 * records of the repository and the file is created whole and exclusively:
 * written to a temporary file, then linked to its name, which fails rather
 * than replace a file, so two runs at once never share a reference. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The highest sequence number of `year` among the references of the
 * records under `dir` (0 when none), read as validate reads them. */
static int highest(unsigned long *max, const dr_config *cfg, const char *dir, int year)
{
	inputs in = {0};
	char *paths[] = {(char *)dir};
	struct stat st;
	*max = 0;
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		return EXIT_OK; /* no records yet */
	int rc = collect_inputs(&in, paths, 1, NULL);
	dr_check_options opt = DR_CHECK_OPTIONS_INIT;
	opt.spans = 1; /* dr_file_record_lines gives the references with the spans */
	dr_checker *c = rc ? NULL : dr_checker_new(cfg, &opt);
	if (!rc && !c)
		rc = EXIT_IO;
	for (size_t i = 0; i < in.n && !rc; i++) {
		dr_file *f = NULL;
		char *err = NULL;
		if (dr_checker_check_path(&f, c, in.v[i], &err) == DR_ENOMEM)
			rc = EXIT_IO;
		free(err); /* a file that cannot be read holds no reference to count */
		for (size_t r = 0; f && r < dr_file_records(f); r++) {
			uint32_t first, last;
			const char *ref = NULL;
			unsigned long seq;
			if (!dr_file_record_lines(f, r, &first, &last, &ref) && ref &&
			    dr_reference_seq(&seq, cfg, ref, year) && seq > *max)
				*max = seq;
		}
		dr_file_free(f);
	}
	dr_checker_free(c);
	inputs_free(&in);
	if (rc)
		fprintf(stderr, "decrec new: out of memory\n");
	return rc;
}

/* Creates `path` holding text[len], whole or not at all, never replacing a
 * file: 0, or -1 with errno (EEXIST when the name is taken). The file gets
 * 0666 less the umask, as every file decrec writes. */
static int create(const char *path, const char *text, size_t len)
{
	const char *slash = strrchr(path, '/');
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%.*s.decrec-XXXXXX", slash ? (int)(slash - path) + 1 : 0, path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	int bad = fchmod(fd, 0666 & ~file_umask());
	for (size_t done = 0; !bad && done < len;) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			bad = 1;
		else
			done += (size_t)n;
	}
	bad = bad || fsync(fd);
	int e = errno;
	if (close(fd) && !bad)
		bad = 1, e = errno;
	if (!bad && link(tmp, path))
		bad = 1, e = errno;
	unlink(tmp);
	errno = e;
	return bad ? -1 : 0;
}

/* The path a reference's record goes to: `dir`/<reference, '/' as '-'>.yaml;
 * NULL (after saying why) when the reference makes no file name. */
static char *file_for(const char *dir, const char *ref)
{
	size_t n = strlen(dir) + strlen(ref) + sizeof("/.yaml");
	char *p = malloc(n);
	if (!p)
		return NULL;
	int k = snprintf(p, n, "%s/", dir);
	snprintf(p + k, n - (size_t)k, "%s.yaml", ref);
	for (char *c = p + k; *c; c++)
		if (*c == '/')
			*c = '-';
	if (p[k] == '.' || strstr(p + k, "..")) {
		usage_error("new", "reference '%s' does not make a file name", ref);
		free(p);
		return NULL;
	}
	return p;
}

int cmd_new(int argc, char **argv)
{
	dr_skeleton_options so = {0};
	const char *output = NULL, *arg;
	int c;
	cli_parser p;
	cli_common com;
	cli_parser_init(&p, CLI_NEW, argc, argv, &com);
	while ((c = cli_next(&p, &arg)) > 0) {
		switch (c) {
		case OPT_STATUS:
			so.status = arg;
			break;
		case OPT_KEY:
		case OPT_NO_KEY:
			so.key = c == OPT_KEY;
			break;
		case OPT_TITLE:
			so.title = arg;
			break;
		case OPT_DECISION_MAKER:
			so.decision_maker = arg;
			break;
		case OPT_REFERENCE:
			so.reference = arg;
			break;
		case OPT_NEW_OUTPUT:
			if (!*arg || !strcmp(arg, "-"))
				return usage_error("new", "-o needs a file name");
			output = arg;
			break;
		}
	}
	if (c < 0)
		return p.status;
	if (optind < argc)
		return usage_error("new", "unexpected argument '%s'", argv[optind]);
	so.today = com.today;

	dr_config *cfg = NULL;
	char *found = NULL, *dir = NULL, *path = NULL, *ref = NULL, *text = NULL, *err = NULL;
	int status = load_config(&cfg, com.config, com.no_config, &found);
	if (status)
		return status;
	/* records/ beside the config, as validate finds it; ./records without. */
	const char *slash = found ? strrchr(found, '/') : NULL;
	int dl = slash ? (int)(slash - found) + 1 : 0;
	size_t n = (size_t)dl + sizeof("records");
	if (!(dir = malloc(n)))
		goto oom;
	snprintf(dir, n, "%.*srecords", dl, found ? found : "");

	char iso[24];
	int year = (int)strtol(dr_date_format_iso(iso, so.today), NULL, 10);
	unsigned long seq = 0;
	if (!so.reference && (status = highest(&seq, cfg, dir, year)))
		goto out;
	for (;;) {
		size_t len;
		free(path), free(ref), free(text), free(err);
		path = ref = text = err = NULL;
		if (!so.reference) {
			int rc = dr_reference_make(&ref, cfg, year, ++seq, &err);
			if (rc == DR_ENOMEM)
				goto oom;
			if (rc) {
				fprintf(stderr, "decrec new: %s%s\n",
				        rc == DR_ERANGE ? "the references of the year are used up: "
				                        : "",
				        err ? err : "");
				status = rc == DR_ERANGE ? EXIT_FINDINGS : EXIT_USAGE;
				goto out;
			}
		}
		const char *reference = so.reference ? so.reference : ref;
		path = output ? strdup(output) : file_for(dir, reference);
		if (!path) {
			status = output ? EXIT_IO : EXIT_USAGE;
			goto out;
		}
		dr_skeleton_options o = so;
		o.reference = reference;
		o.path = path;
		int rc = dr_skeleton_text(&text, &len, cfg, &o, &err);
		if (rc == DR_ENOMEM)
			goto oom;
		if (rc == DR_ERANGE) {
			fprintf(stderr, "decrec new: %s\n", err ? err : "no holiday data");
			status = EXIT_FINDINGS;
			goto out;
		}
		if (rc) { /* a value given on the command line */
			status = usage_error("new", "%s", err ? err : "invalid value");
			goto out;
		}
		if (!output && make_dirs(dir)) {
			fprintf(stderr, "decrec new: %s: cannot create the directory: %s\n", dir,
			        strerror(errno));
			status = EXIT_IO;
			goto out;
		}
		if (!create(path, text, len))
			break;
		if (errno != EEXIST) {
			fprintf(stderr, "decrec new: %s: cannot write: %s\n", path,
			        strerror(errno));
			status = EXIT_IO;
			goto out;
		}
		if (output || so.reference) { /* a name the user chose is never replaced */
			fprintf(stderr, "decrec new: %s already exists; it is not replaced\n",
			        path);
			status = EXIT_FINDINGS;
			goto out;
		}
		/* Taken since the records were read (another decrec new): the next. */
	}
	printf("%s\n", path);
	if (close_stdout())
		status = EXIT_IO;
	goto out;
oom:
	fprintf(stderr, "decrec new: out of memory\n");
	status = EXIT_IO;
out:
	free(path), free(ref), free(text), free(err), free(dir), free(found);
	dr_config_free(cfg);
	return status;
}
