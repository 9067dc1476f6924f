/* Rendering records to documents: template lookup (directories first, then
 * the built-in templates compiled from templates/), partials by name only,
 * and one document per record. */
#ifndef DR_TEMPLATES_H
#define DR_TEMPLATES_H

#include <stddef.h>

/* A template built into the binary ("record.html"). */
typedef struct dr_builtin {
	const char *name;
	const char *text;
} dr_builtin;

extern const dr_builtin dr_builtins[];
extern const size_t dr_builtin_count;

#endif
