/* Arena allocation: every node, string and finding of one record comes from
 * one arena and is freed with it, so validators borrow and never free.
 * An arena has a hard cap so hostile input runs out of arena, not of memory. */
#ifndef DR_ARENA_H
#define DR_ARENA_H

#include <stddef.h>

typedef struct dr_arena dr_arena;

/* A new arena that will hand out at most `cap` bytes in all; NULL on OOM. */
dr_arena *dr_arena_new(size_t cap);
/* Frees every allocation of the arena; NULL is a no-op. */
void dr_arena_free(dr_arena *a);
/* Forgets every allocation but keeps the first block for reuse. */
void dr_arena_reset(dr_arena *a);
/* `n` bytes aligned for any type; NULL when the cap is reached or on OOM. */
void *dr_arena_alloc(dr_arena *a, size_t n);
/* Whether an allocation was refused for the cap since the arena was made or
 * reset: the input is too large. Otherwise a NULL meant out of memory. */
int dr_arena_full(const dr_arena *a);
/* A NUL-terminated copy of s[0..n); NULL as dr_arena_alloc. */
char *dr_arena_strndup(dr_arena *a, const char *s, size_t n);
/* printf into the arena; NULL as dr_arena_alloc. */
char *dr_arena_printf(dr_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
