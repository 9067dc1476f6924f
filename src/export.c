/* Open data of the site: the facts and computed dates of each published
 * record as JSON (with its schema) and as CSV. Only public views come in,
 * so an exempt record gives its register facts and public summary only. */
#include "export.h"

#include "decrec.h"
#include "escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The dates of an item, as both files give them: ISO days or NULL. The
 * effective date is the record's own, else (a made decision subject to
 * call-in) the day after the call-in deadline; the deadline only for a
 * record subject to call-in. */
typedef struct item_dates {
	const char *decision, *published, *effective, *due, *call_in_deadline, *first_published;
} item_dates;

static item_dates dates_of(const dr_value *it)
{
	item_dates d = {
	    .decision = dr_item_str(it, "dates.decision_iso"),
	    .published = dr_item_str(it, "dates.published_iso"),
	    .effective = dr_item_str(it, "dates.effective_iso"),
	    .due = dr_item_str(it, "dates.due_iso"),
	    .first_published = dr_item_str(it, "forward_plan.first_published_iso"),
	};
	if (dr_item_flag(it, "is_subject_to_call_in") == 1 && d.published) {
		d.call_in_deadline = dr_item_str(it, "call_in.deadline_iso");
		if (!d.effective && dr_item_flag(it, "is_made") == 1)
			d.effective = dr_item_str(it, "call_in.effective_iso");
	}
	return d;
}

/* ---- JSON ------------------------------------------------------------------ */

static void json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	dr_escape_json(f, s);
	fputc('"', f);
}

static void json_member(FILE *f, const char *indent, const char *key, const char *s, int last)
{
	fprintf(f, "%s\"%s\": ", indent, key);
	json_str(f, s);
	fputs(last ? "\n" : ",\n", f);
}

static void json_flag(FILE *f, const char *key, int flag)
{
	fprintf(f, "      \"%s\": %s,\n", key, flag < 0 ? "null" : flag ? "true" : "false");
}

/* A string list of the view (divisions) as a JSON array on one line. */
static void json_list(FILE *f, const dr_value *it, const char *key)
{
	const dr_value *l = dr_value_get(it, key, strlen(key));
	int first = 1;
	fputc('[', f);
	for (size_t i = 0; l && l->type == DR_V_LIST && i < l->u.list.n; i++) {
		if (l->u.list.items[i]->type != DR_V_STR)
			continue;
		fputs(first ? "" : ", ", f);
		json_str(f, l->u.list.items[i]->u.str.s);
		first = 0;
	}
	fputc(']', f);
}

int dr_export_json(dr_buf *out, const dr_config *cfg, const dr_site_info *s, const dr_views *v)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	if (!f)
		return -1;
	fputs("{\n", f);
	json_member(f, "  ", "generator", "decrec " DR_VERSION, 0);
	json_member(f, "  ", "authority", cfg->authority, 0);
	json_member(f, "  ", "title", s->title, 0);
	fputs("  \"url\": \"", f);
	dr_escape_json(f, s->base_url);
	fputs("/\",\n  \"decisions\": [", f);
	int bad = dr_buf_add_stream(out, f, &mem, &len);
	/* Each decision a part of its own, so that out may be handed on in
	 * pieces as it grows (dr_site_options.pieces). */
	for (size_t i = 0; i < v->n && !bad; i++) {
		const dr_value *it = v->at(v->ctx, i);
		const char *slug = it ? dr_item_str(it, "reference_slug") : NULL;
		char *url = slug ? dr_site_page_url(s, slug) : NULL;
		if (!it || (slug && !url) || !(f = open_memstream(&mem, &len))) {
			free(url);
			bad = 1;
			break;
		}
		fputs(i ? ",\n    {\n" : "\n    {\n", f);
		json_member(f, "      ", "reference", dr_item_str(it, "reference"), 0);
		json_member(f, "      ", "title", dr_item_str(it, "title"), 0);
		json_member(f, "      ", "url", url, 0);
		free(url);
		json_member(f, "      ", "authority", dr_item_str(it, "authority"), 0);
		json_member(f, "      ", "decision_maker", dr_item_str(it, "decision_maker"), 0);
		json_member(f, "      ", "status", dr_item_str(it, "status"), 0);
		json_member(f, "      ", "phase", dr_item_str(it, "phase"), 0);
		json_flag(f, "key_decision", dr_item_flag(it, "is_key_decision"));
		json_flag(f, "subject_to_call_in", dr_item_flag(it, "is_subject_to_call_in"));
		json_flag(f, "for_publication", dr_item_flag(it, "is_for_publication"));
		json_member(f, "      ", "exempt_paragraph", dr_item_str(it, "exempt_paragraph"),
		            0);
		fputs("      \"divisions\": ", f);
		json_list(f, it, "divisions");
		fputs(",\n", f);
		json_member(f, "      ", "lead_officer", dr_item_str(it, "lead_officer"), 0);
		json_member(f, "      ", "summary", dr_item_str(it, "summary"), 0);
		json_member(f, "      ", "public_summary", dr_item_str(it, "public_summary"), 0);
		item_dates d = dates_of(it);
		fputs("      \"dates\": {\n", f);
		json_member(f, "        ", "decision", d.decision, 0);
		json_member(f, "        ", "published", d.published, 0);
		json_member(f, "        ", "effective", d.effective, 0);
		json_member(f, "        ", "due", d.due, 0);
		json_member(f, "        ", "call_in_deadline", d.call_in_deadline, 0);
		json_member(f, "        ", "forward_plan_first_published", d.first_published, 1);
		fputs("      }\n    }", f);
		bad = dr_buf_add_stream(out, f, &mem, &len);
	}
	if (!bad)
		dr_buf_puts(out, v->n ? "\n  ]\n}\n" : "]\n}\n");
	return bad || out->failed ? -1 : 0;
}

/* The schema of dr_export_json's file. Every key is always there; what a
 * record does not give is null. */
static const char schema[] =
    "{\n"
    "  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n"
    "  \"$id\": \"decisions.schema.json\",\n"
    "  \"title\": \"Decisions published by decrec site\",\n"
    "  \"description\": \"Every decision of the register with its facts and computed dates. "
    "Exempt information (Schedule 12A) is never included: for a record not for publication "
    "only the register's facts and its public_summary.\",\n"
    "  \"type\": \"object\",\n"
    "  \"additionalProperties\": false,\n"
    "  \"required\": [\"generator\", \"authority\", \"title\", \"url\", \"decisions\"],\n"
    "  \"properties\": {\n"
    "    \"generator\": {\"type\": \"string\", \"description\": \"decrec and its version\"},\n"
    "    \"authority\": {\"type\": [\"string\", \"null\"], \"description\": \"the config's "
    "authority\"},\n"
    "    \"title\": {\"type\": \"string\", \"description\": \"the site's title\"},\n"
    "    \"url\": {\"type\": \"string\", \"format\": \"uri\", \"description\": \"the site's "
    "root\"},\n"
    "    \"decisions\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/decision\"}}\n"
    "  },\n"
    "  \"definitions\": {\n"
    "    \"text\": {\"type\": [\"string\", \"null\"]},\n"
    "    \"flag\": {\"type\": [\"boolean\", \"null\"], \"description\": \"yes or no; null when "
    "the record does not say\"},\n"
    "    \"day\": {\"oneOf\": [{\"type\": \"string\", \"format\": \"date\", \"pattern\": "
    "\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"}, {\"type\": \"null\"}]},\n"
    "    \"decision\": {\n"
    "      \"type\": \"object\",\n"
    "      \"additionalProperties\": false,\n"
    "      \"required\": [\"reference\", \"title\", \"url\", \"authority\", \"decision_maker\", "
    "\"status\", \"phase\", \"key_decision\", \"subject_to_call_in\", \"for_publication\", "
    "\"exempt_paragraph\", \"divisions\", \"lead_officer\", \"summary\", \"public_summary\", "
    "\"dates\"],\n"
    "      \"properties\": {\n"
    "        \"reference\": {\"$ref\": \"#/definitions/text\"},\n"
    "        \"title\": {\"$ref\": \"#/definitions/text\"},\n"
    "        \"url\": {\"oneOf\": [{\"type\": \"string\", \"format\": \"uri\"}, {\"type\": "
    "\"null\"}], \"description\": \"the decision's page\"},\n"
    "        \"authority\": {\"$ref\": \"#/definitions/text\"},\n"
    "        \"decision_maker\": {\"$ref\": \"#/definitions/text\"},\n"
    "        \"status\": {\"$ref\": \"#/definitions/text\", \"description\": \"as the record "
    "words it\"},\n"
    "        \"phase\": {\"enum\": [\"proposed\", \"made\", \"called-in\", \"referred\", "
    "\"withdrawn\", \"unknown\", null]},\n"
    "        \"key_decision\": {\"$ref\": \"#/definitions/flag\"},\n"
    "        \"subject_to_call_in\": {\"$ref\": \"#/definitions/flag\"},\n"
    "        \"for_publication\": {\"$ref\": \"#/definitions/flag\"},\n"
    "        \"exempt_paragraph\": {\"$ref\": \"#/definitions/text\", \"description\": "
    "\"paragraph of Schedule 12A, for a record not for publication\"},\n"
    "        \"divisions\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}},\n"
    "        \"lead_officer\": {\"$ref\": \"#/definitions/text\"},\n"
    "        \"summary\": {\"$ref\": \"#/definitions/text\", \"description\": \"Markdown; "
    "null for a record not for publication\"},\n"
    "        \"public_summary\": {\"$ref\": \"#/definitions/text\", \"description\": "
    "\"Markdown\"},\n"
    "        \"dates\": {\n"
    "          \"type\": \"object\",\n"
    "          \"additionalProperties\": false,\n"
    "          \"required\": [\"decision\", \"published\", \"effective\", \"due\", "
    "\"call_in_deadline\", \"forward_plan_first_published\"],\n"
    "          \"properties\": {\n"
    "            \"decision\": {\"$ref\": \"#/definitions/day\"},\n"
    "            \"published\": {\"$ref\": \"#/definitions/day\"},\n"
    "            \"effective\": {\"$ref\": \"#/definitions/day\", \"description\": \"the "
    "record's, else the day after the call-in deadline\"},\n"
    "            \"due\": {\"$ref\": \"#/definitions/day\"},\n"
    "            \"call_in_deadline\": {\"$ref\": \"#/definitions/day\", \"description\": "
    "\"computed from published and the working days of call-in\"},\n"
    "            \"forward_plan_first_published\": {\"$ref\": \"#/definitions/day\"}\n"
    "          }\n"
    "        }\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "}\n";

int dr_export_schema(dr_buf *out)
{
	return dr_buf_add(out, schema, sizeof(schema) - 1);
}

/* ---- CSV ------------------------------------------------------------------- */

/* Appends one field: quoted (quotes doubled) when it holds a comma, quote,
 * CR or LF (RFC 4180). A field starting with = + - @, tab or CR gets a
 * leading apostrophe: spreadsheets would run it as a formula (CSV
 * injection), and a title like "=HYPERLINK(...)" is the register's text,
 * not a formula. */
static void csv_field(dr_buf *b, const char *s, int last)
{
	s = s ? s : "";
	int guard = *s && strchr("=+-@\t\r", *s);
	if (strpbrk(s, ",\"\r\n")) {
		dr_buf_putc(b, '"');
		if (guard)
			dr_buf_putc(b, '\'');
		for (const char *q; (q = strchr(s, '"')); s = q + 1) {
			dr_buf_add(b, s, (size_t)(q - s));
			dr_buf_puts(b, "\"\"");
		}
		dr_buf_puts(b, s);
		dr_buf_putc(b, '"');
	} else {
		if (guard)
			dr_buf_putc(b, '\'');
		dr_buf_puts(b, s);
	}
	dr_buf_puts(b, last ? "\r\n" : ",");
}

static const char *yes_no(int flag)
{
	return flag < 0 ? "" : flag ? "yes" : "no";
}

int dr_export_csv(dr_buf *out, const dr_site_info *s, const dr_views *v)
{
	static const char *const head[] = {"reference",
	                                   "title",
	                                   "url",
	                                   "decision_maker",
	                                   "status",
	                                   "phase",
	                                   "key_decision",
	                                   "subject_to_call_in",
	                                   "for_publication",
	                                   "exempt_paragraph",
	                                   "divisions",
	                                   "lead_officer",
	                                   "decision_date",
	                                   "published_date",
	                                   "effective_date",
	                                   "due_date",
	                                   "call_in_deadline",
	                                   "forward_plan_first_published"};
	const size_t cols = sizeof(head) / sizeof(*head);
	dr_buf div;
	dr_buf_init(&div, out->max);
	for (size_t c = 0; c < cols; c++)
		csv_field(out, head[c], c + 1 == cols);
	for (size_t i = 0; i < v->n && !out->failed; i++) {
		const dr_value *it = v->at(v->ctx, i);
		const char *slug = it ? dr_item_str(it, "reference_slug") : NULL;
		char *url = slug ? dr_site_page_url(s, slug) : NULL;
		if (!it || (slug && !url)) {
			out->failed = 1;
			break;
		}
		/* Divisions in one cell, "A; B", as a list of names. */
		const dr_value *l = dr_value_get(it, "divisions", 9);
		div.len = 0;
		dr_buf_puts(&div, "");
		for (size_t k = 0; l && l->type == DR_V_LIST && k < l->u.list.n; k++)
			if (l->u.list.items[k]->type == DR_V_STR) {
				dr_buf_puts(&div, div.len ? "; " : "");
				dr_buf_puts(&div, l->u.list.items[k]->u.str.s);
			}
		item_dates d = dates_of(it);
		const char *row[] = {
		    dr_item_str(it, "reference"),
		    dr_item_str(it, "title"),
		    url,
		    dr_item_str(it, "decision_maker"),
		    dr_item_str(it, "status"),
		    dr_item_str(it, "phase"),
		    yes_no(dr_item_flag(it, "is_key_decision")),
		    yes_no(dr_item_flag(it, "is_subject_to_call_in")),
		    yes_no(dr_item_flag(it, "is_for_publication")),
		    dr_item_str(it, "exempt_paragraph"),
		    div.p,
		    dr_item_str(it, "lead_officer"),
		    d.decision,
		    d.published,
		    d.effective,
		    d.due,
		    d.call_in_deadline,
		    d.first_published,
		};
		for (size_t c = 0; c < cols; c++)
			csv_field(out, row[c], c + 1 == cols);
		free(url);
	}
	int bad = out->failed || div.failed;
	dr_buf_free(&div);
	return bad ? -1 : 0;
}
