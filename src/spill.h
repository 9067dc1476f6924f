/* Spilling: bytes that threads append, kept in one unlinked temporary file
 * until they are read back, so that a run's memory does not grow with its
 * inputs. Each thread appends to its own stream, which goes out 64 KB at a
 * time into a range of the file the thread reserves, so threads never wait
 * for each other. Where there is no file, or writing it fails, a stream
 * keeps the rest in memory and reads back the same. */
#ifndef DR_SPILL_H
#define DR_SPILL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* The temporary file. */
typedef struct dr_spill {
	int fd; /* -1: none */
	_Atomic uint64_t end; /* bytes reserved so far */
	char why[200]; /* why a read failed */
} dr_spill;

typedef struct dr_window {
	char *buf;
	size_t len, cap;
	uint64_t off; /* of buf[0] in the file */
} dr_window;

typedef struct dr_chunk {
	uint64_t at, off; /* its offset in the stream, and in the file */
	size_t len;
} dr_chunk;

/* What one thread appends. An item is never split across chunks. */
typedef struct dr_stream {
	char *buf; /* the last len bytes put, not written out */
	size_t len, cap;
	uint64_t size; /* bytes put */
	dr_chunk *chunks;
	size_t nchunks, chunkcap;
	int stuck; /* writing failed: the rest stays in buf */
	dr_window win; /* reading back */
} dr_stream;

/* Makes the file in $TMPDIR, else /tmp, unless fewer than `spare`
 * descriptors would be left under RLIMIT_NOFILE (the threads need them for
 * their inputs). Without a file, streams stay in memory. */
void dr_spill_open(dr_spill *sp, size_t spare);
void dr_spill_close(dr_spill *sp);

/* Appends n bytes as one item; DR_ENOMEM. With more than 64 KB waiting,
 * they are written out first. */
int dr_stream_put(dr_spill *sp, dr_stream *s, const void *p, size_t n);
/* Writes out what is waiting (before reading back). */
void dr_stream_flush(dr_spill *sp, dr_stream *s);
/* Whether everything put went to the file. */
int dr_stream_spilled(const dr_spill *sp, const dr_stream *s);
/* The item of n bytes put at `at`, valid until the next call for s; NULL
 * (sp->why says why) when it cannot be read back. */
const char *dr_stream_get(dr_spill *sp, dr_stream *s, uint64_t at, size_t n);
/* dr_stream_get without reading ahead: for items read back out of the
 * order they were put (a register's views, in the register's order). */
const char *dr_stream_get_exact(dr_spill *sp, dr_stream *s, uint64_t at, size_t n);
/* Piece k of s, in order: its chunks, then what stayed in memory; NULL
 * past the last (*len 0) or when it cannot be read (*len not 0). */
const char *dr_stream_piece(dr_spill *sp, dr_stream *s, size_t k, size_t *len);
void dr_stream_free(dr_stream *s);

#endif
