/* Lexical paths: normalising and relating them as text (path.h). */
#include "path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dr_path_normalise(char *p)
{
	char *out = p, *in = p;
	while (*in) {
		while (*in == '/')
			in++;
		char *seg = in;
		while (*in && *in != '/')
			in++;
		size_t n = (size_t)(in - seg);
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, n);
		out += n;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

char *dr_path_absolute(const char *cwd, const char *path)
{
	size_t n = (path[0] == '/' ? 0 : strlen(cwd)) + strlen(path) + 3;
	char *out = malloc(n);
	if (!out)
		return NULL;
	snprintf(out, n, "%s/%s", path[0] == '/' ? "" : cwd, path);
	dr_path_normalise(out);
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
