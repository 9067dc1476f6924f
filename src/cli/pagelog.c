/* The page log: pages rendered while their files are checked, kept on
 * disk (or, where no temporary file can be made, in memory) until every
 * file is checked and each can be published or not (decrec render, decrec
 * site). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int log_open(render_log *g)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/decrec-render-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		if ((g->fp = fdopen(fd, "w+b")))
			return 0;
		close(fd);
	}
	g->fp = open_memstream(&g->mem, &g->memlen);
	return g->fp ? 0 : -1;
}

int log_put(render_log *g, int type, int rc, const char *a, size_t na, const char *b, size_t nb)
{
	event ev;
	/* The padding is written too: zero it, so the log holds no stale bytes. */
	memset(&ev, 0, sizeof(ev));
	ev.file = g->file;
	ev.type = (uint8_t)type;
	ev.has_a = a != NULL;
	ev.rc = rc;
	ev.na = (uint32_t)na;
	ev.nb = (uint32_t)nb;
	if (g->failed || fwrite(&ev, sizeof(ev), 1, g->fp) != 1 ||
	    (na && fwrite(a, 1, na, g->fp) != na) || (nb && fwrite(b, 1, nb, g->fp) != nb)) {
		g->failed = 1;
		return -1;
	}
	return 0;
}

/* Turns the log around for reading; 0, or -1 with errno. */
int log_rewind(render_log *g)
{
	if (fflush(g->fp))
		return -1;
	if (!g->mem)
		return fseek(g->fp, 0, SEEK_SET);
	fclose(g->fp);
	g->fp = g->memlen ? fmemopen(g->mem, g->memlen, "rb") : NULL;
	return g->fp || !g->memlen ? 0 : -1;
}

static int read_str(FILE *fp, char **s, size_t *cap, size_t n)
{
	if (n + 1 > *cap) {
		char *v = realloc(*s, n + 1);
		if (!v)
			return -1;
		*s = v;
		*cap = n + 1;
	}
	if (n && fread(*s, 1, n, fp) != n)
		return -1;
	(*s)[n] = '\0';
	return 0;
}

/* The next entry, when it belongs to input `file`: 1, 0 when it does not
 * (or the log is done), -1 when it cannot be read. */
int log_next(render_log *g, uint32_t file)
{
	if (!g->have) {
		if (!g->fp || fread(&g->ev, sizeof(g->ev), 1, g->fp) != 1)
			return g->fp && ferror(g->fp) ? -1 : 0;
		if (read_str(g->fp, &g->a, &g->acap, g->ev.na) ||
		    read_str(g->fp, &g->b, &g->bcap, g->ev.nb))
			return -1;
		g->have = 1;
	}
	if (g->ev.file != file)
		return 0;
	g->have = 0;
	return 1;
}

void log_close(render_log *g)
{
	if (g->fp)
		fclose(g->fp);
	free(g->mem);
	free(g->a);
	free(g->b);
}

/* The renderer's hooks while files are checked: each writes to the log. */
int log_page(void *ctx, const char *reference, const char *doc, size_t len)
{
	render_log *g = ctx;
	return log_put(g, EV_PAGE, 0, reference, reference ? strlen(reference) : 0, doc, len);
}

void log_withheld(void *ctx, const char *reference)
{
	render_log *g = ctx;
	log_put(g, EV_WITHHELD, 0, reference, reference ? strlen(reference) : 0, NULL, 0);
}

int log_link(void *ctx, const char *href, char **out)
{
	render_log *g = ctx;
	char *rel, *real;
	doc_action act;
	int rc = doc_link(g->links, href, out, &act, &rel, &real);
	if (!rc && act == DOC_MISSING)
		rc = log_put(g, EV_MISSING, 0, href, strlen(href), NULL, 0);
	else if (!rc && act == DOC_COPY)
		rc = log_put(g, EV_COPY, 0, rel, strlen(rel), real, strlen(real));
	else if (!rc && act == DOC_NOTE)
		rc = log_put(g, EV_NOTE, 0, NULL, 0, NULL, 0);
	free(rel);
	free(real);
	if (rc && *out) {
		free(*out);
		*out = NULL;
	}
	return rc && g->failed ? DR_EIO : rc;
}
