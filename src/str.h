/* Small string helpers (str.c). */
#ifndef DR_STR_H
#define DR_STR_H

/* Whether s is blank: only spaces, tabs and line breaks (or empty). */
int dr_blank(const char *s);
/* The Levenshtein distance of two strings of at most 64 bytes; 100 when
 * either is longer. */
int dr_edit_distance(const char *a, const char *b);

#endif
