/* What a document link is: a web address, a path in the repository, or
 * something unsafe to publish. One answer for the validator and the view. */
#ifndef DR_URL_H
#define DR_URL_H

typedef enum dr_url_kind {
	DR_URL_WEB, /* http:// or https:// with a host */
	DR_URL_RELATIVE, /* a path with no scheme, not absolute */
	DR_URL_ABSOLUTE, /* a file-system path from the root */
	DR_URL_BAD_WEB, /* http(s) without a host */
	DR_URL_UNSAFE /* another scheme (javascript:, data:, file:), or characters a
	                 browser would strip to reveal one */
} dr_url_kind;

dr_url_kind dr_url_classify(const char *href);

#endif
