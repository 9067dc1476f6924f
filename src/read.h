/* Reading whole files (read.c); dr_read_file itself is in decrec.h. */
#ifndef DR_READ_H
#define DR_READ_H

#include <stddef.h>

/* Reads path (or standard input for "-") into *buf, which has room for
 * *cap bytes and a NUL (or is NULL) and grows as needed, so that a reader
 * of many files reuses one buffer. Stops after max + 1 bytes. Returns 0
 * with *len set; DR_EIO with *err (caller frees) when the file cannot be
 * read; DR_ENOMEM. *buf and *cap stay valid for the caller to free. */
int dr_read_into(char **buf, size_t *cap, size_t *len, const char *path, size_t max, char **err);

#endif
