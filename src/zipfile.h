/* The only file that speaks libzip: a Word document is a zip archive of
 * XML parts. Writing is into memory, so the renderer hands a whole document
 * to its caller like any other; reading is of a council's reference
 * document, part by part, with a size limit. */
#ifndef DR_ZIPFILE_H
#define DR_ZIPFILE_H

#include "buf.h"

#include <stddef.h>

typedef struct dr_zip_part {
	const char *name; /* its path in the archive */
	const char *data;
	size_t len;
} dr_zip_part;

/* Writes parts[0..n), in order and deflated, as a zip archive into out
 * (reset first). Every entry is dated 1980-01-01 00:00, so the same parts
 * give the same bytes. Returns 0, or -1 (out of memory, or out's cap). */
int dr_zip_write(dr_buf *out, const dr_zip_part *parts, size_t n);

typedef struct dr_zip dr_zip;

/* Opens the zip archive at path for reading into *out. Returns 0, or -1
 * with *err (caller frees; NULL on OOM) saying why. */
int dr_zip_open(dr_zip **out, const char *path, char **err);
/* The same for the archive data[0..len), which must outlive *out. */
int dr_zip_open_buffer(dr_zip **out, const void *data, size_t len);
void dr_zip_close(dr_zip *z);

/* The number of entries, and entry i's name (valid until dr_zip_close). */
size_t dr_zip_count(dr_zip *z);
const char *dr_zip_name(dr_zip *z, size_t i);

/* Reads entry `name` into *data (malloc'd, NUL-terminated; caller frees)
 * and *len. Returns 1, 0 when there is no such entry, or -1 when it is
 * larger than max or cannot be read (a damaged archive, OOM). */
int dr_zip_read(dr_zip *z, const char *name, size_t max, char **data, size_t *len);

#endif
