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

/* cmark's version string. */
const char *dr_md_version(void);

#endif
