/* Paths worked out lexically, as text: reports name files relative to a
 * directory (SARIF's %SRCROOT%, GITHUB_WORKSPACE) without ever resolving
 * them on the file system or writing them out absolute. */
#ifndef DR_PATH_H
#define DR_PATH_H

/* Drops "." and empty segments of the absolute path `p` in place, each
 * ".." taking off the segment before it (never above "/"). */
void dr_path_normalise(char *p);

/* `path` (absolute, or relative to the absolute directory `cwd`) as an
 * absolute path with "." and empty segments dropped and each ".." taking off
 * the segment before it (never above "/"). NULL when out of memory; the
 * caller frees. */
char *dr_path_absolute(const char *cwd, const char *path);

/* The path of `to` relative to the directory `from`, both as
 * dr_path_absolute gives them: "records/x.yaml", "../x.yaml", or "." for
 * `from` itself. NULL when out of memory; the caller frees. */
char *dr_path_relative(const char *from, const char *to);

/* Whether the normalised absolute `path` is `dir` or below it. */
int dr_path_within(const char *dir, const char *path);

#endif
