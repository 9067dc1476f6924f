/* cmark wrapper. cmark aborts on out-of-memory and hands back malloc'd
 * trees and strings; this file frees them on every path. */
#include "md.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dr_md_raw_html(const char *s, size_t n, char *html, size_t cap)
{
	/* Raw HTML needs a '<'; most fields have none, so skip the parse. */
	if (!memchr(s, '<', n))
		return 0;
	cmark_node *doc = cmark_parse_document(s, n, CMARK_OPT_DEFAULT);
	if (!doc)
		return 0;
	int found = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		found = ev == CMARK_EVENT_ENTER &&
		        (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE);
		if (found) {
			const char *lit = cmark_node_get_literal(node);
			/* The first tag is enough to find it by. */
			size_t len = lit ? strcspn(lit, ">\r\n") : 0;
			if (lit && lit[len] == '>')
				len++;
			snprintf(html, cap, "%.*s", (int)(len < cap ? len : cap - 1),
			         lit ? lit : "");
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return found;
}

char *dr_md_html(dr_arena *a, const char *s, size_t n)
{
	/* CMARK_OPT_UNSAFE is never passed: safe mode is cmark's default. */
	char *html = cmark_markdown_to_html(s, n, CMARK_OPT_DEFAULT);
	if (!html)
		return NULL;
	char *copy = dr_arena_strndup(a, html, strlen(html));
	free(html);
	return copy;
}

const char *dr_md_version(void)
{
	return cmark_version_string();
}
