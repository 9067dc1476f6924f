/* SARIF 2.1.0 report, valid against the OASIS schema: one run, one
 * reportingDescriptor per rule of rules.def (in its order, so ruleIndex is
 * the rule's number), one result per finding, and an invocation that says
 * whether the run failed as a run (a bad decrec.yaml, nothing to check, too
 * many warnings). Nothing in it depends on the machine: paths are URIs
 * relative to %SRCROOT%, the directory of decrec.yaml (or the one decrec ran
 * in), whose absolute URI is deliberately left out. */
#include "emit.h"

#include "escape.h"

#include <stdlib.h>
#include <string.h>

#define SCHEMA                                                                                     \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"                      \
	"sarif-schema-2.1.0.json"

/* Writes "key": "value" with value escaped for JSON. */
static void field(FILE *out, const char *key, const char *value)
{
	fprintf(out, "\"%s\": \"", key);
	dr_escape_json(out, value);
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

/* The artifactLocation of a file: relative to %SRCROOT%, or a file: URI for
 * an absolute path outside it, or no URI at all for standard input. */
static void artifact(const dr_emit *e, const char *name)
{
	FILE *out = e->out;
	fputs("\"artifactLocation\": {", out);
	if (!strcmp(name, "-")) {
		message(out, "description", "standard input", NULL);
		fputc('}', out);
		return;
	}
	/* A path given absolute stays a file: URI unless it is in the
	 * repository; one given relative stays relative, "../" and all. */
	char *rel = dr_emit_relative(e, name, e->o ? e->o->srcroot : NULL, name[0] == '/');
	if (!rel && name[0] == '/') {
		fputs("\"uri\": \"file://", out);
		dr_escape_uri_path(out, name);
		fputc('"', out);
	} else {
		fputs("\"uri\": \"", out);
		dr_escape_uri_path(out, rel ? rel : name);
		fputs("\", \"uriBaseId\": \"%SRCROOT%\"", out);
	}
	free(rel);
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

static void rules(const dr_emit *e)
{
	FILE *out = e->out;
	const char *docs = e->o ? e->o->docs_url : NULL;
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
		if (docs) /* docs_url was checked to hold no character JSON escapes */
			fprintf(out, ", \"helpUri\": \"%s#%s\"", docs, name);
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

static void result(const dr_emit *e, const char *file, const dr_diag *d)
{
	FILE *out = e->out;
	fputs("{", out);
	field(out, "ruleId", dr_rule_name(d->rule));
	fprintf(out, ", \"ruleIndex\": %d, \"level\": \"%s\", ", d->rule, level(d->severity));
	message(out, "message", d->message, NULL);
	fputs(", \"locations\": [{\"physicalLocation\": {", out);
	artifact(e, file);
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

/* One notification: the problem of the run, or the warnings over the limit. */
static void notification(const dr_emit *e, const char *id, const char *text,
                         const dr_run_problem *p)
{
	FILE *out = e->out;
	fprintf(out, "[{\"level\": \"error\", \"descriptor\": {\"id\": \"%s\"}, ", id);
	message(out, "message", text, NULL);
	if (p && p->file) {
		fputs(", \"locations\": [{\"physicalLocation\": {", out);
		artifact(e, p->file);
		if (p->line)
			fprintf(out, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}",
			        p->line, p->column ? p->column : 1);
		fputs("}}]", out);
	}
	fputs("}]", out);
}

/* The invocation: whether the run succeeded as a run, and why not. A bad
 * decrec.yaml is a configuration notification; nothing to check and too
 * many warnings are execution notifications. */
static void invocation(const dr_emit *e)
{
	FILE *out = e->out;
	const dr_run_problem *p = e->o ? e->o->problem : NULL;
	char why[128];
	dr_emit_max_warnings(e, why, sizeof(why));
	fprintf(out, "      \"invocations\": [{\"executionSuccessful\": %s",
	        p || *why ? "false" : "true");
	if (p) {
		fprintf(out, ", \"%s\": ",
		        !strcmp(p->id, "config") ? "toolConfigurationNotifications"
		                                 : "toolExecutionNotifications");
		notification(e, p->id, p->message, p);
	} else if (*why) {
		fputs(", \"toolExecutionNotifications\": ", out);
		notification(e, "max-warnings", why, NULL);
	}
	fputs("}],\n", out);
}

static void begin(const dr_emit *e)
{
	FILE *out = e->out;
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
	rules(e);
	fputs("\n          ]\n"
	      "        }\n"
	      "      },\n",
	      out);
	invocation(e);
	fprintf(out,
	        "      \"originalUriBaseIds\": {\"%%SRCROOT%%\": {\"description\": {\"text\": "
	        "\"%s; file paths are relative to it\"}}},\n"
	        "      \"columnKind\": \"unicodeCodePoints\",\n"
	        "      \"results\": [",
	        e->o && e->o->srcroot ? "the repository root, the directory of decrec.yaml"
	                              : "the directory decrec ran in");
}

static void finding(const dr_emit *e, const dr_file *f, const dr_diag *d)
{
	fputs(e->shown ? ",\n        " : "\n        ", e->out);
	result(e, dr_file_name(f), d);
}

static void end(const dr_emit *e)
{
	fputs(e->shown ? "\n      ]\n" : "]\n", e->out);
	fputs("    }\n"
	      "  ]\n"
	      "}\n",
	      e->out);
}

const dr_emitter dr_emitter_sarif = {
    .relative_paths = 1, .begin = begin, .finding = finding, .end = end};
