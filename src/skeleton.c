/* A new record's text (`decrec new`): every field its status's phase
 * requires (requirements.def), in the order of the field table, each after a
 * comment with the table's meaning, and the dates the calendar gives filled
 * in, so that a fresh file fails only for the text the officer must write. */
#include "decrec.h"

#include "buf.h"
#include "config.h"
#include "date.h"
#include "path.h"
#include "record.h"
#include "str.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* One malloc'd line into *err; DR_EINVAL (or DR_ENOMEM when it cannot be
 * said). */
static int say(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int say(char **err, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (err && !(*err = strdup(msg)))
		return DR_ENOMEM;
	return DR_EINVAL;
}

int dr_reference_make(char **ref, const dr_config *cfg, int year, unsigned long seq, char **err)
{
	char buf[256];
	if (err)
		*err = NULL;
	if (!cfg)
		return say(err, "no config");
	if (!cfg->reference_format_ok)
		return say(err,
		           "reference_pattern %s is the config's own, and the default "
		           "reference_format '%s' does not match it: set reference_format",
		           cfg->reference_pattern, cfg->reference_format);
	if (dr_refformat_make(buf, sizeof(buf), cfg->reference_format, year, seq)) {
		if (err && !(*err = strdup("the sequence number does not fit reference_format")))
			return DR_ENOMEM;
		return DR_ERANGE;
	}
	if (!(*ref = strdup(buf)))
		return DR_ENOMEM;
	return 0;
}

int dr_reference_seq(unsigned long *seq, const dr_config *cfg, const char *ref, int year)
{
	if (!cfg || !ref || !cfg->reference_format_ok)
		return 0;
	return dr_refformat_parse(seq, cfg->reference_format, ref, year);
}

/* Whether s can be written as a plain YAML scalar that reads back as the
 * same text: it starts with a letter or digit (or a UTF-8 byte), holds no
 * ": " or " #", does not end in a space or ':', and is no null word. */
static int plain_ok(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = strlen(s);
	if (!n || !(c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')))
		return 0;
	if (strstr(s, ": ") || strstr(s, " #") || s[n - 1] == ' ' || s[n - 1] == ':')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	return strcasecmp(s, "null") != 0;
}

/* s as a YAML scalar: plain when it reads back the same, else in double
 * quotes with '"' and '\' escaped (control characters are refused before). */
static void scalar(dr_buf *b, const char *s)
{
	if (plain_ok(s)) {
		dr_buf_puts(b, s);
		return;
	}
	dr_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			dr_buf_putc(b, '\\');
		dr_buf_putc(b, *s);
	}
	dr_buf_putc(b, '"');
}

/* A value given on the command line must be one line of text. */
static int one_line(const char *what, const char *s, char **err)
{
	if (dr_blank(s))
		return say(err, "the %s is blank", what);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return say(err,
			           "the %s must be one line of text, without control characters",
			           what);
	return 0;
}

/* The configured status that `name` means (any case, runs of spaces), or
 * with name NULL the first status of the proposed phase. */
static const dr_status *find_status(const dr_config *cfg, const char *name, char **err)
{
	char key[256], list[1024];
	size_t n = 0;
	if (name)
		dr_status_key(name, key, sizeof(key));
	for (size_t i = 0; i < cfg->nstatuses; i++)
		if (name ? !strcmp(cfg->statuses[i].match, key)
		         : cfg->statuses[i].phase == PHASE_PROPOSED)
			return &cfg->statuses[i];
	if (!name) {
		say(err, "the config has no status of the proposed phase: give --status");
		return NULL;
	}
	for (size_t i = 0; i < cfg->nstatuses && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s'%s'", i ? ", " : "",
		                      cfg->statuses[i].name);
	say(err, "unknown status '%s'; the statuses%s%s are %s", name, cfg->path ? " of " : "",
	    cfg->path ? cfg->path : "", list);
	return NULL;
}

/* The `$schema` path: the config's schema relative to the directory of the
 * new file (`path`, relative to the working directory). NULL when out of
 * memory. */
static char *schema_path(const dr_config *cfg, const char *path)
{
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	const char *slash = path ? strrchr(path, '/') : NULL;
	char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
	char *abs = dir ? realpath(dir, NULL) : NULL;
	if (!abs && dir)
		abs = dr_path_absolute(cwd, dir);
	char *schema = dr_path_absolute("/", cfg->schema);
	char *rel = abs && schema ? dr_path_relative(abs, schema) : NULL;
	free(dir);
	free(abs);
	free(schema);
	return rel;
}

/* The dates of the new record that the calendar gives: for a proposed key
 * decision, the forward plan notice today and the earliest lawful decision
 * moved to a working day; for a made one, the decision and its publication
 * today and, under call-in, the day it takes effect. */
static int fill_dates(int32_t date[F_COUNT], const dr_config *cfg, int phase, int key,
                      int32_t today, char **err)
{
	int year = 0;
	for (int f = 0; f < F_COUNT; f++)
		date[f] = DR_NO_DATE;
	if (phase == PHASE_PROPOSED && key) {
		date[F_FP_FIRST_PUBLISHED] = today;
		if (dr_date_first_working_day(&date[F_DATES_DUE], cfg,
		                              dr_date_earliest_key_decision(cfg, today), &year))
			goto range;
	} else if (phase == PHASE_MADE || phase == PHASE_CALLED_IN) {
		int32_t deadline;
		date[F_DATES_DECISION] = date[F_DATES_PUBLISHED] = today;
		if (dr_date_call_in(&deadline, &date[F_DATES_EFFECTIVE], cfg, today, &year))
			goto range;
	}
	return 0;
range:
	if (err && !(*err = malloc(160)))
		return DR_ENOMEM;
	if (err)
		snprintf(*err, 160,
		         "the holiday data has no bank holidays for %d; add them with "
		         "calendar.holidays_file",
		         year);
	return DR_ERANGE;
}

int dr_skeleton_text(char **text, size_t *len, const dr_config *cfg, const dr_skeleton_options *o,
                     char **err)
{
	char *schema = NULL;
	int rc;
	if (err)
		*err = NULL;
	if (!cfg || !o || !o->reference)
		return say(err, "no config, options or reference");
	if ((rc = one_line("reference", o->reference, err)) ||
	    (o->title && (rc = one_line("title", o->title, err))) ||
	    (o->decision_maker && (rc = one_line("decision maker", o->decision_maker, err))))
		return rc;
	if (regexec(&cfg->reference_re, o->reference, 0, NULL, 0) != 0)
		return say(err, "reference '%s' does not match reference_pattern %s", o->reference,
		           cfg->reference_pattern);
	const dr_status *st = find_status(cfg, o->status, err);
	if (!st)
		return err && !*err ? DR_ENOMEM : DR_EINVAL;
	int32_t today = o->today == DR_TODAY ? dr_date_today() : o->today;
	int32_t date[F_COUNT];
	int made = st->phase == PHASE_MADE || st->phase == PHASE_CALLED_IN;
	if ((rc = fill_dates(date, cfg, st->phase, o->key, today, err)))
		return rc;
	if (cfg->schema && !(schema = schema_path(cfg, o->path)))
		return DR_ENOMEM;
	/* The facts of record_rules.c's requirements, as the new record has them:
	 * subject to call-in, no exception. */
	unsigned facts = Q_ANY | Q_CALL_IN | Q_NO_EXCEPTION | (made ? Q_MADE : 0u) |
	                 (o->key ? Q_KEY : 0u) |
	                 (st->phase != PHASE_WITHDRAWN ? Q_NOT_WITHDRAWN : 0u) |
	                 (st->phase == PHASE_PROPOSED ? Q_PROPOSED : 0u);
	int want[F_COUNT] = {0};
	for (int f = 0; f < F_COUNT; f++) {
		unsigned when = dr_reqs[dr_fields[f].req].when;
		if ((when && (facts & when) == when) || date[f] != DR_NO_DATE)
			for (int g = f; g != F_ROOT; g = dr_fields[g].parent)
				want[g] = 1;
	}
	dr_buf b;
	dr_buf_init(&b, 1u << 20);
	if (schema)
		dr_buf_printf(&b, "# yaml-language-server: $schema=%s\n", schema);
	for (int f = 0; f < F_COUNT; f++) {
		if (!want[f])
			continue;
		const char *in = dr_fields[f].parent == F_ROOT ? "" : "  ";
		const char *value = NULL;
		char day[24];
		dr_buf_printf(&b, "%s# %s\n%s%s:", in, dr_fields[f].doc, in, dr_fields[f].key);
		switch (f) {
		case F_REFERENCE:
			value = o->reference;
			break;
		case F_TITLE:
			value = o->title;
			break;
		case F_DECISION_MAKER:
			value = o->decision_maker;
			break;
		case F_STATUS:
			value = st->name;
			break;
		case F_KEY_DECISION:
			value = o->key ? "yes" : "no";
			break;
		case F_SUBJECT_TO_CALL_IN:
			value = "yes";
			break;
		default:
			if (date[f] != DR_NO_DATE)
				value = dr_date_iso(day, date[f]);
		}
		if (value) {
			dr_buf_putc(&b, ' ');
			scalar(&b, value);
		}
		dr_buf_putc(&b, '\n');
	}
	free(schema);
	if (b.failed) {
		dr_buf_free(&b);
		return DR_ENOMEM;
	}
	*text = dr_buf_take(&b, len);
	return *text ? 0 : DR_ENOMEM;
}
