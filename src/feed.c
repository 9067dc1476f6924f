/* The site's two feeds, made from the records' public views: Atom for feed
 * readers, iCalendar for calendars. Values are read only through the keys
 * view.c always sets, so an exempt record gives only its register facts. */
#include "feed.h"

#include "date.h"
#include "decrec.h"
#include "escape.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATOM_ENTRIES 50

const char *dr_item_str(const dr_value *v, const char *path)
{
	while (v && v->type == DR_V_MAP) {
		size_t len = strcspn(path, ".");
		v = dr_value_get(v, path, len);
		if (!path[len])
			return v && v->type == DR_V_STR ? v->u.str.s : NULL;
		path += len + 1;
	}
	return NULL;
}

int dr_item_flag(const dr_value *v, const char *path)
{
	while (v && v->type == DR_V_MAP) {
		size_t len = strcspn(path, ".");
		v = dr_value_get(v, path, len);
		if (!path[len])
			return v && v->type == DR_V_BOOL ? v->u.b != 0 : -1;
		path += len + 1;
	}
	return -1;
}

char *dr_site_page_url(const dr_site_info *s, const char *slug)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f)
		return NULL;
	fprintf(f, "%s/decisions/", s->base_url);
	dr_escape_uri_path(f, slug);
	fputc('/', f);
	int bad = ferror(f);
	if ((fclose(f) || bad) && mem) {
		free(mem);
		mem = NULL;
	}
	return mem;
}

/* The host of the base URL, lower case, without user or port: what names
 * the site in entry ids and event UIDs. */
static void host_of(char *buf, size_t cap, const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	const char *end = p + strcspn(p, "/?#");
	const char *at = memchr(p, '@', (size_t)(end - p));
	if (at)
		p = at + 1;
	const char *colon = *p == '[' ? memchr(p, ']', (size_t)(end - p)) : p;
	colon = colon ? memchr(colon, ':', (size_t)(end - colon)) : NULL;
	if (colon)
		end = colon;
	size_t n = 0;
	for (; p < end && n + 1 < cap; p++)
		buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	buf[n] = '\0';
	if (!n)
		snprintf(buf, cap, "invalid");
}

/* The authority an entry is by: the record's, the config's, or the site. */
static const char *author(const dr_config *cfg, const dr_site_info *s, const dr_value *it)
{
	const char *a = dr_item_str(it, "authority");
	return a ? a : cfg->authority ? cfg->authority : s->title;
}

/* ---- Atom ---------------------------------------------------------------- */

typedef struct dated {
	char day[16]; /* YYYY-MM-DD */
	size_t i;
} dated;

static const dr_value *array_at(void *ctx, size_t i)
{
	return ((dr_value *const *)ctx)[i];
}

dr_views dr_views_array(dr_value *const *items, size_t n)
{
	return (dr_views){array_at, (void *)items, n};
}

/* Latest first; on the same day, in the order given (newest first). */
static int dated_cmp(const void *x, const void *y)
{
	const dated *a = x, *b = y;
	int c = strcmp(b->day, a->day);
	return c ? c : a->i < b->i ? -1 : a->i > b->i;
}

static void xml_element(FILE *f, const char *indent, const char *name, const char *text)
{
	fprintf(f, "%s<%s>", indent, name);
	dr_escape_xml(f, text, 0);
	fprintf(f, "</%s>\n", name);
}

/* Writes an entry's summary: the record's summary, else its public
 * summary (all an exempt record's public view has), Markdown as written;
 * else the register's facts. */
static void atom_summary(FILE *f, const dr_value *it)
{
	const char *text = dr_item_str(it, "summary");
	if (!text)
		text = dr_item_str(it, "public_summary");
	fputs("    <summary type=\"text\">", f);
	if (text) {
		dr_escape_xml(f, text, 0);
	} else {
		const char *st = dr_item_str(it, "status"), *dm = dr_item_str(it, "decision_maker");
		dr_escape_xml(f, st ? st : "Published", 0);
		if (dm) {
			fputs(": ", f);
			dr_escape_xml(f, dm, 0);
		}
		fputc('.', f);
	}
	fputs("</summary>\n", f);
}

/* An entry's id is a tag URI (RFC 4151) of the site's host, a fixed date
 * and the reference: nothing a later edit of the record changes. */
static void tag_id(FILE *f, const char *host, const char *what)
{
	fputs("tag:", f);
	dr_escape_xml(f, host, 0);
	fputs(",2024:decisions", f);
	if (what) {
		fputc('/', f);
		dr_escape_uri_path(f, what); /* the rest of the id as URI characters */
	}
}

int dr_feed_atom(dr_buf *out, const dr_config *cfg, const dr_site_info *s, const dr_views *v)
{
	char host[256], stamp[24];
	host_of(host, sizeof(host), s->base_url);
	dated *pick = malloc((v->n ? v->n : 1) * sizeof(*pick));
	char *mem = NULL;
	size_t len = 0, k = 0;
	FILE *f = pick ? open_memstream(&mem, &len) : NULL;
	if (!f) {
		free(pick);
		return -1;
	}
	int bad = 0;
	for (size_t i = 0; i < v->n && !bad; i++) {
		const dr_value *it = v->at(v->ctx, i);
		const char *day = it ? dr_item_str(it, "dates.published_iso") : NULL;
		bad = !it;
		if (day && strlen(day) < sizeof(pick->day) && dr_item_str(it, "reference")) {
			strcpy(pick[k].day, day);
			pick[k++].i = i;
		}
	}
	qsort(pick, k, sizeof(*pick), dated_cmp);
	if (k > ATOM_ENTRIES)
		k = ATOM_ENTRIES;

	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
	      f);
	fputs("  <id>", f);
	tag_id(f, host, NULL);
	fputs("</id>\n", f);
	xml_element(f, "  ", "title", s->title);
	if (k) {
		fprintf(f, "  <updated>%sT00:00:00Z</updated>\n", pick[0].day);
	} else {
		int32_t day = (int32_t)(s->now >= 0 ? s->now / 86400 : (s->now - 86399) / 86400);
		fprintf(f, "  <updated>%sT00:00:00Z</updated>\n", dr_date_iso(stamp, day));
	}
	fputs("  <link rel=\"self\" type=\"application/atom+xml\" href=\"", f);
	dr_escape_xml(f, s->base_url, 1);
	fputs("/feeds/decisions.atom\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"", f);
	dr_escape_xml(f, s->base_url, 1);
	fputs("/\"/>\n  <author>\n", f);
	xml_element(f, "    ", "name", cfg->authority ? cfg->authority : s->title);
	fputs("  </author>\n  <generator version=\"" DR_VERSION "\">decrec</generator>\n", f);

	for (size_t e = 0; e < k && !bad; e++) {
		const dr_value *it = v->at(v->ctx, pick[e].i);
		if (!it) {
			bad = 1;
			break;
		}
		const char *ref = dr_item_str(it, "reference"), *title = dr_item_str(it, "title");
		const char *slug = dr_item_str(it, "reference_slug");
		char *url = dr_site_page_url(s, slug ? slug : ref);
		if (!url) {
			bad = 1;
			break;
		}
		fputs("  <entry>\n    <id>", f);
		tag_id(f, host, ref);
		fputs("</id>\n    <title type=\"text\">", f);
		dr_escape_xml(f, ref, 0);
		if (title) {
			fputs(" - ", f);
			dr_escape_xml(f, title, 0);
		}
		fputs("</title>\n", f);
		fprintf(f, "    <updated>%sT00:00:00Z</updated>\n", pick[e].day);
		fputs("    <link rel=\"alternate\" type=\"text/html\" href=\"", f);
		dr_escape_xml(f, url, 1);
		fputs("\"/>\n", f);
		free(url);
		atom_summary(f, it);
		fputs("    <author>\n", f);
		xml_element(f, "      ", "name", author(cfg, s, it));
		fputs("    </author>\n  </entry>\n", f);
	}
	fputs("</feed>\n", f);
	free(pick);
	bad |= dr_buf_add_stream(out, f, &mem, &len);
	return bad ? -1 : 0;
}

/* ---- iCalendar ------------------------------------------------------------ */

typedef struct ics {
	dr_buf *out;
	dr_buf line; /* the content line being written, unfolded */
} ics;

/* Ends the content line: written to out folded at 75 octets (RFC 5545
 * 3.1), a fold never inside a UTF-8 sequence, each line ending CRLF. */
static void ics_end(ics *c)
{
	const char *s = c->line.p ? c->line.p : "";
	size_t n = c->line.len, i = 0, room = 75;
	while (n - i > room) {
		size_t cut = i + room;
		while (cut > i && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		dr_buf_add(c->out, s + i, cut - i);
		dr_buf_puts(c->out, "\r\n ");
		i = cut;
		room = 74; /* after the space that marks a continuation */
	}
	dr_buf_add(c->out, s + i, n - i);
	dr_buf_puts(c->out, "\r\n");
	c->line.len = 0;
	c->out->failed |= c->line.failed;
}

/* A whole content line of literal text. */
static void ics_put(ics *c, const char *text)
{
	dr_buf_puts(&c->line, text);
	ics_end(c);
}

/* Appends s as a TEXT value (RFC 5545 3.3.11): \ ; , escaped, each line
 * break (CRLF, CR or LF) as \n; other control characters, which TEXT
 * cannot hold, dropped; invalid UTF-8 as U+FFFD. */
static void ics_text(ics *c, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned ch = *p;
		size_t len = 1;
		if (ch == '\\' || ch == ';' || ch == ',') {
			dr_buf_putc(&c->line, '\\');
			dr_buf_putc(&c->line, (char)ch);
		} else if (ch == '\r' || ch == '\n') {
			dr_buf_puts(&c->line, "\\n");
			len = ch == '\r' && p[1] == '\n' ? 2 : 1;
		} else if (ch >= 0x80) {
			len = dr_utf8_len(p, 4); /* the NUL ending s stops it */
			if (len)
				dr_buf_add(&c->line, (const char *)p, len);
			else
				dr_buf_puts(&c->line, "\xEF\xBF\xBD");
			len = len ? len : 1;
		} else if (ch >= 0x20 && ch != 0x7F) {
			dr_buf_putc(&c->line, (char)ch);
		} else if (ch == '\t') {
			dr_buf_putc(&c->line, '\t');
		}
		p += len;
	}
}

/* NAME:value, the value as TEXT. */
static void ics_prop(ics *c, const char *name, const char *text)
{
	dr_buf_puts(&c->line, name);
	dr_buf_putc(&c->line, ':');
	ics_text(c, text);
	ics_end(c);
}

/* "20240719" of "2024-07-19". */
static void compact(char out[9], const char *iso)
{
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = '\0';
}

/* Europe/London as its rules have stood since 1996: the last Sunday of
 * March at 01:00 UTC to BST, of October at 01:00 UTC back to GMT. */
static const char *const london[] = {
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "X-LIC-LOCATION:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZNAME:BST",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "DTSTART:19960331T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZNAME:GMT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
};

typedef struct event {
	const char *uid_kind; /* "call-in" or "due" */
	const char *day; /* YYYY-MM-DD */
	const char *time; /* "HH:MM" local time, or NULL for all day */
	const char *summary_head; /* before "REF - title" */
	const char *description;
} event;

/* One VEVENT of item `it`. */
static void ics_event(ics *c, const dr_site_info *s, const char *host, const char *stamp,
                      const dr_value *it, const event *e)
{
	const char *ref = dr_item_str(it, "reference"), *title = dr_item_str(it, "title");
	const char *slug = dr_item_str(it, "reference_slug");
	char d[9], next[24], *url = dr_site_page_url(s, slug ? slug : ref);
	int32_t day;
	if (!url || dr_date_parse(&day, e->day, strlen(e->day))) {
		c->out->failed = 1;
		free(url);
		return;
	}
	compact(d, e->day);
	ics_put(c, "BEGIN:VEVENT");
	dr_buf_printf(&c->line, "UID:%s-%s@%s", slug ? slug : ref, e->uid_kind, host);
	ics_end(c);
	dr_buf_printf(&c->line, "DTSTAMP:%s", stamp);
	ics_end(c);
	if (e->time) {
		dr_buf_printf(&c->line, "DTSTART;TZID=Europe/London:%sT%.2s%.2s00", d, e->time,
		              e->time + 3);
		ics_end(c);
	} else {
		dr_buf_printf(&c->line, "DTSTART;VALUE=DATE:%s", d);
		ics_end(c);
		compact(d, dr_date_iso(next, day + 1));
		dr_buf_printf(&c->line, "DTEND;VALUE=DATE:%s", d);
		ics_end(c);
	}
	dr_buf_printf(&c->line, "SUMMARY:%s", e->summary_head);
	ics_text(c, ref);
	if (title) {
		ics_text(c, " - ");
		ics_text(c, title);
	}
	ics_end(c);
	ics_prop(c, "DESCRIPTION", e->description);
	dr_buf_printf(&c->line, "URL:%s", url); /* a URI: not TEXT, not escaped */
	ics_end(c);
	ics_put(c, "TRANSP:TRANSPARENT");
	ics_put(c, "END:VEVENT");
	free(url);
}

/* The description of the call-in deadline of `it`. */
static void call_in_text(dr_buf *b, const dr_value *it, const char *closes_at)
{
	const char *dm = dr_item_str(it, "decision_maker");
	const char *keys[] = {"dates.published_iso", "call_in.deadline_iso",
	                      "call_in.effective_iso"};
	char when[3][24];
	for (int k = 0; k < 3; k++) {
		const char *iso = dr_item_str(it, keys[k]);
		int32_t day;
		if (!iso || dr_date_parse(&day, iso, strlen(iso)))
			snprintf(when[k], sizeof(when[k]), "?");
		else
			dr_date_long(when[k], day);
	}
	dr_buf_printf(b, "Decision %s", dr_item_str(it, "reference"));
	if (dm)
		dr_buf_printf(b, " of %s", dm);
	dr_buf_printf(b, ", published %s. The call-in period ends ", when[0]);
	if (closes_at)
		dr_buf_printf(b, "at %s on %s", closes_at, when[1]);
	else
		dr_buf_printf(b, "on %s", when[1]);
	dr_buf_printf(b, "; unless it is called in, the decision can be implemented from %s.",
	              when[2]);
}

/* The description of the due date of proposed key decision `it`. */
static void due_text(dr_buf *b, const dr_value *it)
{
	const char *dm = dr_item_str(it, "decision_maker"), *iso = dr_item_str(it, "dates.due_iso");
	char when[24];
	int32_t day;
	dr_buf_printf(b, "Key decision %s", dr_item_str(it, "reference"));
	if (dm)
		dr_buf_printf(b, ", to be taken by %s", dm);
	if (iso && !dr_date_parse(&day, iso, strlen(iso)))
		dr_buf_printf(b, ", due on %s.", dr_date_long(when, day));
	else
		dr_buf_putc(b, '.');
}

int dr_feed_ics(dr_buf *out, const dr_config *cfg, const dr_site_info *s, const dr_views *v)
{
	char host[256], stamp[24], ymd[24];
	ics c = {.out = out};
	dr_buf desc;
	dr_buf_init(&c.line, out->max);
	dr_buf_init(&desc, out->max);
	host_of(host, sizeof(host), s->base_url);
	int64_t secs = s->now % 86400;
	int32_t day = (int32_t)(s->now / 86400);
	if (secs < 0) {
		secs += 86400;
		day--;
	}
	dr_date_iso(ymd, day);
	compact(stamp, ymd);
	snprintf(stamp + 8, sizeof(stamp) - 8, "T%02d%02d%02dZ", (int)(secs / 3600),
	         (int)(secs / 60 % 60), (int)(secs % 60));

	ics_put(&c, "BEGIN:VCALENDAR");
	ics_put(&c, "VERSION:2.0");
	ics_put(&c, "PRODID:-//decrec//decrec " DR_VERSION "//EN");
	ics_put(&c, "CALSCALE:GREGORIAN");
	ics_put(&c, "METHOD:PUBLISH");
	ics_prop(&c, "X-WR-CALNAME", s->title);
	if (cfg->closes_at) {
		ics_put(&c, "X-WR-TIMEZONE:Europe/London");
		for (size_t i = 0; i < sizeof(london) / sizeof(*london); i++)
			ics_put(&c, london[i]);
	}
	int bad = 0;
	for (size_t i = 0; i < v->n && !bad; i++) {
		const dr_value *it = v->at(v->ctx, i);
		if (!it) {
			bad = 1;
			break;
		}
		const char *deadline = dr_item_str(it, "call_in.deadline_iso");
		const char *due = dr_item_str(it, "dates.due_iso");
		if (!dr_item_str(it, "reference"))
			continue;
		if (deadline && dr_item_str(it, "dates.published_iso") &&
		    dr_item_flag(it, "is_made") == 1 &&
		    dr_item_flag(it, "is_subject_to_call_in") == 1) {
			desc.len = 0;
			call_in_text(&desc, it, cfg->closes_at);
			event e = {"call-in", deadline, cfg->closes_at,
			           "Call-in deadline: ", desc.failed ? "" : desc.p};
			ics_event(&c, s, host, stamp, it, &e);
		}
		if (due && dr_item_flag(it, "is_proposed") == 1 &&
		    dr_item_flag(it, "is_key_decision") == 1) {
			desc.len = 0;
			due_text(&desc, it);
			event e = {"due", due, NULL,
			           "Key decision due: ", desc.failed ? "" : desc.p};
			ics_event(&c, s, host, stamp, it, &e);
		}
	}
	ics_put(&c, "END:VCALENDAR");
	bad |= out->failed || c.line.failed || desc.failed;
	dr_buf_free(&c.line);
	dr_buf_free(&desc);
	return bad ? -1 : 0;
}
