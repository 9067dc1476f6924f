/* SARIF 2.1.0 report, valid against the OASIS schema: one run, one
 * reportingDescriptor per rule of rules.def (in its order, so ruleIndex is
 * the rule's number), one result per finding. Nothing in it depends on the
 * machine: paths are URIs relative to SRCROOT, the directory decrec ran in,
 * whose absolute URI is deliberately left out. */
#include "report.h"

#include <string.h>

#define SCHEMA                                                                                     \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"                      \
	"sarif-schema-2.1.0.json"

/* Writes "key": "value" with value escaped for JSON. */
static void field(FILE *out, const char *key, const char *value)
{
	fprintf(out, "\"%s\": \"", key);
	dr_json_string(out, value);
	fputc('"', out);
}

/* {"text": s}, and "markdown" beside it when md is not NULL. */
static void message(FILE *out, const char *key, const char *s, const char *md)
{
	fprintf(out, "\"%s\": {", key);
	field(out, "text", s);
	if (md) {
		fputs(", ", out);
		field(out, "markdown", md);
	}
	fputc('}', out);
}

/* Writes `path` as a URI reference: letters, digits, "-._~" and '/' as they
 * are, every other byte percent-encoded (space, '%', '#', '?', ':', which in
 * a first segment would read as a scheme, and each byte of a non-ASCII
 * character, so that the URI names the file's exact bytes). */
static void uri_path(FILE *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			fputc((int)c, out);
		else
			fprintf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* The artifactLocation of a file: relative to SRCROOT, or a file: URI for an
 * absolute path, or no URI at all for standard input. */
static void artifact(FILE *out, const char *name)
{
	fputs("\"artifactLocation\": {", out);
	if (!strcmp(name, "-")) {
		message(out, "description", "standard input", NULL);
	} else if (name[0] == '/') {
		fputs("\"uri\": \"file://", out);
		uri_path(out, name);
		fputc('"', out);
	} else {
		fputs("\"uri\": \"", out);
		uri_path(out, name);
		fputs("\", \"uriBaseId\": \"SRCROOT\"", out);
	}
	fputc('}', out);
}

/* SARIF's "none" is our "off". */
static const char *level(dr_severity s)
{
	return s == DR_OFF ? "none" : dr_severity_name(s);
}

/* The rule's fix as plain text: the Markdown with its backticks dropped. */
static void fix_text(char *buf, size_t cap, const char *fix)
{
	size_t n = 0;
	for (; *fix && n + 1 < cap; fix++)
		if (*fix != '`')
			buf[n++] = *fix;
	buf[n] = '\0';
}

static void rules(FILE *out)
{
	int n = dr_rule_count();
	for (int r = 0; r < n; r++) {
		const char *name = dr_rule_name(r), *fix = dr_rule_fix(r);
		char full[512], text[1024];
		snprintf(full, sizeof(full),
		         "Fires when %s. docs/rules.md, section %s, shows an example and its fix.",
		         dr_rule_summary(r), name);
		fix_text(text, sizeof(text), fix);
		fputs(r ? ",\n            {" : "\n            {", out);
		field(out, "id", name);
		fputs(", ", out);
		message(out, "shortDescription", dr_rule_summary(r), NULL);
		fputs(", ", out);
		message(out, "fullDescription", full, NULL);
		fputs(", ", out);
		message(out, "help", text, fix);
		fprintf(out, ", \"defaultConfiguration\": {\"level\": \"%s\"}}",
		        level(dr_rule_default(r)));
	}
}

/* The region of a finding; the end only when it is a real one (SARIF's
 * endColumn, like ours, is one past the last character). */
static void region(FILE *out, const dr_diag *d)
{
	fprintf(out, "\"region\": {\"startLine\": %u, \"startColumn\": %u", d->line, d->column);
	if (d->end_line > d->line || (d->end_line == d->line && d->end_column >= d->column))
		fprintf(out, ", \"endLine\": %u, \"endColumn\": %u", d->end_line, d->end_column);
	fputc('}', out);
}

static void result(FILE *out, const char *file, const dr_diag *d)
{
	fputs("{", out);
	field(out, "ruleId", dr_rule_name(d->rule));
	fprintf(out, ", \"ruleIndex\": %d, \"level\": \"%s\", ", d->rule, level(d->severity));
	message(out, "message", d->message, NULL);
	fputs(", \"locations\": [{\"physicalLocation\": {", out);
	artifact(out, file);
	fputs(", ", out);
	region(out, d);
	fputc('}', out);
	if (d->field && *d->field) {
		fputs(", \"logicalLocations\": [{", out);
		field(out, "fullyQualifiedName", d->field);
		fputs("}]", out);
	}
	fputs("}]", out);
	if (d->expected) {
		fputs(", \"properties\": {", out);
		field(out, "expected", d->expected);
		fputc('}', out);
	}
	fputc('}', out);
}

void dr_emit_sarif(const dr_emit *e)
{
	FILE *out = e->out;
	int first = 1;
	fputs("{\n"
	      "  \"$schema\": \"" SCHEMA "\",\n"
	      "  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n"
	      "    {\n"
	      "      \"tool\": {\n"
	      "        \"driver\": {\n"
	      "          \"name\": \"decrec\",\n"
	      "          \"version\": \"" DR_VERSION "\",\n"
	      "          \"semanticVersion\": \"" DR_VERSION "\",\n"
	      "          \"rules\": [",
	      out);
	rules(out);
	fputs("\n          ]\n"
	      "        }\n"
	      "      },\n"
	      "      \"originalUriBaseIds\": {\"SRCROOT\": {\"description\": {\"text\": \"the "
	      "directory decrec ran in; file paths are relative to it\"}}},\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": [",
	      out);
	for (size_t i = 0; i < e->n; i++) {
		const dr_file *f = dr_emit_file(e, i);
		if (!f)
			continue;
		size_t k;
		const dr_diag *d = dr_file_diags(f, &k);
		for (size_t j = 0; j < k; j++) {
			if (!dr_emit_shown(e, &d[j]))
				continue;
			fputs(first ? "\n        " : ",\n        ", out);
			first = 0;
			result(out, dr_file_name(f), &d[j]);
		}
	}
	fputs(first ? "]\n" : "\n      ]\n", out);
	fputs("    }\n"
	      "  ]\n"
	      "}\n",
	      out);
}
