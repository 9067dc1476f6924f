/* The floor of decrec's design: read each YAML file whole into memory, as
 * decrec does, and run libyaml's event parser over it until STREAM_END,
 * deleting each event. Nothing else: no tree, no checks, no report. Prints
 * the number of events (so the work cannot be optimised away) and exits 0,
 * or 1 when a file cannot be read or does not parse.
 *
 *     yaml-parse PATH ...
 *
 * A PATH that is a directory adds the *.yaml / *.yml files under it, walked
 * as decrec walks it: names in byte order, hidden entries and decrec.yaml
 * skipped, symbolic links to directories not followed.
 *
 * Build: cc -std=c11 -O2 -g -o build/bench/yaml-parse bench/yaml-parse.c \
 *            $(pkg-config --cflags --libs yaml-0.1)                      */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static unsigned long long events, files, bytes;
static int failed;

/* The whole file, NUL-terminated, sized from fstat and grown if it grows:
 * the same strategy as decrec's dr_read_file. */
static char *read_file(const char *path, size_t *outlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap;
	if (fd < 0 || fstat(fd, &st) < 0)
		goto fail;
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
	for (;;) {
		if (!buf || len == cap) {
			size_t ncap = buf ? cap * 2 : cap;
			char *nb = realloc(buf, ncap + 1);
			if (!nb)
				goto fail;
			buf = nb;
			cap = ncap;
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(fd);
	*outlen = len;
	return buf;
fail:
	fprintf(stderr, "yaml-parse: %s: %s\n", path, strerror(errno));
	free(buf);
	if (fd >= 0)
		close(fd);
	return NULL;
}

static void parse_file(const char *path)
{
	size_t len;
	char *buf = read_file(path, &len);
	yaml_parser_t p;
	yaml_event_t e;
	if (!buf) {
		failed = 1;
		return;
	}
	files++;
	bytes += len;
	if (!yaml_parser_initialize(&p)) {
		fprintf(stderr, "yaml-parse: out of memory\n");
		exit(1);
	}
	/* As decrec's loader sets it up. */
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (;;) {
		if (!yaml_parser_parse(&p, &e)) {
			fprintf(stderr, "yaml-parse: %s:%zu:%zu: %s\n", path,
			        p.problem_mark.line + 1, p.problem_mark.column + 1,
			        p.problem ? p.problem : "parse error");
			failed = 1;
			break;
		}
		events++;
		int end = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	free(buf);
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);
	if (!strcmp(name, "decrec.yaml"))
		return 0;
	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	if (!d) {
		fprintf(stderr, "yaml-parse: %s: %s\n", dir, strerror(errno));
		failed = 1;
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				exit(1);
		}
		if (!(names[n++] = strdup(e->d_name)))
			exit(1);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *p = malloc(len);
		struct stat st;
		if (!p)
			exit(1);
		snprintf(p, len, "%s/%s", dir, names[i]);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth < 64)
				walk(p, depth + 1);
		} else if (is_yaml(names[i])) {
			parse_file(p);
		}
		free(p);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: yaml-parse PATH ...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			walk(argv[i], 0);
		else
			parse_file(argv[i]);
	}
	printf("%llu events in %llu files (%llu bytes)\n", events, files, bytes);
	return failed;
}
