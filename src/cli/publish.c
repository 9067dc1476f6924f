/* Document links of rendered pages (decrec render): a relative
 * documents[].href is resolved in the repository, then copied under
 * --out-dir's documents/ folder or pointed at --documents-url, so that the
 * published page's link works. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Whether files a and b hold the same bytes; 0 when either is unreadable. */
static int same_bytes(const char *a, const char *b)
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

/* Copies `from` to `to` atomically, making to's missing directories. */
static int copy(const char *from, const char *to)
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
	if (out_open(&of, to)) {
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
	return out_commit(&of);
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

/* Whether rel was copied or checked before in this run; else notes it. */
static int seen(doc_links *l, const char *rel)
{
	for (size_t i = 0; i < l->ndone; i++)
		if (!strcmp(l->done[i], rel))
			return 1;
	char **v = realloc(l->done, (l->ndone + 1) * sizeof(*v));
	if (!v)
		return 0; /* copied again, not lost */
	l->done = v;
	if ((v[l->ndone] = strdup(rel)))
		l->ndone++;
	return 0;
}

/* Publishes the document (copies or checks it) and returns its link. */
static int publish(doc_links *l, const char *href, const char *rel, const char *real, char **out)
{
	const char *suffix = href + strcspn(href, "#?");
	if (l->url) {
		size_t n = strlen(l->url);
		while (n > 0 && l->url[n - 1] == '/')
			n--;
		*out = link_to(l->url, n, rel, suffix);
		return *out ? 0 : DR_ENOMEM;
	}
	size_t n = strlen(l->out_dir) + strlen(rel) + sizeof("/documents/");
	char *to = malloc(n);
	if (!to)
		return DR_ENOMEM;
	snprintf(to, n, "%s/documents/%s", l->out_dir, rel);
	if (!seen(l, rel) && !same_bytes(real, to)) {
		if (l->check) {
			printf("%s: out of date\n", to);
			if (l->status == EXIT_OK)
				l->status = EXIT_FINDINGS;
		} else if (copy(real, to)) {
			fprintf(stderr, "decrec: %s: cannot copy the document to %s: %s\n",
			        l->input, to, strerror(errno));
			l->status = EXIT_IO;
		}
	}
	free(to);
	*out = link_to("documents", 9, rel, suffix);
	return *out ? 0 : DR_ENOMEM;
}

int doc_link(void *ctx, const char *href, char **out)
{
	doc_links *l = ctx;
	char *rel = NULL, *real = NULL;
	*out = NULL;
	if (!l->out_dir && !l->url) {
		if (!l->noted)
			fprintf(stderr,
			        "decrec: note: relative document links are kept as written; "
			        "--out-dir copies the documents beside the pages, "
			        "--documents-url links to where they are published\n");
		l->noted = 1;
		return 0;
	}
	int rc = dr_document_resolve(&rel, &real, l->cfg, l->base, href);
	if (rc == DR_EINVAL) {
		/* Rendered with --force, or with document-missing turned off. */
		fprintf(stderr,
		        "decrec: %s: document '%s' is not a file in the repository; "
		        "its title is not linked\n",
		        l->input, href);
		*out = strdup("");
		return *out ? 0 : DR_ENOMEM;
	}
	if (!rc)
		rc = publish(l, href, rel, real, out);
	free(rel);
	free(real);
	return rc;
}

void doc_links_free(doc_links *l)
{
	for (size_t i = 0; i < l->ndone; i++)
		free(l->done[i]);
	free(l->done);
	l->done = NULL;
	l->ndone = 0;
}
