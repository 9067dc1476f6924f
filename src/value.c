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

static int skipped(const char *key, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (!strcmp(key, *skip))
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
		c = dr_value_list(a);
		for (size_t i = 0; c && i < v->u.list.n; i++)
			if (dr_value_push(a, c, dr_value_copy(a, v->u.list.items[i], NULL)))
				return NULL;
		return c;
	case DR_V_MAP:
		c = dr_value_map(a);
		for (size_t i = 0; c && i < v->u.map.n; i++)
			if (!skipped(v->u.map.keys[i], skip) &&
			    dr_value_add(a, c, v->u.map.keys[i],
			                 dr_value_copy(a, v->u.map.vals[i], NULL)))
				return NULL;
		return c;
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
