/* The only file that speaks libyaml: the encoding checks of text.c turned
 * into findings, then libyaml's event API into a tree of nodes that keep
 * 1-based positions, one document at a time. */
#ifndef DR_LOAD_H
#define DR_LOAD_H

#include "diag.h"

typedef enum dr_node_type { DR_SCALAR, DR_MAP, DR_SEQ } dr_node_type;

typedef struct dr_node dr_node;

typedef struct dr_pair {
	dr_node *key, *value;
} dr_pair;

/* A comment on the line where a plain scalar ends: libyaml drops it, so a
 * `#` in unquoted text silently cuts the text there. */
typedef struct dr_comment {
	uint32_t col; /* 1-based column of the `#` (on the scalar's end line) */
	const char *text; /* from the `#` to the end of the line, trailing blanks dropped */
} dr_comment;

struct dr_node {
	dr_node_type type;
	int quoted; /* a scalar written in quotes or as a block: never a bool or null */
	const struct dr_comment *comment; /* after a plain scalar on its last line, or NULL */
	dr_pos pos;
	union {
		struct {
			const char *s; /* NUL-terminated, may hold no NUL inside */
			size_t len;
		} scalar;
		struct {
			dr_pair *pairs;
			size_t n;
		} map;
		struct {
			dr_node **items;
			size_t n;
		} seq;
	} u;
};

/* Hard limits of the loader (docs/limits.md). */
#define DR_MAX_DEPTH 32
#define DR_MAX_ITEMS 10000 /* entries of one sequence */
#define DR_MAX_KEYS 256 /* keys of one mapping (a record has about 60 fields) */
#define DR_MAX_SCALAR (1u << 20) /* bytes of one scalar */
#define DR_MAX_DOCUMENTS 10000 /* records in one file */
#define DR_ARENA_CAP (64u << 20) /* bytes of one record's tree */

typedef struct dr_loader dr_loader;

struct dr_text;

/* The one way in for YAML text, for every caller (the checker, the config
 * loader, the renderer): checks the encoding of buf[0..len) (adding an
 * `encoding` finding to d), skips a UTF-8 byte order mark, and makes a
 * loader over the rest. `t` (zeroed, or used before) keeps the text for
 * line lookups, or is NULL. Returns 0 with *out set; 1 after an encoding
 * finding; DR_ENOMEM. buf must outlive the loader. */
int dr_loader_open(dr_loader **out, struct dr_text *t, const char *buf, size_t len, dr_diags *d);
/* A loader over buf[0..len) with no encoding scan, for tests and for
 * dr_loader_open; NULL on OOM. */
dr_loader *dr_loader_new(const char *buf, size_t len);
void dr_loader_free(dr_loader *l);
/* Parses the next document into `arena`. Returns 1 with *root set (NULL for
 * an empty document) and *start at the document's start, 0 at the end of the
 * stream, -1 after a yaml-syntax or too-large finding (the stream is then
 * done; out of memory sets d->failed). Anchors, aliases and tags give yaml-alias and load as null;
 * duplicate keys give duplicate-key and the first value is kept. */
int dr_loader_next(dr_loader *l, dr_arena *arena, dr_diags *d, dr_node **root, dr_pos *start);

/* A plain scalar that YAML reads as null ("", "~", "null"). */
int dr_node_is_null(const dr_node *n);
/* The scalar's text if `n` is a scalar with text, else NULL. */
const char *dr_node_str(const dr_node *n);
/* The value under `key` in a mapping, or NULL. */
const dr_node *dr_node_get(const dr_node *map, const char *key);

/* libyaml's version string. */
const char *dr_load_yaml_version(void);

#endif
