/* The site's feeds and data files (feed.c, export.c) from the public views
 * of real records (records/, tests/plan/, tests/render/exempt.yaml and
 * hostile.yaml): each file byte for byte against its golden file under
 * tests/feeds/, iCalendar folding at 75 octets around multi-byte
 * characters, escaping of hostile text, CRLF, CSV formula guards, no exempt
 * text, the Atom feed's 50 entries, the buffer cap; and tests/feeds.py,
 * which reads the files with feedparser, icalendar, jsonschema and csv.
 * DECREC_UPDATE_GOLDEN=1 rewrites the golden files from the current output
 * (then read the diff before committing). */
#include "tests.h"

#include "checker.h"
#include "date.h"
#include "export.h"
#include "feed.h"
#include "view.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The views of an array, as the writers take them. */
#define VIEWS(items, n) ((dr_views[]){dr_views_array((items), (n))})

#define MAX_ITEMS 128
#define OUT_CAP (16u << 20)

/* Public views of the records met, copied into one arena. */
typedef struct kept {
	const dr_config *cfg;
	dr_arena *a;
	dr_value *items[MAX_ITEMS];
	size_t n;
} kept;

static const char *const skip[] = {"labels", "labels_upper", "generator", NULL};

static void keep(void *ctx, const dr_record *r, const dr_diag *found, size_t n, dr_arena *a)
{
	(void)found, (void)n;
	kept *k = ctx;
	dr_value *v = dr_view_public(a, dr_view_new(a, r, k->cfg, 1, NULL), r);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_lt(k->n, MAX_ITEMS);
	k->items[k->n] = dr_value_copy(k->a, v, skip);
	ck_assert_ptr_nonnull(k->items[k->n]);
	k->n++;
}

/* The day an item is listed by: published, else due, else decided. */
static const char *item_day(const dr_value *v)
{
	static const char *const keys[] = {"dates.published_iso", "dates.due_iso",
	                                   "dates.decision_iso"};
	for (size_t i = 0; i < 3; i++)
		if (dr_item_str(v, keys[i]))
			return dr_item_str(v, keys[i]);
	return "";
}

/* Newest first, then by reference, as the site lists them. */
static int newest_first(const void *x, const void *y)
{
	const dr_value *a = *(dr_value *const *)x, *b = *(dr_value *const *)y;
	int c = strcmp(item_day(b), item_day(a));
	const char *ra = dr_item_str(a, "reference"), *rb = dr_item_str(b, "reference");
	return c ? c : strcmp(ra ? ra : "", rb ? rb : "");
}

/* Checks each file (or each *.yaml of each folder) of `paths` with the
 * config at cfg_path (NULL: the defaults), keeping the public views. */
static kept *load(const char *cfg_path, const char *const *paths)
{
	kept *k = calloc(1, sizeof(*k));
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(dr_config_load(&cfg, cfg_path, &err), 0);
	k->cfg = cfg;
	k->a = dr_arena_new((size_t)64 << 20);
	ck_assert_ptr_nonnull(k->a);
	dr_check_options co = {.today = dr_date_from_ymd(2024, 9, 2)};
	dr_checker *chk = dr_checker_new(cfg, &co);
	ck_assert_ptr_nonnull(chk);
	dr_checker_on_record(chk, keep, k);
	for (; *paths; paths++) {
		glob_t g;
		char pat[512];
		size_t len = strlen(*paths);
		if (len > 5 && !strcmp(*paths + len - 5, ".yaml"))
			snprintf(pat, sizeof(pat), "%s", *paths);
		else
			snprintf(pat, sizeof(pat), "%s/*.yaml", *paths);
		ck_assert_int_eq(glob(pat, 0, NULL, &g), 0);
		for (size_t i = 0; i < g.gl_pathc; i++) {
			dr_file *f = NULL;
			ck_assert_int_eq(dr_checker_check_path(&f, chk, g.gl_pathv[i], &err), 0);
			dr_file_free(f);
		}
		globfree(&g);
	}
	dr_checker_free(chk);
	qsort(k->items, k->n, sizeof(*k->items), newest_first);
	return k;
}

/* Checks records held in a string with the default config. */
static kept *load_text(const char *text)
{
	kept *k = calloc(1, sizeof(*k));
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	k->cfg = cfg;
	k->a = dr_arena_new((size_t)64 << 20);
	dr_check_options co = {.today = dr_date_from_ymd(2024, 9, 2)};
	dr_checker *chk = dr_checker_new(cfg, &co);
	ck_assert_ptr_nonnull(chk);
	dr_checker_on_record(chk, keep, k);
	dr_file *f = NULL;
	ck_assert_int_eq(dr_checker_check(&f, chk, "x.yaml", NULL, text, strlen(text)), 0);
	dr_file_free(f);
	dr_checker_free(chk);
	qsort(k->items, k->n, sizeof(*k->items), newest_first);
	return k;
}

static void kept_free(kept *k)
{
	dr_config_free((dr_config *)k->cfg);
	dr_arena_free(k->a);
	free(k);
}

/* The site's date: the newest record date at 00:00Z. */
static dr_site_info site_of(const kept *k)
{
	int32_t newest = 0, day;
	for (size_t i = 0; i < k->n; i++) {
		const char *d = item_day(k->items[i]);
		if (*d && !dr_date_parse(&day, d, strlen(d)) && day > newest)
			newest = day;
	}
	return (dr_site_info){.title = "Kent County Council: decisions",
	                      .base_url = "https://decisions.example.gov.uk",
	                      .now = (int64_t)newest * 86400};
}

typedef enum { ATOM, ICS, JSON, CSV, SCHEMA } kind;

/* The file of kind `w` for the records of k (malloc'd). */
static char *make(kind w, const kept *k, const dr_site_info *s)
{
	dr_buf b;
	dr_buf_init(&b, OUT_CAP);
	int rc = w == ATOM   ? dr_feed_atom(&b, k->cfg, s, VIEWS(k->items, k->n))
	         : w == ICS  ? dr_feed_ics(&b, k->cfg, s, VIEWS(k->items, k->n))
	         : w == JSON ? dr_export_json(&b, k->cfg, s, VIEWS(k->items, k->n))
	         : w == CSV  ? dr_export_csv(&b, s, VIEWS(k->items, k->n))
	                     : dr_export_schema(&b);
	ck_assert_int_eq(rc, 0);
	return dr_buf_take(&b, NULL);
}

/* tests/plan/records/16-july-items.yaml is left out: its 24/00099 is
 * exempt.yaml's reference. */
static const char *const fixtures[] = {"records",
                                       "tests/plan/records/24-*.yaml",
                                       "tests/plan/week",
                                       "tests/render/exempt.yaml",
                                       "tests/render/hostile.yaml",
                                       NULL};

/* Each file of the fixtures: with a council's config (call-in closing at
 * 17:00, so timed deadlines in Europe/London) and with the defaults (all
 * day deadlines). */
static const struct {
	const char *file, *config;
	kind what;
} goldens[] = {
    {"decisions.atom", "tests/plan/kent.yaml", ATOM},
    {"calendar.ics", "tests/plan/kent.yaml", ICS},
    {"calendar-allday.ics", NULL, ICS},
    {"decisions.json", "tests/plan/kent.yaml", JSON},
    {"decisions.csv", "tests/plan/kent.yaml", CSV},
    {"decisions.schema.json", NULL, SCHEMA},
};
#define N_GOLDENS (sizeof(goldens) / sizeof(*goldens))

START_TEST(golden)
{
	char path[256];
	kept *k = load(goldens[_i].config, fixtures);
	dr_site_info s = site_of(k);
	char *got = make(goldens[_i].what, k, &s);
	snprintf(path, sizeof(path), "tests/feeds/%s", goldens[_i].file);
	if (getenv("DECREC_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		fputs(got, f);
		ck_assert_int_eq(fclose(f), 0);
		fprintf(stderr, "check_feeds: rewrote %s\n", path);
	}
	char *want = read_text(path, NULL);
	ck_assert_msg(want != NULL, "cannot read %s", path);
	ck_assert_msg(!strcmp(got, want), "%s differs from the output", path);
	free(got);
	free(want);
	kept_free(k);
}
END_TEST

/* Every line break of s is CRLF (crlf) or LF alone (!crlf). */
static void assert_line_ends(const char *s, int crlf)
{
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\n')
			ck_assert_msg(crlf ? i > 0 && s[i - 1] == '\r' : i == 0 || s[i - 1] != '\r',
			              "line end at byte %zu", i);
		if (s[i] == '\r' && crlf)
			ck_assert_int_eq(s[i + 1], '\n');
	}
}

/* Line ends: CRLF in the calendar (RFC 5545) and the CSV (RFC 4180), LF in
 * the Atom and JSON; no exempt marker in any file, while the exempt
 * record's register entry and public summary are there. */
START_TEST(line_ends_and_no_exempt_text)
{
	kept *k = load("tests/plan/kent.yaml", fixtures);
	dr_site_info s = site_of(k);
	for (kind w = ATOM; w <= CSV; w++) {
		char *out = make(w, k, &s);
		assert_line_ends(out, w == ICS || w == CSV);
		ck_assert_ptr_null(strstr(out, "XEXEMPT"));
		ck_assert_ptr_nonnull(strstr(out, "24/00099"));
		free(out);
	}
	char *json = make(JSON, k, &s);
	ck_assert_ptr_nonnull(strstr(json,
	                             "      \"reference\": \"24/00099\",\n"
	                             "      \"title\": \"Disposal of a surplus depot site\",\n"));
	ck_assert_ptr_nonnull(strstr(json, "      \"exempt_paragraph\": \"3\",\n"));
	ck_assert_ptr_nonnull(strstr(json,
	                             "      \"summary\": null,\n      \"public_summary\": \"The "
	                             "Council has agreed to sell a surplus depot site. The "
	                             "price and the\\u000abuyer are exempt information.\",\n"));
	free(json);
	char *atom = make(ATOM, k, &s);
	ck_assert_ptr_nonnull(strstr(atom,
	                             "    <summary type=\"text\">The Council has agreed to sell "
	                             "a surplus depot site. The price and the\nbuyer are "
	                             "exempt information.</summary>\n"));
	free(atom);
	kept_free(k);
}
END_TEST

/* Hostile text stays text: XML-escaped in the Atom, TEXT-escaped in the
 * calendar (\ ; , and line breaks), quoted in the CSV. */
START_TEST(hostile_text_escaped)
{
	static const char *const one[] = {"tests/render/hostile.yaml", NULL};
	kept *k = load("tests/plan/kent.yaml", one);
	dr_site_info s = site_of(k);
	ck_assert_uint_eq(k->n, 1);
	char *atom = make(ATOM, k, &s);
	ck_assert_ptr_nonnull(strstr(
	    atom, "    <title type=\"text\">24/66666 - *urgent* &lt;b&gt;bold&lt;/b&gt; "
	          "&lt;script&gt;alert('title')&lt;/script&gt; [click](javascript:alert(1)) # not "
	          "a heading</title>\n"));
	ck_assert_ptr_nonnull(strstr(atom, "      <name>&lt;script&gt;alert('authority')&lt;/"
	                                   "script&gt; &amp; Co</name>\n"));
	ck_assert_ptr_null(strstr(atom, "<script"));
	ck_assert_ptr_null(strstr(atom, "<b>"));
	free(atom);
	char *ics = make(ICS, k, &s);
	ck_assert_ptr_nonnull(strstr(ics, "\r\nSUMMARY:Call-in deadline: 24/66666 - *urgent* "
	                                  "<b>bold</b> <script>alert('ti\r\n tle')</script> "
	                                  "[click](javascript:alert(1)) # not a heading\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "\r\nDESCRIPTION:Decision 24/66666 of Cabinet Member "
	                                  "for <i onmouseover=\"alert(1\r\n )\">Hover</i> `code` "
	                                  "_under_\\, published 19 July 2024. The call-in period "
	                                  "e\r\n nds at 17:00 on 26 July 2024\\; unless it is "
	                                  "called in\\, the decision can b\r\n e implemented from "
	                                  "27 July 2024.\r\n"));
	free(ics);
	char *csv = make(CSV, k, &s);
	ck_assert_ptr_nonnull(
	    strstr(csv, "\r\n24/66666,*urgent* <b>bold</b> <script>alert('title')</script> "
	                "[click](javascript:alert(1)) # not a heading,https://"
	                "decisions.example.gov.uk/decisions/24-66666/,\"Cabinet Member for <i "
	                "onmouseover=\"\"alert(1)\"\">Hover</i> `code` _under_\",Recommendations "
	                "Approved,made,yes,yes,yes,,<svg onload=alert('division')>; - dash,"
	                "![x](javascript:alert('img')),2024-07-19,2024-07-19,2024-07-27,,"
	                "2024-07-26,2024-06-18\r\n"));
	free(csv);
	kept_free(k);
}
END_TEST

#define RECORD(ref, title, dm, extra)                                                              \
	"reference: " ref "\ntitle: " title "\ndecision_maker: " dm                                \
	"\nstatus: Decision Made\nkey_decision: no\nsubject_to_call_in: yes\n" extra               \
	"decision: I agree.\nreasons: Because.\nalternatives: None.\ninterests: []\n"

/* A cell that a spreadsheet would run as a formula (= + - @ first) gets an
 * apostrophe, inside the quotes when it is quoted; quotes are doubled. */
START_TEST(csv_formula_guard)
{
	kept *k = load_text(
	    RECORD("24/00001", "\"=HYPERLINK(\\\"http://x\\\",\\\"a, b\\\")\"", "\"+44 1622\"",
	           "divisions: [\"-2\", \"@SUM(A1)\"]\nlead_officer: \"-x\"\ndates:\n  "
	           "decision: 2024-07-01\n  published: 2024-07-01\n"));
	dr_site_info s = site_of(k);
	char *csv = make(CSV, k, &s);
	ck_assert_str_eq(csv, "reference,title,url,decision_maker,status,phase,key_decision,"
	                      "subject_to_call_in,for_publication,exempt_paragraph,divisions,"
	                      "lead_officer,decision_date,published_date,effective_date,due_date,"
	                      "call_in_deadline,forward_plan_first_published\r\n"
	                      "24/00001,\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\",https://"
	                      "decisions.example.gov.uk/decisions/24-00001/,'+44 1622,Decision "
	                      "Made,made,no,yes,yes,,'-2; @SUM(A1),'-x,2024-07-01,2024-07-01,"
	                      "2024-07-09,,2024-07-08,\r\n");
	free(csv);
	kept_free(k);
}
END_TEST

/* The physical lines of the calendar: at most 75 octets each, a fold never
 * inside a UTF-8 sequence; unfolded, the SUMMARY is the whole text. The
 * title puts a 3-byte "–" across octet 75 of the first line (which then
 * ends at 73), and a 2-byte "£" across the 75th of the second (74). */
START_TEST(ics_folding)
{
	kept *k = load_text(
	    RECORD("24/00002",
	           "Kent and Medway Business Fund loans – a new round of loans for small firms and "
	           "start-ups across the county £6m in all.",
	           "Cabinet", "dates:\n  decision: 2024-07-01\n  published: 2024-07-01\n"));
	dr_site_info s = site_of(k);
	char *ics = make(ICS, k, &s);
	const char *sum = strstr(ics, "\r\nSUMMARY:");
	ck_assert_ptr_nonnull(sum);
	static const char want[] =
	    "\r\nSUMMARY:Call-in deadline: 24/00002 - Kent and Medway Business Fund loans \r\n"
	    " – a new round of loans for small firms and start-ups across the county \r\n"
	    " £6m in all.\r\nDESCRIPTION:";
	ck_assert_int_eq(strncmp(sum, want, strlen(want)), 0);
	for (const char *p = ics; *p;) {
		const char *e = strstr(p, "\r\n");
		ck_assert_ptr_nonnull(e);
		ck_assert_uint_le((size_t)(e - p), 75);
		if (*p == ' ')
			ck_assert_int_ne((unsigned char)p[1] & 0xC0, 0x80);
		p = e + 2;
	}
	free(ics);
	kept_free(k);
}
END_TEST

/* The Atom feed holds the 50 latest published decisions, latest first;
 * the calendar holds every deadline. */
START_TEST(atom_latest_fifty)
{
	dr_buf text;
	dr_buf_init(&text, 1 << 20);
	for (int i = 1; i <= 60; i++) {
		char iso[24];
		dr_date_iso(iso, dr_date_from_ymd(2024, 1, 1) + i);
		dr_buf_printf(&text,
		              "%sreference: 24/%05d\ntitle: Item %d\ndecision_maker: Cabinet\n"
		              "status: Decision Made\nkey_decision: no\nsubject_to_call_in: no\n"
		              "call_in_exemption:\n  reason: An officer decision.\n"
		              "dates:\n  decision: %s\n  published: %s\ndecision: I agree.\n"
		              "reasons: Because.\nalternatives: None.\ninterests: []\n",
		              i > 1 ? "---\n" : "", i, i, iso, iso);
	}
	kept *k = load_text(text.p);
	dr_buf_free(&text);
	ck_assert_uint_eq(k->n, 60);
	dr_site_info s = site_of(k);
	char *atom = make(ATOM, k, &s);
	size_t entries = 0;
	for (const char *p = atom; (p = strstr(p, "<entry>")); p++)
		entries++;
	ck_assert_uint_eq(entries, 50);
	ck_assert_ptr_nonnull(strstr(atom, "  <updated>2024-03-01T00:00:00Z</updated>\n"
	                                   "  <link rel=\"self\""));
	const char *first = strstr(atom, "<entry>"), *last = strstr(atom, "24/00011 - Item 11");
	ck_assert_ptr_nonnull(last);
	ck_assert_ptr_eq(strstr(atom, "tag:decisions.example.gov.uk,2024:decisions/24/00060"),
	                 first + strlen("<entry>\n    <id>"));
	ck_assert_ptr_null(strstr(atom, "24/00010 - Item 10<"));
	ck_assert_ptr_null(strstr(atom, "24/00001 - "));
	free(atom);
	kept_free(k);
}
END_TEST

/* No records: each file is whole and valid, dated by site.now. */
START_TEST(no_records)
{
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	dr_site_info s = {.title = "Empty & new",
	                  .base_url = "http://user@Example.org:8080/register",
	                  .now = (int64_t)dr_date_from_ymd(2024, 7, 19) * 86400 + 3723};
	dr_buf b;
	dr_buf_init(&b, OUT_CAP);
	ck_assert_int_eq(dr_feed_atom(&b, cfg, &s, VIEWS(NULL, 0)), 0);
	ck_assert_str_eq(b.p,
	                 "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                 "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	                 "  <id>tag:example.org,2024:decisions</id>\n"
	                 "  <title>Empty &amp; new</title>\n"
	                 "  <updated>2024-07-19T00:00:00Z</updated>\n"
	                 "  <link rel=\"self\" type=\"application/atom+xml\" "
	                 "href=\"http://user@Example.org:8080/register/feeds/decisions.atom\"/>\n"
	                 "  <link rel=\"alternate\" type=\"text/html\" "
	                 "href=\"http://user@Example.org:8080/register/\"/>\n"
	                 "  <author>\n    <name>Empty &amp; new</name>\n  </author>\n"
	                 "  <generator version=\"" DR_VERSION "\">decrec</generator>\n"
	                 "</feed>\n");
	dr_buf_free(&b);
	ck_assert_int_eq(dr_feed_ics(&b, cfg, &s, VIEWS(NULL, 0)), 0);
	ck_assert_str_eq(b.p,
	                 "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//decrec//decrec " DR_VERSION
	                 "//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
	                 "X-WR-CALNAME:Empty & new\r\nEND:VCALENDAR\r\n");
	dr_buf_free(&b);
	ck_assert_int_eq(dr_export_json(&b, cfg, &s, VIEWS(NULL, 0)), 0);
	ck_assert_str_eq(b.p, "{\n  \"generator\": \"decrec " DR_VERSION "\",\n"
	                      "  \"authority\": null,\n  \"title\": \"Empty & new\",\n"
	                      "  \"url\": \"http://user@Example.org:8080/register/\",\n"
	                      "  \"decisions\": []\n}\n");
	dr_buf_free(&b);
	ck_assert_int_eq(dr_export_csv(&b, &s, VIEWS(NULL, 0)), 0);
	ck_assert_str_eq(b.p, "reference,title,url,decision_maker,status,phase,key_decision,"
	                      "subject_to_call_in,for_publication,exempt_paragraph,divisions,"
	                      "lead_officer,decision_date,published_date,effective_date,due_date,"
	                      "call_in_deadline,forward_plan_first_published\r\n");
	dr_buf_free(&b);
	dr_config_free(cfg);
}
END_TEST

/* An item made by hand from "key", "value" pairs (NULL-ended): a dotted
 * key makes nested maps; the value "?yes" or "?no" is a flag, and "[...]"
 * a list of the ' '-separated strings inside, or with "[{}" first a map
 * before them. */
static dr_value *hand_item(dr_arena *a, const char *const *kv)
{
	dr_value *it = dr_value_map(a);
	ck_assert_ptr_nonnull(it);
	for (; *kv; kv += 2) {
		dr_value *m = it, *v;
		const char *key = kv[0], *dot;
		char part[64];
		while ((dot = strchr(key, '.'))) {
			snprintf(part, sizeof(part), "%.*s", (int)(dot - key), key);
			dr_value *sub = (dr_value *)dr_value_get(m, part, strlen(part));
			if (!sub) {
				sub = dr_value_map(a);
				ck_assert_int_eq(dr_value_set(a, m, part, sub), 0);
			}
			m = sub;
			key = dot + 1;
		}
		const char *val = kv[1];
		if (!strcmp(val, "?yes") || !strcmp(val, "?no")) {
			v = dr_value_bool(a, val[1] == 'y');
		} else if (val[0] == '[') {
			v = dr_value_list(a);
			const char *p = val + 1;
			if (!strncmp(p, "{}", 2)) {
				ck_assert_int_eq(dr_value_push(a, v, dr_value_map(a)), 0);
				p += 2;
			}
			while (*p && *p != ']') {
				size_t n = strcspn(p, " ]");
				if (n)
					ck_assert_int_eq(dr_value_push(a, v, dr_value_str(a, p, n)),
					                 0);
				p += n + (p[n] == ' ');
			}
		} else {
			v = dr_value_str(a, val, strlen(val));
		}
		ck_assert_int_eq(dr_value_set(a, m, key, v), 0);
	}
	return it;
}

/* Items no record's view makes, for what each file does with what is
 * missing or odd: no reference (left out), no slug (the reference makes
 * the address), no title, decision maker or status, flags not given,
 * a list that starts with no string, line breaks of each kind, a tab,
 * DEL and other control characters (dropped from iCalendar TEXT), the
 * characters TEXT escapes; a base URL with a user, a port and an upper
 * case host; a site whose "now" is before 1970. */
START_TEST(hand_made_items)
{
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	dr_arena *a = dr_arena_new(1 << 20);
	dr_value *items[] = {
	    hand_item(a,
	              (const char *const[]){
	                  "reference", "24/00001", "reference_slug", "24-00001", "title",
	                  "Caf\xc3\xa9\r\none\rtwo\nthree\tfour\x7f\x01; a,b\\c", "is_made", "?yes",
	                  "is_subject_to_call_in", "?yes", "dates.published_iso", "2024-07-19",
	                  "call_in.deadline_iso", "2024-07-26", "divisions", "[{} Ash Oak]", NULL}),
	    hand_item(a, (const char *const[]){"dates.published_iso", "2024-07-20", "title", "None",
	                                       NULL}),
	    hand_item(a, (const char *const[]){"reference", "24/00002", "is_proposed", "?yes",
	                                       "is_key_decision", "?yes", "dates.due_iso",
	                                       "2024-09-10", "decision_maker", "Cabinet", NULL}),
	    hand_item(a, (const char *const[]){"reference", "24/00003", "reference_slug",
	                                       "24-00003", "dates.published_iso", "2024-07-18",
	                                       "status", "Approved", "decision_maker",
	                                       "Leader & Co <x>", "is_key_decision", "?no", NULL}),
	};
	dr_site_info s = {
	    .title = "T", .base_url = "https://User@Decisions.Example.GOV.uk:8443", .now = -1};
	dr_buf b;
	dr_buf_init(&b, OUT_CAP);
	ck_assert_int_eq(dr_feed_ics(&b, cfg, &s, VIEWS(items, 4)), 0);
	ck_assert_str_eq(
	    b.p, "BEGIN:VCALENDAR\r\n"
	         "VERSION:2.0\r\n"
	         "PRODID:-//decrec//decrec " DR_VERSION "//EN\r\n"
	         "CALSCALE:GREGORIAN\r\n"
	         "METHOD:PUBLISH\r\n"
	         "X-WR-CALNAME:T\r\n"
	         "BEGIN:VEVENT\r\n"
	         "UID:24-00001-call-in@decisions.example.gov.uk\r\n"
	         "DTSTAMP:19691231T235959Z\r\n"
	         "DTSTART;VALUE=DATE:20240726\r\n"
	         "DTEND;VALUE=DATE:20240727\r\n"
	         "SUMMARY:Call-in deadline: 24/00001 - Caf\xc3\xa9\\none\\ntwo\\nthree\tfour\\; "
	         "a\\,b\\\\c\r\n"
	         "DESCRIPTION:Decision 24/00001\\, published 19 July 2024. The call-in period \r\n"
	         " ends on 26 July 2024\\; unless it is called in\\, the decision can be implem\r\n"
	         " ented from ?.\r\n"
	         "URL:https://User@Decisions.Example.GOV.uk:8443/decisions/24-00001/\r\n"
	         "TRANSP:TRANSPARENT\r\n"
	         "END:VEVENT\r\n"
	         "BEGIN:VEVENT\r\n"
	         "UID:24/00002-due@decisions.example.gov.uk\r\n"
	         "DTSTAMP:19691231T235959Z\r\n"
	         "DTSTART;VALUE=DATE:20240910\r\n"
	         "DTEND;VALUE=DATE:20240911\r\n"
	         "SUMMARY:Key decision due: 24/00002\r\n"
	         "DESCRIPTION:Key decision 24/00002\\, to be taken by Cabinet\\, due on 10 Sept\r\n"
	         " ember 2024.\r\n"
	         "URL:https://User@Decisions.Example.GOV.uk:8443/decisions/24/00002/\r\n"
	         "TRANSP:TRANSPARENT\r\n"
	         "END:VEVENT\r\n"
	         "END:VCALENDAR\r\n");
	dr_buf_free(&b);
	ck_assert_int_eq(dr_feed_atom(&b, cfg, &s, VIEWS(items, 4)), 0);
	ck_assert_str_eq(
	    b.p, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	         "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	         "  <id>tag:decisions.example.gov.uk,2024:decisions</id>\n"
	         "  <title>T</title>\n"
	         "  <updated>2024-07-19T00:00:00Z</updated>\n"
	         "  <link rel=\"self\" type=\"application/atom+xml\" "
	         "href=\"https://User@Decisions.Example.GOV.uk:8443/feeds/decisions.atom\"/>\n"
	         "  <link rel=\"alternate\" type=\"text/html\" "
	         "href=\"https://User@Decisions.Example.GOV.uk:8443/\"/>\n"
	         "  <author>\n"
	         "    <name>T</name>\n"
	         "  </author>\n"
	         "  <generator version=\"" DR_VERSION "\">decrec</generator>\n"
	         "  <entry>\n"
	         "    "
	         "<id>tag:decisions.example.gov.uk,2024:decisions/"
	         "24/00001</id>\n"
	         "    <title type=\"text\">24/00001 - "
	         "Caf\xc3\xa9&#13;\n"
	         "one&#13;two\n"
	         "three\tfour\x7f\xef\xbf\xbd; a,b\\c</title>\n"
	         "    <updated>2024-07-19T00:00:00Z</updated>\n"
	         "    <link rel=\"alternate\" type=\"text/html\" "
	         "href=\"https://"
	         "User@Decisions.Example.GOV.uk:8443/decisions/"
	         "24-00001/\"/>\n"
	         "    <summary type=\"text\">Published.</summary>\n"
	         "    <author>\n"
	         "      <name>T</name>\n"
	         "    </author>\n"
	         "  </entry>\n"
	         "  <entry>\n"
	         "    "
	         "<id>tag:decisions.example.gov.uk,2024:decisions/"
	         "24/00003</id>\n"
	         "    <title type=\"text\">24/00003</title>\n"
	         "    <updated>2024-07-18T00:00:00Z</updated>\n"
	         "    <link rel=\"alternate\" type=\"text/html\" "
	         "href=\"https://"
	         "User@Decisions.Example.GOV.uk:8443/decisions/"
	         "24-00003/\"/>\n"
	         "    <summary type=\"text\">Approved: Leader "
	         "&amp; Co &lt;x&gt;.</summary>\n"
	         "    <author>\n"
	         "      <name>T</name>\n"
	         "    </author>\n"
	         "  </entry>\n"
	         "</feed>\n");
	dr_buf_free(&b);
	ck_assert_int_eq(dr_export_json(&b, cfg, &s, VIEWS(items, 4)), 0);
	ck_assert_str_eq(
	    b.p,
	    "{\n"
	    "  \"generator\": \"decrec " DR_VERSION "\",\n"
	    "  \"authority\": null,\n"
	    "  \"title\": \"T\",\n"
	    "  \"url\": \"https://User@Decisions.Example.GOV.uk:8443/\",\n"
	    "  \"decisions\": [\n"
	    "    {\n"
	    "      \"reference\": \"24/00001\",\n"
	    "      \"title\": "
	    "\"Caf\xc3\xa9\\u000d\\u000aone\\u000dtwo\\u000athree\\u0009four\\u007f\\u0001; "
	    "a,b\\\\c\",\n"
	    "      \"url\": \"https://User@Decisions.Example.GOV.uk:8443/decisions/24-00001/\",\n"
	    "      \"authority\": null,\n"
	    "      \"decision_maker\": null,\n"
	    "      \"status\": null,\n"
	    "      \"phase\": null,\n"
	    "      \"key_decision\": null,\n"
	    "      \"subject_to_call_in\": true,\n"
	    "      \"for_publication\": null,\n"
	    "      \"exempt_paragraph\": null,\n"
	    "      \"divisions\": [\"Ash\", \"Oak\"],\n"
	    "      \"lead_officer\": null,\n"
	    "      \"summary\": null,\n"
	    "      \"public_summary\": null,\n"
	    "      \"dates\": {\n"
	    "        \"decision\": null,\n"
	    "        \"published\": \"2024-07-19\",\n"
	    "        \"effective\": null,\n"
	    "        \"due\": null,\n"
	    "        \"call_in_deadline\": \"2024-07-26\",\n"
	    "        \"forward_plan_first_published\": null\n"
	    "      }\n"
	    "    },\n"
	    "    {\n"
	    "      \"reference\": null,\n"
	    "      \"title\": \"None\",\n"
	    "      \"url\": null,\n"
	    "      \"authority\": null,\n"
	    "      \"decision_maker\": null,\n"
	    "      \"status\": null,\n"
	    "      \"phase\": null,\n"
	    "      \"key_decision\": null,\n"
	    "      \"subject_to_call_in\": null,\n"
	    "      \"for_publication\": null,\n"
	    "      \"exempt_paragraph\": null,\n"
	    "      \"divisions\": [],\n"
	    "      \"lead_officer\": null,\n"
	    "      \"summary\": null,\n"
	    "      \"public_summary\": null,\n"
	    "      \"dates\": {\n"
	    "        \"decision\": null,\n"
	    "        \"published\": \"2024-07-20\",\n"
	    "        \"effective\": null,\n"
	    "        \"due\": null,\n"
	    "        \"call_in_deadline\": null,\n"
	    "        \"forward_plan_first_published\": null\n"
	    "      }\n"
	    "    },\n"
	    "    {\n"
	    "      \"reference\": \"24/00002\",\n"
	    "      \"title\": null,\n"
	    "      \"url\": null,\n"
	    "      \"authority\": null,\n"
	    "      \"decision_maker\": \"Cabinet\",\n"
	    "      \"status\": null,\n"
	    "      \"phase\": null,\n"
	    "      \"key_decision\": true,\n"
	    "      \"subject_to_call_in\": null,\n"
	    "      \"for_publication\": null,\n"
	    "      \"exempt_paragraph\": null,\n"
	    "      \"divisions\": [],\n"
	    "      \"lead_officer\": null,\n"
	    "      \"summary\": null,\n"
	    "      \"public_summary\": null,\n"
	    "      \"dates\": {\n"
	    "        \"decision\": null,\n"
	    "        \"published\": null,\n"
	    "        \"effective\": null,\n"
	    "        \"due\": \"2024-09-10\",\n"
	    "        \"call_in_deadline\": null,\n"
	    "        \"forward_plan_first_published\": null\n"
	    "      }\n"
	    "    },\n"
	    "    {\n"
	    "      \"reference\": \"24/00003\",\n"
	    "      \"title\": null,\n"
	    "      \"url\": \"https://User@Decisions.Example.GOV.uk:8443/decisions/24-00003/\",\n"
	    "      \"authority\": null,\n"
	    "      \"decision_maker\": \"Leader & Co <x>\",\n"
	    "      \"status\": \"Approved\",\n"
	    "      \"phase\": null,\n"
	    "      \"key_decision\": false,\n"
	    "      \"subject_to_call_in\": null,\n"
	    "      \"for_publication\": null,\n"
	    "      \"exempt_paragraph\": null,\n"
	    "      \"divisions\": [],\n"
	    "      \"lead_officer\": null,\n"
	    "      \"summary\": null,\n"
	    "      \"public_summary\": null,\n"
	    "      \"dates\": {\n"
	    "        \"decision\": null,\n"
	    "        \"published\": \"2024-07-18\",\n"
	    "        \"effective\": null,\n"
	    "        \"due\": null,\n"
	    "        \"call_in_deadline\": null,\n"
	    "        \"forward_plan_first_published\": null\n"
	    "      }\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	dr_buf_free(&b);
	ck_assert_int_eq(dr_export_csv(&b, &s, VIEWS(items, 4)), 0);
	ck_assert_str_eq(
	    b.p, "reference,title,url,decision_maker,status,phase,key_decision,subject_to_call_in,"
	         "for_publication,exempt_paragraph,divisions,lead_officer,decision_date,published_"
	         "date,effective_date,due_date,call_in_deadline,forward_plan_first_published\r\n"
	         "24/00001,\"Caf\xc3\xa9\r\n"
	         "one\rtwo\n"
	         "three\tfour\x7f\x01; "
	         "a,b\\c\",https://User@Decisions.Example.GOV.uk:8443/decisions/24-00001/"
	         ",,,,,yes,,,Ash; Oak,,,2024-07-19,,,2024-07-26,\r\n"
	         ",None,,,,,,,,,,,,2024-07-20,,,,\r\n"
	         "24/00002,,,Cabinet,,,yes,,,,,,,,,2024-09-10,,\r\n"
	         "24/00003,,https://User@Decisions.Example.GOV.uk:8443/decisions/24-00003/,Leader "
	         "& Co <x>,Approved,,no,,,,,,,2024-07-18,,,,\r\n");
	dr_buf_free(&b);
	/* No item published: the feed is dated by "now", the day before 1970;
	 * a host in brackets keeps its colons, a URL with no host says so. */
	s.base_url = "http://[2001:DB8::1]:8080";
	ck_assert_int_eq(dr_feed_atom(&b, cfg, &s, VIEWS(items + 2, 1)), 0);
	ck_assert_str_eq(
	    b.p,
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	    "  <id>tag:[2001:db8::1],2024:decisions</id>\n"
	    "  <title>T</title>\n"
	    "  <updated>1969-12-31T00:00:00Z</updated>\n"
	    "  <link rel=\"self\" type=\"application/atom+xml\" "
	    "href=\"http://[2001:DB8::1]:8080/feeds/decisions.atom\"/>\n"
	    "  <link rel=\"alternate\" type=\"text/html\" href=\"http://[2001:DB8::1]:8080/\"/>\n"
	    "  <author>\n"
	    "    <name>T</name>\n"
	    "  </author>\n"
	    "  <generator version=\"" DR_VERSION "\">decrec</generator>\n"
	    "</feed>\n");
	dr_buf_free(&b);
	s.base_url = "https:///x";
	ck_assert_int_eq(dr_feed_ics(&b, cfg, &s, VIEWS(items + 2, 1)), 0);
	ck_assert_str_eq(
	    b.p, "BEGIN:VCALENDAR\r\n"
	         "VERSION:2.0\r\n"
	         "PRODID:-//decrec//decrec " DR_VERSION "//EN\r\n"
	         "CALSCALE:GREGORIAN\r\n"
	         "METHOD:PUBLISH\r\n"
	         "X-WR-CALNAME:T\r\n"
	         "BEGIN:VEVENT\r\n"
	         "UID:24/00002-due@invalid\r\n"
	         "DTSTAMP:19691231T235959Z\r\n"
	         "DTSTART;VALUE=DATE:20240910\r\n"
	         "DTEND;VALUE=DATE:20240911\r\n"
	         "SUMMARY:Key decision due: 24/00002\r\n"
	         "DESCRIPTION:Key decision 24/00002\\, to be taken by Cabinet\\, due on 10 Sept\r\n"
	         " ember 2024.\r\n"
	         "URL:https:///x/decisions/24/00002/\r\n"
	         "TRANSP:TRANSPARENT\r\n"
	         "END:VEVENT\r\n"
	         "END:VCALENDAR\r\n");
	dr_buf_free(&b);
	dr_arena_free(a);
	dr_config_free(cfg);
}
END_TEST

/* A buffer that reaches its cap: -1 from each, never a partial success. */
START_TEST(buffer_cap)
{
	static const char *const one[] = {"records/24-00058.yaml", NULL};
	kept *k = load("tests/plan/kent.yaml", one);
	dr_site_info s = site_of(k);
	for (kind w = ATOM; w <= SCHEMA; w++) {
		dr_buf b;
		dr_buf_init(&b, 200);
		int rc = w == ATOM   ? dr_feed_atom(&b, k->cfg, &s, VIEWS(k->items, k->n))
		         : w == ICS  ? dr_feed_ics(&b, k->cfg, &s, VIEWS(k->items, k->n))
		         : w == JSON ? dr_export_json(&b, k->cfg, &s, VIEWS(k->items, k->n))
		         : w == CSV  ? dr_export_csv(&b, &s, VIEWS(k->items, k->n))
		                     : dr_export_schema(&b);
		ck_assert_int_eq(rc, -1);
		ck_assert_int_eq(b.failed, 1);
		dr_buf_free(&b);
	}
	kept_free(k);
}
END_TEST

/* What XML 1.0 cannot hold (a control character from a YAML escape)
 * becomes U+FFFD in the Atom, a CR a reference; the calendar drops the
 * control characters and escapes ; , and \\ as TEXT. */
START_TEST(forbidden_characters)
{
	kept *k =
	    load_text(RECORD("24/00003", "\"Bell\\x07 and \\x1b escape; a, b \\\\ c\"", "Cabinet",
	                     "dates:\n  decision: 2024-07-01\n  published: 2024-07-01\n"
	                     "summary: \"One\\x0c\\r\\ntwo\"\n"));
	dr_site_info s = site_of(k);
	char *atom = make(ATOM, k, &s);
	ck_assert_ptr_nonnull(strstr(atom, "<title type=\"text\">24/00003 - Bell\xEF\xBF\xBD and "
	                                   "\xEF\xBF\xBD escape; a, b \\ c</title>"));
	ck_assert_ptr_nonnull(
	    strstr(atom, "<summary type=\"text\">One\xEF\xBF\xBD&#13;\ntwo</summary>"));
	free(atom);
	char *ics = make(ICS, k, &s);
	ck_assert_ptr_nonnull(strstr(ics, "\r\nSUMMARY:Call-in deadline: 24/00003 - Bell and  "
	                                  "escape\\; a\\, b \\\\ c\r\n"));
	free(ics);
	kept_free(k);
}
END_TEST

/* tests/feeds.py reads the files as readers do (feedparser, icalendar,
 * jsonschema, csv) and checks their fields. */
START_TEST(read_by_parsers)
{
	char dir[] = "/tmp/decrec-feeds-XXXXXX", path[600], cmd[1400];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	kept *k = load("tests/plan/kent.yaml", fixtures);
	dr_site_info s = site_of(k);
	static const char *const names[] = {"decisions.atom", "calendar.ics", "decisions.json",
	                                    "decisions.csv", "decisions.schema.json"};
	for (kind w = ATOM; w <= SCHEMA; w++) {
		char *out = make(w, k, &s);
		snprintf(path, sizeof(path), "%s/%s", dir, names[w]);
		FILE *f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		fputs(out, f);
		ck_assert_int_eq(fclose(f), 0);
		free(out);
	}
	kept_free(k);
	const char *py = getenv("PYTHON");
	snprintf(cmd, sizeof(cmd), "%s tests/feeds.py %s 2>&1",
	         py && *py                               ? py
	         : access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3"
	                                                 : "python3",
	         dir);
	int st;
	char *out = run_command(cmd, &st);
	ck_assert_ptr_nonnull(out);
	ck_assert_msg(st == 0, "tests/feeds.py failed:\n%s", out);
	ck_assert_str_eq(
	    out, "feeds.py: atom 16 entries, ics 28 events, json 34 decisions, csv 34 rows: "
	         "ok\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

Suite *suite_feeds(void)
{
	Suite *s = suite_create("feeds");
	TCase *tc = tcase_create("feeds");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, golden, 0, (int)N_GOLDENS);
	tcase_add_test(tc, line_ends_and_no_exempt_text);
	tcase_add_test(tc, hostile_text_escaped);
	tcase_add_test(tc, csv_formula_guard);
	tcase_add_test(tc, ics_folding);
	tcase_add_test(tc, atom_latest_fifty);
	tcase_add_test(tc, no_records);
	tcase_add_test(tc, buffer_cap);
	tcase_add_test(tc, hand_made_items);
	tcase_add_test(tc, forbidden_characters);
	tcase_add_test(tc, read_by_parsers);
	suite_add_tcase(s, tc);
	return s;
}
