/* The one growth helper for arrays (libgit2's git_array, curl's dynbuf):
 * doubling, with the size arithmetic checked for overflow. Header-only, so
 * the library and the command share it with no symbol and no dependency. */
#ifndef DR_GROW_H
#define DR_GROW_H

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for `need` items of `size` bytes in the malloc'd array whose
 * pointer variable is at `pp` (&v for a T *v; NULL for none yet), which has
 * room for *cap: nothing when it has, else reallocates it to hold the larger
 * of `need` and twice *cap, at least 16 items. Returns 0 with *pp and *cap
 * updated, or -1 when the size overflows or memory runs out, with both
 * untouched (the old array still the caller's). Object pointers share one
 * representation on every platform decrec runs on (POSIX asks it of
 * dlsym), so the pointer is read and written through memcpy. */
static inline int dr_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	assert(size > 0);
	if (need <= *cap)
		return 0;
	size_t n = *cap <= SIZE_MAX / 2 ? *cap * 2 : SIZE_MAX;
	if (n < need)
		n = need;
	if (n < 16)
		n = 16;
	if (n > SIZE_MAX / size) {
		if (need > SIZE_MAX / size)
			return -1;
		n = SIZE_MAX / size; /* doubling would overflow, but `need` fits */
	}
	void *p;
	memcpy(&p, pp, sizeof(p));
	p = realloc(p, n * size);
	if (!p)
		return -1;
	memcpy(pp, &p, sizeof(p));
	*cap = n;
	return 0;
}

#endif
