/* The record rules of ../shared/spec/rules.md, one function per concern.
 * Each reads typed values from the record and adds findings; none stops
 * another, so one run shows every problem. */
#include "record_rules.h"

#include "date.h"
#include "md.h"
#include "path.h"
#include "str.h"
#include "url.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct state {
	const dr_record *r;
	const dr_check_ctx *c;
	dr_diags *d;
	int phase;
	int made; /* phase made or called-in */
	int coverage_said;
} state;

static const char *ordinal(int n, char *buf)
{
	const char *suf = "th";
	if (n % 100 < 11 || n % 100 > 13)
		suf = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
	snprintf(buf, 16, "%d%s", n, suf);
	return buf;
}

static const char *ptr(int f, char *buf)
{
	return dr_field_pointer(f, buf, 128);
}

static dr_pos at(const state *s, int f)
{
	const dr_node *n = s->r->raw[f];
	if (n && n->pos.end_line > n->pos.line)
		return (dr_pos){n->pos.line, n->pos.col, n->pos.line, n->pos.col + 1};
	if (n && (n->pos.end_col > n->pos.col))
		return n->pos;
	return s->r->key[f] ? s->r->key[f]->pos : s->r->start;
}

/* Reports the first computation of a record that needs a year without
 * holiday data; later ones would only repeat it. */
static void coverage(state *s, int f, int year, const char *what)
{
	char p[128];
	const dr_calendar *cal = &s->c->cfg->cal;
	int lo = 0, hi = 0;
	if (s->coverage_said++)
		return;
	for (int y = cal->first_year; y <= cal->last_year; y++)
		if (cal->covered[y - cal->first_year]) {
			lo = lo ? lo : y;
			hi = y;
		}
	dr_diag_add(s->d, DR_RULE_CALENDAR_COVERAGE, at(s, f), ptr(f, p), NULL,
	            "%s needs the bank holidays of %d, which the holiday data does not hold "
	            "(it covers %d-%d); add them with calendar.holidays_file rather than guess",
	            what, year, lo, hi);
}

/* ---- status and requirements -------------------------------------------- */

static int status_phase(state *s)
{
	const dr_node *v = s->r->val[F_STATUS];
	const dr_config *cfg = s->c->cfg;
	char key[256], p[128];
	if (!v || dr_blank(v->u.scalar.s))
		return PHASE_UNKNOWN; /* empty-field says so */
	int phase = dr_status_phase(cfg, v->u.scalar.s);
	if (phase != PHASE_UNKNOWN)
		return phase;
	dr_status_key(v->u.scalar.s, key, sizeof(key));
	size_t best = 0;
	int bestd = 1000;
	for (size_t i = 0; i < cfg->nstatuses; i++) {
		int dist = dr_edit_distance(key, cfg->statuses[i].match);
		if (dist < bestd)
			bestd = dist, best = i;
	}
	if (cfg->nstatuses && bestd <= 4)
		dr_diag_add(s->d, DR_RULE_UNKNOWN_STATUS, v->pos, ptr(F_STATUS, p),
		            cfg->statuses[best].name,
		            "unknown status '%s': did you mean '%s'? the status decides what the "
		            "record must hold",
		            v->u.scalar.s, cfg->statuses[best].name);
	else {
		/* The whole list, so that no second round is needed to find it. */
		char list[1024];
		size_t n = 0;
		for (size_t i = 0; i < cfg->nstatuses && n < sizeof(list); i++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s'%s'", i ? ", " : "",
			                      cfg->statuses[i].name);
		if (n >= sizeof(list))
			memcpy(list + sizeof(list) - 5, "...", 4);
		dr_diag_add(s->d, DR_RULE_UNKNOWN_STATUS, v->pos, ptr(F_STATUS, p), NULL,
		            cfg->path ? "unknown status '%s'; the statuses listed in %s are %s"
		                      : "unknown status '%s'; the statuses are %s%s (the built-in "
		                        "list; decrec.yaml can give your council's own under "
		                        "statuses)",
		            v->u.scalar.s, cfg->path ? cfg->path : list, cfg->path ? list : "");
	}
	return PHASE_UNKNOWN;
}

/* The facts (Q_*) of the record that requirements.def's rows depend on. */
static unsigned facts(const state *s)
{
	const dr_record *r = s->r;
	long exc = r->num[F_FP_EXCEPTION];
	return Q_ANY | (s->made ? Q_MADE : 0u) |
	       (r->flag[F_SUBJECT_TO_CALL_IN] == 1 ? Q_CALL_IN : 0u) |
	       (r->flag[F_KEY_DECISION] == 1 ? Q_KEY : 0u) |
	       (exc == EXC_NONE ? Q_NO_EXCEPTION : 0u) |
	       (s->phase != PHASE_WITHDRAWN ? Q_NOT_WITHDRAWN : 0u) |
	       (exc == EXC_GENERAL ? Q_GENERAL_EXCEPTION : 0u) |
	       (exc == EXC_URGENCY ? Q_SPECIAL_URGENCY : 0u) |
	       (s->phase == PHASE_PROPOSED ? Q_PROPOSED : 0u);
}

static void requirements(state *s)
{
	const dr_record *r = s->r;
	char p[128], path[128];
	unsigned holds = facts(s);
	for (int f = 0; f < F_COUNT; f++) {
		const dr_field_info *fi = &dr_fields[f];
		unsigned when = dr_reqs[fi->req].when;
		if (!when || (holds & when) != when)
			continue;
		const dr_node *v = r->raw[f];
		if (!r->key[f] && r->hint[f])
			continue; /* an unknown key that means it was reported */
		if (!r->key[f]) {
			dr_field_path(f, path, sizeof(path));
			/* At the mapping it belongs in, when the record has one
			 * (dates:, forward_plan:), else at the record's start. */
			int up = fi->parent;
			dr_pos where = up != F_ROOT && r->key[up] ? r->key[up]->pos : r->start;
			dr_diag_add(s->d, DR_RULE_MISSING_FIELD, where, ptr(f, p), NULL,
			            "missing field '%s': %s", path, dr_reqs[fi->req].why);
			continue;
		}
		int blank =
		    dr_node_is_null(v) || (v->type == DR_SCALAR && dr_blank(v->u.scalar.s) &&
		                           (fi->type == T_LINE || fi->type == T_MD));
		if (!blank)
			continue;
		dr_field_path(f, path, sizeof(path));
		if (fi->type == T_LINE || fi->type == T_MD)
			dr_diag_add(s->d, DR_RULE_EMPTY_FIELD, at(s, f), ptr(f, p), NULL,
			            "'%s' is blank: %s", path, dr_reqs[fi->req].why);
		else if (fi->type == T_LIST || fi->type == T_STRLIST)
			dr_diag_add(s->d, DR_RULE_EMPTY_FIELD, at(s, f), ptr(f, p), "[]",
			            "'%s' is blank; write [] to state that %s", path,
			            f == F_INTERESTS ? "none were declared" : "there are none");
		else
			dr_diag_add(s->d, DR_RULE_MISSING_FIELD, at(s, f), ptr(f, p), NULL,
			            "'%s' has no value: %s", path, dr_reqs[fi->req].why);
	}
}

static void reference(state *s)
{
	const dr_node *v = s->r->val[F_REFERENCE];
	const dr_config *cfg = s->c->cfg;
	char p[128];
	if (!v || dr_blank(v->u.scalar.s))
		return;
	if (regexec(&cfg->reference_re, v->u.scalar.s, 0, NULL, 0) != 0)
		dr_diag_add(s->d, DR_RULE_REFERENCE_FORMAT, v->pos, ptr(F_REFERENCE, p), NULL,
		            "reference '%s' does not match the pattern %s %s", v->u.scalar.s,
		            cfg->reference_pattern,
		            cfg->path &&
		                    strcmp(cfg->reference_pattern, DR_DEFAULT_REFERENCE_PATTERN)
		                ? "set in the config"
		                : "(two-digit year, '/', five digits, as in 24/00058)");
}

/* ---- dates ----------------------------------------------------------------- */

static int32_t D(const state *s, int f)
{
	return s->r->date[f];
}

/* date-order: `a` must come before `b` (or on the same day when `same`). */
static void order(state *s, int a, int b, int same, int report, const char *text)
{
	char x[24], y[24], p[128];
	if (D(s, a) == DR_NO_DATE || D(s, b) == DR_NO_DATE)
		return;
	if (D(s, a) < D(s, b) || (same && D(s, a) == D(s, b)))
		return;
	dr_diag_add(s->d, DR_RULE_DATE_ORDER, at(s, report), ptr(report, p), NULL, text,
	            dr_date_short(x, D(s, a)), dr_date_short(y, D(s, b)));
}

static void date_order(state *s)
{
	int call_in = s->r->flag[F_SUBJECT_TO_CALL_IN];
	order(s, F_FP_FIRST_PUBLISHED, F_DATES_DECISION, 0, F_FP_FIRST_PUBLISHED,
	      "the forward plan notice (first published %s) must come before the decision (%s)");
	order(s, F_FP_FIRST_PUBLISHED, F_FP_ADDED, 1, F_FP_ADDED,
	      "the item was first published on %s, so it cannot have been added to an edition "
	      "of the forward plan before that (%s)");
	order(s, F_FP_EXCEPTION_NOTICE, F_DATES_DECISION, 0, F_FP_EXCEPTION_NOTICE,
	      "the general exception notice (%s) must come before the decision (%s)");
	order(s, F_COMMITTEE_DATE, F_DATES_DECISION, 1, F_COMMITTEE_DATE,
	      "the cabinet committee (%s) must meet on or before the decision (%s)");
	order(s, F_DATES_DECISION, F_DATES_PUBLISHED, 1, F_DATES_PUBLISHED,
	      "a decision (%s) cannot be published (%s) before it is taken");
	if (call_in == 1)
		order(s, F_DATES_PUBLISHED, F_DATES_EFFECTIVE, 0, F_DATES_EFFECTIVE,
		      "a decision subject to call-in takes effect after publication (%s), "
		      "not on %s");
	else if (call_in == 0)
		order(s, F_DATES_DECISION, F_DATES_EFFECTIVE, 1, F_DATES_EFFECTIVE,
		      "a decision (%s) cannot take effect (%s) before it is taken");
}

static void call_in_window(state *s)
{
	const dr_config *cfg = s->c->cfg;
	int32_t pub = D(s, F_DATES_PUBLISHED), eff = D(s, F_DATES_EFFECTIVE), deadline, expected;
	int year;
	char a[24], b[24], c[24], iso[24], dl[24], n[16], p[128];
	if (s->r->flag[F_SUBJECT_TO_CALL_IN] != 1 || pub == DR_NO_DATE || eff == DR_NO_DATE)
		return;
	if (dr_date_call_in(&deadline, &expected, cfg, pub, &year)) {
		coverage(s, F_DATES_PUBLISHED, year,
		         "the call-in period after this publication date");
		return;
	}
	if (eff == expected)
		return;
	dr_diag_add(s->d, DR_RULE_CALL_IN_WINDOW, at(s, F_DATES_EFFECTIVE),
	            ptr(F_DATES_EFFECTIVE, p), dr_date_iso(iso, expected),
	            "effective date %s breaks the call-in rule: expected %s, the %s after the %s "
	            "working day after publication on %s (call-in deadline %s %s)",
	            dr_date_short(a, eff), dr_date_short(b, expected),
	            cfg->effective_next_working ? "first working day" : "day",
	            ordinal(cfg->call_in_days, n), dr_date_short(c, pub), dr_date_dayname(deadline),
	            dr_date_short(dl, deadline));
}

/* key-decision-notice: a made key decision's date, or a proposed one's due
 * date (caught while it can still be moved), against the earliest lawful
 * date of its notice. */
static void key_notice(state *s)
{
	const dr_config *cfg = s->c->cfg;
	const dr_record *r = s->r;
	int proposed = s->phase == PHASE_PROPOSED;
	int f = proposed ? F_DATES_DUE : F_DATES_DECISION;
	int32_t dec = D(s, f), fp = D(s, F_FP_FIRST_PUBLISHED);
	int32_t notice = D(s, F_FP_EXCEPTION_NOTICE);
	const char *when = proposed ? "due" : "taken", *was = proposed ? "is" : "was";
	char a[24], b[24], e[24], iso[24], p[128];
	if (!(s->made || proposed) || r->flag[F_KEY_DECISION] != 1 || dec == DR_NO_DATE)
		return;
	if (r->num[F_FP_EXCEPTION] == EXC_URGENCY)
		return; /* reg 11: no notice period; urgency_agreed_by is required instead */
	if (fp != DR_NO_DATE && dec - fp - 1 >= cfg->notice_clear_days)
		return;
	if (r->num[F_FP_EXCEPTION] == EXC_GENERAL) {
		int32_t earliest;
		int year;
		if (notice == DR_NO_DATE)
			return; /* missing-field or bad-date already says so */
		if (dr_date_earliest_exception(&earliest, cfg, notice, &year)) {
			coverage(s, F_FP_EXCEPTION_NOTICE, year, "the general exception period");
			return;
		}
		if (dec >= earliest)
			return;
		dr_diag_add(s->d, DR_RULE_KEY_DECISION_NOTICE, at(s, f), ptr(f, p),
		            dr_date_iso(iso, earliest),
		            "key decision %s on %s, too soon after the general exception notice "
		            "of %s: reg 10 needs %d clear %s days, so the earliest lawful date %s "
		            "%s",
		            when, dr_date_short(a, dec), dr_date_short(b, notice),
		            cfg->exception_clear_days,
		            cfg->exception_calendar ? "calendar" : "working", was,
		            dr_date_short(e, earliest));
		return;
	}
	if (fp == DR_NO_DATE)
		return;
	int32_t earliest = dr_date_earliest_key_decision(cfg, fp);
	dr_diag_add(s->d, DR_RULE_KEY_DECISION_NOTICE, at(s, f), ptr(f, p),
	            dr_date_iso(iso, earliest),
	            "key decision %s on %s with %d clear days' notice (first published %s); "
	            "%d are required, so the earliest lawful date %s %s, unless a general "
	            "exception or special urgency applies",
	            when, dr_date_short(a, dec), dec - fp - 1 < 0 ? 0 : (int)(dec - fp - 1),
	            dr_date_short(b, fp), cfg->notice_clear_days, was, dr_date_short(e, earliest));
}

static void late_publication(state *s)
{
	int32_t dec = D(s, F_DATES_DECISION), pub = D(s, F_DATES_PUBLISHED);
	int n, year;
	char a[24], b[24], p[128];
	if (!s->made || dec == DR_NO_DATE || pub == DR_NO_DATE || pub <= dec)
		return;
	if (s->d->severity && s->d->severity[DR_RULE_LATE_PUBLICATION] == DR_OFF)
		return;
	if (dr_calendar_between(&s->c->cfg->cal, dec, pub + 1, &n, &year)) {
		coverage(s, F_DATES_PUBLISHED, year, "the time from decision to publication");
		return;
	}
	if (n > s->c->cfg->publication_within)
		dr_diag_add(s->d, DR_RULE_LATE_PUBLICATION, at(s, F_DATES_PUBLISHED),
		            ptr(F_DATES_PUBLISHED, p), NULL,
		            "published %s, %d working days after the decision of %s; the record "
		            "should be published within %d",
		            dr_date_short(a, pub), n, dr_date_short(b, dec),
		            s->c->cfg->publication_within);
}

static void future(state *s)
{
	static const int fields[] = {F_DATES_DECISION, F_DATES_PUBLISHED};
	char a[24], b[24], p[128];
	if (!s->made || !s->c->opt)
		return;
	for (int i = 0; i < 2; i++) {
		int f = fields[i];
		if (D(s, f) != DR_NO_DATE && D(s, f) > s->c->opt->today)
			dr_diag_add(s->d, DR_RULE_FUTURE_DATE, at(s, f), ptr(f, p), NULL,
			            "%s date %s is after today (%s), but the record says the "
			            "decision has been made",
			            f == F_DATES_DECISION ? "decision" : "publication",
			            dr_date_short(a, D(s, f)), dr_date_short(b, s->c->opt->today));
	}
}

/* overdue: a proposed record whose due date has passed was taken and not
 * recorded, or slipped without a new date. */
static void overdue(state *s)
{
	int32_t due = D(s, F_DATES_DUE);
	char a[24], b[24], p[128];
	if (s->phase != PHASE_PROPOSED || !s->c->opt || due == DR_NO_DATE ||
	    due >= s->c->opt->today)
		return;
	dr_diag_add(s->d, DR_RULE_OVERDUE, at(s, F_DATES_DUE), ptr(F_DATES_DUE, p), NULL,
	            "the due date %s has passed (today is %s) and the record is still "
	            "proposed: record the decision, or give the new date",
	            dr_date_short(a, due), dr_date_short(b, s->c->opt->today));
}

/* ---- other rules -------------------------------------------------------- */

/* plan-restriction: a record not for publication whose forward plan says
 * (or, giving no restriction, means) that the report is open. A record
 * without a forward_plan mapping has no plan entry to contradict. */
static void plan_restriction(state *s)
{
	const dr_record *r = s->r;
	const dr_node *raw = r->raw[F_FP_RESTRICTION];
	char p[128];
	if (r->flag[F_FOR_PUBLICATION] != 0 || !r->val[F_FORWARD_PLAN])
		return;
	if (r->num[F_FP_RESTRICTION] == RESTR_OPEN) {
		dr_diag_add(s->d, DR_RULE_PLAN_RESTRICTION, at(s, F_FP_RESTRICTION),
		            ptr(F_FP_RESTRICTION, p), NULL,
		            "the forward plan gives the report as open, but the record is not for "
		            "publication (for_publication: no): write part-exempt or fully-exempt");
		return;
	}
	if ((raw && !dr_node_is_null(raw)) || (!raw && r->hint[F_FP_RESTRICTION]))
		return; /* exempt, or a wrong value or a misspelt key reported already */
	dr_diag_add(s->d, DR_RULE_PLAN_RESTRICTION, at(s, F_FOR_PUBLICATION),
	            ptr(F_FOR_PUBLICATION, p), NULL,
	            "the record is not for publication, but its forward plan gives no "
	            "restriction, which means open: add forward_plan.restriction: "
	            "part-exempt or fully-exempt");
}

static void call_in_exemption(state *s)
{
	const dr_record *r = s->r;
	char p[128];
	if (!s->made || r->flag[F_SUBJECT_TO_CALL_IN] != 0)
		return;
	const dr_node *v = r->val[F_CIE_REASON];
	if ((v && !dr_blank(v->u.scalar.s)) || (!r->key[F_CIE_REASON] && r->hint[F_CIE_REASON]))
		return;
	dr_diag_add(s->d, DR_RULE_CALL_IN_EXEMPTION,
	            r->key[F_CIE_REASON] ? at(s, F_CIE_REASON) : r->start, ptr(F_CIE_REASON, p),
	            NULL,
	            "the decision is not subject to call-in but call_in_exemption.reason does not "
	            "say why (urgency, an officer decision...); the register must give the reason");
}

static void exempt_paragraph(state *s)
{
	const dr_record *r = s->r;
	char p[128];
	if (r->flag[F_FOR_PUBLICATION] != 0)
		return;
	long n = r->num[F_EXEMPT_PARAGRAPH];
	if (r->val[F_EXEMPT_PARAGRAPH] && n >= 1 && n <= 7)
		return;
	if (!r->key[F_EXEMPT_PARAGRAPH] && r->hint[F_EXEMPT_PARAGRAPH])
		return; /* unknown-field names the misspelt key */
	if (r->raw[F_EXEMPT_PARAGRAPH] && !r->val[F_EXEMPT_PARAGRAPH] &&
	    !dr_node_is_null(r->raw[F_EXEMPT_PARAGRAPH]))
		return; /* wrong-type said it */
	if (r->val[F_EXEMPT_PARAGRAPH])
		dr_diag_add(s->d, DR_RULE_EXEMPT_PARAGRAPH, at(s, F_EXEMPT_PARAGRAPH),
		            ptr(F_EXEMPT_PARAGRAPH, p), NULL,
		            "exempt_paragraph %ld is not a paragraph of Schedule 12A to the Local "
		            "Government Act 1972 (1 to 7)",
		            n);
	else
		dr_diag_add(s->d, DR_RULE_EXEMPT_PARAGRAPH, r->start, ptr(F_EXEMPT_PARAGRAPH, p),
		            NULL,
		            "the record is not for publication, so exempt_paragraph must give the "
		            "paragraph of Schedule 12A (1 to 7) that exempts it");
}

/* Whether a relative link is a web address written without its scheme:
 * "www.council.gov.uk/x.pdf", or a first segment that ends in a common
 * top-level domain ("council.gov.uk/x.pdf"). */
static int scheme_missing(const char *h)
{
	static const char *const tld[] = {".uk",   ".com",   ".org",   ".net", ".gov", ".info",
	                                  ".scot", ".wales", ".cymru", ".eu",  ".io"};
	size_t n = strcspn(h, "/?#");
	if (!strncmp(h, "www.", 4) && n > 4)
		return 1;
	if (h[n] != '/' || !memchr(h, '.', n))
		return 0;
	for (size_t i = 0; i < sizeof(tld) / sizeof(*tld); i++) {
		size_t t = strlen(tld[i]);
		if (n > t && !strncasecmp(h + n - t, tld[i], t))
			return 1;
	}
	return 0;
}

/* The directory relative links of the record file `path` start from: the
 * file's real directory; for a name not on disk (--stdin-filename), the
 * directory it names; for standard input (NULL), the current directory. */
static void record_dir(char *dir, size_t size, const char *path)
{
	char *abs = path ? realpath(path, NULL) : NULL;
	const char *slash = abs ? strrchr(abs, '/') : NULL;
	if (slash) {
		snprintf(dir, size, "%.*s", slash == abs ? 1 : (int)(slash - abs), abs);
		free(abs);
		return;
	}
	slash = path ? strrchr(path, '/') : NULL;
	if (slash) {
		snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
		abs = realpath(dir, NULL);
		if (abs && strlen(abs) < size) {
			memcpy(dir, abs, strlen(abs) + 1);
			free(abs);
			return;
		}
		free(abs);
	}
	if (!getcwd(dir, size))
		snprintf(dir, size, ".");
}

int dr_document_resolve(char **rel, char **real, const dr_config *cfg, const char *path,
                        const char *href)
{
	char dir[PATH_MAX], full[PATH_MAX + 64];
	const char *root = cfg->root;
	*rel = *real = NULL;
	if (dr_url_classify(href) != DR_URL_RELATIVE)
		return DR_EINVAL;
	record_dir(dir, sizeof(dir), path);
	size_t hl = strcspn(href, "#?");
	if (strlen(dir) + 1 + hl >= sizeof(full))
		return DR_EINVAL; /* cut short, it could name another file */
	snprintf(full, sizeof(full), "%s/%.*s", dir, (int)hl, href);
	dr_path_normalise(full);
	if (!dr_path_within(root, full) || !strcmp(root, full))
		return DR_EINVAL;
	/* The same tests as document(): a regular file, inside even after
	 * symbolic links are followed. */
	char *r = realpath(full, NULL);
	struct stat st;
	if (!r)
		return errno == ENOMEM ? DR_ENOMEM : DR_EINVAL;
	if (!dr_path_within(root, r) || stat(r, &st) || !S_ISREG(st.st_mode)) {
		free(r);
		return DR_EINVAL;
	}
	*rel = strdup(full + strlen(root) + (strcmp(root, "/") != 0));
	if (!*rel) {
		free(r);
		return DR_ENOMEM;
	}
	*real = r;
	return 0;
}

static void document(state *s, const dr_node *item, size_t index)
{
	const dr_node *v = dr_node_get(item, "href");
	const char *h = dr_node_str(v);
	char p[64], full[PATH_MAX + 64];
	if (!h || dr_blank(h) || v->type != DR_SCALAR || dr_node_is_null(v))
		return;
	snprintf(p, sizeof(p), "/documents/%zu/href", index);
	switch (dr_url_classify(h)) {
	case DR_URL_WEB:
		return;
	case DR_URL_BAD_WEB:
		dr_diag_add(s->d, DR_RULE_DOCUMENT_PATH, v->pos, p, NULL,
		            "'%s' is not a complete web address (http(s)://host/...)", h);
		return;
	case DR_URL_UNSAFE:
		dr_diag_add(s->d, DR_RULE_DOCUMENT_PATH, v->pos, p, NULL,
		            "'%s' is neither an http(s) address nor a path in the repository; "
		            "other kinds of link are refused because they are unsafe or break "
		            "once published",
		            h);
		return;
	case DR_URL_ABSOLUTE:
		dr_diag_add(
		    s->d, DR_RULE_DOCUMENT_PATH, v->pos, p, NULL,
		    "'%s' is an absolute path; give the path relative to the record file so "
		    "the repository works wherever it is cloned",
		    h);
		return;
	case DR_URL_RELATIVE:
		break;
	}
	const char *root = s->c->cfg->root;
	/* The record's directory, found only now: few records link documents. */
	char dir[PATH_MAX];
	record_dir(dir, sizeof(dir), s->c->path);
	size_t hl = strcspn(h, "#?");
	snprintf(full, sizeof(full), "%s/%.*s", dir, (int)hl, h);
	dr_path_normalise(full);
	if (!dr_path_within(root, full)) {
		dr_diag_add(s->d, DR_RULE_DOCUMENT_PATH, v->pos, p, NULL,
		            "'%s' points outside the repository; "
		            "documents must be kept with the records",
		            h);
		return;
	}
	char *real = realpath(full, NULL);
	if (!real && scheme_missing(h)) {
		char web[PATH_MAX + 16];
		snprintf(web, sizeof(web), "https://%s", h);
		dr_diag_add(s->d, DR_RULE_DOCUMENT_MISSING, v->pos, p, web,
		            "document '%s' is not a file in the repository; it looks like a web "
		            "address without its https://, so write %s",
		            h, web);
		return;
	}
	if (!real) {
		dr_diag_add(s->d, DR_RULE_DOCUMENT_MISSING, v->pos, p, NULL,
		            "document '%s' does not exist (looked for %s in the repository)", h,
		            full + strlen(root) + (strcmp(root, "/") != 0));
		return;
	}
	struct stat st;
	if (stat(real, &st) == 0 && !S_ISREG(st.st_mode))
		dr_diag_add(s->d, DR_RULE_DOCUMENT_MISSING, v->pos, p, NULL,
		            "'%s' is a directory, not a document", h);
	else if (!dr_path_within(root, real))
		dr_diag_add(s->d, DR_RULE_DOCUMENT_PATH, v->pos, p, NULL,
		            "'%s' leads outside the repository through a symbolic link", h);
	free(real);
}

/* raw-html for Markdown field f, in entry `item` of its list (or -1). */
static void raw_html_in(state *s, const dr_node *v, int f, long item)
{
	char html[48], p[128], name[128];
	if (!v || v->type != DR_SCALAR ||
	    !dr_md_raw_html(v->u.scalar.s, v->u.scalar.len, html, sizeof(html)))
		return;
	dr_pos pos = v->pos;
	if (pos.end_line > pos.line)
		pos = (dr_pos){pos.line, pos.col, pos.line, pos.col + 1};
	if (item < 0) {
		ptr(f, p);
		dr_field_path(f, name, sizeof(name));
	} else {
		const char *list = dr_fields[dr_fields[f].parent].key, *key = dr_fields[f].key;
		snprintf(p, sizeof(p), "/%s/%ld/%s", list, item, key);
		snprintf(name, sizeof(name), "%s[%ld].%s", list, item, key);
	}
	dr_diag_add(s->d, DR_RULE_RAW_HTML, pos, p, NULL,
	            "'%s' holds raw HTML (%s), which HTML output drops for safety; write it "
	            "in Markdown instead (**bold**, [text](https://...))",
	            name, html);
}

static int in_list(int f)
{
	return dr_fields[f].parent != F_ROOT && dr_fields[dr_fields[f].parent].type == T_LIST;
}

/* Markdown fields (raw-html) and list entries (documents). */
static void lists(state *s)
{
	const dr_record *r = s->r;
	for (int f = 0; f < F_COUNT; f++)
		if (dr_fields[f].type == T_MD && !in_list(f))
			raw_html_in(s, r->val[f], f, -1);
	static const int listf[] = {F_INTERESTS, F_SECTIONS, F_DOCUMENTS};
	for (int i = 0; i < 3; i++) {
		const dr_node *l = r->val[listf[i]];
		for (size_t k = 0; l && k < l->u.seq.n; k++) {
			const dr_node *it = l->u.seq.items[k];
			if (it->type != DR_MAP)
				continue;
			if (listf[i] == F_DOCUMENTS)
				document(s, it, k);
			for (int f = 0; f < F_COUNT; f++)
				if (dr_fields[f].parent == listf[i] && dr_fields[f].type == T_MD)
					raw_html_in(s, dr_node_get(it, dr_fields[f].key), f,
					            (long)k);
		}
	}
}

int dr_check_record(const dr_record *r, const dr_check_ctx *c, dr_diags *d)
{
	state s = {.r = r, .c = c, .d = d};
	s.phase = status_phase(&s);
	s.made = s.phase == PHASE_MADE || s.phase == PHASE_CALLED_IN;
	requirements(&s); /* an unknown phase still has what is always due */
	reference(&s);
	date_order(&s);
	call_in_window(&s);
	key_notice(&s);
	late_publication(&s);
	future(&s);
	overdue(&s);
	call_in_exemption(&s);
	exempt_paragraph(&s);
	plan_restriction(&s);
	lists(&s);
	return s.phase;
}
