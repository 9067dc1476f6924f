/* The rule table and the finding list. */
#include "diag.h"

#include "grow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	dr_severity severity;
	const char *summary;
	const char *fix;
} rules[] = {
#define X(id, name, sev, summary, fix) {name, sev, summary, fix},
#include "rules.def"
#undef X
};

int dr_rule_count(void)
{
	return DR_RULE_COUNT;
}

const char *dr_rule_name(int rule)
{
	return rule >= 0 && rule < DR_RULE_COUNT ? rules[rule].name : NULL;
}

const char *dr_rule_summary(int rule)
{
	return rule >= 0 && rule < DR_RULE_COUNT ? rules[rule].summary : NULL;
}

const char *dr_rule_fix(int rule)
{
	return rule >= 0 && rule < DR_RULE_COUNT ? rules[rule].fix : NULL;
}

dr_severity dr_rule_default(int rule)
{
	return rule >= 0 && rule < DR_RULE_COUNT ? rules[rule].severity : DR_OFF;
}

int dr_rule_find(const char *name)
{
	for (int i = 0; i < DR_RULE_COUNT; i++)
		if (strcmp(rules[i].name, name) == 0)
			return i;
	return -1;
}

const char *dr_severity_name(dr_severity s)
{
	return s == DR_ERROR ? "error" : s == DR_WARNING ? "warning" : "off";
}

void dr_diag_add(dr_diags *d, int rule, dr_pos pos, const char *field, const char *expected,
                 const char *fmt, ...)
{
	dr_severity sev = d->severity ? d->severity[rule] : rules[rule].severity;
	if (sev == DR_OFF)
		return;
	if (d->n >= DR_MAX_FINDINGS && rule != DR_RULE_TOO_LARGE) {
		d->full = 1;
		return;
	}
	if (dr_grow(&d->v, &d->cap, d->n + 1, sizeof(*d->v))) {
		d->failed = 1;
		return;
	}
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	dr_one_line(msg);
	dr_diag *g = &d->v[d->n];
	g->rule = rule;
	g->severity = sev;
	g->line = pos.line;
	g->column = pos.col;
	g->end_line = pos.end_line;
	g->end_column = pos.end_col;
	g->message = dr_arena_strndup(d->arena, msg, strlen(msg));
	g->field = dr_arena_strndup(d->arena, field ? field : "", field ? strlen(field) : 0);
	g->expected = expected ? dr_arena_strndup(d->arena, expected, strlen(expected)) : NULL;
	if (!g->message || !g->field || (expected && !g->expected)) {
		d->failed = 1;
		return;
	}
	d->n++;
}

void dr_one_line(char *msg)
{
	for (char *c = msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			*c = ' ';
}

size_t dr_pointer_add(char *out, size_t n, size_t cap, const char *part)
{
	if (n + 1 < cap)
		out[n++] = '/';
	for (; *part && n + 2 < cap; part++) {
		if (*part == '~' || *part == '/') {
			out[n++] = '~';
			out[n++] = *part == '~' ? '0' : '1';
		} else {
			out[n++] = *part;
		}
	}
	out[n] = '\0';
	return n;
}

static int cmp(const void *pa, const void *pb)
{
	const dr_diag *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return strcmp(a->message, b->message);
}

void dr_diags_sort(dr_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp);
}
