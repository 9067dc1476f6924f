/* The only file that speaks cmark: Markdown fields parsed as CommonMark. */
#ifndef DR_MD_H
#define DR_MD_H

#include <stddef.h>

/* 1 when the CommonMark text s[0..n) holds raw HTML (a block or inline
 * tag), which safe HTML output drops; 0 otherwise. */
int dr_md_has_raw_html(const char *s, size_t n);

/* cmark's version string. */
const char *dr_md_version(void);

#endif
