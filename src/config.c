/* Loading decrec.yaml. The config goes through the record loader, so it has
 * the same refusals (duplicate keys, aliases, bad UTF-8); the first problem
 * becomes the one-line error, with file, line and column, that stops a run. */
#include "config.h"

#include "date.h"
#include "holidays.h"
#include "load.h"
#include "record.h"
#include "str.h"
#include "url.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SLOT(member) offsetof(dr_config, member)
#define NOSLOT DR_NO_SLOT
const dr_config_key dr_config_keys[K_COUNT] = {
#define X(id, parent, key, type, slot, def, min, max, values, doc)                                 \
	{K_##parent, key, type, slot, def, min, max, values, doc},
#include "config.def"
#undef X
};
#undef SLOT
#undef NOSLOT

const char *dr_config_key_path(int k, char *buf, size_t cap)
{
	int p = dr_config_keys[k].parent;
	if (p == K_ROOT)
		snprintf(buf, cap, "%s", dr_config_keys[k].key);
	else
		snprintf(buf, cap, "%s%s.%s", dr_config_keys[p].key,
		         dr_config_keys[p].type == C_MAP ? "" : "[]", dr_config_keys[k].key);
	return buf;
}

int dr_config_value_index(const char *values, const char *s)
{
	size_t n = strlen(s);
	for (int i = 0; values && *values; i++) {
		const char *bar = strchr(values, '|');
		size_t len = bar ? (size_t)(bar - values) : strlen(values);
		if (len == n && !strncmp(values, s, n))
			return i;
		values += len + (bar != NULL);
	}
	return -1;
}

/* The allowed values "a|b|c" as "a, b or c" into buf[cap]. */
static const char *values_list(const char *values, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	while (*values && n < cap) {
		const char *bar = strchr(values, '|');
		int len = bar ? (int)(bar - values) : (int)strlen(values);
		const char *sep = !n ? "" : strchr(values, '|') ? ", " : " or ";
		n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", sep, len, values);
		values += len + (bar != NULL);
	}
	return buf;
}

static const char *const default_statuses[][2] = {
    {"For Determination", "proposed"},
    {"Recommendations Approved", "made"},
    {"Recommendations Approved (subject to call-in)", "made"},
    {"Approved", "made"},
    {"Decision Made", "made"},
    {"Agreed", "made"},
    {"Referred to Council", "referred"},
    {"Called In", "called-in"},
    {"Deferred", "proposed"},
    {"Withdrawn", "withdrawn"},
    {"Abandoned", "withdrawn"},
};

static const char *const phases[] = {"", "proposed", "made", "referred", "called-in", "withdrawn"};

const char *dr_phase_name(int phase)
{
	return phase > 0 && phase <= PHASE_WITHDRAWN ? phases[phase] : "unknown";
}

static int phase_of(const char *s)
{
	for (int p = PHASE_PROPOSED; p <= PHASE_WITHDRAWN; p++)
		if (!strcmp(phases[p], s))
			return p;
	return PHASE_UNKNOWN;
}

void dr_status_key(const char *s, char *buf, size_t cap)
{
	size_t n = 0;
	int space = 1; /* drops leading spaces too */
	for (; *s && n + 1 < cap; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ' ' || ch == '\t') {
			if (!space)
				buf[n++] = ' ';
			space = 1;
			continue;
		}
		space = 0;
		buf[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
}

int dr_status_phase(const dr_config *cfg, const char *status)
{
	char key[256];
	dr_status_key(status, key, sizeof(key));
	for (size_t i = 0; i < cfg->nstatuses; i++)
		if (!strcmp(cfg->statuses[i].match, key))
			return cfg->statuses[i].phase;
	return PHASE_UNKNOWN;
}

/* ---- loading ------------------------------------------------------------- */

typedef struct ctx {
	const char *path; /* for messages */
	dr_error err; /* the first error; `failed` once there is one */
	int failed;
	int oom; /* the first error was an allocation that failed: DR_ENOMEM */
	const dr_node *pattern_at; /* reference_pattern's value, for its error */
	const dr_node *format_at; /* reference_format's key, for its errors */
	dr_config *cfg;
	int32_t *extra; /* holidays_file's days, until the calendar is built */
	size_t nextra;
	int32_t *closures; /* calendar.closures, as given */
	size_t nclosures;
} ctx;

static void fail(ctx *c, const dr_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Keeps the first error, in parts (dr_error); later ones would only follow
 * from it. An allocation failure here still fails the load. */
static void fail(ctx *c, const dr_node *n, const char *fmt, ...)
{
	if (c->failed++)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	dr_one_line(msg);
	c->err.file = strdup(c->path);
	c->err.line = n ? n->pos.line : 1;
	c->err.column = n ? n->pos.col : 1;
	c->err.message = strdup(msg);
	if (!c->err.file || !c->err.message)
		dr_error_clear(&c->err); /* said as out of memory */
}

/* An allocation failed: the load fails with DR_ENOMEM, not as a bad
 * config, unless a problem of the config came first. */
static void nomem(ctx *c, const dr_node *n)
{
	if (!c->failed)
		c->oom = 1;
	fail(c, n, "out of memory");
}

/* The index of the name closest to `name` among key(0..n, scope) (NULL:
 * not a candidate), within an edit distance of 3, or -1: the suggestion of
 * an unknown key, label or rule. */
static int nearest(const char *name, const char *(*key)(int, int), int scope, int n)
{
	int best = -1, bestd = 4;
	for (int j = 0; j < n; j++) {
		const char *k = key(j, scope);
		int dist = k ? dr_edit_distance(name, k) : 100;
		if (dist < bestd)
			bestd = dist, best = j;
	}
	return best;
}

/* The key of row j of config.def when its parent is `parent`. */
static const char *child_key(int j, int parent)
{
	return dr_config_keys[j].parent == parent ? dr_config_keys[j].key : NULL;
}

/* Refuses keys of `map` that are not children of row `parent` (K_ROOT for
 * the top level) in config.def, suggesting the nearest one. */
static void check_keys(ctx *c, const dr_node *map, int parent)
{
	char where[64] = ""; /* "calendar", "statuses[]" */
	if (parent != K_ROOT)
		snprintf(where, sizeof(where), "%s%s", dr_config_keys[parent].key,
		         dr_config_keys[parent].type == C_MAP ? "" : "[]");
	for (size_t i = 0; i < map->u.map.n; i++) {
		const dr_node *k = map->u.map.pairs[i].key;
		const char *name = dr_node_str(k);
		int best = name ? nearest(name, child_key, parent, K_COUNT) : -1;
		if (best >= 0 && !strcmp(dr_config_keys[best].key, name))
			continue;
		if (!name)
			fail(c, k, "a key must be a plain name");
		else if (best >= 0)
			fail(c, k, "unknown key '%s'%s%s: did you mean '%s'?", name,
			     *where ? " in " : "", where, dr_config_keys[best].key);
		else
			fail(c, k, "unknown key '%s'%s%s (see docs/configuration.md)", name,
			     *where ? " in " : "", where);
	}
}

/* The text of `n`, the value of `key`, or NULL after "must be text". */
static const char *text_of(ctx *c, const dr_node *n, const char *key)
{
	if (n->type != DR_SCALAR) {
		fail(c, n, "'%s' must be text", key);
		return NULL;
	}
	return n->u.scalar.s;
}

static const char *get_str(ctx *c, const dr_node *map, const char *key)
{
	const dr_node *n = dr_node_get(map, key);
	return n && !dr_node_is_null(n) ? text_of(c, n, key) : NULL;
}

/* "HH:MM", 00:00 to 23:59. */
static int time_ok(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && strspn(s, "0123456789:") == 5 &&
	       strchr(s, ':') == s + 2 && (s[0] < '2' || (s[0] == '2' && s[1] <= '3')) &&
	       s[3] <= '5';
}

/* Reads value `n` of row k of a type that the table alone describes
 * (C_TEXT, C_TIME, C_INT, C_CHOICE, C_NAME, C_REGEX) into its slot. */
static void read_value(ctx *c, int k, const dr_node *n)
{
	const dr_config_key *ki = &dr_config_keys[k];
	void *slot = (char *)c->cfg + ki->slot;
	char list[256];
	if (ki->type == C_INT) {
		const char *s = dr_node_str(n);
		char *end;
		long v = s && !n->quoted ? strtol(s, &end, 10) : 0;
		if (!s || n->quoted || !*s || *end || v < ki->min || v > ki->max)
			fail(c, n, "'%s' must be a whole number from %d to %d", ki->key, ki->min,
			     ki->max);
		else
			*(int *)slot = (int)v;
		return;
	}
	const char *s = text_of(c, n, ki->key);
	if (!s)
		return;
	int i = ki->values ? dr_config_value_index(ki->values, s) : 0;
	if (i < 0 && ki->type == C_CHOICE)
		fail(c, n, "'%s' must be %s, not '%s'", ki->key,
		     values_list(ki->values, list, sizeof(list)), s);
	else if (i < 0)
		fail(c, n, "unknown %s '%s': expected %s", ki->key, s,
		     values_list(ki->values, list, sizeof(list)));
	else if (ki->type == C_CHOICE)
		*(int *)slot = i;
	else {
		char **text = slot;
		free(*text);
		if (!(*text = strdup(s)))
			nomem(c, n);
	}
}

/* The one YAML document of text[len], parsed into `a`, with the refusals of
 * records (encoding, duplicate keys, aliases). Returns 0 with *root set
 * (the tree points into text); 1 with the first problem in *problem;
 * DR_ENOMEM. */
static int parse_document(const char *text, size_t len, size_t max, dr_arena *a, dr_node **root,
                          dr_diag *problem)
{
	dr_diags d = {.arena = a};
	dr_loader *l = NULL;
	dr_pos start;
	int rc = 1;
	if (len > max) {
		*problem = (dr_diag){.line = 1, .column = 1, .message = "the file is too large"};
		return 1;
	}
	int open = dr_loader_open(&l, NULL, text, len, &d);
	if (!open && dr_loader_next(l, a, &d, root, &start) == 1 && !d.n && *root) {
		dr_node *more;
		if (dr_loader_next(l, a, &d, &more, &start) == 0)
			rc = 0;
		else if (!d.n)
			*problem = (dr_diag){.line = start.line,
			                     .column = start.col,
			                     .message = "the file must hold one YAML document"};
	} else if (!open && !d.n && !d.failed) {
		*problem = (dr_diag){.line = 1, .column = 1, .message = "the file is empty"};
	}
	if (open == DR_ENOMEM || d.failed)
		rc = DR_ENOMEM;
	if (rc == 1 && d.n) {
		*problem = d.v[0];
		problem->message =
		    dr_arena_printf(a, "%s [%s]", d.v[0].message, dr_rule_name(d.v[0].rule));
		if (!problem->message)
			rc = DR_ENOMEM;
	}
	dr_loader_free(l);
	free(d.v);
	return rc;
}

/* parse_document of the file at `path`, or DR_EIO with *ioerr (caller
 * frees), or DR_ENOMEM. *buf holds the text (caller frees) so the tree can
 * point in. */
static int load_document(const char *path, size_t max, dr_arena *a, dr_node **root, char **buf,
                         dr_diag *problem, char **ioerr)
{
	size_t len;
	*buf = NULL;
	int rc = dr_read_file(buf, &len, path, max, ioerr);
	if (rc)
		return rc;
	return parse_document(*buf, len, max, a, root, problem);
}

/* Reads the events of `division` from a GOV.UK bank-holidays.json file. */
static int read_holidays(ctx *c, const dr_node *at, const char *file, const char *division,
                         int32_t **out, size_t *n)
{
	char *buf = NULL, *err = NULL;
	int rc = -1;
	dr_arena *a = dr_arena_new(DR_ARENA_CAP);
	dr_node *root = NULL;
	dr_diag problem;
	*out = NULL;
	*n = 0;
	int got =
	    a ? load_document(file, DR_MAX_FILE_SIZE, a, &root, &buf, &problem, &err) : DR_ENOMEM;
	if (got) {
		if (got == 1)
			fail(c, at, "holidays_file %s:%u:%u: %s", file, problem.line,
			     problem.column, problem.message);
		else if (got == DR_ENOMEM)
			nomem(c, at);
		else
			fail(c, at, "holidays_file %s", err ? err : "cannot be read");
		free(err);
		goto out;
	}
	const dr_node *div = dr_node_get(root, division);
	const dr_node *ev = dr_node_get(div, "events");
	if (!ev || ev->type != DR_SEQ) {
		fail(c, at,
		     "holidays_file %s has no events for %s (expected GOV.UK's "
		     "bank-holidays.json format)",
		     file, division);
		goto out;
	}
	*out = malloc((ev->u.seq.n + 1) * sizeof(**out));
	if (!*out)
		goto out;
	for (size_t i = 0; i < ev->u.seq.n; i++) {
		const dr_node *date = dr_node_get(ev->u.seq.items[i], "date");
		const char *s = dr_node_str(date);
		int32_t day;
		int bad = s ? dr_date_parse(&day, s, strlen(s)) : -1;
		if (bad) {
			char why[64];
			unsigned line = date ? date->pos.line : ev->u.seq.items[i]->pos.line;
			if (s)
				fail(c, at,
				     "holidays_file %s:%u: event %zu: date '%s' is not %s: %s",
				     file, line, i, s, bad == -1 ? "a date" : "a real day",
				     dr_date_why(why, sizeof(why), s, strlen(s)));
			else
				fail(c, at, "holidays_file %s:%u: event %zu has no date", file,
				     line, i);
			goto out;
		}
		int y, m, dd;
		dr_date_to_ymd(day, &y, &m, &dd);
		(*out)[(*n)++] = y * 10000 + m * 100 + dd;
	}
	rc = 0;
out:
	if (rc) {
		free(*out);
		*out = NULL;
	}
	dr_arena_free(a);
	free(buf);
	return rc;
}

static char *dir_of(const char *path)
{
	char *abs = realpath(path, NULL);
	if (!abs)
		return NULL;
	char *slash = strrchr(abs, '/');
	if (slash == abs)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	return abs;
}

/* A path from the config, relative to the config's directory. */
static char *resolve(const dr_config *cfg, const char *p)
{
	if (p[0] == '/')
		return strdup(p);
	size_t n = strlen(cfg->root) + strlen(p) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s", cfg->root, p);
	return s;
}

static int add_status(dr_config *cfg, const char *name, int phase)
{
	char key[256];
	dr_status *s = &cfg->statuses[cfg->nstatuses];
	dr_status_key(name, key, sizeof(key));
	s->name = strdup(name);
	s->match = strdup(key);
	s->phase = phase;
	if (!s->name || !s->match) {
		free(s->name);
		free(s->match);
		*s = (dr_status){0};
		return -1;
	}
	cfg->nstatuses++;
	return 0;
}

/* Whether `s` can be a SARIF helpUri once "#rule" is appended: a web
 * address made of the characters a URI holds as they are (RFC 3986), with
 * no fragment of its own. */
static int docs_url_ok(const char *s)
{
	if (dr_url_classify(s) != DR_URL_WEB)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p >= 0x7F || strchr("\"<>\\^`{|}#", *p))
			return 0;
	return 1;
}

static const char *label_key(int i, int scope)
{
	(void)scope;
	return dr_labels[i].key;
}

static const char *rule_key(int i, int scope)
{
	(void)scope;
	return dr_rule_name(i);
}

/* `labels:` rewords the built-in templates' labels. Its keys come from the
 * label table (labels.def), not from config.def, so a new label needs no
 * row there; values are one line of text, escaped like any value when
 * printed. */
static void read_labels(ctx *c, const dr_node *map)
{
	if (map->type != DR_MAP) {
		fail(c, map,
		     "'labels' must map label keys to their wording (see "
		     "docs/configuration.md)");
		return;
	}
	for (size_t i = 0; i < map->u.map.n && !c->failed; i++) {
		const dr_node *k = map->u.map.pairs[i].key, *v = map->u.map.pairs[i].value;
		const char *name = dr_node_str(k), *text = dr_node_str(v);
		int id = name ? dr_label_find(name) : -1;
		if (id < 0) {
			int best = name ? nearest(name, label_key, 0, DR_LABEL_COUNT) : -1;
			if (!name)
				fail(c, k, "a key must be a plain name");
			else if (best >= 0)
				fail(c, k, "unknown key '%s' in labels: did you mean '%s'?", name,
				     dr_labels[best].key);
			else
				fail(c, k,
				     "unknown key '%s' in labels (the label keys are listed in "
				     "docs/configuration.md)",
				     name);
		} else if (!text || v->type != DR_SCALAR || strchr(text, '\n')) {
			fail(c, v, "the label '%s' must be one line of text", name);
		} else {
			free(c->cfg->labels[id]);
			if (!(c->cfg->labels[id] = strdup(text)))
				nomem(c, v);
		}
	}
}

const char *dr_config_label(const dr_config *cfg, int id)
{
	return cfg->labels[id] ? cfg->labels[id] : dr_labels[id].text;
}

/* calendar.closures: kept in c->closures until the calendar is built. */
static void read_closures(ctx *c, const dr_node *cl)
{
	if (cl->type != DR_SEQ) {
		fail(c, cl, "'closures' must be a list of dates");
		return;
	}
	if (!(c->closures = malloc((cl->u.seq.n + 1) * sizeof(*c->closures)))) {
		nomem(c, cl);
		return;
	}
	for (size_t i = 0; i < cl->u.seq.n; i++) {
		const dr_node *it = cl->u.seq.items[i];
		const char *t = dr_node_str(it);
		int32_t *day = &c->closures[c->nclosures];
		int rc = t ? dr_date_parse(day, t, strlen(t)) : -1;
		char why[64];
		if (!t)
			fail(c, it, "a closure must be a date (YYYY-MM-DD or DD/MM/YYYY)");
		else if (rc)
			fail(c, it, "closure '%s' is not %s: %s", t,
			     rc == -1 ? "a date" : "a real day",
			     dr_date_why(why, sizeof(why), t, strlen(t)));
		else if (*day < dr_date_from_ymd(1900, 1, 1) ||
		         *day > dr_date_from_ymd(2200, 12, 31))
			/* The limits of dr_calendar_init. */
			fail(c, it,
			     "closure '%s' is outside the years a calendar can hold (1900 to 2200)",
			     t);
		else
			c->nclosures++;
	}
}

/* `statuses:` replaces the whole list. */
static void read_statuses(ctx *c, const dr_node *st)
{
	dr_config *cfg = c->cfg;
	const char *phases_ok = dr_config_keys[K_STATUS_PHASE].values;
	char list[256];
	if (st->type != DR_SEQ || st->u.seq.n == 0) {
		fail(c, st, "'statuses' must be a list of {name, phase}");
		return;
	}
	for (size_t i = 0; i < cfg->nstatuses; i++)
		free(cfg->statuses[i].name), free(cfg->statuses[i].match);
	cfg->nstatuses = 0;
	dr_status *v = realloc(cfg->statuses, st->u.seq.n * sizeof(*v));
	if (!v) {
		nomem(c, st);
		return;
	}
	cfg->statuses = v;
	for (size_t i = 0; i < st->u.seq.n; i++) {
		const dr_node *it = st->u.seq.items[i];
		if (it->type != DR_MAP) {
			fail(c, it, "each status must be a mapping {name, phase}");
			break;
		}
		check_keys(c, it, K_STATUSES);
		const char *name = get_str(c, it, dr_config_keys[K_STATUS_NAME].key);
		const char *ph = get_str(c, it, dr_config_keys[K_STATUS_PHASE].key);
		/* The phases in the table's order are PHASE_PROPOSED onwards. */
		int p = ph ? dr_config_value_index(phases_ok, ph) + 1 : PHASE_UNKNOWN;
		if (!name || dr_blank(name))
			fail(c, it, "a status needs a name");
		else if (!ph)
			fail(c, it, "the status '%s' needs a phase: %s", name,
			     values_list(phases_ok, list, sizeof(list)));
		else if (p == PHASE_UNKNOWN)
			fail(c, dr_node_get(it, "phase"), "unknown phase '%s': expected %s", ph,
			     values_list(phases_ok, list, sizeof(list)));
		else if (add_status(cfg, name, p))
			nomem(c, it);
	}
}

/* `rules:` sets the severity of any rule. */
static void read_rules(ctx *c, const dr_node *rules)
{
	static const dr_severity sev_of[] = {DR_ERROR, DR_WARNING, DR_OFF}; /* by value */
	const char *values = dr_config_keys[K_RULES].values;
	char list[64];
	values_list(values, list, sizeof(list));
	if (rules->type != DR_MAP) {
		fail(c, rules, "'rules' must map rule names to %s", list);
		return;
	}
	for (size_t i = 0; i < rules->u.map.n; i++) {
		const dr_node *k = rules->u.map.pairs[i].key, *v = rules->u.map.pairs[i].value;
		const char *name = dr_node_str(k), *sev = dr_node_str(v);
		int r = name ? dr_rule_find(name) : -1;
		int level = sev ? dr_config_value_index(values, sev) : -1;
		if (r < 0) {
			int best = name ? nearest(name, rule_key, 0, DR_RULE_COUNT) : -1;
			if (best >= 0)
				fail(c, k, "unknown rule '%s': did you mean '%s'?",
				     name ? name : "", dr_rule_name(best));
			else
				fail(c, k, "unknown rule '%s' (see docs/rules.md)",
				     name ? name : "");
		} else if (level >= 0 && level < (int)(sizeof(sev_of) / sizeof(*sev_of))) {
			c->cfg->severity[r] = sev_of[level];
		} else {
			fail(c, v, "the severity of '%s' must be %s, not '%s'", name, list,
			     sev ? sev : "");
		}
	}
}

/* Reads value `n` of row k, of a type that needs code of its own. */
static void read_special(ctx *c, int k, const dr_node *n)
{
	dr_config *cfg = c->cfg;
	const char *s;
	switch (k) {
	case K_HOLIDAYS_FILE:
		if ((s = text_of(c, n, "holidays_file")) && !c->failed) {
			char *file = resolve(cfg, s);
			free(cfg->holidays_file);
			cfg->holidays_file = strdup(s);
			if (file)
				read_holidays(c, n, file, cfg->division, &c->extra, &c->nextra);
			free(file);
		}
		break;
	case K_CLOSURES:
		read_closures(c, n);
		break;
	case K_TEMPLATES:
		if ((s = text_of(c, n, "templates")))
			cfg->templates = resolve(cfg, s);
		break;
	case K_SCHEMA:
		if ((s = text_of(c, n, "schema")) && !(cfg->schema = resolve(cfg, s)))
			nomem(c, n);
		break;
	case K_DOCX_REFERENCE:
		if ((s = text_of(c, n, "reference")) && !(cfg->docx_reference = resolve(cfg, s)))
			nomem(c, n);
		break;
	case K_SITE_OUT_DIR:
		if ((s = text_of(c, n, "out_dir")) && !(cfg->site_out_dir = resolve(cfg, s)))
			nomem(c, n);
		break;
	case K_STATUSES:
		read_statuses(c, n);
		break;
	case K_RULES:
		read_rules(c, n);
		break;
	case K_LABELS:
		read_labels(c, n);
		break;
	default:
		assert(!"a key of config.def has no reader");
	}
}

/* The key node `key` of the mapping `map` (its errors point at the key). */
static const dr_node *key_of(const dr_node *map, const char *key)
{
	for (size_t i = 0; i < map->u.map.n; i++) {
		const char *name = dr_node_str(map->u.map.pairs[i].key);
		if (name && !strcmp(name, key))
			return map->u.map.pairs[i].key;
	}
	return NULL;
}

/* Reads the settings of `root` in the order of config.def: each key's
 * value from its section, checked as its row says. */
static void apply(ctx *c, const dr_node *root)
{
	dr_config *cfg = c->cfg;
	const dr_node *section[K_COUNT] = {0}; /* the mapping of each C_MAP row */
	if (root->type != DR_MAP) {
		fail(c, root, "the config must be a mapping of settings");
		return;
	}
	check_keys(c, root, K_ROOT);
	for (int k = 0; k < K_COUNT; k++) {
		const dr_config_key *ki = &dr_config_keys[k];
		if (ki->parent != K_ROOT && dr_config_keys[ki->parent].type != C_MAP)
			continue; /* a key of each list entry: read with its list */
		const dr_node *n =
		    dr_node_get(ki->parent == K_ROOT ? root : section[ki->parent], ki->key);
		if (!n || dr_node_is_null(n))
			continue;
		const char *s;
		switch (ki->type) {
		case C_MAP:
			if (n->type != DR_MAP) {
				fail(c, n, "'%s' must be a mapping", ki->key);
				break;
			}
			check_keys(c, n, k);
			section[k] = n;
			break;
		case C_TIME:
			if ((s = text_of(c, n, ki->key)) && !time_ok(s)) {
				fail(c, n,
				     "'%s' must be a time HH:MM on the 24-hour clock, such as "
				     "\"17:00\", not '%s'",
				     ki->key, s);
				break;
			}
			/* fall through */
		case C_TEXT:
		case C_INT:
		case C_CHOICE:
		case C_NAME:
			read_value(c, k, n);
			break;
		case C_REGEX:
			read_value(c, k, n);
			c->pattern_at = n;
			break;
		case C_FORMAT:
			/* Unquoted, '{yy}/...' is a YAML mapping: say how to write it. */
			if (n->type != DR_SCALAR)
				fail(c, n, "'%s' must be text in quotes, such as '%s'", ki->key,
				     DR_DEFAULT_REFERENCE_FORMAT);
			else
				read_value(c, k, n);
			c->format_at = key_of(root, ki->key);
			break;
		case C_URL:
			if ((s = text_of(c, n, ki->key)) && !docs_url_ok(s))
				fail(c, n,
				     k == K_DOCS_URL
				         ? "'%s' must be the http:// or https:// address of "
				           "docs/rules.md, with no spaces, quotes or '#', not "
				           "'%s'"
				         : "'%s' must be an http:// or https:// address, with "
				           "no spaces, quotes or '#', not '%s'",
				     ki->key, s);
			else if (s)
				read_value(c, k, n);
			break;
		default:
			read_special(c, k, n);
		}
	}
	int cal = c->failed ? 0
	                    : dr_calendar_init(&cfg->cal, cfg->division, c->extra, c->nextra,
	                                       c->closures, c->nclosures);
	if (cal == DR_ENOMEM)
		nomem(c, section[K_CALENDAR]);
	else if (cal)
		fail(c, section[K_CALENDAR],
		     "the calendar could not be built (dates out of range)");
	cfg->closures = c->closures; /* kept to be shown; freed with the config */
	cfg->nclosures = c->nclosures;
	c->closures = NULL;
}

/* reference_format must be well formed and make references that
 * reference_pattern accepts: tried with the first and the last sequence
 * number of two years. The default format is not an error under a pattern
 * of the council's own; `decrec new` then asks for a format of its own. */
static void check_format(ctx *c)
{
	dr_config *cfg = c->cfg;
	const char *fmt = cfg->reference_format;
	char why[160], ref[256];
	if (dr_refformat_check(fmt, why, sizeof(why))) {
		fail(c, c->format_at, "reference_format '%s' is not a reference format: %s", fmt,
		     why);
		return;
	}
	static const int years[] = {2024, 2031};
	unsigned long seqs[] = {1, dr_refformat_max(fmt)};
	for (int y = 0; y < 2; y++)
		for (int i = 0; i < 2; i++) {
			if (dr_refformat_make(ref, sizeof(ref), fmt, years[y], seqs[i])) {
				fail(c, c->format_at,
				     "reference_format '%s' makes references too long", fmt);
				return;
			}
			if (regexec(&cfg->reference_re, ref, 0, NULL, 0) == 0)
				continue;
			if (c->format_at)
				fail(c, c->format_at,
				     "reference_format '%s' makes references such as '%s' that do "
				     "not match reference_pattern %s",
				     fmt, ref, cfg->reference_pattern);
			return;
		}
	cfg->reference_format_ok = 1;
}

/* The settings of no decrec.yaml: config.def's defaults, the built-in
 * statuses and each rule's default severity. */
static int defaults(dr_config *cfg)
{
	for (int k = 0; k < K_COUNT; k++) {
		const dr_config_key *ki = &dr_config_keys[k];
		if (ki->slot == DR_NO_SLOT || !ki->def)
			continue;
		void *slot = (char *)cfg + ki->slot;
		if (ki->type == C_INT)
			*(int *)slot = (int)strtol(ki->def, NULL, 10);
		else if (ki->type == C_CHOICE)
			*(int *)slot = dr_config_value_index(ki->values, ki->def);
		else if (!(*(char **)slot = strdup(ki->def)))
			return -1;
	}
	size_t n = sizeof(default_statuses) / sizeof(*default_statuses);
	cfg->statuses = calloc(n, sizeof(*cfg->statuses));
	if (!cfg->statuses)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (add_status(cfg, default_statuses[i][0], phase_of(default_statuses[i][1])))
			return -1;
	for (int r = 0; r < DR_RULE_COUNT; r++)
		cfg->severity[r] = dr_rule_default(r);
	return 0;
}

/* The largest decrec.yaml read: settings, not data. */
#define CONFIG_MAX (1u << 20)

/* e as dr_read_file's message "PATH: cannot read: why" in parts. */
static void io_error(dr_error *e, const char *path, char *ioerr)
{
	size_t n = strlen(path);
	e->file = strdup(path);
	if (ioerr && !strncmp(ioerr, path, n) && ioerr[n] == ':' && ioerr[n + 1] == ' ')
		memmove(ioerr, ioerr + n + 2, strlen(ioerr + n + 2) + 1);
	e->message = ioerr;
}

/* Loads the file `path`, or with path NULL the text[len] named `name`, or
 * with both NULL the defaults; on failure fills *e (see dr_error). */
static int load(dr_config **out, const char *path, const char *name, const char *text, size_t len,
                dr_error *e)
{
	dr_config *cfg = calloc(1, sizeof(*cfg));
	ctx c = {.path = path ? path : name ? name : "(defaults)", .cfg = cfg};
	char *buf = NULL;
	int rc = DR_ENOMEM;
	dr_arena *a = NULL;
	*e = (dr_error){0};
	if (!cfg || defaults(cfg))
		goto out;
	if (!path && !name) {
		cfg->root = realpath(".", NULL);
		if (!cfg->root || dr_calendar_init(&cfg->cal, cfg->division, NULL, 0, NULL, 0))
			goto out;
	} else {
		char *ioerr = NULL;
		cfg->path = strdup(c.path);
		a = dr_arena_new(DR_ARENA_CAP);
		if (!cfg->path || !a)
			goto out;
		if (path && dr_read_file(&buf, &len, path, CONFIG_MAX, &ioerr)) {
			io_error(e, path, ioerr);
			rc = DR_EIO;
			goto out;
		}
		if (!path && len <= CONFIG_MAX) { /* a copy with its end marked, as a file's */
			if (!(buf = malloc(len + 1)))
				goto out;
			memcpy(buf, text, len);
			buf[len] = '\0';
		}
		/* Read first, so that a missing file is said to be one. */
		cfg->root = path ? dir_of(path) : realpath(".", NULL);
		if (!cfg->root) {
			char why[128] = "";
			if (errno == ENOMEM || strerror_r(errno, why, sizeof(why)))
				goto out;
			size_t n = sizeof(why) + 32;
			if ((e->message = malloc(n)))
				snprintf(e->message, n, "cannot find its directory: %s", why);
			e->file = strdup(c.path);
			rc = DR_EIO;
			goto out;
		}
		dr_node *root = NULL;
		dr_diag problem;
		int got = parse_document(buf, len, CONFIG_MAX, a, &root, &problem);
		if (got) {
			rc = got == 1 ? DR_EINVAL : got;
			if (got == 1) {
				dr_node at = {.pos = {problem.line, problem.column, 0, 0}};
				fail(&c, &at, "%s", problem.message);
			}
			goto out;
		}
		apply(&c, root);
		int cal = c.failed || cfg->cal.covered
		              ? 0
		              : dr_calendar_init(&cfg->cal, cfg->division, NULL, 0, NULL, 0);
		if (cal == DR_ENOMEM)
			nomem(&c, NULL);
		else if (cal)
			fail(&c, NULL, "the calendar could not be built");
	}
	int re = c.failed ? 0
	                  : regcomp(&cfg->reference_re, cfg->reference_pattern,
	                            REG_EXTENDED | REG_NOSUB);
	if (re) {
		char why[128];
		regerror(re, NULL, why, sizeof(why));
		why[0] = (char)tolower((unsigned char)why[0]); /* messages are lower case */
		fail(&c, c.pattern_at,
		     "reference_pattern '%s' is not a valid extended regular expression: %s",
		     cfg->reference_pattern, why);
	} else if (!c.failed) {
		cfg->has_re = 1;
		check_format(&c);
	}
	rc = c.failed ? DR_EINVAL : 0;
out:
	dr_arena_free(a);
	free(buf);
	free(c.extra);
	free(c.closures);
	if (rc == 0) {
		*out = cfg;
		return 0;
	}
	dr_config_free(cfg);
	if (c.failed && !c.oom)
		*e = c.err;
	else
		dr_error_clear(&c.err);
	if (!e->message) { /* out of memory, or no room to say what failed */
		dr_error_clear(e);
		e->message = strdup("out of memory");
		rc = DR_ENOMEM;
	}
	return rc;
}

void dr_error_clear(dr_error *e)
{
	if (!e)
		return;
	free(e->file);
	free(e->message);
	*e = (dr_error){0};
}

int dr_config_load_file(dr_config **out, const char *path, dr_error *err)
{
	dr_error ignored;
	int rc = load(out, path, NULL, NULL, 0, err ? err : &ignored);
	if (!err)
		dr_error_clear(&ignored);
	return rc;
}

int dr_config_load_buffer(dr_config **out, const char *name, const char *buf, size_t len,
                          dr_error *err)
{
	dr_error ignored;
	dr_error *e = err ? err : &ignored;
	int rc;
	if (!buf && len) {
		*e = (dr_error){.message = strdup("the config's text is NULL")};
		rc = DR_EINVAL;
	} else {
		rc = load(out, NULL, name ? name : "(buffer)", buf ? buf : "", len, e);
	}
	if (!err)
		dr_error_clear(&ignored);
	return rc;
}

int dr_config_load(dr_config **out, const char *path, char **err)
{
	dr_error e;
	int rc = load(out, path, NULL, NULL, 0, &e);
	*err = NULL;
	if (rc) {
		/* "file:line:col: message", "file: message" or "message". */
		size_t n = (e.file ? strlen(e.file) : 0) + strlen(e.message ? e.message : "") + 32;
		if ((*err = malloc(n))) {
			if (e.line)
				snprintf(*err, n, "%s:%u:%u: %s", e.file, e.line, e.column,
				         e.message);
			else if (e.file)
				snprintf(*err, n, "%s: %s", e.file, e.message);
			else
				snprintf(*err, n, "%s", e.message ? e.message : "out of memory");
		}
	}
	dr_error_clear(&e);
	return rc;
}

void dr_config_free(dr_config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->nstatuses; i++) {
		free(cfg->statuses[i].name);
		free(cfg->statuses[i].match);
	}
	free(cfg->statuses);
	if (cfg->has_re)
		regfree(&cfg->reference_re);
	dr_calendar_free(&cfg->cal);
	free(cfg->path);
	free(cfg->root);
	free(cfg->authority);
	free(cfg->reference_pattern);
	free(cfg->division);
	free(cfg->holidays_file);
	free(cfg->closures);
	free(cfg->templates);
	free(cfg->docs_url);
	free(cfg->closes_at);
	free(cfg->plan_address);
	free(cfg->plan_other_documents);
	free(cfg->plan_request_documents);
	free(cfg->site_title);
	free(cfg->site_base_url);
	free(cfg->site_out_dir);
	free(cfg->docx_reference);
	free(cfg->reference_format);
	free(cfg->schema);
	for (int i = 0; i < DR_LABEL_COUNT; i++)
		free(cfg->labels[i]);
	free(cfg);
}

/* The path of the decrec.yaml found `ups` levels above `dir`, relative to
 * `dir` when `dir` is ("../../decrec.yaml" as git's --show-cdup), so that
 * messages and paths derived from it are never made absolute. */
static char *found_path(const char *dir, const char *abs, int ups)
{
	if (dir[0] == '/')
		return strdup(abs);
	int here = !strcmp(dir, ".");
	size_t n = strlen(dir) + 3 * (size_t)ups + sizeof("/decrec.yaml");
	char *p = malloc(n);
	if (!p)
		return NULL;
	size_t k = (size_t)snprintf(p, n, "%s%s", here ? "" : dir, here ? "" : "/");
	for (int i = 0; i < ups; i++)
		k += (size_t)snprintf(p + k, n - k, "../");
	snprintf(p + k, n - k, "decrec.yaml");
	return p;
}

char *dr_config_find(const char *dir)
{
	char *cur = realpath(dir, NULL);
	int ups = 0;
	while (cur) {
		size_t n = strlen(cur) + sizeof("/decrec.yaml");
		char *p = malloc(n);
		if (!p)
			break;
		snprintf(p, n, "%s/decrec.yaml", strcmp(cur, "/") ? cur : "");
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			char *found = found_path(dir, p, ups);
			free(p);
			free(cur);
			return found;
		}
		free(p);
		ups++;
		char *slash = strrchr(cur, '/');
		if (!slash || slash == cur) {
			if (slash && cur[1]) {
				cur[1] = '\0';
				continue;
			}
			break;
		}
		*slash = '\0';
	}
	free(cur);
	return NULL;
}

const char *dr_config_root(const dr_config *cfg)
{
	return cfg->root;
}

int dr_config_call_in_days(const dr_config *cfg)
{
	return cfg->call_in_days;
}

const char *dr_config_division(const dr_config *cfg)
{
	return cfg->division;
}

const char *dr_config_docs_url(const dr_config *cfg)
{
	return cfg->docs_url;
}

const char *dr_config_site(const dr_config *cfg, dr_site_options *o)
{
	*o = (dr_site_options){.title = cfg->site_title,
	                       .base_url = cfg->site_base_url,
	                       .per_page = (size_t)cfg->site_per_page};
	return cfg->site_out_dir;
}
