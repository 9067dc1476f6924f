/* The record format and the rules described for people: the Markdown tables
 * of docs/record-format.md and docs/rules.md, written from the field table
 * and the rule table so the docs cannot drift from the code. */
#include "diag.h"
#include "record.h"

static const char *type_name(dr_type t)
{
	switch (t) {
	case T_LINE:
		return "text, one line";
	case T_MD:
		return "Markdown";
	case T_BOOL:
		return "yes/no";
	case T_DATE:
		return "date";
	case T_INT:
		return "whole number";
	case T_STRLIST:
		return "list of text";
	case T_MAP:
		return "mapping";
	case T_LIST:
		return "list of mappings";
	case T_EXCEPTION:
		return "`general-exception` or `special-urgency`";
	case T_RESTRICTION:
		return "`open`, `part-exempt` or `fully-exempt`";
	}
	return "";
}

/* "interests[].member": list items are marked with []. */
static void path(FILE *out, int f)
{
	int p = dr_fields[f].parent;
	if (p != F_ROOT) {
		path(out, p);
		fputs(dr_fields[p].type == T_LIST ? "[]." : ".", out);
	}
	fputs(dr_fields[f].key, out);
}

void dr_docs_write_fields(FILE *out)
{
	fputs("| key | type | required | meaning |\n|---|---|---|---|\n", out);
	for (int f = 0; f < F_COUNT; f++) {
		fputs("| `", out);
		path(out, f);
		fprintf(out, "` | %s | %s | %s |\n", type_name(dr_fields[f].type),
		        dr_reqs[dr_fields[f].req].docs, dr_fields[f].doc);
	}
}

void dr_docs_write_rules(FILE *out)
{
	fputs("| rule | default | fires when |\n|---|---|---|\n", out);
	for (int r = 0; r < DR_RULE_COUNT; r++)
		fprintf(out, "| [`%s`](#%s) | %s | %s |\n", dr_rule_name(r), dr_rule_name(r),
		        dr_severity_name(dr_rule_default(r)), dr_rule_summary(r));
}
