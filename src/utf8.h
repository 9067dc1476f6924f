/* UTF-8 validity, the one rule shared by the text index, the loader and the
 * escapers; below every other module. */
#ifndef DR_UTF8_H
#define DR_UTF8_H

#include <stddef.h>

/* The length of the valid UTF-8 sequence at s[0..n), or 0 when invalid
 * (overlong forms, surrogates and values past U+10FFFF included). */
size_t dr_utf8_len(const unsigned char *s, size_t n);

#endif
