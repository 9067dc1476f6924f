/* Lexical paths: normalising and relating them as text (path.h). */
#include "path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *dr_path_absolute(const char *cwd, const char *path)
{
	size_t cl = path[0] == '/' ? 0 : strlen(cwd), n = cl + strlen(path) + 3;
	char *in = malloc(n), *out = malloc(n);
	if (!in || !out) {
		free(in);
		free(out);
		return NULL;
	}
	snprintf(in, n, "%s/%s", path[0] == '/' ? "" : cwd, path);
	size_t k = 0;
	for (const char *p = in; *p;) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (!len)
			break;
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (k > 0 && out[k - 1] != '/')
				k--;
			if (k > 0)
				k--; /* the slash before the segment taken off */
		} else if (!(len == 1 && p[0] == '.')) {
			out[k++] = '/';
			memcpy(out + k, p, len);
			k += len;
		}
		p += len;
	}
	if (!k)
		out[k++] = '/';
	out[k] = '\0';
	free(in);
	return out;
}

int dr_path_within(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (!strcmp(dir, "/"))
		return path[0] == '/';
	return !strncmp(dir, path, n) && (path[n] == '/' || path[n] == '\0');
}

char *dr_path_relative(const char *from, const char *to)
{
	/* The longest common run of whole segments. */
	size_t common = 0;
	for (size_t i = 0;; i++) {
		int fend = from[i] == '\0' || from[i] == '/', tend = to[i] == '\0' || to[i] == '/';
		if (fend && tend)
			common = i;
		if (from[i] != to[i] || !from[i])
			break;
	}
	size_t ups = 0;
	for (const char *p = from + common; strcmp(from, "/") && *p; p++)
		ups += *p == '/';
	const char *rest = to + common;
	while (*rest == '/')
		rest++;
	size_t n = 3 * ups + strlen(rest) + 2;
	char *out = malloc(n);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < ups; i++)
		k += (size_t)snprintf(out + k, n - k, "%s..", i ? "/" : "");
	if (*rest)
		snprintf(out + k, n - k, "%s%s", k ? "/" : "", rest);
	else if (!k)
		snprintf(out, n, ".");
	return out;
}
