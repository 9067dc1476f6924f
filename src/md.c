/* cmark wrapper. cmark aborts on out-of-memory and hands back malloc'd
 * trees and strings; this file frees them on every path. */
#include "md.h"

#include <cmark.h>
#include <string.h>

int dr_md_has_raw_html(const char *s, size_t n)
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
		cmark_node_type t = cmark_node_get_type(cmark_iter_get_node(it));
		found = ev == CMARK_EVENT_ENTER &&
		        (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return found;
}

const char *dr_md_version(void)
{
	return cmark_version_string();
}
