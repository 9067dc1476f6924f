/* The output directory decrec site owns (docs/site.md, "The manifest"):
 * each file of a run written atomically and only when its bytes change, the
 * files of earlier runs that are no longer produced removed, and no other
 * file of the directory touched. */
#ifdef __linux__
#define _GNU_SOURCE /* syncfs */
#endif
#include "cli.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST ".decrec-site"
#define HEADER "# decrec site"
/* The manifest's first line: what it is, for someone who finds it. */
#define HEADER_LINE                                                                                \
	HEADER ": the files it wrote in this directory, one a line, removed once no longer "       \
	       "produced; any other file here is left alone\n"

struct site_tree {
	char *dir; /* as given, without trailing '/' */
	int check;
	mode_t mode; /* of a new file: 0666 less the umask, read once */
	name_set old; /* the previous manifest's files */
	name_set done; /* the files of this run (a second write of one is refused) */
	name_set failed; /* those of done not written: not listed as ours */
	name_set dirs; /* the directories whose entries changed, synced at the end */
	char **notes; /* check: "PATH: missing" and "PATH: differs" */
	size_t nnotes, cap;
	size_t written, unchanged, removed;
	int finished, status; /* site_tree_finish has run, and what it returned */
	/* Held around the sets, notes and counts above while files are written
	 * from several threads; never around I/O, and never two at once (each
	 * function taking it calls no other that does). */
	pthread_mutex_t lock;
	/* The file being written in pieces (site_tree_piece), one at a time:
	 * compared with the file there as its pieces come, and written only
	 * from the first byte that differs, so an unchanged file is not
	 * rewritten and no file is held whole. */
	struct piece {
		char *rel, *path;
		FILE *old; /* the file there, while it matches */
		uint64_t len; /* bytes given */
		int differs, status;
		out_file o; /* the new file, once it differs (not in check mode) */
	} p;
};

/* dir + "/" + rel, malloc'd. */
static char *join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s", dir, rel);
	return s;
}

/* Whether rel names a file inside the site: relative, '/'-separated, no
 * empty, "." or ".." part (so that one file has one name, and none is
 * outside), no control character (the manifest has one name a line), and
 * not the manifest itself. */
static int valid_rel(const char *rel)
{
	if (!*rel || !strcmp(rel, MANIFEST))
		return 0;
	for (const char *p = rel;;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
				return 0;
		if (!p[n])
			return 1;
		p += n + 1;
	}
}

/* Messages go to `err`: the writing thread's stream for its input, which
 * the caller prints in input order, or stderr. */
static int out_of_memory(FILE *err)
{
	fprintf(err, "decrec site: out of memory\n");
	return EXIT_IO;
}

static int cannot(FILE *err, const char *path, const char *what, int e)
{
	fprintf(err, "decrec: %s: cannot %s: %s\n", path, what, strerror(e));
	return EXIT_IO;
}

/* name_set_add under the lock. */
static int add(site_tree *t, name_set *set, const char *name)
{
	pthread_mutex_lock(&t->lock);
	int rc = name_set_add(set, name);
	pthread_mutex_unlock(&t->lock);
	return rc;
}

static void count(site_tree *t, size_t *n)
{
	pthread_mutex_lock(&t->lock);
	++*n;
	pthread_mutex_unlock(&t->lock);
}

/* Notes directory `path` as changed: synced by site_tree_close. */
static int touch_dir(site_tree *t, const char *path)
{
	return add(t, &t->dirs, path) < 0 ? -1 : 0;
}

/* Notes the directory holding `path` (a file or directory under t->dir). */
static int touch_parent(site_tree *t, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *p = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	int rc = p ? touch_dir(t, slash == path ? "/" : p) : -1;
	free(p);
	return rc;
}

/* Makes the directory of file `path` (t->dir/rel) when it is missing, and
 * notes as changed the directories holding one made here. */
static int make_parent(site_tree *t, const char *path)
{
	char *p = strdup(path);
	if (!p)
		return -1;
	*strrchr(p, '/') = '\0';
	struct stat st;
	int rc = 0;
	if (stat(p, &st) && errno == ENOENT) {
		rc = make_dirs(p);
		/* Which of the parents were made is not known: note all of them up
		 * to t->dir, no more than the depth of the path. */
		size_t top = strlen(t->dir);
		for (char *s; !rc && (s = strrchr(p, '/')) && (size_t)(s - p) >= top;) {
			*s = '\0';
			rc = touch_dir(t, p);
		}
	}
	int e = errno;
	free(p);
	errno = e;
	return rc;
}

/* What is at `path`, where a file of the site goes: 0 a regular file (*st
 * is its stat), -1 nothing, -2 with errno when it cannot be read, -3
 * something else: errno EISDIR for a directory, else 0 (a FIFO or device,
 * which out_open would write in place, and a FIFO would hang the run). */
static int target(const char *path, struct stat *st)
{
	if (stat(path, st))
		return errno == ENOENT || errno == ENOTDIR ? -1 : -2;
	errno = S_ISDIR(st->st_mode) ? EISDIR : 0;
	return S_ISREG(st->st_mode) ? 0 : -3;
}

/* How the file at path compares with data[0..len): 1 the same bytes, 0
 * different, or target's -1, -2 or -3. */
static int compare(const char *path, const char *data, size_t len)
{
	struct stat st;
	int rc = target(path, &st);
	if (rc)
		return rc;
	if ((uintmax_t)st.st_size != len)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -2;
	char buf[16384];
	size_t off = 0, n;
	int same = 1;
	while (same && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		same = off + n <= len && !memcmp(buf, data + off, n);
		off += n;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		errno = EIO;
		return -2;
	}
	return same && off == len;
}

/* The same for a copy of file src, of `size` bytes. */
static int compare_file(const char *path, const char *src, off_t size)
{
	struct stat st;
	int rc = target(path, &st);
	return rc ? rc : st.st_size == size && same_bytes(src, path);
}

/* The check-mode line "PATH: what", kept to be printed in order at the end. */
static int note_unlocked(site_tree *t, const char *path, const char *what)
{
	size_t n = strlen(path) + strlen(what) + 3;
	char *s = malloc(n);
	if (!s || dr_grow(&t->notes, &t->cap, t->nnotes + 1, sizeof(*t->notes))) {
		free(s);
		return -1;
	}
	snprintf(s, n, "%s: %s", path, what);
	t->notes[t->nnotes++] = s;
	return 0;
}

static int note(site_tree *t, const char *path, const char *what)
{
	pthread_mutex_lock(&t->lock);
	int rc = note_unlocked(t, path, what);
	pthread_mutex_unlock(&t->lock);
	return rc;
}

/* Starts file rel of the run: refuses a rel that is not a path inside the
 * site or was given before; else *path is t->dir/rel (caller frees). */
static int start(site_tree *t, const char *rel, char **path, FILE *err)
{
	*path = NULL;
	if (!valid_rel(rel)) {
		fprintf(err,
		        "decrec site: '%s' is not a path inside the site: relative, "
		        "'/'-separated, without empty, '.' or '..' parts or control characters, "
		        "and not %s\n",
		        rel, MANIFEST);
		return EXIT_USAGE;
	}
	int seen = add(t, &t->done, rel);
	if (seen < 0)
		return out_of_memory(err);
	if (seen) {
		fprintf(err, "decrec site: %s/%s is produced twice in one run\n", t->dir, rel);
		return EXIT_USAGE;
	}
	if (!(*path = join(t->dir, rel)))
		return out_of_memory(err);
	return 0;
}

/* What follows the comparison `cmp` of file rel at path: counted unchanged,
 * noted in check mode, or written by put(path, arg) when not. */
static int finish(site_tree *t, const char *rel, const char *path, int cmp,
                  int (*put)(const char *path, const void *arg), const void *arg, FILE *err)
{
	if (cmp == 1) {
		count(t, &t->unchanged);
		return 0;
	}
	if (t->check && cmp != -2)
		return note(t, path, cmp == -1 ? "missing" : "differs") ? out_of_memory(err) : 0;
	if (cmp == -2 || cmp == -3 || make_parent(t, path) || put(path, arg)) {
		/* Not the site's unless it was before (site_tree_finish). */
		int e = errno;
		if (add(t, &t->failed, rel) < 0)
			return out_of_memory(err);
		if (cmp == -3 && !e) {
			fprintf(err, "decrec: %s: cannot write: not a regular file\n", path);
			return EXIT_IO;
		}
		return cannot(err, path, cmp == -2 && t->check ? "read" : "write", e);
	}
	count(t, &t->written);
	/* Its directory gained or changed an entry. */
	return touch_parent(t, path) ? out_of_memory(err) : 0;
}

typedef struct bytes {
	const char *data; /* or, for a copy, the path of the file copied */
	size_t len;
	mode_t mode;
} bytes;

static int put_bytes(const char *path, const void *arg)
{
	const bytes *b = arg;
	out_file o;
	if (out_open_as(&o, path, b->mode))
		return -1;
	if (b->len)
		fwrite(b->data, 1, b->len, o.fp);
	/* A short fwrite (a full disk) leaves ferror set: out_commit then
	 * drops the temporary file and the old file stays whole. */
	return out_commit_nosync(&o);
}

static int put_copy(const char *path, const void *arg)
{
	const bytes *b = arg;
	return copy_file(b->data, path, b->mode, 0);
}

int site_tree_write(site_tree *t, const char *rel, const char *data, size_t len, FILE *err)
{
	char *path;
	int rc = start(t, rel, &path, err);
	if (!rc) {
		bytes b = {data, len, t->mode};
		rc = finish(t, rel, path, compare(path, data, len), put_bytes, &b, err);
	}
	free(path);
	return rc;
}

/* Drops the piece file: what was written of a new one is removed. */
static void piece_end(struct piece *p)
{
	if (p->old)
		fclose(p->old);
	if (p->o.fp)
		out_abort(&p->o);
	free(p->rel);
	free(p->path);
	*p = (struct piece){0};
}

/* The piece file differs from the file there from byte p->len on: in check
 * mode that is all; else its new file is started with the p->len bytes
 * before, which are the old file's. 0, or -1 with errno. */
static int piece_differs(site_tree *t, struct piece *p)
{
	p->differs = 1;
	if (t->check)
		return 0;
	if (make_parent(t, p->path) || out_open_as(&p->o, p->path, t->mode))
		return -1;
	char buf[16384];
	uint64_t left = p->len;
	if (p->old && fseek(p->old, 0, SEEK_SET))
		return -1;
	while (left) {
		size_t n = fread(buf, 1, left < sizeof(buf) ? (size_t)left : sizeof(buf), p->old);
		if (!n) {
			errno = EIO;
			return -1;
		}
		fwrite(buf, 1, n, p->o.fp);
		left -= n;
	}
	return 0;
}

/* Whether the next n bytes of the file there are data[0..n). */
static int piece_same(struct piece *p, const char *data, size_t n)
{
	char buf[16384];
	for (size_t off = 0; off < n;) {
		size_t k = n - off < sizeof(buf) ? n - off : sizeof(buf);
		if (fread(buf, 1, k, p->old) != k || memcmp(buf, data + off, k))
			return 0;
		off += k;
	}
	return 1;
}

/* A failure of the piece file: it is not the site's unless it was before. */
static int piece_failed(site_tree *t, struct piece *p, const char *what, FILE *err)
{
	int e = errno;
	if (add(t, &t->failed, p->rel) < 0)
		return p->status = out_of_memory(err);
	if (!e) {
		fprintf(err, "decrec: %s: cannot %s: not a regular file\n", p->path, what);
		return p->status = EXIT_IO;
	}
	return p->status = cannot(err, p->path, what, e);
}

/* The start of piece file rel: its name taken, the file there opened to
 * compare with. */
static int piece_start(site_tree *t, struct piece *p, const char *rel, FILE *err)
{
	struct stat st;
	if (!(p->rel = strdup(rel)))
		return p->status = out_of_memory(err);
	if ((p->status = start(t, rel, &p->path, err)))
		return p->status;
	int cmp = target(p->path, &st);
	if (cmp == -1)
		return piece_differs(t, p) ? piece_failed(t, p, "write", err) : 0;
	if (cmp || !(p->old = fopen(p->path, "rb")))
		return piece_failed(t, p, cmp == -3 ? "write" : "read", err);
	return 0;
}

/* The end of the piece file: unchanged, noted, or its new file renamed
 * into place. */
static int piece_finish(site_tree *t, struct piece *p, FILE *err)
{
	if (!p->differs && fgetc(p->old) == EOF && !ferror(p->old)) {
		count(t, &t->unchanged);
		return 0;
	}
	if (!p->differs && piece_differs(t, p))
		return piece_failed(t, p, "write", err);
	if (t->check)
		return note(t, p->path, p->old ? "differs" : "missing") ? out_of_memory(err) : 0;
	int bad = out_commit_nosync(&p->o);
	p->o.fp = NULL; /* committed or dropped either way */
	if (bad && !errno)
		errno = EIO; /* not piece_failed's "not a regular file" */
	if (bad)
		return piece_failed(t, p, "write", err);
	count(t, &t->written);
	return touch_parent(t, p->path) ? out_of_memory(err) : 0;
}

int site_tree_piece(site_tree *t, const char *rel, const char *data, size_t len, FILE *err)
{
	struct piece *p = &t->p;
	int rc = 0;
	if (p->rel && strcmp(p->rel, rel)) /* the last file was not ended */
		piece_end(p);
	if (!p->rel)
		rc = piece_start(t, p, rel, err);
	if (rc || p->status) {
		if (!data) /* ended: the next file starts afresh */
			piece_end(p);
		return rc;
	}
	if (!data) {
		rc = piece_finish(t, p, err);
		piece_end(p);
		return rc;
	}
	if (!p->differs && !piece_same(p, data, len) && piece_differs(t, p))
		return piece_failed(t, p, "write", err);
	if (p->o.fp && len)
		fwrite(data, 1, len, p->o.fp);
	p->len += len;
	return 0;
}

int site_tree_copy(site_tree *t, const char *rel, const char *src, FILE *err)
{
	char *path;
	int rc = start(t, rel, &path, err);
	if (rc) {
		free(path);
		return rc;
	}
	struct stat st;
	int e = stat(src, &st) || access(src, R_OK) ? errno : 0;
	if (e || !S_ISREG(st.st_mode)) {
		if (!e && !S_ISDIR(st.st_mode))
			fprintf(err, "decrec: %s: cannot read: not a regular file\n", src);
		rc = e || S_ISDIR(st.st_mode) ? cannot(err, src, "read", e ? e : EISDIR) : EXIT_IO;
		if (add(t, &t->failed, rel) < 0)
			rc = out_of_memory(err);
	} else {
		bytes b = {src, 0, t->mode};
		rc = finish(t, rel, path, compare_file(path, src, st.st_size), put_copy, &b, err);
	}
	free(path);
	return rc;
}

/* Whether directory dir holds any entry: 1, 0, or -1 with errno. */
static int has_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *e;
	int any = 0;
	errno = 0;
	while (!any && (e = readdir(d)))
		any = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	int err = errno;
	closedir(d);
	errno = err;
	return any ? 1 : err ? -1 : 0;
}

/* Reads the manifest at path into t->old: 0; 1 when there is none; -1 with
 * errno when it cannot be read; else EXIT_USAGE after saying why it is not
 * decrec site's (unless quiet, with --force: then t->old stays empty). */
static int read_manifest(site_tree *t, const char *path, int quiet)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? 1 : -1;
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t n;
	int rc = 0;
	while (!rc && (n = getline(&line, &cap, f)) >= 0) {
		no++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (no == 1 && strncmp(line, HEADER, strlen(HEADER))) {
			if (!quiet)
				fprintf(
				    stderr,
				    "decrec site: %s:1: not a manifest of decrec site: its first "
				    "line is not \"%s ...\"; give an empty or new directory, or "
				    "--force\n",
				    path, HEADER);
			rc = EXIT_USAGE;
		} else if (no > 1 && !valid_rel(line)) {
			/* An edited manifest must not make the site remove a file
			 * outside its directory. Only the first line is a comment:
			 * "#x.html" is a file of the site. */
			if (!quiet)
				fprintf(
				    stderr,
				    "decrec site: %s:%zu: '%s' is not a path inside the site; give "
				    "an empty or new directory, or --force\n",
				    path, no, line);
			rc = EXIT_USAGE;
		} else if (no > 1 && name_set_add(&t->old, line) < 0) {
			rc = out_of_memory(stderr);
		}
	}
	int err = ferror(f) ? errno : 0;
	free(line);
	fclose(f);
	if (!rc && no == 0) {
		if (!quiet)
			fprintf(stderr,
			        "decrec site: %s: not a manifest of decrec site: it is empty; give "
			        "an empty or new directory, or --force\n",
			        path);
		rc = EXIT_USAGE;
	}
	if (!rc && err) {
		errno = err;
		return -1;
	}
	if (rc == EXIT_USAGE && quiet) {
		name_set_free(&t->old);
		rc = 0;
	}
	return rc;
}

static void site_tree_free(site_tree *t)
{
	if (!t)
		return;
	piece_end(&t->p);
	free(t->dir);
	name_set_free(&t->old);
	name_set_free(&t->done);
	name_set_free(&t->failed);
	name_set_free(&t->dirs);
	for (size_t i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

int site_tree_open(site_tree **out, const char *dir, int check, int force)
{
	*out = NULL;
	site_tree *t = calloc(1, sizeof(*t));
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (!t || !(t->dir = strndup(dir, n))) {
		free(t);
		return out_of_memory(stderr);
	}
	pthread_mutex_init(&t->lock, NULL);
	t->check = check;
	t->mode = 0666 & ~file_umask();
	struct stat st;
	char *manifest = NULL;
	int rc = 0;
	if (stat(t->dir, &st)) {
		/* A new directory: made now, so that an empty site still gets its
		 * manifest; check mode finds every file missing. */
		if (errno != ENOENT)
			rc = cannot(stderr, t->dir, "read", errno);
		else if (!check && make_dirs(t->dir))
			rc = cannot(stderr, t->dir, "write", errno);
		else if (!check && touch_parent(t, t->dir))
			rc = out_of_memory(stderr);
	} else if (!S_ISDIR(st.st_mode)) {
		rc = cannot(stderr, t->dir, "write", ENOTDIR);
	} else if (!(manifest = join(t->dir, MANIFEST))) {
		rc = out_of_memory(stderr);
	} else {
		int m = read_manifest(t, manifest, force);
		int any = m == 1 ? has_entries(t->dir) : 0;
		if (m < 0)
			rc = cannot(stderr, manifest, "read", errno);
		else if (m > 1)
			rc = m;
		else if (any < 0)
			rc = cannot(stderr, t->dir, "read", errno);
		else if (any && !force) {
			fprintf(stderr,
			        "decrec site: %s is not empty and holds no manifest of decrec site "
			        "(%s); give an empty or new directory, or --force\n",
			        t->dir, manifest);
			rc = EXIT_USAGE;
		}
	}
	free(manifest);
	if (rc) {
		site_tree_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void site_tree_counts(const site_tree *t, size_t *written, size_t *unchanged, size_t *removed)
{
	*written = t->written;
	*unchanged = t->unchanged;
	*removed = t->removed;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes file t->dir/rel, a file of an earlier run no longer produced, and
 * the directories above it that this leaves empty (rmdir removes only an
 * empty one, so a directory holding anything else stays). 0, or -1 after
 * saying why the file could not be removed. */
static int remove_file(site_tree *t, const char *rel)
{
	char *path = join(t->dir, rel);
	if (!path) {
		out_of_memory(stderr);
		return -1;
	}
	if (unlink(path)) {
		int e = errno;
		if (e != ENOENT)
			cannot(stderr, path, "remove", e);
		free(path);
		return e == ENOENT ? 0 : -1;
	}
	t->removed++;
	size_t top = strlen(t->dir);
	char *s;
	int rc = 0;
	while ((s = strrchr(path, '/')) && (size_t)(s - path) > top) {
		*s = '\0';
		if (rmdir(path))
			break;
	}
	/* The directory that lost the last entry removed: path is now it. */
	if (s)
		*s = '\0';
	rc = touch_dir(t, path);
	free(path);
	if (rc)
		out_of_memory(stderr);
	return rc;
}

/* The manifest's text: its first line, then names[0..n) sorted, one a line;
 * malloc'd, its length in *len. */
static char *manifest_text(char **names, size_t n, size_t *len)
{
	qsort(names, n, sizeof(*names), by_name);
	char *text = NULL;
	FILE *m = open_memstream(&text, len);
	if (!m)
		return NULL;
	fputs(HEADER_LINE, m);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(names[i], names[i - 1]))
			fprintf(m, "%s\n", names[i]);
	if (fclose(m)) {
		free(text);
		return NULL;
	}
	return text;
}

/* Writes the manifest listing names[0..n), when it differs from the one
 * there. Unlike the pages, the manifest is synced before its rename: the
 * pages are remade from the records by the next run, while a lost manifest
 * would leave the files it listed behind for good. */
static int write_manifest(site_tree *t, char **names, size_t n)
{
	size_t len;
	char *text = manifest_text(names, n, &len);
	char *path = join(t->dir, MANIFEST);
	int rc = 0;
	if (!text || !path) {
		rc = out_of_memory(stderr);
	} else if (compare(path, text, len) != 1) {
		out_file o;
		if (out_open_as(&o, path, t->mode)) {
			rc = cannot(stderr, path, "write", errno);
		} else {
			fwrite(text, 1, len, o.fp);
			if (out_commit(&o))
				rc = cannot(stderr, path, "write", errno);
			else if (touch_dir(t, t->dir))
				rc = out_of_memory(stderr);
		}
	}
	free(text);
	free(path);
	return rc;
}

/* Makes the run durable: once, at the end, and only when it changed
 * something. Why this and not a sync per file (what render does, through
 * out_commit): every file is renamed into place whole, so at any moment each
 * holds its old bytes or its new ones whatever the syncs; what a sync adds is
 * that a crash after the run loses nothing of it, and that is wanted of the
 * run as a whole, not of each page before the next. A sync per file costs a
 * journal commit and a disk flush per page; so does a sync per directory
 * here, since the site gives each decision its own directory. Measured on
 * ext4 (2,000 pages of 4 KB, each in its own directory, on a busy machine):
 * no sync 0.5-1.0 s, one syncfs 0.4-1.0 s, an fsync per directory 0.7-5.0 s,
 * an fsync per file 1.2-7.0 s. So on Linux one syncfs(2) of each file system
 * the run wrote in (one, unless a directory of the site is a mount point)
 * writes out the pages' data and every rename and removal at once; elsewhere
 * each directory whose entries changed is synced once, which keeps the names
 * (the pages' data, on a file system that delays it, may then be lost to a
 * crash, and the next run, comparing every file's bytes, rewrites them). The
 * manifest is synced before its rename in any case (write_manifest). Returns
 * 0, or EXIT_IO after naming the directory. */
static int sync_dirs(site_tree *t)
{
	int rc = 0;
#ifdef __linux__
	dev_t *synced = NULL; /* the file systems synced */
	size_t nsynced = 0, cap = 0;
#endif
	for (size_t i = 0; i < t->dirs.cap; i++) {
		const char *d = t->dirs.v[i];
		if (!d)
			continue;
#ifdef __linux__
		struct stat st;
		size_t k = 0;
		if (stat(d, &st)) {
			if (errno != ENOENT) /* else removed since, its parent listed */
				rc = cannot(stderr, d, "sync", errno);
			continue;
		}
		while (k < nsynced && synced[k] != st.st_dev)
			k++;
		if (k < nsynced)
			continue;
		if (dr_grow(&synced, &cap, nsynced + 1, sizeof(*synced))) {
			rc = out_of_memory(stderr);
			break;
		}
		int fd = open(d, O_RDONLY | O_DIRECTORY);
		if (fd < 0 || syncfs(fd))
			rc = cannot(stderr, d, "sync", errno);
		else
			synced[nsynced++] = st.st_dev;
#else
		int fd = open(d, O_RDONLY | O_DIRECTORY);
		if (fd < 0 && errno == ENOENT)
			continue; /* removed since, its parent listed */
		/* EINVAL: a file system that cannot sync a directory (some
		 * network ones) has nothing more to give. */
		if (fd < 0 || (fsync(fd) && errno != EINVAL))
			rc = cannot(stderr, d, "sync", errno);
#endif
		if (fd >= 0)
			close(fd);
	}
#ifdef __linux__
	free(synced);
#endif
	return rc;
}

/* site_tree_finish's work, once. */
static int finish_run(site_tree *t, int ok)
{
	piece_end(&t->p); /* a piece file not ended is not written */
	int rc = ok ? EXIT_OK : EXIT_IO;
	/* The names the new manifest lists, borrowed from the sets: the files
	 * of this run written or found unchanged, those it failed to write
	 * that were the site's already, and below the old ones kept. */
	char **names = malloc((t->old.n + t->done.n + 1) * sizeof(*names));
	size_t n = 0;
	if (!names)
		return out_of_memory(stderr);
	for (size_t i = 0; i < t->done.cap && !t->check; i++) {
		char *s = t->done.v[i];
		if (s && (!name_set_has(&t->failed, s) || name_set_has(&t->old, s)))
			names[n++] = s;
	}
	for (size_t i = 0; i < t->old.cap; i++) {
		char *s = t->old.v[i];
		if (!s || name_set_has(&t->done, s))
			continue;
		if (t->check) {
			struct stat st;
			char *path = join(t->dir, s);
			if (!path ||
			    (ok && !lstat(path, &st) && note(t, path, "no longer produced")))
				rc = out_of_memory(stderr);
			free(path);
		} else if (!ok || remove_file(t, s)) {
			/* Kept (the run failed, or it could not be removed): still
			 * listed, so that a later run removes it. */
			names[n++] = s;
			if (ok)
				rc = EXIT_IO;
		}
	}
	if (t->check) {
		if (t->nnotes) /* notes is NULL until the first */
			qsort(t->notes, t->nnotes, sizeof(*t->notes), by_name);
		for (size_t i = 0; i < t->nnotes; i++)
			printf("%s\n", t->notes[i]);
		if (rc == EXIT_OK && t->nnotes)
			rc = EXIT_FINDINGS;
	} else {
		int w = write_manifest(t, names, n);
		int s = sync_dirs(t);
		if (rc == EXIT_OK)
			rc = w ? w : s;
	}
	free(names);
	return rc;
}

int site_tree_finish(site_tree *t, int ok)
{
	if (t->finished)
		return t->status;
	t->finished = 1;
	t->status = finish_run(t, ok);
	return t->status;
}

int site_tree_close(site_tree *t, int ok)
{
	if (!t)
		return ok ? EXIT_OK : EXIT_IO;
	int rc = site_tree_finish(t, ok);
	site_tree_free(t);
	return rc;
}
