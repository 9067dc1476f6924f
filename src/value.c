/* Template values in an arena. */
#include "value.h"

#include <stdlib.h>
#include <string.h>

static dr_value *make(dr_arena *a, dr_value_type t)
{
	dr_value *v = dr_arena_alloc(a, sizeof(*v));
	if (v) {
		memset(v, 0, sizeof(*v));
		v->type = t;
	}
	return v;
}

dr_value *dr_value_null(dr_arena *a)
{
	return make(a, DR_V_NULL);
}

dr_value *dr_value_bool(dr_arena *a, int b)
{
	dr_value *v = make(a, DR_V_BOOL);
	if (v)
		v->u.b = !!b;
	return v;
}

dr_value *dr_value_str(dr_arena *a, const char *s, size_t n)
{
	dr_value *v = make(a, DR_V_STR);
	if (v && !(v->u.str.s = dr_arena_strndup(a, s, n)))
		return NULL;
	if (v)
		v->u.str.len = n;
	return v;
}

dr_value *dr_value_list(dr_arena *a)
{
	return make(a, DR_V_LIST);
}

dr_value *dr_value_map(dr_arena *a)
{
	return make(a, DR_V_MAP);
}

/* An arena array of n pointers, its capacity n in *cap. */
static void *reserve(dr_arena *a, size_t n, size_t *cap)
{
	*cap = n;
	return dr_arena_alloc(a, n * sizeof(void *));
}

dr_value *dr_value_map_sized(dr_arena *a, size_t n)
{
	dr_value *v = make(a, DR_V_MAP);
	size_t cap;
	if (v && n &&
	    (!(v->u.map.keys = reserve(a, n, &v->u.map.cap)) ||
	     !(v->u.map.vals = reserve(a, n, &cap))))
		return NULL;
	return v;
}

/* Grows an arena array of `size`-byte elements to hold one more. */
static void *more(dr_arena *a, void *old, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return old;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *p = dr_arena_alloc(a, ncap * size);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, old, n * size);
	*cap = ncap;
	return p;
}

int dr_value_push(dr_arena *a, dr_value *list, dr_value *v)
{
	size_t cap = list->u.list.cap;
	dr_value **items = more(a, list->u.list.items, list->u.list.n, &cap, sizeof(*items));
	if (!items || !v)
		return -1;
	list->u.list.items = items;
	list->u.list.cap = cap;
	items[list->u.list.n++] = v;
	return 0;
}

int dr_value_set(dr_arena *a, dr_value *map, const char *key, dr_value *v)
{
	if (!v)
		return -1;
	for (size_t i = 0; i < map->u.map.n; i++)
		if (!strcmp(map->u.map.keys[i], key)) {
			map->u.map.vals[i] = v;
			return 0;
		}
	return dr_value_add(a, map, key, v);
}

int dr_value_add(dr_arena *a, dr_value *map, const char *key, dr_value *v)
{
	if (!v)
		return -1;
	size_t n = map->u.map.n, cap = map->u.map.cap, cap2 = cap;
	const char **keys = more(a, (void *)map->u.map.keys, n, &cap, sizeof(*keys));
	dr_value **vals = more(a, map->u.map.vals, n, &cap2, sizeof(*vals));
	const char *k = dr_arena_strndup(a, key, strlen(key));
	if (!keys || !vals || !k)
		return -1;
	map->u.map.keys = keys;
	map->u.map.vals = vals;
	map->u.map.cap = cap;
	keys[n] = k;
	vals[n] = v;
	map->u.map.n = n + 1;
	return 0;
}

const dr_value *dr_value_get(const dr_value *map, const char *key, size_t keylen)
{
	if (!map || map->type != DR_V_MAP)
		return NULL;
	for (size_t i = 0; i < map->u.map.n; i++)
		if (!strncmp(map->u.map.keys[i], key, keylen) && map->u.map.keys[i][keylen] == '\0')
			return map->u.map.vals[i];
	return NULL;
}

/* Whether `names` (NULL-terminated, or NULL for none) lists key. */
static int listed(const char *key, const char *const *names)
{
	for (; names && *names; names++)
		if (!strcmp(key, *names))
			return 1;
	return 0;
}

dr_value *dr_value_copy(dr_arena *a, const dr_value *v, const char *const *skip)
{
	dr_value *c;
	switch (v->type) {
	case DR_V_NULL:
		return dr_value_null(a);
	case DR_V_BOOL:
		return dr_value_bool(a, v->u.b);
	case DR_V_STR:
		if ((c = dr_value_str(a, v->u.str.s, v->u.str.len)))
			c->u.str.number = v->u.str.number;
		return c;
	case DR_V_LIST:
		/* Arrays of the exact size: a copy is kept (a listing keeps one
		 * per record), so the room growing leaves behind would stay. */
		c = dr_value_list(a);
		if (c && v->u.list.n &&
		    !(c->u.list.items = reserve(a, v->u.list.n, &c->u.list.cap)))
			return NULL;
		for (size_t i = 0; c && i < v->u.list.n; i++)
			if (dr_value_push(a, c, dr_value_copy(a, v->u.list.items[i], NULL)))
				return NULL;
		return c;
	case DR_V_MAP: {
		size_t n = 0;
		for (size_t i = 0; i < v->u.map.n; i++)
			n += !listed(v->u.map.keys[i], skip);
		c = dr_value_map_sized(a, n);
		for (size_t i = 0; c && i < v->u.map.n; i++)
			if (!listed(v->u.map.keys[i], skip) &&
			    dr_value_add(a, c, v->u.map.keys[i],
			                 dr_value_copy(a, v->u.map.vals[i], NULL)))
				return NULL;
		return c;
	}
	}
	return NULL;
}

int dr_value_truthy(const dr_value *v)
{
	if (!v)
		return 0;
	switch (v->type) {
	case DR_V_NULL:
		return 0;
	case DR_V_BOOL:
		return v->u.b;
	case DR_V_STR:
		if (v->u.str.number)
			return strtod(v->u.str.s, NULL) != 0;
		return v->u.str.len > 0;
	case DR_V_LIST:
		return v->u.list.n > 0;
	case DR_V_MAP:
		return 1;
	}
	return 0;
}

/* ---- packing: a tag byte, then for text a length and the bytes, for a
 * list its length and items, for a map its length and each key (length,
 * bytes with the NUL) and value; lengths as base-128 varints. */

enum {
	P_NULL = 'n',
	P_FALSE = 'f',
	P_TRUE = 't',
	P_STR = 's',
	P_NUM = 'd',
	P_LIST = 'l',
	P_MAP = 'm'
};
#define PACK_DEPTH 64 /* nesting unpacked at most: a view nests a few levels */

static void put_len(dr_buf *b, size_t n)
{
	char c[10];
	size_t k = 0;
	do {
		c[k++] = (char)((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
		n >>= 7;
	} while (n);
	dr_buf_add(b, c, k);
}

int dr_value_pack(dr_buf *b, const dr_value *v, const char *const *keys)
{
	size_t n = 0;
	switch (v->type) {
	case DR_V_NULL:
		dr_buf_putc(b, P_NULL);
		break;
	case DR_V_BOOL:
		dr_buf_putc(b, v->u.b ? P_TRUE : P_FALSE);
		break;
	case DR_V_STR:
		dr_buf_putc(b, v->u.str.number ? P_NUM : P_STR);
		put_len(b, v->u.str.len);
		dr_buf_add(b, v->u.str.s, v->u.str.len);
		break;
	case DR_V_LIST:
		dr_buf_putc(b, P_LIST);
		put_len(b, v->u.list.n);
		for (size_t i = 0; i < v->u.list.n; i++)
			dr_value_pack(b, v->u.list.items[i], NULL);
		break;
	case DR_V_MAP:
		for (size_t i = 0; i < v->u.map.n; i++)
			n += !keys || listed(v->u.map.keys[i], keys);
		dr_buf_putc(b, P_MAP);
		put_len(b, n);
		for (size_t i = 0; i < v->u.map.n; i++) {
			size_t k = strlen(v->u.map.keys[i]) + 1;
			if (keys && !listed(v->u.map.keys[i], keys))
				continue;
			put_len(b, k);
			dr_buf_add(b, v->u.map.keys[i], k);
			dr_value_pack(b, v->u.map.vals[i], NULL);
		}
		break;
	}
	return b->failed ? -1 : 0;
}

typedef struct unpacker {
	dr_arena *a;
	const char *p, *end;
} unpacker;

/* A length, no more than the bytes left (every item takes one at least). */
static int get_len(unpacker *u, size_t *n)
{
	*n = 0;
	for (int shift = 0; shift < 63; shift += 7) {
		if (u->p == u->end)
			return -1;
		unsigned char c = (unsigned char)*u->p++;
		*n |= (size_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return *n <= (size_t)(u->end - u->p) ? 0 : -1;
	}
	return -1;
}

static dr_value *unpack(unpacker *u, int depth)
{
	size_t n;
	dr_value *v;
	if (u->p == u->end || depth > PACK_DEPTH)
		return NULL;
	switch (*u->p++) {
	case P_NULL:
		return dr_value_null(u->a);
	case P_FALSE:
	case P_TRUE:
		return dr_value_bool(u->a, u->p[-1] == P_TRUE);
	case P_STR:
	case P_NUM: {
		int number = u->p[-1] == P_NUM;
		if (get_len(u, &n) || !(v = dr_value_str(u->a, u->p, n)))
			return NULL;
		v->u.str.number = number;
		u->p += n;
		return v;
	}
	case P_LIST:
		if (get_len(u, &n) || !(v = dr_value_list(u->a)) ||
		    (n && !(v->u.list.items = reserve(u->a, n, &v->u.list.cap))))
			return NULL;
		for (size_t i = 0; i < n; i++)
			if (dr_value_push(u->a, v, unpack(u, depth + 1)))
				return NULL;
		return v;
	case P_MAP:
		if (get_len(u, &n) || !(v = dr_value_map_sized(u->a, n)))
			return NULL;
		for (size_t i = 0; i < n; i++) {
			size_t k;
			if (get_len(u, &k) || !k || u->p[k - 1] != '\0')
				return NULL;
			const char *key = u->p;
			u->p += k;
			if (dr_value_add(u->a, v, key, unpack(u, depth + 1)))
				return NULL;
		}
		return v;
	}
	return NULL;
}

dr_value *dr_value_unpack(dr_arena *a, const char *p, size_t n)
{
	unpacker u = {a, p, p + n};
	dr_value *v = unpack(&u, 0);
	return v && u.p == u.end ? v : NULL;
}
