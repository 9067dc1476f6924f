/* The data a template sees: null, yes/no, text, lists and maps, all in an
 * arena. The view of a record (view.c) and the Mustache spec's test data are
 * both built as values. */
#ifndef DR_VALUE_H
#define DR_VALUE_H

#include "arena.h"
#include "buf.h"

#include <stddef.h>

typedef enum dr_value_type { DR_V_NULL, DR_V_BOOL, DR_V_STR, DR_V_LIST, DR_V_MAP } dr_value_type;

typedef struct dr_value dr_value;

struct dr_value {
	dr_value_type type;
	union {
		int b; /* DR_V_BOOL */
		struct {
			const char *s; /* NUL-terminated */
			size_t len;
			int number; /* written as a number: 0 and 0.0 are falsey */
		} str;
		struct {
			dr_value **items;
			size_t n, cap;
		} list;
		struct {
			const char **keys;
			dr_value **vals;
			size_t n, cap;
		} map;
	} u;
};

/* Constructors: NULL on OOM (the arena's cap). Strings are copied. */
dr_value *dr_value_null(dr_arena *a);
dr_value *dr_value_bool(dr_arena *a, int b);
dr_value *dr_value_str(dr_arena *a, const char *s, size_t n);
dr_value *dr_value_list(dr_arena *a);
dr_value *dr_value_map(dr_arena *a);
/* A map with room for n keys: one that is kept (a listing keeps one per
 * record) then holds no room left behind by growing. */
dr_value *dr_value_map_sized(dr_arena *a, size_t n);
/* Appends to a list; sets (adds, or replaces) a key of a map. 0 or -1. */
int dr_value_push(dr_arena *a, dr_value *list, dr_value *v);
int dr_value_set(dr_arena *a, dr_value *map, const char *key, dr_value *v);
/* Adds a key the map does not have, without looking (dr_value_set looks
 * through every key: quadratic for a map built key by key). 0 or -1. */
int dr_value_add(dr_arena *a, dr_value *map, const char *key, dr_value *v);
/* The value under `key` of a map, or NULL. */
const dr_value *dr_value_get(const dr_value *map, const char *key, size_t keylen);
/* A deep copy of v in arena a, leaving out the keys of its top-level map
 * that `skip` lists (NULL-terminated; NULL for none); NULL on OOM. */
dr_value *dr_value_copy(dr_arena *a, const dr_value *v, const char *const *skip);
/* Appends v to b in a compact form that dr_value_unpack reads back (a
 * listing keeps the views of many records on disk so): of a map, only the
 * top-level keys that `keys` lists (NULL-terminated; NULL for all). -1 when
 * b fails. */
int dr_value_pack(dr_buf *b, const dr_value *v, const char *const *keys);
/* The value dr_value_pack wrote at p[0..n), in arena a; NULL on OOM, or
 * when p[0..n) is not one whole packed value. */
dr_value *dr_value_unpack(dr_arena *a, const char *p, size_t n);
/* Mustache truthiness: false, null, "", a number 0 and an empty list are falsey. */
int dr_value_truthy(const dr_value *v);

#endif
