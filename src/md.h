/* The only file that speaks cmark: Markdown fields parsed as CommonMark. */
#ifndef DR_MD_H
#define DR_MD_H

#include "arena.h"

#include <stddef.h>

/* 1 when the CommonMark text s[0..n) holds raw HTML (a block or inline
 * tag), which safe HTML output drops, with the start of the first piece (up
 * to its first line break) in html[cap]; 0 otherwise. */
int dr_md_raw_html(const char *s, size_t n, char *html, size_t cap);

/* s[0..n) rendered to HTML by cmark in safe mode: raw HTML is dropped and
 * links with unsafe schemes (javascript:, vbscript:, file:, data:) lose
 * their target. The result is copied into the arena; NULL on OOM. */
char *dr_md_html(dr_arena *a, const char *s, size_t n);

/* One step of a walk over a Markdown text's tree (dr_md_walk), in cmark's
 * terms but without its types, so that only this file includes cmark. */
typedef enum dr_md_kind {
	DR_MD_DOCUMENT,
	DR_MD_BLOCK_QUOTE,
	DR_MD_LIST,
	DR_MD_ITEM,
	DR_MD_CODE_BLOCK, /* a leaf: `literal` */
	DR_MD_HTML_BLOCK, /* a leaf: raw HTML, which safe output drops */
	DR_MD_PARAGRAPH,
	DR_MD_HEADING,
	DR_MD_THEMATIC_BREAK, /* a leaf */
	DR_MD_TEXT, /* a leaf: `literal` */
	DR_MD_SOFTBREAK, /* a leaf */
	DR_MD_LINEBREAK, /* a leaf */
	DR_MD_CODE, /* a leaf: `literal` */
	DR_MD_HTML_INLINE, /* a leaf: raw HTML, which safe output drops */
	DR_MD_EMPH,
	DR_MD_STRONG,
	DR_MD_LINK, /* `url` */
	DR_MD_IMAGE, /* `url`; its children are the alt text */
	DR_MD_OTHER
} dr_md_kind;

typedef struct dr_md_event {
	dr_md_kind kind;
	int enter; /* 1 entering a node (a leaf only enters), 0 leaving it */
	const char *literal; /* the text of a leaf, "" when none */
	const char *url; /* a link's or an image's destination, "" when none */
	int level; /* a heading's level, 1-6 */
	int ordered; /* a list: numbered (1) or bulleted (0) */
	int start; /* a numbered list's first number */
} dr_md_event;

/* Calls fn(ctx, event) for each step of a depth-first walk over the tree of
 * the CommonMark text s[0..n), the strings valid during the call. Stops at
 * fn's first non-zero return and returns it; 0 at the end. */
int dr_md_walk(const char *s, size_t n, int (*fn)(void *ctx, const dr_md_event *e), void *ctx);

/* cmark's version string. */
const char *dr_md_version(void);

#endif
