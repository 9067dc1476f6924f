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

static dr_md_kind kind_of(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_DOCUMENT:
		return DR_MD_DOCUMENT;
	case CMARK_NODE_BLOCK_QUOTE:
		return DR_MD_BLOCK_QUOTE;
	case CMARK_NODE_LIST:
		return DR_MD_LIST;
	case CMARK_NODE_ITEM:
		return DR_MD_ITEM;
	case CMARK_NODE_CODE_BLOCK:
		return DR_MD_CODE_BLOCK;
	case CMARK_NODE_HTML_BLOCK:
		return DR_MD_HTML_BLOCK;
	case CMARK_NODE_PARAGRAPH:
		return DR_MD_PARAGRAPH;
	case CMARK_NODE_HEADING:
		return DR_MD_HEADING;
	case CMARK_NODE_THEMATIC_BREAK:
		return DR_MD_THEMATIC_BREAK;
	case CMARK_NODE_TEXT:
		return DR_MD_TEXT;
	case CMARK_NODE_SOFTBREAK:
		return DR_MD_SOFTBREAK;
	case CMARK_NODE_LINEBREAK:
		return DR_MD_LINEBREAK;
	case CMARK_NODE_CODE:
		return DR_MD_CODE;
	case CMARK_NODE_HTML_INLINE:
		return DR_MD_HTML_INLINE;
	case CMARK_NODE_EMPH:
		return DR_MD_EMPH;
	case CMARK_NODE_STRONG:
		return DR_MD_STRONG;
	case CMARK_NODE_LINK:
		return DR_MD_LINK;
	case CMARK_NODE_IMAGE:
		return DR_MD_IMAGE;
	default:
		return DR_MD_OTHER; /* custom nodes, which the parser never makes */
	}
}

int dr_md_walk(const char *s, size_t n, int (*fn)(void *ctx, const dr_md_event *e), void *ctx)
{
	cmark_node *doc = cmark_parse_document(s, n, CMARK_OPT_DEFAULT);
	if (!doc)
		return -1;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int rc = 0;
	while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		const char *lit = cmark_node_get_literal(node), *url = NULL;
		dr_md_event e = {.kind = kind_of(t), .enter = ev == CMARK_EVENT_ENTER};
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
			url = cmark_node_get_url(node);
		if (t == CMARK_NODE_HEADING)
			e.level = cmark_node_get_heading_level(node);
		if (t == CMARK_NODE_LIST) {
			e.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
			e.start = cmark_node_get_list_start(node);
		}
		e.literal = lit ? lit : "";
		e.url = url ? url : "";
		rc = fn(ctx, &e);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return rc;
}

const char *dr_md_version(void)
{
	return cmark_version_string();
}
