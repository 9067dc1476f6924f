/* The record format as a JSON Schema (draft-07), for editors that check and
 * complete YAML as it is typed (yaml-language-server): written from the
 * field table, the phase requirements and a config's statuses and
 * reference pattern, so that the editor refuses what decrec refuses, as far
 * as a schema can tell. Editors read YAML 1.2: dates stay text, and `yes`
 * is text where `true` is a boolean, so both are allowed where decrec
 * takes them. */
#include "buf.h"
#include "config.h"
#include "escape.h"
#include "record.h"

#include <assert.h>
#include <string.h>

/* Patterns, in the syntax common to ECMAScript (with the u flag, as editors
 * compile them) and Python's re. */
#define YES_NO "^(?:[Yy][Ee][Ss]|[Nn][Oo]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
#define YES "^(?:[Yy][Ee][Ss]|[Tt][Rr][Uu][Ee])$"
#define NO "^(?:[Nn][Oo]|[Ff][Aa][Ll][Ss][Ee])$"
/* One line: a single final line break is allowed, as record.c allows it. */
#define ONE_LINE "^[^\\n]*\\n?$"
#define ONE_LINE_NOT_BLANK "^[^\\n]*[^ \\t\\n\\r][^\\n]*\\n?$"
#define NOT_BLANK "[^ \\t\\n\\r]" /* str.c's dr_blank */
/* The two forms of date.c, real days only: leap years are spelt out. */
#define LEAP "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
#define YEAR "(?!0000)[0-9]{4}"
#define MONTH_DAY                                                                                  \
	"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|"              \
	"(?:0[13578]|1[02])-31)"
#define DAY_MONTH                                                                                  \
	"(?:(?:0[1-9]|1[0-9]|2[0-8])/(?:0[1-9]|1[0-2])|(?:29|30)/(?:0[13-9]|1[0-2])|"              \
	"31/(?:0[13578]|1[02]))"
#define DATE                                                                                       \
	"^(?:" YEAR "-" MONTH_DAY "|(?!0000)" LEAP "-02-29|" DAY_MONTH "/" YEAR                    \
	"|29/02/(?!0000)" LEAP ")$"

/* Facts beyond record.h's Q_*, for the requirements a rule of its own
 * checks (requirements.def's rows with `when` 0): call_in_exemption.reason
 * (rule call-in-exemption) and exempt_paragraph (rule exempt-paragraph). */
enum { Q_NO_CALL_IN = 1 << 16, Q_NOT_FOR_PUBLICATION = 1 << 17 };

static unsigned when_of(dr_req r)
{
	switch (r) {
	case R_CALL_IN_EXEMPT:
		return Q_MADE | Q_NO_CALL_IN;
	case R_NOTPUB:
		return Q_NOT_FOR_PUBLICATION;
	default:
		return dr_reqs[r].when;
	}
}

/* The rule that reports a missing field of requirement r: a record
 * breaking a rule turned off in decrec.yaml is one decrec accepts, so the
 * schema must accept it too. */
static int checked(const dr_config *cfg, dr_req r)
{
	int rule = r == R_CALL_IN_EXEMPT ? DR_RULE_CALL_IN_EXEMPTION
	           : r == R_NOTPUB       ? DR_RULE_EXEMPT_PARAGRAPH
	                                 : DR_RULE_MISSING_FIELD;
	return cfg->severity[rule] != DR_OFF;
}

/* ---- a JSON writer: indented, commas where they belong --------------------- */

enum { MAX_DEPTH = 32 };

typedef struct jw {
	FILE *out;
	int depth;
	int count[MAX_DEPTH]; /* values written so far in each open object or array */
	int failed; /* out of memory building a pattern */
} jw;

/* Starts a value: the comma, the line break and indent, and "key": when
 * inside an object. */
static void start(jw *w, const char *key)
{
	if (w->depth > 0)
		fputs(w->count[w->depth - 1]++ ? ",\n" : "\n", w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
	if (key) {
		putc('"', w->out);
		dr_escape_json(w->out, key);
		fputs("\": ", w->out);
	}
}

static void jopen(jw *w, const char *key, char brace)
{
	assert(w->depth < MAX_DEPTH); /* the schema's shape is fixed, and shallow */
	start(w, key);
	putc(brace, w->out);
	w->count[w->depth++] = 0;
}

static void jclose(jw *w, char brace)
{
	w->depth--;
	if (w->count[w->depth]) {
		putc('\n', w->out);
		for (int i = 0; i < w->depth; i++)
			fputs("  ", w->out);
	}
	putc(brace, w->out);
}

static void str(jw *w, const char *key, const char *s)
{
	start(w, key);
	putc('"', w->out);
	dr_escape_json(w->out, s);
	putc('"', w->out);
}

/* A value written as it is: a number, true, or a short list of types. */
static void raw(jw *w, const char *key, const char *json)
{
	start(w, key);
	fputs(json, w->out);
}

/* ---- patterns from the config ---------------------------------------------- */

/* Appends c to b as a pattern matching c alone. */
static void literal(dr_buf *b, char c)
{
	if (strchr("^$\\.*+?()[]{}|", c))
		dr_buf_putc(b, '\\');
	dr_buf_putc(b, c);
}

/* The statuses of the config in the phases of `phases` (bit 1 << PHASE_*)
 * as one pattern, matched as config.c's dr_status_phase matches them: any
 * case, runs of spaces or tabs, spaces at either end. Empty when no status
 * is in those phases. Caller frees b. */
static void status_pattern(dr_buf *b, const dr_config *cfg, unsigned phases)
{
	int n = 0;
	for (size_t i = 0; i < cfg->nstatuses; i++) {
		const char *m = cfg->statuses[i].match;
		if (!(phases & 1u << cfg->statuses[i].phase))
			continue;
		dr_buf_puts(b, n++ ? "|" : "^[ \\t]*(?:");
		for (; *m; m++) {
			if (*m == ' ')
				dr_buf_puts(b, "[ \\t]+");
			else if (*m >= 'a' && *m <= 'z')
				dr_buf_printf(b, "[%c%c]", *m, *m - 32);
			else
				literal(b, *m);
		}
	}
	if (n)
		dr_buf_puts(b, ")[ \\t]*$");
}

/* POSIX classes in bracket expressions, as ECMAScript spells them. */
static const char *const classes[][2] = {
    {"digit", "0-9"},
    {"alpha", "A-Za-z"},
    {"alnum", "A-Za-z0-9"},
    {"upper", "A-Z"},
    {"lower", "a-z"},
    {"xdigit", "0-9A-Fa-f"},
    {"space", " \\t\\n\\r\\f\\v"},
    {"blank", " \\t"},
    {"punct", "!-/:-@\\[-`{-~"},
};

/* The POSIX extended regular expression `re` (reference_pattern, compiled
 * by config.c with regcomp) as the same pattern for editors: the syntaxes
 * part in bracket expressions (classes; a backslash is literal there) and
 * over a ] or } that closes nothing. 0, or -1 for what has no translation
 * here ([.x.], [=x=], another class); the schema then leaves it out. */
static int ere_pattern(dr_buf *b, const char *re)
{
	for (const char *p = re; *p; p++) {
		/* An escape of a syntax character means the same to both; any
		 * other (GNU's \\< \\w) differs or is an error under ECMAScript's
		 * u flag, so the pattern is left out: better no check than a wrong
		 * one. */
		if (*p == '\\' && p[1]) {
			if (!strchr("^$\\.*+?()[]{}|/", p[1]))
				return -1;
			dr_buf_add(b, p, 2);
			p++;
			continue;
		}
		if (*p == '{') { /* a bound, {2} or {2,5}: as it is; {,5} is GNU's */
			size_t n = strcspn(p, "}");
			if (p[1] < '0' || p[1] > '9' || strspn(p + 1, "0123456789,") != n - 1)
				return -1;
			dr_buf_add(b, p, n + (p[n] == '}'));
			p += n - (p[n] != '}');
			continue;
		}
		if (*p == ']' || *p == '}') { /* literal here, an error to ECMAScript */
			dr_buf_putc(b, '\\');
			dr_buf_putc(b, *p);
			continue;
		}
		if (*p != '[') {
			dr_buf_putc(b, *p);
			continue;
		}
		/* A bracket expression: backslash is literal inside it, and a ]
		 * first (after ^) is a member. */
		dr_buf_putc(b, *p++);
		if (*p == '^')
			dr_buf_putc(b, *p++);
		for (int first = 1; *p && (first || *p != ']'); p++, first = 0) {
			if (*p == '[' && (p[1] == '.' || p[1] == '='))
				return -1;
			if (*p == '[' && p[1] == ':') {
				const char *end = strstr(p + 2, ":]");
				size_t i, n = end ? (size_t)(end - (p + 2)) : 0;
				for (i = 0; end && i < sizeof(classes) / sizeof(*classes); i++)
					if (strlen(classes[i][0]) == n &&
					    !strncmp(classes[i][0], p + 2, n))
						break;
				if (!end || i == sizeof(classes) / sizeof(*classes))
					return -1;
				dr_buf_puts(b, classes[i][1]);
				p = end + 1;
				continue;
			}
			if (*p == '\\' || *p == '[' || *p == ']')
				dr_buf_putc(b, '\\');
			dr_buf_putc(b, *p);
		}
		if (*p != ']')
			return -1;
		dr_buf_putc(b, ']');
	}
	return 0;
}

/* A pattern built in b, written under `key` and freed; nothing when b is
 * empty. */
static void pattern(jw *w, const char *key, dr_buf *b)
{
	w->failed |= b->failed;
	if (b->len && !b->failed)
		str(w, key, b->p);
	dr_buf_free(b);
}

/* ---- the schema -------------------------------------------------------------- */

static int is_text(dr_type t)
{
	return t == T_LINE || t == T_MD;
}

/* The JSON types a scalar of text may have once an editor has read it as
 * YAML 1.2 (a number, true): decrec takes any scalar as text. */
#define TEXT_TYPES "\"string\", \"number\", \"boolean\""

/* The schema of field f's value; `always` when every record (or entry)
 * needs it, so that it cannot be blank. */
static void field(jw *w, const dr_config *cfg, int f, int always)
{
	const dr_field_info *fi = &dr_fields[f];
	const char *null = always ? "" : ", \"null\"";
	char types[96];
	jopen(w, fi->key, '{');
	str(w, "description", fi->doc);
	switch (fi->type) {
	case T_LINE:
	case T_MD:
		snprintf(types, sizeof(types), "[" TEXT_TYPES "%s]", null);
		/* Only text can be one of the statuses; editors then offer no true. */
		raw(w, "type", f == F_STATUS ? "\"string\"" : types);
		if (fi->type == T_LINE || always) {
			str(w, "pattern",
			    fi->type == T_MD ? NOT_BLANK
			    : always         ? ONE_LINE_NOT_BLANK
			                     : ONE_LINE);
			str(w, "patternErrorMessage",
			    fi->type == T_MD ? "must not be blank"
			    : always         ? "must be one line of text, not blank"
			                     : "must be one line of text");
		}
		break;
	case T_BOOL:
		snprintf(types, sizeof(types), "[\"boolean\", \"string\"%s]", null);
		raw(w, "type", types);
		str(w, "pattern", YES_NO);
		str(w, "patternErrorMessage", "must be yes or no (or true, false), without quotes");
		break;
	case T_DATE:
		snprintf(types, sizeof(types), "[\"string\"%s]", null);
		raw(w, "type", types);
		str(w, "pattern", DATE);
		str(w, "patternErrorMessage",
		    "must be a real day, written YYYY-MM-DD (2024-07-19) or DD/MM/YYYY "
		    "(19/07/2024)");
		break;
	case T_INT:
		snprintf(types, sizeof(types), "[\"integer\"%s]", null);
		raw(w, "type", types);
		raw(w, "minimum", "0");
		raw(w, "maximum", "1000000"); /* record.c's cap */
		break;
	case T_EXCEPTION:
		jopen(w, "enum", '[');
		raw(w, NULL, "\"general-exception\"");
		raw(w, NULL, "\"special-urgency\"");
		if (!always)
			raw(w, NULL, "null");
		jclose(w, ']');
		break;
	case T_RESTRICTION:
		jopen(w, "enum", '[');
		raw(w, NULL, "\"open\"");
		raw(w, NULL, "\"part-exempt\"");
		raw(w, NULL, "\"fully-exempt\"");
		if (!always)
			raw(w, NULL, "null");
		jclose(w, ']');
		break;
	case T_STRLIST:
		snprintf(types, sizeof(types), "[\"array\"%s]", null);
		raw(w, "type", types);
		jopen(w, "items", '{');
		raw(w, "type", "[" TEXT_TYPES ", \"null\"]");
		jclose(w, '}');
		break;
	case T_MAP:
	case T_LIST: {
		snprintf(types, sizeof(types), "[\"%s\"%s]", fi->type == T_MAP ? "object" : "array",
		         null);
		raw(w, "type", types);
		if (fi->type == T_LIST) {
			jopen(w, "items", '{');
			raw(w, "type", "\"object\"");
		}
		if (cfg->severity[DR_RULE_UNKNOWN_FIELD] != DR_OFF)
			raw(w, "additionalProperties", "false");
		int any = 0;
		for (int g = 0; g < F_COUNT; g++)
			if (dr_fields[g].parent == f && dr_fields[g].req == R_ITEM &&
			    checked(cfg, R_ITEM)) {
				if (!any++)
					jopen(w, "required", '[');
				str(w, NULL, dr_fields[g].key);
			}
		if (any)
			jclose(w, ']');
		jopen(w, "properties", '{');
		for (int g = 0; g < F_COUNT; g++)
			if (dr_fields[g].parent == f)
				field(w, cfg, g, dr_fields[g].req == R_ITEM);
		jclose(w, '}');
		if (fi->type == T_LIST)
			jclose(w, '}');
		break;
	}
	}
	if (f == F_STATUS && cfg->nstatuses) {
		/* The names for completion, and the match decrec makes. */
		jopen(w, "anyOf", '[');
		jopen(w, NULL, '{');
		jopen(w, "enum", '[');
		for (size_t i = 0; i < cfg->nstatuses; i++)
			str(w, NULL, cfg->statuses[i].name);
		jclose(w, ']');
		jclose(w, '}');
		dr_buf b;
		dr_buf_init(&b, 1 << 20);
		status_pattern(&b, cfg, ~0u);
		jopen(w, NULL, '{');
		raw(w, "type", "\"string\"");
		pattern(w, "pattern", &b);
		jclose(w, '}');
		jclose(w, ']');
	}
	if (f == F_REFERENCE && cfg->reference_pattern &&
	    cfg->severity[DR_RULE_REFERENCE_FORMAT] != DR_OFF) {
		dr_buf b;
		dr_buf_init(&b, 1 << 20);
		if (ere_pattern(&b, cfg->reference_pattern) == 0) {
			dr_buf why;
			dr_buf_init(&why, 1 << 20);
			dr_buf_printf(&why, "must match reference_pattern %s",
			              cfg->reference_pattern);
			jopen(w, "allOf", '[');
			jopen(w, NULL, '{');
			pattern(w, "pattern", &b);
			pattern(w, "patternErrorMessage", &why);
			jclose(w, '}');
			jclose(w, ']');
		}
		dr_buf_free(&b);
	}
	jclose(w, '}');
}

/* The schema that holds when a yes/no field `key` says yes (or no). The
 * boolean is "not the other one" rather than an enum of one, which
 * editors would show on hover as the only value allowed. */
static void flag_is(jw *w, const char *key, int yes)
{
	jopen(w, NULL, '{');
	jopen(w, "required", '[');
	str(w, NULL, key);
	jclose(w, ']');
	jopen(w, "properties", '{');
	jopen(w, key, '{');
	jopen(w, "anyOf", '[');
	jopen(w, NULL, '{');
	raw(w, "type", "\"boolean\"");
	jopen(w, "not", '{');
	raw(w, "enum", yes ? "[false]" : "[true]");
	jclose(w, '}');
	jclose(w, '}');
	jopen(w, NULL, '{');
	raw(w, "type", "\"string\"");
	str(w, "pattern", yes ? YES : NO);
	jclose(w, '}');
	jclose(w, ']');
	jclose(w, '}');
	jclose(w, '}');
	jclose(w, '}');
}

/* The schema that holds when the status is one of the phases (bit
 * 1 << PHASE_*), negated with `not`; nothing when no status is in them
 * (can_hold rules that out without `not`; with it, it always holds). */
static void status_in(jw *w, const dr_config *cfg, unsigned phases, int not )
{
	dr_buf b;
	dr_buf_init(&b, 1 << 20);
	status_pattern(&b, cfg, phases);
	if (!b.len) {
		dr_buf_free(&b);
		return;
	}
	jopen(w, NULL, '{');
	if (not )
		jopen(w, "not", '{');
	jopen(w, "required", '[');
	str(w, NULL, "status");
	jclose(w, ']');
	jopen(w, "properties", '{');
	jopen(w, "status", '{');
	raw(w, "type", "\"string\"");
	pattern(w, "pattern", &b);
	jclose(w, '}');
	jclose(w, '}');
	if (not )
		jclose(w, '}');
	jclose(w, '}');
}

/* The schema that holds when forward_plan.exception is `exc` (NULL: either
 * exception), negated with `not`. */
static void exception_is(jw *w, const char *exc, int not )
{
	jopen(w, NULL, '{');
	if (not )
		jopen(w, "not", '{');
	jopen(w, "required", '[');
	str(w, NULL, "forward_plan");
	jclose(w, ']');
	jopen(w, "properties", '{');
	jopen(w, "forward_plan", '{');
	raw(w, "type", "\"object\"");
	jopen(w, "required", '[');
	str(w, NULL, "exception");
	jclose(w, ']');
	jopen(w, "properties", '{');
	jopen(w, "exception", '{');
	if (exc) {
		jopen(w, "enum", '[');
		str(w, NULL, exc);
		jclose(w, ']');
	} else {
		raw(w, "enum", "[\"general-exception\", \"special-urgency\"]");
	}
	jclose(w, '}');
	jclose(w, '}');
	jclose(w, '}');
	jclose(w, '}');
	if (not )
		jclose(w, '}');
	jclose(w, '}');
}

/* Whether the facts `when` can hold under the config: not for a made (or
 * proposed) decision when no status is in a made (or the proposed) phase. */
static int can_hold(const dr_config *cfg, unsigned when)
{
	unsigned phases = (when & Q_MADE ? 1u << PHASE_MADE | 1u << PHASE_CALLED_IN : 0u) |
	                  (when & Q_PROPOSED ? 1u << PHASE_PROPOSED : 0u);
	if (!phases)
		return 1;
	for (size_t i = 0; i < cfg->nstatuses; i++)
		if (phases & 1u << cfg->statuses[i].phase)
			return 1;
	return 0;
}

/* Writes the condition of the facts `when` as a list of schemas that must
 * all hold (record_rules.c's facts()). */
static void condition(jw *w, const dr_config *cfg, unsigned when)
{
	jopen(w, "allOf", '[');
	if (when & Q_MADE)
		status_in(w, cfg, 1u << PHASE_MADE | 1u << PHASE_CALLED_IN, 0);
	if (when & Q_PROPOSED)
		status_in(w, cfg, 1u << PHASE_PROPOSED, 0);
	if (when & Q_NOT_WITHDRAWN)
		status_in(w, cfg, 1u << PHASE_WITHDRAWN, 1);
	if (when & Q_CALL_IN)
		flag_is(w, "subject_to_call_in", 1);
	if (when & Q_NO_CALL_IN)
		flag_is(w, "subject_to_call_in", 0);
	if (when & Q_KEY)
		flag_is(w, "key_decision", 1);
	if (when & Q_NOT_FOR_PUBLICATION)
		flag_is(w, "for_publication", 0);
	if (when & Q_NO_EXCEPTION)
		exception_is(w, NULL, 1);
	if (when & Q_GENERAL_EXCEPTION)
		exception_is(w, "general-exception", 0);
	if (when & Q_SPECIAL_URGENCY)
		exception_is(w, "special-urgency", 0);
	jclose(w, ']');
}

/* What a required field f must hold beyond its type: a value, and for text
 * something other than blanks (record_rules.c's missing-field and
 * empty-field); exempt_paragraph a paragraph of Schedule 12A (1 to 7, rule
 * exempt-paragraph). */
static void required_value(jw *w, int f)
{
	jopen(w, dr_fields[f].key, '{');
	jopen(w, "not", '{');
	raw(w, "type", "\"null\"");
	jclose(w, '}');
	if (is_text(dr_fields[f].type))
		str(w, "pattern", NOT_BLANK);
	if (dr_fields[f].req == R_NOTPUB && dr_fields[f].type == T_INT) {
		raw(w, "minimum", "1");
		raw(w, "maximum", "7");
	}
	jclose(w, '}');
}

/* What field f of requirement r adds to the part of a `then` for mapping
 * `parent`: its own key when it is a field of parent, or at the top level
 * the key of the mapping holding it; NULL for nothing. With `nested`, the
 * top level's own fields add nothing (the top level requires them). */
static const char *member(int f, dr_req r, int parent, int nested)
{
	int p = dr_fields[f].parent;
	if (dr_fields[f].req != r)
		return NULL;
	if (p == parent)
		return nested && parent == F_ROOT ? NULL : dr_fields[f].key;
	if (parent == F_ROOT && p != F_ROOT && dr_fields[p].parent == F_ROOT &&
	    dr_fields[p].type == T_MAP)
		return dr_fields[p].key;
	return NULL;
}

/* Whether an earlier field than f added `name` already. */
static int listed(int f, dr_req r, int parent, int nested, const char *name)
{
	for (int g = 0; g < f; g++)
		if (member(g, r, parent, nested) == name)
			return 1;
	return 0;
}

/* The fields of requirement r in mapping `parent` (F_ROOT or a T_MAP) as
 * "required" and "properties", the mappings that hold them included. */
static void required_in(jw *w, dr_req r, int parent, int nested)
{
	int n = 0;
	for (int f = 0; f < F_COUNT; f++) {
		const char *name = member(f, r, parent, nested);
		if (!name || listed(f, r, parent, nested, name))
			continue;
		if (!n++)
			jopen(w, "required", '[');
		str(w, NULL, name);
	}
	if (!n)
		return;
	jclose(w, ']');
	jopen(w, "properties", '{');
	for (int f = 0; f < F_COUNT; f++) {
		const char *name = member(f, r, parent, nested);
		if (!name || listed(f, r, parent, nested, name))
			continue;
		if (dr_fields[f].parent == parent) {
			required_value(w, f);
			continue;
		}
		jopen(w, name, '{');
		raw(w, "type", "\"object\"");
		required_in(w, r, dr_fields[f].parent, 0);
		jclose(w, '}');
	}
	jclose(w, '}');
}

int dr_schema_write(FILE *out, const dr_config *cfg)
{
	if (!out || !cfg)
		return DR_EINVAL;
	jw w = {.out = out};
	jopen(&w, NULL, '{');
	str(&w, "$schema", "http://json-schema.org/draft-07/schema#");
	str(&w, "description",
	    "A decision record of decrec's record format, version 1 (one YAML document; a "
	    "file may hold several). Written by `decrec schema` from the field table and the "
	    "statuses and reference_pattern of decrec.yaml.");
	raw(&w, "type", "\"object\"");
	if (cfg->severity[DR_RULE_UNKNOWN_FIELD] != DR_OFF)
		raw(&w, "additionalProperties", "false");
	/* What every record needs, here where editors look for it. */
	if (checked(cfg, R_ALWAYS)) {
		jopen(&w, "required", '[');
		for (int f = 0; f < F_COUNT; f++)
			if (dr_fields[f].parent == F_ROOT &&
			    dr_reqs[dr_fields[f].req].when == Q_ANY)
				str(&w, NULL, dr_fields[f].key);
		jclose(&w, ']');
	}
	jopen(&w, "properties", '{');
	for (int f = 0; f < F_COUNT; f++)
		if (dr_fields[f].parent == F_ROOT)
			field(&w, cfg, f, dr_reqs[dr_fields[f].req].when == Q_ANY);
	jclose(&w, '}');
	/* The requirements that depend on the record, one if/then each; those
	 * of every record inside mappings (none today) without the if. */
	jopen(&w, "allOf", '[');
	for (int r = 0; r < R_COUNT; r++) {
		unsigned when = when_of((dr_req)r);
		int nested = when == Q_ANY, any = 0;
		for (int f = 0; f < F_COUNT; f++)
			any |= member(f, (dr_req)r, F_ROOT, nested) != NULL;
		if (!when || !any || !can_hold(cfg, when) || !checked(cfg, (dr_req)r))
			continue;
		jopen(&w, NULL, '{');
		str(&w, "description", dr_reqs[r].docs);
		if (when != Q_ANY) {
			jopen(&w, "if", '{');
			condition(&w, cfg, when);
			jclose(&w, '}');
			jopen(&w, "then", '{');
		}
		required_in(&w, (dr_req)r, F_ROOT, nested);
		if (when != Q_ANY)
			jclose(&w, '}');
		jclose(&w, '}');
	}
	jclose(&w, ']');
	jclose(&w, '}');
	putc('\n', out);
	if (w.failed)
		return DR_ENOMEM;
	return ferror(out) ? DR_EIO : 0;
}
