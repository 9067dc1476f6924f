/* The only file that speaks cmark: Markdown fields parsed as CommonMark. */
#ifndef DR_MD_H
#define DR_MD_H

#include <stddef.h>

/* 1 when the CommonMark text s[0..n) holds raw HTML (a block or inline
 * tag), which safe HTML output drops, with the start of the first piece (up
 * to its first line break) in html[cap]; 0 otherwise. */
int dr_md_raw_html(const char *s, size_t n, char *html, size_t cap);

/* cmark's version string. */
const char *dr_md_version(void);

#endif
