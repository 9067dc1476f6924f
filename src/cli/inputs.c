/* The inputs of a run: files, directories searched for records in byte
 * order of names, standard input, or the default records/ directory. */
#include "cli.h"

#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int add_input(inputs *in, const char *name)
{
	if (dr_grow(&in->v, &in->cap, in->n + 1, sizeof(*in->v)))
		return -1;
	char *s = strdup(name);
	if (!s)
		return -1;
	in->v[in->n++] = s;
	return 0;
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);
	if (!strcmp(name, "decrec.yaml"))
		return 0;
	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/* A directory's entry: its name, and whether readdir said it is a
 * directory (1), something else (0), or could not say (-1). */
typedef struct entry {
	char *name;
	int dir;
} entry;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* Adds the YAML files under `dir`, in byte order of names, recursively.
 * Symbolic links to directories are not followed, so a loop cannot hang.
 * The kind of each entry comes from readdir where the file system gives
 * it, which saves an lstat per file. */
static int walk(inputs *in, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	entry *names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	if (!d) {
		fprintf(stderr, "decrec: %s: cannot read the directory: %s\n", dir,
		        strerror(errno));
		return EXIT_IO;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		if (dr_grow(&names, &cap, n + 1, sizeof(*names))) {
			rc = EXIT_IO;
			break;
		}
		names[n].dir = e->d_type == DT_UNKNOWN ? -1 : e->d_type == DT_DIR;
		if (!(names[n].name = strdup(e->d_name))) {
			rc = EXIT_IO;
			break;
		}
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_entry);
	size_t dl = strlen(dir);
	for (size_t i = 0; i < n && !rc; i++) {
		int yaml = is_yaml(names[i].name);
		if (!names[i].dir && !yaml)
			continue;
		size_t len = dl + strlen(names[i].name) + 2;
		char *p = malloc(len);
		struct stat st;
		if (!p) {
			rc = EXIT_IO;
			break;
		}
		snprintf(p, len, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i].name);
		int is_dir =
		    names[i].dir >= 0 ? names[i].dir : lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
		if (is_dir) {
			if (depth < 64)
				rc = walk(in, p, depth + 1);
		} else if (yaml && add_input(in, p)) {
			rc = EXIT_IO;
		}
		free(p);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i].name);
	free(names);
	return rc;
}

/* records/ beside the config found (when one was found by discovery, its
 * path relative to here, so findings name "../records/x.yaml" as git
 * would), else ./records, else the current directory. */
static char *default_dir(const char *found)
{
	struct stat st;
	char *dir = NULL;
	if (found) {
		const char *slash = strrchr(found, '/');
		int n = slash ? (int)(slash - found) + 1 : 0;
		size_t len = (size_t)n + sizeof("records");
		dir = malloc(len);
		if (dir)
			snprintf(dir, len, "%.*srecords", n, found);
		if (dir && (stat(dir, &st) || !S_ISDIR(st.st_mode))) {
			free(dir);
			dir = NULL;
		}
	}
	if (!dir)
		dir = strdup(stat("records", &st) == 0 && S_ISDIR(st.st_mode) ? "records" : ".");
	return dir;
}

int collect_inputs(inputs *in, char **paths, int n, const char *found)
{
	int status = EXIT_OK;
	if (n == 0) {
		char *dir = default_dir(found);
		status = dir ? walk(in, dir, 0) : EXIT_IO;
		in->searched = dir;
	}
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (strcmp(paths[i], "-") && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			int w = walk(in, paths[i], 0);
			if (w)
				status = w;
		} else if (add_input(in, paths[i])) {
			status = EXIT_IO;
		}
	}
	return status;
}

void inputs_free(inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->v[i]);
	free(in->v);
	free(in->searched);
	memset(in, 0, sizeof(*in));
}
