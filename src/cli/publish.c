/* Document links of rendered pages (decrec render): a relative
 * documents[].href is resolved in the repository, then copied under
 * --out-dir's documents/ folder or pointed at --documents-url, so that the
 * published page's link works. */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int same_bytes(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fa ? fopen(b, "rb") : NULL;
	char x[16384], y[sizeof(x)];
	int eq = fa && fb;
	while (eq) {
		size_t n = fread(x, 1, sizeof(x), fa), m = fread(y, 1, sizeof(y), fb);
		eq = n == m && !memcmp(x, y, n) && !ferror(fa) && !ferror(fb);
		if (n < sizeof(x))
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return eq;
}

int copy_file(const char *from, const char *to, mode_t mode_new, int sync)
{
	char *dir = strdup(to);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (!dir)
		return -1;
	if (slash)
		*slash = '\0';
	int bad = slash && make_dirs(dir);
	free(dir);
	if (bad)
		return -1;
	FILE *in = fopen(from, "rb");
	out_file of;
	if (!in)
		return -1;
	if (out_open_as(&of, to, mode_new)) {
		int e = errno;
		fclose(in);
		errno = e;
		return -1;
	}
	char buf[16384];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, of.fp);
	if (ferror(in)) {
		int e = errno;
		fclose(in);
		out_abort(&of);
		errno = e;
		return -1;
	}
	fclose(in);
	return sync ? out_commit(&of) : out_commit_nosync(&of);
}

/* prefix[0..np) + '/' + rel, percent-encoded as a URL path, + suffix;
 * malloc'd. Letters, digits, "-._~/" and "!$&'()*+,;=:@" stay as they are. */
static char *link_to(const char *prefix, size_t np, const char *rel, const char *suffix)
{
	size_t nr = strlen(rel), ns = strlen(suffix);
	char *s = malloc(np + 1 + 3 * nr + ns + 1), *o = s;
	if (!s)
		return NULL;
	memcpy(o, prefix, np);
	o += np;
	*o++ = '/';
	for (const unsigned char *c = (const unsigned char *)rel; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~/!$&'()*+,;=:@", *c)) {
			*o++ = (char)*c;
		} else {
			*o++ = '%';
			*o++ = "0123456789ABCDEF"[*c >> 4];
			*o++ = "0123456789ABCDEF"[*c & 15];
		}
	}
	memcpy(o, suffix, ns + 1);
	return s;
}

/* FNV-1a: spreads reference-like names well enough for a set. */
static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

int name_set_add(name_set *s, const char *name)
{
	if (2 * (s->n + 1) > s->cap) {
		/* Half full at most: rehash into twice the slots. */
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **v = calloc(cap, sizeof(*v));
		if (!v)
			return -1;
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->v[i])
				continue;
			size_t k = hash(s->v[i]) & (cap - 1);
			while (v[k])
				k = (k + 1) & (cap - 1);
			v[k] = s->v[i];
		}
		free(s->v);
		s->v = v;
		s->cap = cap;
	}
	size_t k = hash(name) & (s->cap - 1);
	for (; s->v[k]; k = (k + 1) & (s->cap - 1))
		if (!strcmp(s->v[k], name))
			return 1;
	if (!(s->v[k] = strdup(name)))
		return -1;
	s->n++;
	return 0;
}

int name_set_has(const name_set *s, const char *name)
{
	if (!s->cap)
		return 0;
	for (size_t k = hash(name) & (s->cap - 1); s->v[k]; k = (k + 1) & (s->cap - 1))
		if (!strcmp(s->v[k], name))
			return 1;
	return 0;
}

void name_set_free(name_set *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->v[i]);
	free(s->v);
	*s = (name_set){0};
}

int doc_link(const doc_links *l, const char *href, char **out, doc_action *act, char **rel,
             char **real)
{
	*out = *rel = *real = NULL;
	*act = DOC_NONE;
	if (!l->out_dir && !l->url) {
		*act = DOC_NOTE;
		return 0;
	}
	char *r = NULL, *f = NULL;
	int rc = dr_document_resolve(&r, &f, l->cfg, l->base, href);
	if (rc == DR_EINVAL) {
		/* Rendered with --force, or with document-missing turned off. */
		*act = DOC_MISSING;
		*out = strdup("");
		return *out ? 0 : DR_ENOMEM;
	}
	if (rc)
		return rc;
	const char *suffix = href + strcspn(href, "#?");
	if (l->url) {
		size_t n = strlen(l->url);
		while (n > 0 && l->url[n - 1] == '/')
			n--;
		*out = link_to(l->url, n, r, suffix);
	} else {
		const char *prefix = l->prefix ? l->prefix : "documents";
		*out = link_to(prefix, strlen(prefix), r, suffix);
	}
	if (!*out || l->url) {
		free(r);
		free(f);
		return *out ? 0 : DR_ENOMEM;
	}
	*act = DOC_COPY;
	*rel = r;
	*real = f;
	return 0;
}

void doc_act(doc_links *l, doc_action act, const char *arg, const char *real)
{
	if (act == DOC_NOTE) {
		if (!l->noted)
			fprintf(stderr,
			        "decrec: note: relative document links are kept as written; "
			        "--out-dir copies the documents beside the pages, "
			        "--documents-url links to where they are published\n");
		l->noted = 1;
		return;
	}
	if (act == DOC_MISSING) {
		fprintf(stderr,
		        "decrec: %s: document '%s' is not a file in the repository; "
		        "its title is not linked\n",
		        l->input, arg);
		return;
	}
	if (act != DOC_COPY)
		return;
	size_t n = strlen(l->out_dir) + strlen(arg) + sizeof("/documents/");
	char *to = malloc(n);
	if (!to) {
		fprintf(stderr, "decrec: %s: out of memory\n", l->input);
		l->status = EXIT_IO;
		return;
	}
	int seen = name_set_add(&l->done, arg) > 0; /* not noted: copied again, not lost */
	snprintf(to, n, "%s/documents/%s", l->out_dir, arg);
	if (!seen && !same_bytes(real, to)) {
		if (l->check) {
			printf("%s: out of date\n", to);
			if (l->status == EXIT_OK)
				l->status = EXIT_FINDINGS;
		} else if (copy_file(real, to, (mode_t)-1, 1)) {
			fprintf(stderr, "decrec: %s: cannot copy the document to %s: %s\n",
			        l->input, to, strerror(errno));
			l->status = EXIT_IO;
		}
	}
	free(to);
}

void doc_links_free(doc_links *l)
{
	name_set_free(&l->done);
}
