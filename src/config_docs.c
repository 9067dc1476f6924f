/* decrec.yaml described for people, from the key table (config.def): the
 * key table of docs/configuration.md and the manual page decrec.yaml(5),
 * so that neither can drift from what the loader accepts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

/* What a key's value is, in Markdown: "whole number, 1 to 60". */
static void type_md(FILE *out, const dr_config_key *k)
{
	static const char *const names[] = {
	    [C_MAP] = "mapping",
	    [C_TEXT] = "text",
	    [C_TIME] = "time, `HH:MM`",
	    [C_REGEX] = "regular expression",
	    [C_FORMAT] = "reference format",
	    [C_PATH] = "path",
	    [C_DATES] = "list of dates",
	    [C_URL] = "web address",
	    [C_STATUSES] = "list of `{name, phase}`",
	    [C_LABELS] = "label key: text",
	};
	if (k->type == C_INT) {
		fprintf(out, "whole number, %d to %d", k->min, k->max);
		return;
	}
	if (!k->values) {
		fputs(names[k->type], out);
		return;
	}
	if (k->type == C_RULES)
		fputs("rule name: ", out);
	const char *v = k->values;
	while (*v) {
		const char *bar = strchr(v, '|');
		int len = bar ? (int)(bar - v) : (int)strlen(v);
		fprintf(out, "%s`%.*s`", v == k->values ? "" : bar ? ", " : " or ", len, v);
		v += len + (bar != NULL);
	}
}

/* The default in Markdown: a value as code, or the table's phrase. */
static void default_md(FILE *out, const dr_config_key *k)
{
	if (!k->def && k->parent != K_ROOT && dr_config_keys[k->parent].type != C_MAP)
		fputs("required", out); /* in each entry of a list */
	else if (!k->def)
		fputs(k->type == C_MAP ? "" : "none", out);
	else if (k->type == C_STATUSES || k->type == C_RULES || k->type == C_LABELS)
		fputs(k->def, out);
	else
		fprintf(out, "`%s`", k->def);
}

void dr_docs_write_config(FILE *out)
{
	char path[64];
	fputs("| key | value | default | meaning |\n|---|---|---|---|\n", out);
	for (int k = 0; k < K_COUNT; k++) {
		const dr_config_key *ki = &dr_config_keys[k];
		fprintf(out, "| `%s` | ", dr_config_key_path(k, path, sizeof(path)));
		type_md(out, ki);
		fputs(" | ", out);
		default_md(out, ki);
		fprintf(out, " | %s |\n", ki->doc);
	}
}

/* ---- decrec.yaml(5) ---------------------------------------------------------- */

/* Writes the one-line Markdown `s` (`code`, [text](link), as config.def
 * and labels.def use) as troff text: code in bold, links as their text,
 * backslashes escaped, other than ASCII as \[uXXXX], and a leading dot or
 * quote kept from being read as a request. */
static void md_troff(FILE *out, const char *s)
{
	int code = 0;
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const char *close;
		if (*p == '`') {
			fputs((code = !code) ? "\\fB" : "\\fR", out);
		} else if (*p == '[' && !code && (close = strstr((const char *)p, "](")) &&
		           strchr(close, ')')) {
			fprintf(out, "%.*s", (int)(close - (const char *)p - 1),
			        (const char *)p + 1);
			p = (const unsigned char *)strchr(close, ')');
		} else if (*p == '\\') {
			fputs("\\e", out);
		} else if (*p >= 0x80) {
			/* One UTF-8 sequence (the tables are valid UTF-8). */
			int n = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : 1;
			unsigned cp = *p & (0x3Fu >> n);
			for (int i = 0; i < n && (p[1] & 0xC0) == 0x80; i++)
				cp = cp << 6 | (*++p & 0x3Fu);
			fprintf(out, "\\[u%04X]", cp);
		} else {
			fputc(*p, out);
		}
	}
	if (code)
		fputs("\\fR", out);
	fputc('\n', out);
}

/* A paragraph of the page: Markdown in a buffer, then md_troff. */
static void md_troff_parts(FILE *out, const dr_config_key *k)
{
	char buf[512];
	FILE *m = fmemopen(buf, sizeof(buf), "w");
	if (!m)
		return;
	type_md(m, k);
	if (k->def || k->parent != K_ROOT) {
		fputs(k->def ? "; default: " : "; ", m);
		default_md(m, k);
	}
	fputc('.', m);
	fclose(m);
	buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
	md_troff(out, buf);
}

void dr_docs_write_config_man(FILE *out)
{
	char path[64];
	fprintf(out,
	        ".TH DECREC.YAML 5 \"\" \"decrec %s\" \"File Formats Manual\"\n"
	        ".SH NAME\n"
	        "decrec.yaml \\- the settings of a repository of decision records\n"
	        ".SH DESCRIPTION\n"
	        "A repository of decision records keeps its settings in\n"
	        ".IR decrec.yaml .\n"
	        ".B decrec\n"
	        "looks for the file in the working directory, then in each parent directory\n"
	        "up to\n"
	        ".IR / ,\n"
	        "and uses the first one it finds.\n"
	        ".B \\-\\-config\n"
	        ".I FILE\n"
	        "names the file instead, and\n"
	        ".B \\-\\-no\\-config\n"
	        "uses the built-in defaults and reads no file.\n"
	        "The directory that holds the config is the repository root: relative\n"
	        "document links must stay inside it.\n"
	        ".PP\n"
	        "Every key is optional.\n"
	        "An unknown key is an error, with the nearest known key suggested, so that a\n"
	        "misspelt setting is never silently ignored.\n"
	        "A bad config stops the run with exit status 2 and one message that names\n"
	        "the file, line and column.\n"
	        ".SH KEYS\n"
	        "A key under a mapping is written here with its path, as in\n"
	        ".BR call_in.working_days ;\n"
	        "in the file it is\n"
	        ".B working_days\n"
	        "under\n"
	        ".BR call_in: .\n",
	        dr_version());
	for (int k = 0; k < K_COUNT; k++) {
		fprintf(out, ".TP\n.B %s\n", dr_config_key_path(k, path, sizeof(path)));
		md_troff_parts(out, &dr_config_keys[k]);
		fputs(".br\n", out);
		md_troff(out, dr_config_keys[k].doc);
	}
	fputs(".SH LABELS\n"
	      "The keys of\n"
	      ".BR labels ,\n"
	      "each with the wording the built-in templates use when the config gives none:\n",
	      out);
	for (int i = 0; i < DR_LABEL_COUNT; i++) {
		fprintf(out, ".TP\n.B %s\n", dr_labels[i].key);
		md_troff(out, dr_labels[i].text);
		fputs(".br\n", out);
		md_troff(out, dr_labels[i].doc);
	}
	fputs(".SH EXAMPLE\n"
	      ".nf\n"
	      "authority: Example Borough Council\n"
	      "reference_pattern: \\(aq^EX/[0-9]{4}/[0-9]{3}$\\(aq\n"
	      "reference_format: \\(aqEX/{yyyy}/{seq:3}\\(aq\n"
	      "call_in:\n"
	      "  working_days: 10\n"
	      "  effective: next\\-working\\-day\n"
	      "rules:\n"
	      "  late\\-publication: off\n"
	      ".fi\n"
	      ".SH SEE ALSO\n"
	      ".BR decrec (1),\n"
	      ".BR decrec\\-validate (1),\n"
	      ".BR decrec\\-dates (1)\n",
	      out);
}
